"""What can go wrong opening the score store, and moving a broken database aside."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

# The store's name for it; the test lives with the paths, which need it without the store.
from quizapp.i18n import Message
from quizapp.locations import is_postgres_url as is_database_url


class StoreError(Exception):
    """The score store cannot be used; the message is one sentence naming the file (or
    the PostgreSQL database, whose URL, without its password, is then `path`): a catalog
    `Message` (`store.*`), worded where it is shown (`quizapp.i18n.explain`); `str()` is
    its English."""

    def __init__(self, path: Path | str, message: Message | str) -> None:
        self.path: Path | str = path if is_database_url(path) else Path(path)
        self.message: Message | None = message if isinstance(message, Message) else None
        super().__init__(str(message))


class StoreCorrupt(StoreError):
    """The database file is unreadable or damaged. It is left exactly as it is."""

    path: Path
    """A file: only SQLite's database is found damaged."""

    def __init__(self, path: Path, detail: str = "", *, reason: str = "", **facts: object) -> None:
        why = Message(f"store.why_{reason}", **facts) if reason else detail
        self.detail = detail or str(why)
        """What is wrong, in English (SQLite's own words, or ours), if known."""
        self.reason = reason
        """What is wrong as a key ("not_sqlite", "truncated"), with `facts` to word it
        in another language; empty when only SQLite's words are known."""
        self.facts = facts
        key = "store.corrupt_why" if why else "store.corrupt"
        super().__init__(path, Message(key, path=path, why=why))


class StoreRecordError(StoreError):
    """One record in the database cannot be read (its JSON is not valid, or it contradicts
    itself); the rest of the database is fine. The record is named, never "fixed"."""

    def __init__(self, path: Path, what: str) -> None:
        self.what = what
        super().__init__(path, Message("store.record", path=path, what=what))


class LeaseHeld(StoreError):
    """The attempt is being taken in another quizapp (another window or process)."""

    def __init__(self, path: Path, since: datetime, free_at: datetime) -> None:
        self.since = since
        self.free_at = free_at
        """When it may be taken over, if nothing is answered there before then."""
        last = since.astimezone().strftime("%H:%M")
        free = free_at.astimezone().strftime("%H:%M")
        super().__init__(path, Message("store.lease_held", last=last, free=free))


class LeaseLost(StoreError):
    """This process no longer owns the attempt: another one took it over, so answers
    from here are refused rather than mixed into its record."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, Message("store.lease_lost"))


class StoreTooNew(StoreError):
    """The database was written by a newer quizapp; it is not downgraded."""

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        super().__init__(
            path, Message("store.too_new", path=path, found=found, supported=supported)
        )


def move_aside(path: Path, now: Callable[[], datetime] | None = None) -> Path:
    """Rename a broken database (and its -wal and -shm files) to
    `NAME.corrupt-<UTC timestamp>` so a fresh one can be made; nothing is deleted or
    overwritten. Returns the new path of the main file."""
    path = Path(path)
    stamp = (now or (lambda: datetime.now(UTC)))().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = path.with_name(f"{path.name}.corrupt-{stamp}")
    target = base
    n = 1
    while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm")):
        n += 1
        target = base.with_name(f"{base.name}-{n}")
    # The -wal file may hold committed answers: it travels with the main file.
    for suffix in ("-wal", "-shm", ""):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.rename(source, f"{target}{suffix}")
    return target
