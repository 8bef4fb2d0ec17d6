"""Every file quizapp reads or writes goes through here.

Reading: only regular files (a named pipe would block for ever, a device never ends), with
the size limit counted on the bytes actually read, since `st_size` is 0 for devices and a
file may grow while it is read. A symbolic link to a regular file is followed; a loop of
links is a one-line refusal like any other.

Writing (`write_output`): never over an existing file without `force`, never through a
symbolic link at the target (the link is refused, not followed nor replaced), never over
something that is not a regular file (a folder, a device, a named pipe), and always
atomically: a temporary file in the same folder, flushed to disk, then renamed into place,
so a reader never sees half a file and a crash leaves the old one whole. `-` means stdout.

Only the standard library (and `quizapp.i18n`, which is only that too): every layer may
use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from quizapp.i18n import Message, Said

STDOUT = "-"
"""The path that means standard output, for every command that writes a file."""


class OutputExistsError(Exception):
    """The output file exists and `force` was not given; the message is one sentence
    (`file.exists`, worded where it is shown: `quizapp.i18n.explain`)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        self.message = Message("file.exists", path=self.path)
        super().__init__(str(self.message))


class RefusedPath(OSError):
    """A path quizapp will not read or write; `strerror` says why, in a few words that
    follow the file's name (e.g. "a named pipe, not a regular file"): in English, and as
    a catalog message (`file.*`) to word in the reader's language."""

    def __init__(self, path: str | os.PathLike[str], reason: Message | str) -> None:
        super().__init__(errno.EINVAL, str(reason), str(path))
        self.reason: str = Said(reason) if isinstance(reason, Message) else reason
        self.message = Message("file.refused", path=str(path), reason=reason)

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"


class TooLargeError(RefusedPath):
    """More bytes than the limit were read."""

    def __init__(self, path: str | os.PathLike[str], limit: int, size: int | None = None) -> None:
        super().__init__(path, Message("file.too_large", size=_size(limit)))
        self.limit = limit
        self.size = size
        """The file's size when it was known before reading (a regular file's st_size)."""


def _size(n: int) -> Message:
    if n >= 2**20 and n % 2**20 == 0:
        return Message("file.megabytes", n=n // 2**20)
    return Message("file.bytes", count=n, size=f"{n:,}")


def kind_of(mode: int) -> Said:
    """What a file is, in words, from its `st_mode` (English, carrying its message)."""
    return Said(Message(f"file.kind_{_kind(mode)}"))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode):
        return "char_device"
    if stat.S_ISBLK(mode):
        return "block_device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISLNK(mode):
        return "link"
    return "other"


_ERRNO_KEYS = {
    errno.ELOOP: "file.link_loop",
    errno.ENOENT: "file.missing",
    errno.EISDIR: "file.folder",
    errno.EACCES: "file.denied",
    errno.EPERM: "file.denied",
}


def reason(exc: OSError) -> str:
    """A few words saying why a path could not be read or written: English, carrying the
    catalog's message (`file.*`) where there is one (`quizapp.i18n.explain` words it)."""
    if isinstance(exc, RefusedPath):
        return exc.reason
    key = _ERRNO_KEYS.get(exc.errno or 0)
    if key is not None:
        return Said(Message(key))
    return (exc.strerror or str(exc)).rstrip(".")


# -- reading ------------------------------------------------------------------------------


def read_regular(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them.

    Raises `RefusedPath` for anything that is not a regular file (checked on the opened
    file, so nothing can be swapped in between), `TooLargeError` once more than
    `max_bytes` were read, and `OSError` for the rest (no such file, a loop of links).
    """
    # O_NONBLOCK: opening a named pipe for reading must not wait for a writer; it is then
    # refused on its fstat. On a regular file the flag changes nothing.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise RefusedPath(path, Message("file.folder"))
        if not stat.S_ISREG(mode):
            raise RefusedPath(path, Message("file.not_regular", kind=kind_of(mode)))
        size = os.fstat(fd).st_size
        if max_bytes is not None and size > max_bytes:
            raise TooLargeError(path, max_bytes, size)  # refused unread
        chunks: list[bytes] = []
        total = 0
        limit = max_bytes if max_bytes is not None else -1
        while True:
            want = 1 << 20 if limit < 0 else min(1 << 20, limit + 1 - total)
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if max_bytes is not None and total > max_bytes:
                raise TooLargeError(path, max_bytes)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: str | os.PathLike[str]) -> bool:
    """True for a regular file, or a link to one; never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def skipped_reason(path: str | os.PathLike[str]) -> str | None:
    """Why a path found in a folder is no file to read, or None when it is one."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return reason(exc)
    except ValueError:
        return Said(Message("file.bad_name"))
    if stat.S_ISREG(mode):
        return None
    return Said(Message("file.not_regular", kind=kind_of(mode)))


# -- writing ------------------------------------------------------------------------------


def check_output(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Raise what `write_output` would raise about the target, before any work is done:
    `RefusedPath` for a link or a non-regular file, `OutputExistsError` for a file that
    exists without `force`. `-` (stdout) always passes."""
    if str(path) == STDOUT:
        return
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise RefusedPath(path, Message("file.link_target"))
    if not stat.S_ISREG(mode):
        raise RefusedPath(path, Message("file.not_replaced", kind=kind_of(mode)))
    if not force:
        raise OutputExistsError(path)


def write_output(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    force: bool = False,
    stdout: BinaryIO | None = None,
    mkdir: bool = False,
) -> Path | None:
    """Write `data` (str is written as UTF-8) to `path`, or to stdout when `path` is `-`.

    Returns the path written, or None for stdout. Raises `OutputExistsError`,
    `RefusedPath` (see `check_output`), or `OSError` when the disk says no. `mkdir`
    creates the missing folders first.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == STDOUT:
        out = stdout if stdout is not None else sys.stdout.buffer
        out.write(raw)
        out.flush()
        return None
    path = Path(path)
    check_output(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    if mkdir:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); what the user saves is for sharing, like
        # any file they save, and a replaced file keeps its mode.
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        if force:
            # Checked again just before: a rename never follows a link at the target, but
            # it would put a file where a pipe or a device appeared meanwhile.
            check_output(path, force=True)
            os.replace(tmp, path)
        elif _link_new(tmp, path):
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(folder)
    return path


def _link_new(tmp: str, path: Path) -> bool:
    """Put `tmp` at `path` unless something is there; True when `tmp` is still to remove."""
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        check_output(path, force=True)  # a link or a pipe that appeared says what it is
        raise OutputExistsError(path) from None
    except OSError:
        # No hard links here (a FAT USB stick): check, then move; the window is tiny.
        check_output(path, force=False)
        os.replace(tmp, path)
        return False


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder for this."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
