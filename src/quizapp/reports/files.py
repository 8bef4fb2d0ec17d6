"""Writing report files safely: never over an existing file unless asked, always atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputExistsError(Exception):
    """The output file exists and `force` was not given."""


def write_atomic(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, so a reader
    never sees half a file and a crash leaves the old one whole. With `force` the
    temporary file replaces the old one (`os.replace`); without, it is hard-linked into
    place, which fails if a file appeared there meanwhile, so nothing is ever clobbered."""
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
        # mkstemp makes the file private (0600); a report is for sharing, like any file
        # the user saves, and a replaced file keeps its mode.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        if force:
            os.replace(tmp, path)
        elif _link_new(tmp, path):
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def _link_new(tmp: str, path: Path) -> bool:
    """Put `tmp` at `path` unless something is there; True when `tmp` is still to remove."""
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        raise OutputExistsError(f"{path} already exists; use --force to replace it.") from None
    except OSError:
        # No hard links here (a FAT USB stick): check, then move; the window is tiny.
        if path.exists():
            raise OutputExistsError(f"{path} already exists; use --force to replace it.") from None
        os.replace(tmp, path)
        return False
