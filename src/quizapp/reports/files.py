"""Writing report files: the one output function every writer uses, under its report name.

See `quizapp.fileio`: never over an existing file unless asked, never through a link or
over something that is not a regular file, always atomically.
"""

from __future__ import annotations

from pathlib import Path

from quizapp.fileio import OutputExistsError, RefusedPath, write_output

__all__ = ["OutputExistsError", "RefusedPath", "write_atomic"]


def write_atomic(path: str | Path, data: bytes, force: bool = False) -> Path | None:
    """Write `data` to `path` (`-`: stdout) through `quizapp.fileio.write_output`."""
    return write_output(path, data, force=force)
