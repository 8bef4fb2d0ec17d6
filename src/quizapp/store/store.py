"""The score store: one SQLite file per data directory (the embedded default; the same
interface on a PostgreSQL server is `postgres.PgStore`, a subclass: see its docstring).

Every answer is committed durably the moment it is given (WAL, `synchronous=FULL`), in
the same transaction as the update of its review card. Writers take the lock up front
(`BEGIN IMMEDIATE`) and wait for each other (a busy timeout, then retries), so two
quizapp processes on one data directory queue instead of failing with "database is
locked". A file that is not a readable database raises `StoreCorrupt` and is never
touched; `errors.move_aside` renames it on request and `repair.recover` salvages what
can still be read into a new one.

Damage is looked for at open (`PRAGMA quick_check`, on a read-only connection, before
anything is written) and whenever SQLite reports it later: an error that names damage
or suggests it (an I/O error, "malformed") is confirmed with a full integrity check,
and from then on the store refuses every write. A `-wal` file deleted under a running
quizapp (its `-shm` says it held answers) is noticed at the next open (`warnings`).

An attempt in progress is leased to one store (one process) at a time: the lease is
taken atomically when the attempt starts or resumes, renewed by every answer, released
at close, and may be taken over when its owner is dead or after `LEASE_TIMEOUT` without
an answer. Answers from a store that lost the lease are refused (`LeaseLost`).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import os
import socket
import sqlite3
import sys
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from pydantic import JsonValue

from quizapp.i18n import Message, Said
from quizapp.names import clean_learner_name, name_key
from quizapp.store.classes import ClassStore
from quizapp.store.errors import (
    LeaseHeld,
    LeaseLost,
    StoreCorrupt,
    StoreError,
    StoreRecordError,
    StoreTooNew,
)
from quizapp.store.records import (
    Answer,
    Attempt,
    AttemptStatus,
    Learner,
    QuestionAccuracy,
    QuizSummary,
    QuizVersion,
    Resumption,
    ReviewCard,
    ScoreHistory,
    TagAccuracy,
    ms_from_utc,
    utc_from_ms,
)
from quizapp.store.retry import retried
from quizapp.store.review import (
    FULL_CREDIT,
    UNANSWERED,
    home_of,
    make_scheduler,
    rating_for,
)
from quizapp.store.schema import MIGRATIONS, SCHEMA_VERSION

_T = TypeVar("_T")

Clock = Callable[[], datetime]
"""Gives the current time, timezone-aware; injected so tests can move time."""

CardRow = tuple[int, int | None, float | None, float | None, int, int | None, int, int]
"""A review card's columns after its key: state, step, stability, difficulty, due_ms,
last_review_ms, reviews, lapses."""

AnswerRow = tuple[str, str, float, float, int, int, int, int]
"""An answer's columns after its attempt's: question_key, response (JSON), credit, points,
tries, time_taken_ms, answered_ms, rated."""

REVIEW_QUIZ_ID = "@review"
DRAFTS_SEQ = 0
"""The answer log's place for an attempt's drafts (answers typed, not given): before
every answer record, which count from 1, so the log needs no table of its own."""
"""The quiz id of review attempts, which draw questions from many quizzes. Not a valid
quiz id in a file, so it never collides with one; its question keys are `quiz/id`."""

ANSWER_LOG_FIELDS = (
    "position",
    "question_key",
    "question_quiz_id",
    "question_quiz_sha256",
    "question_id",
    "question_type",
    "response",
    "raw_credit",
    "credit",
    "points",
    "max_points",
    "tries",
    "final",
    "flagged",
    "elapsed_seconds",
    "answered_at",
)
"""Schema 6's compact answer record (never edited; a new layout is a new schema step):
the engine's record (`AnswerRecord`) logged as a JSON array of these fields' values,
without its `attempt_id` (the attempt's `uid`) and `seq` (the log row's key), and with
`question_quiz_sha256` as `SAME_SHA256` when it is the attempt's quiz version's. A JSON
object of 433 bytes becomes an array of about 180 (110 with the hash left out), which
fits in a b-tree page of the answer log: the object took an overflow page of its own.
`expand_log_record` gives the object back; records logged as objects pass unchanged.
An array in the answer log is always this form: `record_answer`'s records are objects."""
SAME_SHA256 = 0
"""In a compact record: the question's file is the attempt's quiz version's (a hash is a
string or null, never a number)."""

BUSY_TIMEOUT = 30.0
"""Seconds a statement waits for another process's write lock before SQLite gives up."""
LOCK_RETRY_FOR = 120.0
"""Seconds a transaction keeps retrying after that before the error is raised."""

LEASE_TIMEOUT = timedelta(minutes=10)
"""How long an attempt stays with a live process that saves no answer before another may
take it over. A dead owner (same computer; any computer on PostgreSQL) gives it up at
once."""
_CARD_GROUPS = 256
"""How many learners' review cards of one quiz a store keeps in memory (least recently
used dropped first), for ratings written from the card as seen."""
LEASE_RENEW_FRACTION = 0.05
"""An answer renews its lease only when the last renewal is older than this part of the
timeout (30 s of 10 min): the lease's time is the last answer's to within that."""

_FINISHED_SQL = "('submitted', 'timed_out')"
_CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
# Errors that may come from damage rather than cause it: confirmed by a full check.
_SUSPECT_CODES = {sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FORMAT, sqlite3.SQLITE_MISMATCH}
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def _is_corrupt(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


def _is_suspect(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _SUSPECT_CODES:
        return True
    return "malformed" in str(exc) or type(exc) is sqlite3.DatabaseError


def check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database or is shorter than its own header says
    (truncated), before SQLite is let near it."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:  # a symlink loop, a folder it may not enter
        raise StoreError(
            path, Message("store.cannot_open", path=path, why=exc.strerror or exc)
        ) from None
    if not os.path.isfile(path):
        raise StoreError(path, Message("store.not_a_file", path=path))
    size = status.st_size
    if size == 0:
        return  # SQLite treats an empty file as a new database.
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise StoreError(path, Message("store.cannot_open", path=path, why=exc.strerror)) from None
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise StoreCorrupt(path, reason="not_sqlite")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    change_counter = int.from_bytes(header[24:28], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    wal = Path(f"{path}-wal")
    wal_holds_pages = wal.exists() and wal.stat().st_size > 0
    # The page count is only trusted when SQLite marked it valid; pages still in a
    # non-empty WAL may legitimately be missing from the main file.
    if change_counter == valid_for and pages and not wal_holds_pages and size < pages * page_size:
        expected = pages * page_size
        raise StoreCorrupt(path, reason="truncated", size=size, expected=expected)


def lost_wal_frames(path: Path) -> int:
    """How many committed pages the database's `-shm` says its `-wal` holds that the
    `-wal` file no longer has (it was deleted or cut short while a quizapp ran, which was
    then killed): 0 when nothing is missing. Read before SQLite rebuilds the `-shm`."""
    shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
    try:
        with shm.open("rb") as f:
            header = f.read(48)
    except OSError:
        return 0
    if len(header) < 48 or header[12] != 1:  # isInit: the index was built
        return 0
    # The wal-index header is in the machine's byte order: version 3007000, page size,
    # and mxFrame, the last valid frame of the WAL.
    order = sys.byteorder
    if int.from_bytes(header[0:4], order) != 3007000:
        return 0
    page = int.from_bytes(header[14:16], order)
    page = 65536 if page == 1 else page
    frames = int.from_bytes(header[16:20], order)
    if frames == 0 or page == 0:
        return 0
    try:
        wal_size = wal.stat().st_size
    except OSError:
        wal_size = 0
    held = max(0, (wal_size - 32) // (24 + page))
    return max(0, frames - held)


def _quick_check(path: Path) -> str | None:
    """SQLite's quick check of the whole file on a read-only connection (which never
    writes the file, not even a checkpoint at close): None when sound, else its finding."""
    from urllib.parse import quote

    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT)
    except sqlite3.Error:
        return None  # could not open read-only: the normal open says why
    try:
        rows = con.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.Error as exc:
        if _is_corrupt(exc) or _is_suspect(exc):
            return str(exc)
        return None
    finally:
        con.close()
    findings = [str(r[0]) for r in rows]
    return None if findings == ["ok"] else "; ".join(findings)


def _owner_token() -> str:
    """Who holds a lease: this process on this computer, and this store within it."""
    return f"{os.getpid()}@{socket.gethostname()}#{uuid.uuid4().hex[:8]}"


def _owner_alive(token: str) -> bool:
    """Whether the process holding a lease may still be running (only a process on this
    computer can be known to be dead)."""
    pid_text, _, rest = token.partition("@")
    host = rest.partition("#")[0]
    if host != socket.gethostname() or not pid_text.isdecimal():
        return True
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # alive, owned by someone else
    return True


@dataclass(frozen=True, slots=True)
class StoreCheck:
    """What `Store.check` found: the schema version and whether the data is sound."""

    backend: str
    """"sqlite" or "postgresql"."""
    target: str
    """The file, or the database URL without its password."""
    schema_version: int
    ok: bool
    findings: tuple[str, ...] = ()
    """What is wrong, one sentence each (empty when `ok`)."""


COPY_TABLES: tuple[str, ...] = (
    "learners",
    "quiz_versions",
    "question_tags",
    "attempts",
    "answers",
    "answer_log",
    "review_cards",
    "classes",
    "class_quizzes",
    "class_members",
)
"""Every table of the current schema, parents before the tables that refer to them (the
order to copy them in), each with its primary key first in `TABLE_KEYS`."""

TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "learners": ("id",),
    "quiz_versions": ("id",),
    "question_tags": ("quiz_version_id", "question_key", "tag"),
    "attempts": ("id",),
    "answers": ("id",),
    "answer_log": ("attempt_id", "seq"),
    "review_cards": ("learner_id", "quiz_id", "question_id"),
    "classes": ("id",),
    "class_quizzes": ("class_id", "quiz_id"),
    "class_members": ("class_id", "learner_id"),
}


@dataclass(frozen=True, slots=True)
class _AttemptInfo:
    """What rating an answer needs to know of its attempt (cached per attempt)."""

    learner_id: int
    quiz_id: str


class Store(ClassStore):
    """The score store of one data directory. Open it with the database's path
    (`locations.database_path(...)`), or any target with `quizapp.store.open_store`;
    close it, or use it as a context manager."""

    backend = "sqlite"
    _RATE_FROM_SEEN = True
    """`_rate` writes a card from the one this store last saw, checking it is still so,
    instead of reading it first (one statement fewer per rated answer)."""
    _FOR_UPDATE = ""
    """Appended to the lease's read: PostgreSQL locks the attempt's row there; SQLite's
    writers already hold the whole database."""
    _GREATEST = "max"
    """The scalar maximum of two values (PostgreSQL: greatest)."""
    _AT_ONCE = False
    """Whether `_answer_at_once` may write a keyed answer in one statement (PostgreSQL);
    SQLite's answers take the general path, without the call."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Clock | None = None,
        scheduler: Any | None = None,
        busy_timeout: float = BUSY_TIMEOUT,
        lease_timeout: timedelta = LEASE_TIMEOUT,
    ) -> None:
        self.path = Path(path)
        self._init_state(clock, scheduler, lease_timeout)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                self.path,
                Message("store.no_folder", path=self.path, why=exc.strerror or exc),
            ) from None
        check_header(self.path)
        if self.path.exists():
            if not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK):
                raise StoreError(self.path, Message("store.read_only", path=self.path))
            # Before any connection: SQLite rebuilds the -shm that tells of a lost -wal.
            lost = lost_wal_frames(self.path)
            if lost:
                self.warnings.append(Said(Message("store.lost_wal", path=self.path, n=lost)))
            finding = _quick_check(self.path)
            if finding is not None:
                raise StoreCorrupt(self.path, finding)
        try:
            self._con = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(
                self.path, Message("store.cannot_open", path=self.path, why=exc)
            ) from None
        try:
            self._setup()
        except sqlite3.Error as exc:
            self._con.close()
            if _is_corrupt(exc):
                raise StoreCorrupt(self.path, str(exc)) from None
            raise StoreError(
                self.path, Message("store.cannot_open", path=self.path, why=exc)
            ) from None
        except StoreError:
            self._con.close()
            raise

    # -- opening -----------------------------------------------------------------------

    def _init_state(self, clock: Clock | None, scheduler: Any, lease_timeout: timedelta) -> None:
        """What every backend keeps beside its connection."""
        self.clock: Clock = clock or _utc_now
        self.lease_timeout = lease_timeout
        self.owner = _owner_token()
        """This store's name in the leases it holds."""
        self.warnings: list[str] = []
        """What the learner should be told though the store opened (one sentence each)."""
        self._damage: StoreCorrupt | None = None
        self._scheduler = scheduler
        self._lock = threading.RLock()
        self._attempts: dict[int, _AttemptInfo] = {}
        self._versions: dict[int, QuizVersion] = {}
        self._leases: set[int] = set()
        self._retry_depth = threading.local()
        self._new_leases: list[int] = []
        """Leases taken in the transaction under way: held once it commits."""
        self._cards: OrderedDict[tuple[int, str], dict[str, CardRow]] = OrderedDict()
        """Review cards as this store last saw them, per learner and quiz: a guess, which
        a rating's write checks (`_rate`; PostgreSQL's `_answer_at_once`)."""
        self._new_cards: list[tuple[int, str, str, CardRow]] = []
        """Cards rated in the transaction under way: seen once it commits."""
        self._new_outcomes: tuple[Any, dict[Any, _NewCard | None]] | None = None
        """A scheduler, and what it makes of a new card for each rating (`_next_card`)."""

    def _setup(self) -> None:
        con = self._con
        con.execute("PRAGMA foreign_keys = ON")
        # Reading the schema first makes a garbage file fail here, before any write.
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreTooNew(self.path, version, SCHEMA_VERSION)
        if version == 0:
            # Each durable answer copies the b-tree pages it changed (the answer, its log
            # entry, the review card, the key's index) into the WAL before the fsync.
            # SQLite's smallest pages make that copy 4.9 KB instead of 6.7 (1 KB pages) or
            # 19 (4 KB), and the fsync that waits on it shorter. A new file only.
            con.execute("PRAGMA page_size = 512")
        self._retrying(lambda: con.execute("PRAGMA journal_mode = WAL").fetchone())
        con.execute("PRAGMA synchronous = FULL")
        if version < SCHEMA_VERSION:
            with self._write() as cur:
                # Another process may have migrated while we waited for the lock.
                version = cur.execute("PRAGMA user_version").fetchone()[0]
                for step in range(version, SCHEMA_VERSION):
                    for statement in MIGRATIONS[step].split(";"):
                        if statement.strip():
                            cur.execute(statement)
                    cur.execute(f"PRAGMA user_version = {step + 1}")

    @property
    def schema_version(self) -> int:
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Release this store's leases and close the file."""
        with self._lock:
            if self._damage is None and self._leases:
                # Closing anyway on an error: a dead process's lease is free at once.
                with suppress(sqlite3.Error):
                    self._con.execute(
                        "UPDATE attempts SET lease_owner = NULL WHERE lease_owner = ?",
                        (self.owner,),
                    )
            self._con.close()

    @property
    def damaged(self) -> StoreCorrupt | None:
        """The damage found since opening, if any: every write is refused from then on."""
        return self._damage

    def _damaged(self, exc: sqlite3.Error) -> StoreError:
        """The error to raise for `exc`: `StoreCorrupt` (and no more writes) when it names
        damage, or suggests it and a full integrity check confirms it."""
        if _is_corrupt(exc):
            self._damage = StoreCorrupt(self.path, str(exc))
        elif _is_suspect(exc):
            finding = self._integrity()
            if finding is not None:
                self._damage = StoreCorrupt(self.path, finding)
        if self._damage is not None:
            return self._damage
        return StoreError(self.path, Message("store.unusable", path=self.path, why=exc))

    def _integrity(self) -> str | None:
        try:
            rows = self._con.execute("PRAGMA integrity_check(5)").fetchall()
        except sqlite3.Error as exc:
            return str(exc)
        findings = [str(r[0]) for r in rows]
        return None if findings == ["ok"] else "; ".join(findings)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def scheduler(self) -> Any:
        """The FSRS scheduler (made on first use: most runs never review)."""
        if self._scheduler is None:
            self._scheduler = make_scheduler()
        return self._scheduler

    def _now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the store's clock must give timezone-aware times")
        return now.astimezone(UTC)

    # -- transactions ------------------------------------------------------------------

    def _retrying(self, action: Callable[[], _T]) -> _T:
        deadline = time.monotonic() + LOCK_RETRY_FOR
        delay = 0.01
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    @contextmanager
    def _write(
        self, *, row_locked: bool = False, idempotent: bool = False
    ) -> Iterator[sqlite3.Cursor]:
        """One write transaction, holding the write lock from its start. Refused once
        damage has been seen; SQLite's errors come out as `StoreError`s. `row_locked`:
        the transaction orders itself against others by locking the rows it depends on
        (the attempt's, by its lease; the learner's, before rating a card; the lock on
        names, before making a learner) or writes only atomic upserts, which lets PostgreSQL
        run it at READ COMMITTED; SQLite's writers are serial anyway. `idempotent`: running
        the whole method again after it committed changes nothing, so PostgreSQL may retry
        it when the connection was lost and the commit's outcome is unknown (SQLite's
        commit is a local call: it happened or it raised)."""
        with self._lock:
            if self._damage is not None:
                raise self._damage
            cur = self._con.cursor()
            try:
                # Straight on, and into the waiting loop only when another writer holds
                # the lock: this is every answer's path.
                try:
                    cur.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc):
                        raise
                    self._retrying(lambda: cur.execute("BEGIN IMMEDIATE"))
            except sqlite3.Error as exc:
                raise self._damaged(exc) from None
            self._new_leases.clear()
            self._new_cards.clear()
            try:
                yield cur
            except BaseException as exc:
                if self._con.in_transaction:
                    with suppress(sqlite3.Error):  # the original error says more
                        self._con.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._damaged(exc) from None
                raise
            try:
                try:
                    cur.execute("COMMIT")
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc):
                        raise
                    self._retrying(lambda: cur.execute("COMMIT"))
            except sqlite3.Error as exc:
                if self._con.in_transaction:
                    with suppress(sqlite3.Error):
                        self._con.execute("ROLLBACK")
                raise self._damaged(exc) from None
            self._leases.update(self._new_leases)
            for learner_id, quiz_id, question_id, card in self._new_cards:
                self._card_seen(learner_id, quiz_id, question_id, card)

    def _lock_names(self, cur: Any) -> None:
        """Inside a `row_locked` write: queue behind any other write making a learner
        (SQLite: nothing to do, its writers are serial)."""

    def _lock_learner(self, cur: Any, learner_id: int) -> None:
        """Inside a `row_locked` write: queue behind any other write rating this
        learner's cards (SQLite: nothing to do, its writers are serial)."""

    def _owner_alive(self, cur: Any, token: str) -> bool:
        """Whether the store holding a lease may still be running."""
        return _owner_alive(token)

    # -- for tools (`quizapp store check`, `store copy`) and tests -------------------------

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction, for tools: a cursor whose `execute(sql, params)` takes
        `?` placeholders on either backend. Not retried: a tool's own loop decides."""
        with self._write() as cur:
            yield cur

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows of one read statement (`?` placeholders on either backend)."""
        return self._read(sql, params)

    def check(self) -> StoreCheck:
        """The schema version and the verdict of the database's own integrity check
        (SQLite: `PRAGMA integrity_check`, and foreign keys)."""
        with self._lock:
            findings: list[str] = []
            finding = self._integrity()
            if finding is not None:
                findings.append(finding)
            try:
                bad = self._con.execute("PRAGMA foreign_key_check").fetchall()
            except sqlite3.Error as exc:
                bad = []
                findings.append(str(exc))
            if bad:
                findings.append(
                    f"{len(bad)} rows refer to rows that do not exist "
                    f"(first: table {bad[0][0]}, row {bad[0][1]})"
                )
            return StoreCheck(
                backend=self.backend,
                target=str(self.path),
                schema_version=self.schema_version,
                ok=not findings,
                findings=tuple(findings),
            )

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._retrying(lambda: self._con.execute(sql, params).fetchall())
            except sqlite3.Error as exc:
                raise self._damaged(exc) from None

    # -- learners ----------------------------------------------------------------------

    @retried
    def learner(self, name: str, language: str = "en") -> Learner:
        """The learner of that name (case-insensitive, in any script), created with
        `language` if new; a known learner keeps their own language. Raises
        `InvalidName` (a `ValueError`) for a new name that cannot be used; a learner
        recorded before names were checked is still found."""
        # Idempotent: run again, it finds the learner it made.
        with self._write(row_locked=True, idempotent=True) as cur:
            row = self._find_learner(cur, name)
            if row is None:
                # New names are made one at a time: "ayu" and "Ayu" at once are one
                # learner (the unique index folds case the database's way, not ours).
                self._lock_names(cur)
                row = self._find_learner(cur, name)
            if row is None:
                name = clean_learner_name(name)
                row = cur.execute(
                    "INSERT INTO learners (name, language, created_ms) VALUES (?, ?, ?) "
                    "RETURNING id, name, language, created_ms",
                    (name, language, ms_from_utc(self._now())),
                ).fetchone()
        return _learner(row)

    def find_learner(self, name: str) -> Learner | None:
        """The learner of that name, case-insensitively; None if there is none (nothing
        is created)."""
        with self._lock:
            row = self._retrying(lambda: self._find_learner(self._con.cursor(), name))
        return None if row is None else _learner(row)

    @staticmethod
    def _find_learner(cur: sqlite3.Cursor, name: str) -> Any:
        # The column's NOCASE folds ASCII only: "ÉLISE" is "élise" by Python's casefold.
        rows = cur.execute("SELECT id, name, language, created_ms FROM learners").fetchall()
        key = name_key(name)
        return next((r for r in rows if name_key(r[1]) == key), None)

    @retried
    def remove_learner(self, learner_id: int) -> None:
        """Delete a learner with every attempt, answer and review card of theirs, in one
        transaction. Callers keep a copy first (`quizapp learner remove` exports one)."""
        with self._write() as cur:
            mine = "SELECT id FROM attempts WHERE learner_id = ?"
            cur.execute(f"DELETE FROM answer_log WHERE attempt_id IN ({mine})", (learner_id,))
            cur.execute(f"DELETE FROM answers WHERE attempt_id IN ({mine})", (learner_id,))
            cur.execute("DELETE FROM attempts WHERE learner_id = ?", (learner_id,))
            cur.execute("DELETE FROM review_cards WHERE learner_id = ?", (learner_id,))
            cur.execute("DELETE FROM learners WHERE id = ?", (learner_id,))
            if cur.rowcount == 0:
                raise KeyError(learner_id)
        self._attempts.clear()

    def learners(self) -> list[Learner]:
        # lower(): SQLite's NOCASE order, on either backend.
        rows = self._read(
            "SELECT id, name, language, created_ms FROM learners ORDER BY lower(name), name"
        )
        return [_learner(r) for r in rows]

    def get_learner(self, learner_id: int) -> Learner | None:
        rows = self._read(
            "SELECT id, name, language, created_ms FROM learners WHERE id = ?", (learner_id,)
        )
        return _learner(rows[0]) if rows else None

    @retried
    def set_language(self, learner_id: int, language: str) -> Learner:
        with self._write(row_locked=True, idempotent=True) as cur:
            cur.execute("UPDATE learners SET language = ? WHERE id = ?", (language, learner_id))
        learner = self.get_learner(learner_id)
        if learner is None:
            raise KeyError(learner_id)
        return learner

    # -- quiz versions -----------------------------------------------------------------

    @retried
    def quiz_version(
        self,
        quiz_id: str,
        sha256: str,
        title: str,
        tags: Mapping[str, Iterable[str]] | None = None,
    ) -> QuizVersion:
        """The version of a quiz with that content hash, recorded if new. `tags` maps each
        pool question key to its tags, kept with the version."""
        # Idempotent: every insert gives way to the row already there.
        with self._write(row_locked=True, idempotent=True) as cur:
            cur.execute(
                "INSERT INTO quiz_versions (quiz_id, sha256, title, first_seen_ms) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (quiz_id, sha256) DO NOTHING",
                (quiz_id, sha256, title, ms_from_utc(self._now())),
            )
            row = cur.execute(
                "SELECT id, quiz_id, sha256, title, first_seen_ms FROM quiz_versions "
                "WHERE quiz_id = ? AND sha256 = ?",
                (quiz_id, sha256),
            ).fetchone()
            if tags:
                # Attempts may draw different questions: add whatever tags are new.
                cur.executemany(
                    "INSERT INTO question_tags VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [(row[0], key, tag) for key, ts in tags.items() for tag in ts],
                )
        version = _quiz_version(row)
        self._versions[version.id] = version
        return version

    def _version(self, version_id: int) -> QuizVersion:
        version = self._versions.get(version_id)
        if version is None:
            row = self._read(
                "SELECT id, quiz_id, sha256, title, first_seen_ms FROM quiz_versions WHERE id = ?",
                (version_id,),
            )[0]
            version = self._versions[version_id] = _quiz_version(row)
        return version

    def _versions_of(self, quiz_id: str) -> list[int]:
        rows = self._read("SELECT id FROM quiz_versions WHERE quiz_id = ?", (quiz_id,))
        return [r[0] for r in rows]

    # -- attempts ----------------------------------------------------------------------

    @retried
    def start_attempt(
        self,
        learner_id: int,
        quiz_version_id: int,
        mode: str,
        seed: int,
        question_order: Sequence[str],
        *,
        uid: str | None = None,
        started_record: JsonValue | EncodedJson = None,
        started_at: datetime | None = None,
    ) -> Attempt:
        """Record the start of an attempt, committed before the first question is shown.
        `uid` and `started_record` are the engine's id and start record (JSON)."""
        started = ms_from_utc(started_at or self._now())
        with self._write(row_locked=True) as cur:
            (attempt_id,) = cur.execute(
                "INSERT INTO attempts (learner_id, quiz_version_id, mode, seed, "
                "question_order, started_ms, uid, started_record, lease_owner, lease_ms) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    learner_id,
                    quiz_version_id,
                    mode,
                    seed,
                    json.dumps(list(question_order)),
                    started,
                    uid,
                    None if started_record is None else _dumps(started_record),
                    self.owner,
                    ms_from_utc(self._now()),
                ),
            ).fetchone()
        self._leases.add(attempt_id)
        version = self._versions.get(quiz_version_id)
        if version is not None:  # what its answers need to know, without a read
            self._attempts[attempt_id] = _AttemptInfo(learner_id, version.quiz_id)
        return self.attempt(attempt_id)

    # -- leases ------------------------------------------------------------------------

    @retried
    def take_lease(self, attempt_id: int) -> None:
        """Make this store the attempt's only writer, atomically: raises `LeaseHeld` when
        another live quizapp wrote to it less than `lease_timeout` ago."""
        with self._write(row_locked=True, idempotent=True) as cur:
            self._lease(cur, attempt_id)

    def _lease(self, cur: sqlite3.Cursor, attempt_id: int) -> None:
        """Inside a write: hold the attempt's lease (renewed now) or raise."""
        now = self._now()
        row = cur.execute(
            "SELECT lease_owner, lease_ms, status FROM attempts WHERE id = ?" + self._FOR_UPDATE,
            (attempt_id,),
        ).fetchone()
        if row is None:
            raise KeyError(attempt_id)
        owner, lease_ms, status = row
        if status != "in_progress":
            return  # a finished attempt takes no answers; finish_attempt leaves it as is
        if owner != self.owner:
            if attempt_id in self._leases:
                raise LeaseLost(self.path)  # and stays lost: it continues elsewhere
            if owner is not None and self._owner_alive(cur, owner):
                since = utc_from_ms(lease_ms or 0)
                free_at = since + self.lease_timeout
                if now < free_at:
                    raise LeaseHeld(self.path, since, free_at)
        now_ms = ms_from_utc(now)
        renew_ms = self.lease_timeout.total_seconds() * 1000 * LEASE_RENEW_FRACTION
        if owner == self.owner and lease_ms is not None and 0 <= now_ms - lease_ms < renew_ms:
            # Held, and renewed moments ago: rewriting the attempt's row at every answer
            # would cost each durable commit one more page for nothing.
            self._new_leases.append(attempt_id)
            return
        cur.execute(
            "UPDATE attempts SET lease_owner = ?, lease_ms = ? WHERE id = ?",
            (self.owner, now_ms, attempt_id),
        )
        self._new_leases.append(attempt_id)

    @retried
    def set_flagged(self, attempt_id: int, question_keys: Sequence[str]) -> None:
        """Replace the attempt's flagged questions, committed before this returns (a crash
        right after flagging loses nothing)."""
        with self._write(row_locked=True, idempotent=True) as cur:
            self._lease(cur, attempt_id)
            cur.execute(
                "UPDATE attempts SET flagged = ? WHERE id = ?",
                (json.dumps(list(question_keys), ensure_ascii=False), attempt_id),
            )
            if cur.rowcount == 0:
                raise KeyError(attempt_id)

    @retried
    def set_drafts(self, attempt_id: int, drafts: Mapping[str, JsonValue]) -> None:
        """Replace the attempt's drafts (answers typed but not given, by question key),
        committed before this returns. They live in the answer log at seq 0, before
        every answer record (which count from 1): read them with `resumption`."""
        with self._write(row_locked=True, idempotent=True) as cur:
            if drafts:
                record = json.dumps({"drafts": dict(drafts)}, ensure_ascii=False)
                cur.execute(
                    "INSERT INTO answer_log (attempt_id, seq, record) VALUES (?, ?, ?) "
                    "ON CONFLICT (attempt_id, seq) DO UPDATE SET record = excluded.record",
                    (attempt_id, DRAFTS_SEQ, record),
                )
            else:
                cur.execute(
                    "DELETE FROM answer_log WHERE attempt_id = ? AND seq = ?",
                    (attempt_id, DRAFTS_SEQ),
                )

    def attempt(self, attempt_id: int) -> Attempt:
        rows = self._read(_ATTEMPT_SELECT + " WHERE a.id = ?", (attempt_id,))
        if not rows:
            raise KeyError(attempt_id)
        return self._decode(_attempt, rows[0], f"attempt {attempt_id}")

    def attempt_by_uid(self, uid: str) -> Attempt | None:
        """The attempt with the engine's id `uid`, if recorded."""
        rows = self._read(_ATTEMPT_SELECT + " WHERE a.uid = ?", (uid,))
        return self._decode(_attempt, rows[0], f"attempt {rows[0][0]}") if rows else None

    def _decode(self, make: Callable[[Any], _T], row: Sequence[Any], what: str) -> _T:
        """A record from its row, or `StoreRecordError` naming it (garbage JSON, values
        of the wrong kind: a file edited or damaged by hand)."""
        try:
            return make(row)
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreRecordError(self.path, f"{what}: {reason}") from None

    def _decode_all(self, make: Callable[[Any], _T], rows: list[Any], kind: str) -> list[_T]:
        """Every readable record of `rows`; an unreadable one is left out and named once
        in `warnings`."""
        out = []
        for row in rows:
            try:
                out.append(self._decode(make, row, f"{kind} {row[0]}"))
            except StoreRecordError as exc:
                if str(exc) not in self.warnings:
                    self.warnings.append(Said(exc.message) if exc.message else str(exc))
        return out

    def _attempt_info(self, cur: sqlite3.Cursor, attempt_id: int) -> _AttemptInfo:
        info = self._attempts.get(attempt_id)
        if info is None:
            row = cur.execute(
                "SELECT a.learner_id, v.quiz_id FROM attempts a "
                "JOIN quiz_versions v ON v.id = a.quiz_version_id WHERE a.id = ?",
                (attempt_id,),
            ).fetchone()
            if row is None:
                raise KeyError(attempt_id)
            info = self._attempts[attempt_id] = _AttemptInfo(row[0], row[1])
        return info

    def record_answer(
        self,
        attempt_id: int,
        question_key: str,
        response: JsonValue | EncodedJson,
        *,
        credit: float,
        points: float,
        tries: int = 1,
        time_taken: timedelta = timedelta(0),
        review: bool = True,
        record: JsonValue | EncodedJson = None,
        answered_at: datetime | None = None,
        seq: int | None = None,
    ) -> Answer:
        """Commit one answer durably before returning.

        A later answer to the same question in the attempt (a retry, a changed exam
        answer) replaces it, adding its time. `record`, the engine's answer record, is
        kept in the attempt's log in arrival order, for exact replay. With `review`
        (the verdict is final) the question's review card is rated now, in the same
        transaction; otherwise when the attempt is finished.

        `seq` (with `record`): the record's number in the attempt's log, from 1 (the
        engine's `AnswerRecord.seq`), which is the answer's key there. Recording the same
        record at the same `seq` again (the caller retrying after an error whose outcome
        it could not know, or PostgreSQL's connection lost during the COMMIT) changes
        nothing and returns the answer as stored; another record at a `seq` already taken
        is refused (`StoreError`). Without `seq` the record is appended after the last."""
        saved = self._save_answer(
            attempt_id,
            question_key,
            response,
            credit,
            points,
            tries,
            time_taken,
            review,
            record,
            answered_at,
            seq,
            True,
        )
        if isinstance(saved, Answer):
            return saved
        total_ms, answered_ms = saved
        assert total_ms is not None  # asked for
        return _answer_given(
            attempt_id, question_key, response, credit, points, tries, total_ms, answered_ms
        )

    def save_answer(
        self,
        attempt_id: int,
        question_key: str,
        response: JsonValue | EncodedJson,
        *,
        credit: float,
        points: float,
        tries: int = 1,
        time_taken: timedelta = timedelta(0),
        review: bool = True,
        record: JsonValue | EncodedJson = None,
        answered_at: datetime | None = None,
        seq: int | None = None,
    ) -> None:
        """`record_answer`, committed as durably, without the answer handed back: the
        engine's recorder has its own record, and building the store's cost each answer
        a sixth of its Python time."""
        self._save_answer(
            attempt_id,
            question_key,
            response,
            credit,
            points,
            tries,
            time_taken,
            review,
            record,
            answered_at,
            seq,
            False,
        )

    @retried
    def _save_answer(
        self,
        attempt_id: int,
        question_key: str,
        response: JsonValue | EncodedJson,
        credit: float,
        points: float,
        tries: int,
        time_taken: timedelta,
        review: bool,
        record: JsonValue | EncodedJson,
        answered_at: datetime | None,
        seq: int | None,
        want_total: bool,
    ) -> Answer | tuple[int | None, int]:
        """`record_answer`'s write: the answer's total time (when `want_total`, else
        perhaps None: SQLite's RETURNING doubles the cost of its upsert) and answered
        time in ms, or the answer as stored when this very record was recorded before."""
        if seq is not None and (record is None or seq < 1):
            raise ValueError("an answer's log seq counts from 1 and needs its record")
        now = self._now()
        answered_ms = ms_from_utc(answered_at or now)
        taken_ms = max(0, round(time_taken.total_seconds() * 1000))
        encoded = None if record is None else _dumps(record)
        # The answer's columns after its attempt's, in the table's order: both writes'.
        row = (
            question_key,
            _dumps(response),
            credit,
            points,
            tries,
            taken_ms,
            answered_ms,
            int(review),
        )
        if self._AT_ONCE and seq is not None and encoded is not None:
            at_once = self._answer_at_once(attempt_id, row, encoded=encoded, seq=seq, now=now)
            if at_once is not None:
                return at_once, answered_ms
        # Keyed, a write whose outcome was unknown may run again: the key tells.
        with self._write(row_locked=True, idempotent=seq is not None) as cur:
            info = self._attempt_info(cur, attempt_id)
            # The lease held and fresh and the record logged, in one statement; otherwise
            # nothing was written, and the general steps say why (or renew the lease).
            if seq is None or not self._logged_under_lease(cur, attempt_id, seq, encoded or ""):
                self._lease(cur, attempt_id)
                if seq is not None and self._logged_before(cur, attempt_id, seq, encoded or ""):
                    stored = cur.execute(
                        "SELECT attempt_id, question_key, response, credit, points, tries, "
                        "time_taken_ms, answered_ms FROM answers "
                        "WHERE attempt_id = ? AND question_key = ?",
                        (attempt_id, question_key),
                    ).fetchone()
                    if stored is None:
                        raise StoreError(
                            self.path, Message("store.log_only", seq=seq, attempt=attempt_id)
                        )
                    return self._decode(_answer, stored, f"an answer of attempt {attempt_id}")
            upserted = cur.execute(
                _UPSERT_ANSWER_RETURNING if want_total else _UPSERT_ANSWER, (attempt_id, *row)
            )
            total_ms = upserted.fetchone()[0] if want_total else None
            if encoded is not None and seq is None:
                cur.execute(
                    "INSERT INTO answer_log (attempt_id, seq, record) VALUES (?, "
                    "(SELECT coalesce(max(seq), 0) + 1 FROM answer_log WHERE attempt_id = ?), ?)",
                    (attempt_id, attempt_id, encoded),
                )
            if review:
                self._lock_learner(cur, info.learner_id)
                home, question_id = home_of(info.quiz_id, question_key)
                self._rate(
                    cur,
                    info.learner_id,
                    home,
                    question_id,
                    credit,
                    tries,
                    timedelta(0),  # not a rating signal
                    now,
                )
        return total_ms, answered_ms

    def _answer_at_once(
        self, attempt_id: int, row: AnswerRow, *, encoded: str, seq: int, now: datetime
    ) -> int | None:
        """A keyed answer written whole in one statement, when what it depends on is
        known already (PostgreSQL: one round trip instead of five): the answer's total
        time, or None to take the general path (SQLite: always; its transactions are
        local calls). `row`: the answer's columns after its attempt's."""
        return None

    def _logged_under_lease(self, cur: Any, attempt_id: int, seq: int, encoded: str) -> bool:
        """Inside an answer's write: log `encoded` at `seq` in one statement if this store
        holds the attempt's lease, renewed within `LEASE_RENEW_FRACTION` of the timeout,
        the attempt is in progress and `seq` is free; False, having written nothing,
        otherwise. SQLite's writer holds the whole database, so nothing changes between
        the check and the write. PostgreSQL locks the attempt's row first instead (its
        one-statement answer does it all; this says False there)."""
        if attempt_id not in self._leases:
            return False
        now_ms = ms_from_utc(self._now())
        renew_ms = self.lease_timeout.total_seconds() * 1000 * LEASE_RENEW_FRACTION
        written = cur.execute(
            "INSERT INTO answer_log (attempt_id, seq, record) SELECT id, ?, ? FROM attempts "
            "WHERE id = ? AND lease_owner = ? AND status = 'in_progress' "
            "AND ? - lease_ms >= 0 AND ? - lease_ms < ? "
            "ON CONFLICT (attempt_id, seq) DO NOTHING",
            (seq, encoded, attempt_id, self.owner, now_ms, now_ms, renew_ms),
        ).rowcount
        if written:
            self._new_leases.append(attempt_id)
        return bool(written)

    def _logged_before(self, cur: Any, attempt_id: int, seq: int, encoded: str) -> bool:
        """Inside an answer's write: log `encoded` at `seq`, or tell that this very record
        is there already (the answer was recorded before). The log's primary key decides,
        not a read before the write."""
        if cur.execute(
            "INSERT INTO answer_log (attempt_id, seq, record) VALUES (?, ?, ?) "
            "ON CONFLICT (attempt_id, seq) DO NOTHING",
            (attempt_id, seq, encoded),
        ).rowcount:
            return False
        (there,) = cur.execute(
            "SELECT record FROM answer_log WHERE attempt_id = ? AND seq = ?", (attempt_id, seq)
        ).fetchone()
        try:
            same = there == encoded or json.loads(there) == json.loads(encoded)
        except ValueError:
            same = False
        if not same:
            raise StoreError(
                self.path,
                Message("store.other_answer", path=self.path, seq=seq, attempt=attempt_id),
            )
        return True

    @retried
    def finish_attempt(
        self,
        attempt_id: int,
        *,
        status: AttemptStatus = "submitted",
        score: float | None = None,
        max_score: float | None = None,
        passed: bool | None = None,
        rate_unanswered: bool | None = None,
    ) -> Attempt:
        """End an attempt in progress: submitted or timed out with its score, or abandoned.
        An attempt already ended is left as it was. With `rate_unanswered` (by default:
        when submitted or timed out) each question of the attempt left without an answer
        rates its review card as not known (`review.UNANSWERED`)."""
        if rate_unanswered is None:
            rate_unanswered = status in ("submitted", "timed_out")
        if status == "in_progress":
            raise ValueError("finishing an attempt needs a final status")
        now = self._now()
        # Idempotent: run again after it committed, it finds the attempt ended, every
        # answer rated and no drafts, and its conditional UPDATE changes nothing.
        with self._write(row_locked=True, idempotent=True) as cur:
            info = self._attempt_info(cur, attempt_id)
            self._lease(cur, attempt_id)
            self._lock_learner(cur, info.learner_id)
            # Answers whose verdict was open until now (exam answers, practice questions
            # left with tries open) rate their review cards once, here.
            unrated = cur.execute(
                "SELECT question_key, credit, tries, time_taken_ms FROM answers "
                "WHERE attempt_id = ? AND rated = 0 ORDER BY answered_ms, id",
                (attempt_id,),
            ).fetchall()
            for key, credit, tries, taken_ms in unrated:
                home, question_id = home_of(info.quiz_id, key)
                self._rate(
                    cur,
                    info.learner_id,
                    home,
                    question_id,
                    credit,
                    tries,
                    timedelta(milliseconds=taken_ms),
                    now,
                )
            still_open = cur.execute(
                "SELECT question_order FROM attempts WHERE id = ? AND status = 'in_progress'",
                (attempt_id,),
            ).fetchone()
            if rate_unanswered and still_open is not None:
                answered = {
                    r[0]
                    for r in cur.execute(
                        "SELECT question_key FROM answers WHERE attempt_id = ?", (attempt_id,)
                    )
                }
                for key in json.loads(still_open[0]):
                    if key in answered:
                        continue
                    home, question_id = home_of(info.quiz_id, key)
                    self._rate(
                        cur,
                        info.learner_id,
                        home,
                        question_id,
                        0.0,
                        0,
                        timedelta(0),
                        now,
                        rating=UNANSWERED,
                    )
            cur.execute("UPDATE answers SET rated = 1 WHERE attempt_id = ?", (attempt_id,))
            # A finished attempt has no drafts: what was typed and not given is let go.
            cur.execute(
                "DELETE FROM answer_log WHERE attempt_id = ? AND seq = ?", (attempt_id, DRAFTS_SEQ)
            )
            if score is not None:
                # One number, one place: the score is the sum of the answers' points.
                (score,) = cur.execute(
                    "SELECT coalesce(sum(points), 0.0) FROM answers WHERE attempt_id = ?",
                    (attempt_id,),
                ).fetchone()
            cur.execute(
                "UPDATE attempts SET status = ?, finished_ms = ?, score = ?, max_score = ?, "
                "passed = ?, lease_owner = NULL WHERE id = ? AND status = 'in_progress'",
                (
                    status,
                    ms_from_utc(now),
                    score,
                    max_score,
                    None if passed is None else int(passed),
                    attempt_id,
                ),
            )
        # An attempt already finished (by another process, say) keeps its first ending.
        self._attempts.pop(attempt_id, None)
        self._leases.discard(attempt_id)
        return self.attempt(attempt_id)

    @retried
    def discard_attempt(self, attempt_id: int) -> bool:
        """Delete an attempt that has no answer at all (opened and left at once), so it is
        neither offered for resuming nor counted. An attempt with an answer is kept;
        returns whether it was deleted."""
        with self._write() as cur:
            cur.execute(
                "DELETE FROM attempts WHERE id = ? "
                "AND NOT EXISTS (SELECT 1 FROM answers WHERE attempt_id = ?) "
                "AND NOT EXISTS (SELECT 1 FROM answer_log WHERE attempt_id = ?)",
                (attempt_id, attempt_id, attempt_id),
            )
            deleted = cur.rowcount > 0
        if deleted:
            self._attempts.pop(attempt_id, None)
        return deleted

    def abandon(self, attempt_id: int) -> Attempt:
        """Mark an interrupted attempt as not to be resumed; its answers stay."""
        return self.finish_attempt(attempt_id, status="abandoned")

    def attempts(
        self, learner_id: int, quiz_id: str | None = None, *, limit: int | None = None
    ) -> list[Attempt]:
        """The learner's attempts (at one quiz, or all), newest first, whatever their status."""
        sql = _ATTEMPT_SELECT + " WHERE a.learner_id = ?"
        params: list[Any] = [learner_id]
        if quiz_id is not None:
            sql += " AND v.quiz_id = ?"
            params.append(quiz_id)
        sql += " ORDER BY a.started_ms DESC, a.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._decode_all(_attempt, self._read(sql, params), "attempt")

    def answers(self, attempt_id: int) -> list[Answer]:
        """The attempt's answers, in the order they were given."""
        rows = self._read(
            "SELECT attempt_id, question_key, response, credit, points, tries, time_taken_ms, "
            "answered_ms FROM answers WHERE attempt_id = ? ORDER BY answered_ms, id",
            (attempt_id,),
        )
        return [self._decode(_answer, r, f"an answer of attempt {attempt_id}") for r in rows]

    def interrupted(self, learner_id: int, quiz_id: str | None = None) -> list[Attempt]:
        """The learner's attempts still in progress (interrupted by a crash, a closed
        terminal or `kill -9`), newest first: each can be resumed."""
        sql = _ATTEMPT_SELECT + " WHERE a.learner_id = ? AND a.status = 'in_progress'"
        params: list[Any] = [learner_id]
        if quiz_id is not None:
            sql += " AND v.quiz_id = ?"
            params.append(quiz_id)
        rows = self._read(sql + " ORDER BY a.started_ms DESC, a.id DESC", params)
        return self._decode_all(_attempt, rows, "attempt")

    def resumption(self, attempt_id: int) -> Resumption:
        """The attempt with its answers and the first unanswered question, to rebuild it
        (same seed, same order) and carry on."""
        attempt = self.attempt(attempt_id)
        by_key = {a.question_key: a for a in self.answers(attempt_id)}
        ordered = tuple(by_key[k] for k in attempt.question_order if k in by_key)
        next_index = next(
            (i for i, k in enumerate(attempt.question_order) if k not in by_key), None
        )
        rows = self._read(
            "SELECT seq, record FROM answer_log WHERE attempt_id = ? ORDER BY seq", (attempt_id,)
        )
        # Drafts are a convenience: unreadable ones are dropped, never a refusal to resume.
        drafts: dict[str, Any] = {}
        for seq, record in rows:
            if seq == DRAFTS_SEQ:
                with contextlib.suppress(ValueError, TypeError, KeyError):
                    drafts = dict(json.loads(record)["drafts"])
        return Resumption(
            attempt=attempt,
            answers=ordered,
            next_index=next_index,
            records=tuple(
                self._decode(
                    lambda r: expand_log_record(json.loads(r[1]), attempt, r[0]),
                    r,
                    f"an answer record of attempt {attempt_id}",
                )
                for r in rows
                if r[0] != DRAFTS_SEQ
            ),
            drafts=drafts,
        )

    # -- spaced review -----------------------------------------------------------------

    def _rate(
        self,
        cur: sqlite3.Cursor,
        learner_id: int,
        quiz_id: str,
        question_id: str,
        credit: float,
        tries: int,
        time_taken: timedelta,
        now: datetime,
        rating: Any = None,
    ) -> None:
        rating = rating_for(credit, tries) if rating is None else rating
        if self._RATE_FROM_SEEN:
            was = self._cards_of(cur, learner_id, quiz_id).get(question_id)
            card = self._next_card(was, rating, now)
            if was is None:  # written only if still new
                written = cur.execute(
                    "INSERT INTO review_cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (learner_id, quiz_id, question_id) DO NOTHING",
                    (learner_id, quiz_id, question_id, *card),
                ).rowcount
            else:  # written only if still as seen
                written = cur.execute(
                    "UPDATE review_cards SET state = ?, step = ?, stability = ?, "
                    "difficulty = ?, due_ms = ?, last_review_ms = ?, reviews = ?, lapses = ? "
                    "WHERE learner_id = ? AND quiz_id = ? AND question_id = ? AND (state, "
                    "step, stability, difficulty, due_ms, last_review_ms, reviews, lapses) "
                    "IS (?, ?, ?, ?, ?, ?, ?, ?)",
                    (*card, learner_id, quiz_id, question_id, *was),
                ).rowcount
            if written:
                self._card_rated(learner_id, quiz_id, question_id, card)
                return
            # Changed by another process (or removed) since: read it, as below.
        row = cur.execute(
            "SELECT state, step, stability, difficulty, due_ms, last_review_ms, reviews, lapses "
            "FROM review_cards WHERE learner_id = ? AND quiz_id = ? AND question_id = ?",
            (learner_id, quiz_id, question_id),
        ).fetchone()
        card = self._next_card(row, rating, now)
        cur.execute(
            "INSERT INTO review_cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (learner_id, quiz_id, question_id) DO UPDATE SET "
            "state = excluded.state, step = excluded.step, stability = excluded.stability, "
            "difficulty = excluded.difficulty, due_ms = excluded.due_ms, "
            "last_review_ms = excluded.last_review_ms, reviews = excluded.reviews, "
            "lapses = excluded.lapses",
            (learner_id, quiz_id, question_id, *card),
        )
        self._card_rated(learner_id, quiz_id, question_id, card)

    def _next_card(self, row: Sequence[Any] | None, rating: Any, now: datetime) -> CardRow:
        """A review card's columns after `rating` at `now`, from its columns before (None:
        a new card)."""
        if row is None:
            new = self._new_card_outcome(rating)
            if new is not None:
                state, step, stability, difficulty, interval, fuzzed, lapses = new
                if fuzzed:  # as fsrs fuzzes it: the same draw of the same random numbers
                    interval = self.scheduler._get_fuzzed_interval(interval=interval)
                due_ms = ms_from_utc(now + interval)
                return (state, step, stability, difficulty, due_ms, ms_from_utc(now), 1, lapses)
        return self._scheduled_card(row, rating, now)

    def _new_card_outcome(self, rating: Any) -> _NewCard | None:
        """What FSRS makes of a new card rated `rating`, but for its due time (`now` plus
        the interval, fuzzed when `fuzzed`), worked out once per rating: every answer of a
        first attempt rates a new card, and fsrs's whole review of one (a card made,
        copied, a review log) was a tenth of an answer's client time. Kept per scheduler
        object (the store's is never changed once made). None when that outcome is found
        to depend on the time (another fsrs): each card is then scheduled by fsrs."""
        scheduler = self.scheduler
        known = self._new_outcomes
        if known is None or known[0] is not scheduler:
            known = self._new_outcomes = (scheduler, {})
        table = known[1]
        if rating not in table:
            table[rating] = _new_card_outcome(scheduler, rating)
        return table[rating]

    def _scheduled_card(self, row: Sequence[Any] | None, rating: Any, now: datetime) -> CardRow:
        """`_next_card` by fsrs itself."""
        Card, Rating, State = _fsrs_types()
        # card_id is fixed: fsrs would otherwise stamp (and sleep for) a unique one.
        if row is None:
            card, reviews, lapses = Card(card_id=0, due=now), 0, 0
        else:
            state, step, stability, difficulty, due_ms, last_ms, reviews, lapses = row
            card = Card(
                card_id=0,
                state=State(state),
                step=step,
                stability=stability,
                difficulty=difficulty,
                due=utc_from_ms(due_ms),
                last_review=None if last_ms is None else utc_from_ms(last_ms),
            )
        card, _ = self.scheduler.review_card(card, rating, review_datetime=now)
        return (
            int(card.state),
            card.step,
            card.stability,
            card.difficulty,
            ms_from_utc(card.due),
            None if card.last_review is None else ms_from_utc(card.last_review),
            reviews + 1,
            lapses + (rating == Rating.Again),
        )

    def _cards_of(self, cur: Any, learner_id: int, quiz_id: str) -> dict[str, CardRow]:
        """The learner's review cards of the quiz as last seen, by question id (read
        the first time; `_CARD_GROUPS` learner-and-quiz pairs kept, least recently used
        dropped first)."""
        key = (learner_id, quiz_id)
        cards = self._cards.get(key)
        if cards is None:
            rows = cur.execute(
                "SELECT question_id, state, step, stability, difficulty, due_ms, "
                "last_review_ms, reviews, lapses FROM review_cards "
                "WHERE learner_id = ? AND quiz_id = ?",
                (learner_id, quiz_id),
            ).fetchall()
            cards = self._cards[key] = {r[0]: tuple(r[1:]) for r in rows}
            while len(self._cards) > _CARD_GROUPS:
                self._cards.popitem(last=False)
        else:
            self._cards.move_to_end(key)
        return cards

    def _card_rated(self, learner_id: int, quiz_id: str, question_id: str, card: CardRow) -> None:
        """Inside a write: a review card was written with these columns, seen once the
        write commits (for the next rating's write from what was seen)."""
        self._new_cards.append((learner_id, quiz_id, question_id, card))

    def _card_seen(self, learner_id: int, quiz_id: str, question_id: str, card: CardRow) -> None:
        cards = self._cards.get((learner_id, quiz_id))
        if cards is not None:
            cards[question_id] = card

    def review_card(self, learner_id: int, quiz_id: str, question_id: str) -> ReviewCard | None:
        rows = self._read(
            _CARD_SELECT + " WHERE learner_id = ? AND quiz_id = ? AND question_id = ?",
            (learner_id, quiz_id, question_id),
        )
        return _card(rows[0]) if rows else None

    def due_cards(
        self, learner_id: int, *, limit: int | None = None, now: datetime | None = None
    ) -> list[ReviewCard]:
        """The learner's questions due for review across all quizzes, most overdue first."""
        at = ms_from_utc(now or self._now())
        sql = _CARD_SELECT + " WHERE learner_id = ? AND due_ms <= ? ORDER BY due_ms"
        params: list[Any] = [learner_id, at]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_card(r) for r in self._read(sql, params)]

    def due_count(self, learner_id: int, *, now: datetime | None = None) -> int:
        """How many of the learner's questions are due for review now (the home screen)."""
        at = ms_from_utc(now or self._now())
        return int(
            self._read(
                "SELECT count(*) FROM review_cards WHERE learner_id = ? AND due_ms <= ?",
                (learner_id, at),
            )[0][0]
        )

    def next_review(
        self,
        learner_id: int,
        *,
        now: datetime | None = None,
        window: timedelta = timedelta(hours=1),
    ) -> tuple[int, datetime] | None:
        """When the learner's next review is: how many questions are due then, and when.
        With questions due now: (how many, now). Otherwise the earliest due time and the
        questions due within `window` after it (a quiz's misses fall due together). None
        when the learner has no review card."""
        at = now or self._now()
        due_now = self.due_count(learner_id, now=at)
        if due_now:
            return due_now, at
        first = self._read(
            "SELECT min(due_ms) FROM review_cards WHERE learner_id = ?", (learner_id,)
        )[0][0]
        if first is None:
            return None
        until = first + round(window.total_seconds() * 1000)
        (count,) = self._read(
            "SELECT count(*) FROM review_cards WHERE learner_id = ? AND due_ms <= ?",
            (learner_id, until),
        )[0]
        return int(count), utc_from_ms(first)

    # -- history -----------------------------------------------------------------------

    def _summary_rows(self, learner_id: int) -> list[tuple[Any, ...]]:
        """Per quiz version, the learner's finished attempts: (version, how many, best,
        sum of fractions, when last, last fraction)."""
        stats = self._read(
            "SELECT quiz_version_id, count(*), max(score / max_score), sum(score / max_score) "
            f"FROM attempts WHERE learner_id = ? AND status IN {_FINISHED_SQL} "
            "AND max_score > 0 GROUP BY quiz_version_id",
            (learner_id,),
        )
        # SQLite takes the bare columns from the row that holds the max().
        lasts = self._read(
            "SELECT quiz_version_id, max(finished_ms), score / max_score "
            f"FROM attempts WHERE learner_id = ? AND status IN {_FINISHED_SQL} "
            "AND max_score > 0 GROUP BY quiz_version_id",
            (learner_id,),
        )
        last_of = {r[0]: (r[1], r[2]) for r in lasts}
        return [(v, n, best, total, *last_of[v]) for v, n, best, total in stats]

    def quiz_summaries(self, learner_id: int) -> list[QuizSummary]:
        """Per quiz, the learner's finished attempts: how many, best, last and average
        score fractions. Most recently taken first."""
        merged: dict[str, list[Any]] = {}
        for version_id, count, best, total, last_ms, last in self._summary_rows(learner_id):
            version = self._version(version_id)
            m = merged.get(version.quiz_id)
            if m is None:
                merged[version.quiz_id] = [version.title, count, best, total, last_ms, last]
                continue
            m[1] += count
            m[2] = max(m[2], best)
            m[3] += total
            if last_ms > m[4]:
                m[0], m[4], m[5] = version.title, last_ms, last
        out = [
            QuizSummary(
                quiz_id=quiz_id,
                title=title,
                attempts=count,
                best=best,
                last=last,
                average=total / count,
                last_at=utc_from_ms(last_ms),
            )
            for quiz_id, (title, count, best, total, last_ms, last) in merged.items()
        ]
        out.sort(key=lambda s: s.last_at, reverse=True)
        return out

    def score_history(self, learner_id: int, quiz_id: str | None = None) -> ScoreHistory:
        """The learner's finished attempts (of one quiz, or all) as score fractions, oldest
        first."""
        sql = (
            "SELECT id, quiz_version_id, finished_ms, score / max_score, passed FROM attempts "
            f"WHERE learner_id = ? AND status IN {_FINISHED_SQL} AND max_score > 0"
        )
        params: list[Any] = [learner_id]
        if quiz_id is not None:
            versions = self._versions_of(quiz_id)
            if not versions:  # and `IN ()` is SQLite's alone
                return ScoreHistory()
            sql += f" AND quiz_version_id IN ({','.join('?' * len(versions))})"
            params.extend(versions)
        rows = self._read(sql + " ORDER BY finished_ms", params)
        if not rows:
            return ScoreHistory()
        ids, versions_, finished, fractions, passed = zip(*rows, strict=True)
        quiz_of = {v: self._version(v).quiz_id for v in set(versions_)}
        # Built as columns in one go: a record per attempt costs ten times as much.
        return ScoreHistory.model_construct(
            attempt_ids=ids,
            quiz_ids=tuple(quiz_of[v] for v in versions_),
            finished_at=tuple(datetime.fromtimestamp(ms / 1000, UTC) for ms in finished),
            fractions=fractions,
            passed=tuple(None if p is None else bool(p) for p in passed),
        )

    def _question_groups(
        self, learner_id: int | None, quiz_id: str | None
    ) -> list[tuple[int, str, int, int, float]]:
        """(quiz version, question key, answers, fully right, total credit) per question."""
        where: list[str] = []
        params: list[Any] = []
        if learner_id is not None:
            where.append("a.learner_id = ?")
            params.append(learner_id)
        if quiz_id is not None:
            # A subquery, not the versions' ids: PostgreSQL then walks the answers of
            # those attempts by index instead of scanning all of them (3x faster at 1M).
            where.append("a.quiz_version_id IN (SELECT id FROM quiz_versions WHERE quiz_id = ?)")
            params.append(quiz_id)
        sql = (
            "SELECT a.quiz_version_id, n.question_key, count(*), "
            f"sum(CASE WHEN n.credit >= {FULL_CREDIT} THEN 1 ELSE 0 END), sum(n.credit) "
            "FROM attempts a JOIN answers n ON n.attempt_id = a.id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._read(sql + " GROUP BY a.quiz_version_id, n.question_key", params)

    def question_accuracy(
        self, learner_id: int | None = None, quiz_id: str | None = None
    ) -> list[QuestionAccuracy]:
        """Accuracy per question (merged across quiz versions and includes, by the quiz the
        question is written in), for one learner or all, one quiz or all."""
        merged: dict[tuple[str, str], list[float]] = {}
        for version_id, key, count, correct, total in self._question_groups(learner_id, quiz_id):
            home = home_of(self._version(version_id).quiz_id, key)
            m = merged.setdefault(home, [0, 0, 0.0])
            m[0] += count
            m[1] += correct
            m[2] += total
        construct = QuestionAccuracy.model_construct
        return [
            construct(
                quiz_id=q,
                question_id=i,
                answered=int(n),
                correct=int(c),
                mean_credit=t / n,
            )
            for (q, i), (n, c, t) in merged.items()
        ]

    def weakest_questions(
        self, learner_id: int, *, limit: int = 10, min_answers: int = 1
    ) -> list[QuestionAccuracy]:
        """The learner's questions with the lowest mean credit (most answered first among
        equals)."""
        rows = [q for q in self.question_accuracy(learner_id) if q.answered >= min_answers]
        rows.sort(key=lambda q: (q.mean_credit, -q.answered, q.key))
        return rows[:limit]

    def tag_accuracy(self, learner_id: int | None = None) -> list[TagAccuracy]:
        """Mastery per tag: every answer to a question carrying the tag (tags as in the
        quiz version that was taken). Weakest first."""
        groups = self._question_groups(learner_id, None)
        versions = sorted({g[0] for g in groups})
        tags: dict[tuple[int, str], list[str]] = {}
        for start in range(0, len(versions), 500):
            chunk = versions[start : start + 500]
            for version_id, key, tag in self._read(
                "SELECT quiz_version_id, question_key, tag FROM question_tags "
                f"WHERE quiz_version_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                tags.setdefault((version_id, key), []).append(tag)
        merged: dict[str, list[Any]] = {}
        for version_id, key, count, correct, total in groups:
            home = home_of(self._version(version_id).quiz_id, key)
            for tag in tags.get((version_id, key), ()):
                m = merged.setdefault(tag, [0, 0, 0.0, set()])
                m[0] += count
                m[1] += correct
                m[2] += total
                m[3].add(home)
        out = [
            TagAccuracy(
                tag=tag,
                answered=n,
                correct=c,
                mean_credit=t / n,
                questions=len(qs),
            )
            for tag, (n, c, t, qs) in merged.items()
        ]
        out.sort(key=lambda t: (t.mean_credit, t.tag))
        return out


_UPSERT_ANSWER = (
    "INSERT INTO answers (attempt_id, question_key, response, credit, points, "
    "tries, time_taken_ms, answered_ms, rated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (attempt_id, question_key) DO UPDATE SET "
    "response = excluded.response, credit = excluded.credit, "
    "points = excluded.points, tries = excluded.tries, "
    "time_taken_ms = answers.time_taken_ms + excluded.time_taken_ms, "
    "answered_ms = excluded.answered_ms, rated = excluded.rated"
)
"""An answer, replacing the one to the same question before (its time added)."""
_UPSERT_ANSWER_RETURNING = _UPSERT_ANSWER + " RETURNING time_taken_ms"

_ATTEMPT_SELECT = (
    "SELECT a.id, a.learner_id, a.quiz_version_id, v.quiz_id, v.sha256, a.mode, a.seed, "
    "a.question_order, a.started_ms, a.finished_ms, a.status, a.score, a.max_score, a.passed, "
    "a.uid, a.started_record, a.flagged "
    "FROM attempts a JOIN quiz_versions v ON v.id = a.quiz_version_id"
)
_CARD_SELECT = (
    "SELECT learner_id, quiz_id, question_id, state, stability, difficulty, due_ms, "
    "last_review_ms, reviews, lapses FROM review_cards"
)


_NewCard = tuple[int, int | None, float | None, float | None, timedelta, bool, int]
"""A new card's columns after a rating but its times: state, step, stability, difficulty;
then the interval to its due time, whether fsrs fuzzes it, and its lapses."""


def _new_card_outcome(scheduler: Any, rating: Any) -> _NewCard | None:
    """`_new_card_outcome`, by fsrs, at two times a day and a second apart: None unless
    the two agree once their times are taken out (then it does not depend on the time)."""
    Card, Rating, State = _fsrs_types()
    fuzzing = bool(scheduler.enable_fuzzing)
    if fuzzing:
        if not callable(getattr(scheduler, "_get_fuzzed_interval", None)):
            return None
        scheduler = copy.copy(scheduler)  # the interval before fuzzing
        scheduler.enable_fuzzing = False
    outcomes = set()
    for at in (_OUTCOME_AT, _OUTCOME_AT + timedelta(days=1, seconds=1)):
        card, _ = scheduler.review_card(Card(card_id=0, due=at), rating, review_datetime=at)
        if card.last_review != at:
            return None
        outcomes.add((int(card.state), card.step, card.stability, card.difficulty, card.due - at))
    if len(outcomes) != 1:
        return None
    state, step, stability, difficulty, interval = outcomes.pop()
    fuzzed = fuzzing and state == State.Review
    return state, step, stability, difficulty, interval, fuzzed, int(rating == Rating.Again)


_OUTCOME_AT = datetime(2024, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


@functools.cache
def _fsrs_types() -> tuple[Any, Any, Any]:
    """fsrs's Card, Rating and State, imported at the first rating (most runs never
    review), then at no cost per answer."""
    from fsrs import Card, Rating, State

    return Card, Rating, State


class EncodedJson(str):
    """JSON text already encoded (e.g. by pydantic's `model_dump_json`), stored as is."""

    __slots__ = ()


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""Made once: `json.dumps` with options builds an encoder at every call (every answer)."""
_encode_str = json.encoder.encode_basestring
"""What `_ENCODER` writes a string with (it does not escape non-ASCII)."""


def expand_log_record(value: JsonValue, attempt: Attempt, seq: int) -> JsonValue:
    """An answer record as the engine wrote it, from its form in the log (schema 6's
    compact array, see `ANSWER_LOG_FIELDS`; any other record is returned as it is)."""
    if not isinstance(value, list):
        return value
    if len(value) != len(ANSWER_LOG_FIELDS):
        raise ValueError(f"a compact answer record has {len(ANSWER_LOG_FIELDS)} values")
    record: dict[str, JsonValue] = {"attempt_id": attempt.uid, "seq": seq}
    record.update(zip(ANSWER_LOG_FIELDS, value, strict=True))
    sha = record["question_quiz_sha256"]
    if type(sha) is int and sha == SAME_SHA256:  # a hash is a string or null
        record["question_quiz_sha256"] = attempt.sha256
    return record


def _dumps(value: JsonValue | EncodedJson) -> str:
    if type(value) is EncodedJson:
        return str(value)
    # A response is most often one of these: written as the encoder writes them, without
    # the encoder it makes at every call for anything but a string.
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is str:
        return _encode_str(value)
    if type(value) is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if type(value) is list and all(type(item) is int for item in value):
        return "[" + ",".join(map(int.__repr__, value)) + "]"  # choices: a list of indexes
    if isinstance(value, EncodedJson):
        return str(value)
    return _ENCODER.encode(value)


def _answer_given(
    attempt_id: int,
    question_key: str,
    response: JsonValue | EncodedJson,
    credit: float,
    points: float,
    tries: int,
    total_ms: int,
    answered_ms: int,
) -> Answer:
    """The answer just recorded. Every field is already of its type: no validation on
    this hot path."""
    return Answer.model_construct(
        attempt_id=attempt_id,
        question_key=question_key,
        response=json.loads(response) if isinstance(response, EncodedJson) else response,
        credit=credit,
        points=points,
        tries=tries,
        time_taken=timedelta(milliseconds=total_ms),
        answered_at=utc_from_ms(answered_ms),
    )


def _learner(row: Sequence[Any]) -> Learner:
    return Learner(id=row[0], name=row[1], language=row[2], created_at=utc_from_ms(row[3]))


def _quiz_version(row: Sequence[Any]) -> QuizVersion:
    return QuizVersion(
        id=row[0], quiz_id=row[1], sha256=row[2], title=row[3], first_seen=utc_from_ms(row[4])
    )


def _attempt(row: Sequence[Any]) -> Attempt:
    return Attempt(
        id=row[0],
        learner_id=row[1],
        quiz_version_id=row[2],
        quiz_id=row[3],
        sha256=row[4],
        mode=row[5],
        seed=row[6],
        question_order=tuple(json.loads(row[7])),
        started_at=utc_from_ms(row[8]),
        finished_at=None if row[9] is None else utc_from_ms(row[9]),
        status=row[10],
        score=row[11],
        max_score=row[12],
        passed=None if row[13] is None else bool(row[13]),
        uid=row[14],
        started_record=None if row[15] is None else json.loads(row[15]),
        flagged=None if row[16] is None else tuple(json.loads(row[16])),
    )


def _answer(row: Sequence[Any]) -> Answer:
    return Answer(
        attempt_id=row[0],
        question_key=row[1],
        response=json.loads(row[2]),
        credit=row[3],
        points=row[4],
        tries=row[5],
        time_taken=timedelta(milliseconds=row[6]),
        answered_at=utc_from_ms(row[7]),
    )


def _card(row: Sequence[Any]) -> ReviewCard:
    return ReviewCard(
        learner_id=row[0],
        quiz_id=row[1],
        question_id=row[2],
        state=row[3],
        stability=row[4],
        difficulty=row[5],
        due=utc_from_ms(row[6]),
        last_review=None if row[7] is None else utc_from_ms(row[7]),
        reviews=row[8],
        lapses=row[9],
    )
