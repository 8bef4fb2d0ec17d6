"""Writing report files safely: never over an existing file unless asked, always atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputExistsError(Exception):
    """The output file exists and `force` was not given."""


def write_atomic(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder and `os.replace`,
    so a reader never sees half a file and a crash leaves the old one whole."""
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists; use --force to replace it.")
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
