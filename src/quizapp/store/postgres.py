"""The score store on a PostgreSQL server (psycopg 3), for an organisation's shared one.

The same tables, migrations, queries and guarantees as the SQLite store (`Store`, whose
methods this class inherits: only the connection, the transactions and a few words of
SQL differ). Imported only when a `postgresql://` URL is opened (`open_store`), so the
embedded default never loads psycopg.

Concurrency, as PostgreSQL wants it:
- One connection per store, in autocommit: a read is one statement, and no transaction
  stays open between calls (nor while a learner thinks).
- Every write is one SERIALIZABLE transaction (READ COMMITTED for those that lock the
  rows they depend on), committed (`synchronous_commit = on`: flushed to the server's
  WAL) before the method returns. A transaction the server gives up (serialisation
  failure 40001, deadlock 40P01, a lock wait past `busy_timeout`) runs again whole
  (`retry.retried`); uniqueness is the constraints' job (an answer is one row per
  attempt and question, upserted), never a read-then-write.
- An answer, the hot path, is one statement and one round trip when the store already
  knows what it depends on (`_answer_at_once`): the same locks and writes as the general
  path's transaction, which takes over whenever that statement cannot be sure.
- The lease's read locks the attempt's row (`FOR UPDATE`), so two writers of one
  attempt queue instead of failing.

Leases across hosts: the owner token names a process and a host, and a host cannot see
another's processes. Here liveness is the server's to tell: every store holds a session
advisory lock keyed by its token for as long as its connection lives, so a killed
process's lease is free as soon as the server sees its connection close (at once for a
killed process; a host cut off the network may keep its session until the server's TCP
keepalive gives up, and then `lease_timeout` without an answer frees it anyway). A
transaction-pooling proxy (pgbouncer `pool_mode=transaction`) cannot keep session locks:
connect directly or through session pooling.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from typing import Any

import psycopg
from psycopg import errors as pgerrors

from quizapp.i18n import Message
from quizapp.locations import describe_target
from quizapp.store.errors import StoreError, StoreTooNew
from quizapp.store.records import ms_from_utc
from quizapp.store.retry import RetryTransaction
from quizapp.store.review import home_of, rating_for
from quizapp.store.schema import PG_MIGRATIONS, PG_SCHEMA_TABLE, SCHEMA_VERSION
from quizapp.store.store import (
    _FINISHED_SQL,
    BUSY_TIMEOUT,
    COPY_TABLES,
    LEASE_RENEW_FRACTION,
    LEASE_TIMEOUT,
    TABLE_KEYS,
    AnswerRow,
    CardRow,
    Clock,
    Store,
    StoreCheck,
)

_LOCK_SPACE = 0x51554941
"""The first key of quizapp's advisory locks ("QUIA"), apart from other applications'."""
_MIGRATION_LOCK = 0
"""The second key of the lock migrations hold (lease owners' keys are positive)."""
_NAMES_LOCK = -1
"""The second key of the lock held while a new learner is made."""

_RETRYABLE = (
    pgerrors.SerializationFailure,  # 40001
    pgerrors.DeadlockDetected,  # 40P01
    pgerrors.LockNotAvailable,  # 55P03: a lock wait past lock_timeout
    # 53200: SERIALIZABLE's shared pools of predicate locks and conflicts full for a
    # moment under many writers ("not enough elements in RWConflictPool").
    pgerrors.OutOfMemory,
)


_CARD_CHANGED = "quizapp: the review card is not as this store last saw it"
"""What the one-statement answer fails with (undoing all of it) when the card it rated
was changed by someone else in the meantime: the answer then takes the general path."""

_ANSWERED = """
WITH attempt AS MATERIALIZED (
    SELECT id, lease_ms FROM attempts
    WHERE id = %(attempt)s AND lease_owner = %(owner)s AND status = 'in_progress'
    FOR UPDATE
), renewed AS (
    UPDATE attempts SET lease_ms = %(now)s::bigint FROM attempt
    WHERE attempts.id = attempt.id AND NOT coalesce(
        %(now)s::bigint - attempt.lease_ms >= 0
        AND %(now)s::bigint - attempt.lease_ms < %(renew)s::double precision, false)
    RETURNING attempts.id
), logged AS (
    INSERT INTO answer_log (attempt_id, seq, record)
    SELECT id, %(seq)s::integer, %(record)s::text FROM attempt
    ON CONFLICT (attempt_id, seq) DO NOTHING
    RETURNING attempt_id
), answered AS (
    INSERT INTO answers (attempt_id, question_key, response, credit, points, tries,
        time_taken_ms, answered_ms, rated)
    SELECT attempt_id, %(key)s::text, %(response)s::text, %(credit)s::double precision,
        %(points)s::double precision, %(tries)s::integer, %(taken)s::bigint,
        %(answered)s::bigint, %(rated)s::integer
    FROM logged
    ON CONFLICT (attempt_id, question_key) DO UPDATE SET
        response = excluded.response, credit = excluded.credit, points = excluded.points,
        tries = excluded.tries, time_taken_ms = answers.time_taken_ms + excluded.time_taken_ms,
        answered_ms = excluded.answered_ms, rated = excluded.rated
    RETURNING time_taken_ms
)"""

_LEARNER = """, learner AS MATERIALIZED (
    SELECT id FROM learners
    WHERE id = %(learner)s AND EXISTS (SELECT FROM answered)
    FOR NO KEY UPDATE
)"""

_CARD_SET = """state = %(state)s::integer, step = %(step)s::integer,
        stability = %(stability)s::double precision,
        difficulty = %(difficulty)s::double precision, due_ms = %(due)s::bigint,
        last_review_ms = %(last)s::bigint, reviews = %(reviews)s::integer,
        lapses = %(lapses)s::integer"""


def _card_checked(card: str) -> str:
    # Written, or nothing was answered: true. Otherwise the card was not as seen, and the
    # cast of the message to boolean fails the statement, undoing all of it.
    return f"""
SELECT (SELECT time_taken_ms FROM answered),
    CASE WHEN NOT EXISTS (SELECT FROM answered) OR EXISTS (SELECT FROM {card}) THEN true
    ELSE (SELECT '{_CARD_CHANGED} (' || count(*) || ')' FROM learner)::boolean END
"""


_ANSWER_UNRATED = _ANSWERED + "\nSELECT time_taken_ms FROM answered\n"
"""An answer whose verdict is still open (no card rated)."""

_ANSWER_NEW_CARD = (
    _ANSWERED
    + _LEARNER
    + """, new_card AS (
    INSERT INTO review_cards (learner_id, quiz_id, question_id, state, step, stability,
        difficulty, due_ms, last_review_ms, reviews, lapses)
    SELECT id, %(home)s::text, %(question)s::text, %(state)s::integer, %(step)s::integer,
        %(stability)s::double precision, %(difficulty)s::double precision, %(due)s::bigint,
        %(last)s::bigint, %(reviews)s::integer, %(lapses)s::integer
    FROM learner
    ON CONFLICT (learner_id, quiz_id, question_id) DO NOTHING
    RETURNING 1
)"""
    + _card_checked("new_card")
)
"""An answer rating a card this store has not seen (it writes it only if still new)."""

_ANSWER_RATED_CARD = (
    _ANSWERED
    + _LEARNER
    + f""", rated_card AS (
    UPDATE review_cards SET {_CARD_SET}
    FROM learner
    WHERE review_cards.learner_id = learner.id AND quiz_id = %(home)s::text
        AND question_id = %(question)s::text
        AND (state, step, stability, difficulty, due_ms, last_review_ms, reviews, lapses)
        IS NOT DISTINCT FROM (%(was_state)s::integer, %(was_step)s::integer,
            %(was_stability)s::double precision, %(was_difficulty)s::double precision,
            %(was_due)s::bigint, %(was_last)s::bigint, %(was_reviews)s::integer,
            %(was_lapses)s::integer)
    RETURNING 1
)"""
    + _card_checked("rated_card")
)
"""An answer rating a card as this store last saw it (it writes it only if still so)."""

_CARD_NAMES = ("state", "step", "stability", "difficulty", "due", "last", "reviews", "lapses")
_WAS_NAMES = tuple("was_" + name for name in _CARD_NAMES)
_ANSWERED_NAMES = (
    *("attempt", "owner", "now", "now", "now", "renew", "seq", "record", "key", "response"),
    *("credit", "points", "tries", "taken", "answered", "rated"),
)


def _positional(sql: str, names: tuple[str, ...]) -> str:
    """`sql` with `%s` for its named parameters, which must be `names` in this order: the
    values go as a tuple, built in `_answer_at_once` in that order (psycopg matches a
    dict's values to the names again at every execution)."""
    found = tuple(re.findall(r"%\((\w+)\)s", sql))
    if found != names:
        raise AssertionError(f"parameters {found}, expected {names}")
    return re.sub(r"%\(\w+\)s", "%s", sql)


_ANSWER_UNRATED = _positional(_ANSWER_UNRATED, _ANSWERED_NAMES)
_ANSWER_NEW_CARD = _positional(
    _ANSWER_NEW_CARD, (*_ANSWERED_NAMES, "learner", "home", "question", *_CARD_NAMES)
)
_ANSWER_RATED_CARD = _positional(
    _ANSWER_RATED_CARD,
    (*_ANSWERED_NAMES, "learner", *_CARD_NAMES, "home", "question", *_WAS_NAMES),
)
_ANSWER_AT_ONCE = (_ANSWER_UNRATED, _ANSWER_NEW_CARD, _ANSWER_RATED_CARD)
"""An answer in one statement, so one round trip (the general path takes five), in three
forms fixed in advance (no card to rate, a new card, a card seen before), each prepared
by the server once per connection and carrying only its own parameters: each step runs
only if the one before did, in the general path's order and with its row locks (the
attempt's row, then the learner's before the card), and the statement is one
transaction, committed before its reply. It writes nothing unless this store holds the
attempt's lease and the log's key `seq` is free (the result is then NULL); a review
card found other than this store last saw it fails the statement, undoing the rest."""


def owner_key(token: str) -> int:
    """The advisory lock key of a lease owner (31 bits, never 0)."""
    digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
    return (int.from_bytes(digest, "big") & 0x7FFFFFFF) or 1


@functools.lru_cache(maxsize=1024)
def _pg_sql(sql: str) -> str:
    # The store's SQL is written with SQLite's `?`; none of it holds a literal `?` or `%`.
    return sql.replace("?", "%s")


class _Cursor:
    """A psycopg cursor that takes the store's `?` placeholders. In a pipeline, a
    statement whose result is not read costs no round trip of its own."""

    __slots__ = ("_cur", "_pipe")

    def __init__(self, cur: psycopg.Cursor[Any], pipe: Any = None) -> None:
        self._cur = cur
        self._pipe = pipe

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        self._cur.execute(_pg_sql(sql), params or None)
        return self

    def executemany(self, sql: str, rows: Any) -> _Cursor:
        self._cur.executemany(_pg_sql(sql), rows)
        return self

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cur.fetchall())

    @property
    def rowcount(self) -> int:
        if self._pipe is not None:
            self._pipe.sync()  # the count is known once the statement has run
        return self._cur.rowcount


def schema_version(con: psycopg.Connection[Any]) -> int:
    """The database's schema version: 0 when quizapp has never written it."""
    (table,) = con.execute("SELECT to_regclass('schema_version')").fetchone() or (None,)
    if table is None:
        return 0
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(con: psycopg.Connection[Any], upto: int = SCHEMA_VERSION) -> int:
    """Bring the database up to schema version `upto` (each step in one transaction with
    its version row; two processes opening a new database at once take turns), and
    return the version found before. A newer database is refused (`StoreTooNew`)."""
    found = schema_version(con)
    if found >= upto:
        return found  # nothing to write: a role that may not create tables opens it too
    with con.transaction():
        # Transaction-scoped: released at commit, and by a crash.
        con.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_LOCK_SPACE, _MIGRATION_LOCK))
        con.execute(PG_SCHEMA_TABLE)
        found = schema_version(con)
        for step in range(found, upto):
            for statement in PG_MIGRATIONS[step].split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute(
                "INSERT INTO schema_version (version, applied_ms) "
                "VALUES (%s, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)",
                (step + 1,),
            )
    return found


class PgStore(Store):
    """The score store on a PostgreSQL database. Open it with `open_store(url)`."""

    backend = "postgresql"
    _RATE_FROM_SEEN = False  # the one-statement answer does; its fallback reads first
    _AT_ONCE = True
    path: str  # type: ignore[assignment]  # the URL without its password, where Store has a file
    _FOR_UPDATE = " FOR UPDATE"
    _GREATEST = "greatest"

    def __init__(
        self,
        url: str,
        *,
        clock: Clock | None = None,
        scheduler: Any | None = None,
        busy_timeout: float = BUSY_TIMEOUT,
        lease_timeout: timedelta = LEASE_TIMEOUT,
        connect_timeout: float = 10.0,
    ) -> None:
        self.url = url
        self.path = describe_target(url)
        self._busy_timeout = busy_timeout
        self._connect_timeout = connect_timeout
        self._init_state(clock, scheduler, lease_timeout)
        self._answer_cur: psycopg.Cursor[Any] | None = None
        self._con: psycopg.Connection[Any] = self._connect()  # type: ignore[assignment]  # the Store methods that read _con as SQLite's are overridden here
        try:
            found = migrate(self._con)
        except StoreError:
            self._con.close()
            raise
        except psycopg.Error as exc:
            self._con.close()
            raise self._error(exc, "pg_cannot_open") from None
        if found > SCHEMA_VERSION:
            self._con.close()
            raise StoreTooNew(self.path, found, SCHEMA_VERSION)

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            con = psycopg.connect(
                self.url, autocommit=True, connect_timeout=max(1, round(self._connect_timeout))
            )
        except psycopg.Error as exc:
            raise StoreError(
                self.path, Message("store.unreachable", path=self.path, why=_first_line(exc))
            ) from None
        try:
            # Durable before acknowledged, whatever the server's or role's default; a lock
            # wait gives up as SQLite's busy timeout does (and the write is retried). An
            # answer's one statement runs in autocommit: READ COMMITTED, as the general
            # path's transaction, whatever the default (the other writes say their own).
            con.execute(
                "SET synchronous_commit = on; "
                "SET default_transaction_isolation = 'read committed'; "
                f"SET lock_timeout = {int(self._busy_timeout * 1000)}"
            )
            # This store's liveness, for other stores' lease checks: held until the
            # connection closes (or its process dies).
            con.execute("SELECT pg_advisory_lock(%s, %s)", (_LOCK_SPACE, owner_key(self.owner)))
        except psycopg.Error as exc:
            con.close()
            raise self._error(exc, "pg_cannot_open") from None
        return con

    def _error(self, exc: psycopg.Error, what: str = "unusable") -> StoreError:
        """`exc` as the store's error: the message `store.<what>` naming the database."""
        return StoreError(self.path, Message(f"store.{what}", path=self.path, why=_first_line(exc)))

    def _alive(self) -> psycopg.Connection[Any]:
        """The connection, made again if the last one broke (a server restart, a network
        cut): one failed call, not a dead store. Leases are kept by the token."""
        if self._con.closed:  # broken is closed too (every answer asks: once is enough)
            with suppress(psycopg.Error):
                self._con.close()
            self._con = self._connect()
        return self._con

    @property
    def schema_version(self) -> int:
        with self._lock:
            try:
                return schema_version(self._alive())
            except psycopg.Error as exc:
                raise self._error(exc) from None

    def close(self) -> None:
        """Release this store's leases and close the connection (which frees its lock)."""
        with self._lock:
            if self._con.closed:
                return
            if self._leases and not self._con.broken:
                with suppress(psycopg.Error):
                    self._con.execute(
                        "UPDATE attempts SET lease_owner = NULL WHERE lease_owner = %s",
                        (self.owner,),
                    )
            self._con.close()

    # -- transactions ------------------------------------------------------------------

    @contextmanager
    def _write(self, *, row_locked: bool = False, idempotent: bool = False) -> Iterator[Any]:
        """One transaction, committed before the block's method returns: SERIALIZABLE,
        or READ COMMITTED for the `row_locked` ones (an answer, a flag, a lease: they
        lock the attempt's row, and the learner's before rating a card, so they need no
        predicate locks, whose false conflicts would make busy classes retry). A
        transaction the server gave up raises `RetryTransaction` (after rolling back),
        which the method's `retried` runs again. So does a lost connection (a server
        restart, a network cut, even during the COMMIT, whose outcome is then unknown)
        for an `idempotent` write: it runs again on a new connection, and its key tells
        whether it had committed."""
        level = "READ COMMITTED" if row_locked else "SERIALIZABLE"
        with self._lock:
            con = self._alive()
            self._new_leases.clear()
            self._new_cards.clear()
            cur = con.cursor()
            committing = False
            try:
                # Pipelined: only the statements whose rows are read wait for the server
                # (an answer: four round trips instead of eight, COMMIT included).
                with con.pipeline() as pipe:
                    cur.execute(f"BEGIN ISOLATION LEVEL {level}")
                    yield _Cursor(cur, pipe)
                    committing = True
                    cur.execute("COMMIT")
            except BaseException as exc:
                if not con.closed and not con.broken:
                    with suppress(psycopg.Error):
                        con.execute("ROLLBACK")
                if isinstance(exc, psycopg.Error):
                    raise self._given_up(
                        exc, con, idempotent=idempotent, committing=committing
                    ) from None
                raise
            finally:
                cur.close()
            self._leases.update(self._new_leases)
            for learner_id, quiz_id, question_id, card in self._new_cards:
                self._card_seen(learner_id, quiz_id, question_id, card)

    def _given_up(
        self,
        exc: psycopg.Error,
        con: psycopg.Connection[Any],
        *,
        idempotent: bool,
        committing: bool = True,
    ) -> Exception:
        """What to raise for a write the server failed: `RetryTransaction` (for the
        method's `retried`) when it may succeed if run again, else a `StoreError`; one
        that says its outcome is unknown when the connection was lost while `committing`
        a write that is not safe to run again (it would, say, add a time twice)."""
        lost = isinstance(exc, psycopg.OperationalError) and (con.closed or con.broken)
        if isinstance(exc, _RETRYABLE) or (lost and idempotent):
            if getattr(self._retry_depth, "n", 0) == 0:
                return self._error(exc)  # a tool's own transaction
            return RetryTransaction(_first_line(exc), lost=lost)
        if lost and committing:
            return StoreError(
                self.path,
                Message("store.outcome_unknown", path=self.path, why=_first_line(exc)),
            )
        return self._error(exc)

    # -- an answer in one round trip ---------------------------------------------------

    def _answer_at_once(
        self, attempt_id: int, row: AnswerRow, *, encoded: str, seq: int, now: datetime
    ) -> int | None:
        """The answer in one statement (`_ANSWER_AT_ONCE`), when this store already knows
        the attempt (its learner and quiz), holds its lease, and has seen the learner's
        cards of the question's quiz (read once per learner and quiz: its card is rated
        here, in Python, from what was seen). None when the statement wrote nothing, or
        the card had changed: the general path then reads what it needs, as always."""
        with self._lock:
            info = self._attempts.get(attempt_id)
            if info is None or attempt_id not in self._leases:
                return None
            question_key, _, credit, _, tries, _, _, rated = row
            home, question_id = home_of(info.quiz_id, question_key)
            con = self._alive()
            now_ms = ms_from_utc(now)
            try:
                params: tuple[Any, ...] = (  # in the order of `_ANSWERED_NAMES`
                    attempt_id,
                    self.owner,
                    now_ms,
                    now_ms,
                    now_ms,
                    self.lease_timeout.total_seconds() * 1000 * LEASE_RENEW_FRACTION,
                    seq,
                    encoded,
                    *row,
                )
                card: CardRow | None = None
                cur = self._answer_cursor(con)
                if not rated:
                    sql = _ANSWER_UNRATED
                else:
                    seen = self._cards_of(_Cursor(cur), info.learner_id, home)
                    was = seen.get(question_id)
                    card = self._next_card(was, rating_for(credit, tries), now)
                    if was is None:
                        sql = _ANSWER_NEW_CARD
                        params = (*params, info.learner_id, home, question_id, *card)
                    else:
                        sql = _ANSWER_RATED_CARD
                        params = (*params, info.learner_id, *card, home, question_id, *was)
                written = cur.execute(sql, params).fetchone()
            except psycopg.Error as exc:
                if isinstance(exc, pgerrors.InvalidTextRepresentation) and _CARD_CHANGED in str(
                    exc
                ):
                    return None  # undone whole: rated again from the card as it is now
                raise self._given_up(exc, con, idempotent=True) from None
            if written is None or written[0] is None:
                return None  # not this store's lease, or `seq` taken: nothing written
            if card is not None:
                self._card_seen(info.learner_id, home, question_id, card)
            return int(written[0])

    def _logged_under_lease(self, cur: Any, attempt_id: int, seq: int, encoded: str) -> bool:
        return False  # the general path locks the attempt's row (`_lease`) before writing

    def _answer_cursor(self, con: psycopg.Connection[Any]) -> psycopg.Cursor[Any]:
        """The cursor answers are written with, one per connection: making one per answer
        cost about a quarter of its client time."""
        cur = self._answer_cur
        if cur is None or cur.connection is not con:
            cur = self._answer_cur = con.cursor()
        return cur

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            con = self._alive()
            try:
                return con.execute(_pg_sql(sql), params or None).fetchall()
            except psycopg.Error as exc:
                raise self._error(exc) from None

    def find_learner(self, name: str) -> Any:
        with self._lock:
            con = self._alive()
            try:
                with con.cursor() as cur:
                    row = self._find_learner(_Cursor(cur), name)  # type: ignore[arg-type]  # _Cursor answers execute().fetchall() as sqlite3's does
            except psycopg.Error as exc:
                raise self._error(exc) from None
        from quizapp.store.store import _learner

        return None if row is None else _learner(row)

    def _summary_rows(self, learner_id: int) -> list[tuple[Any, ...]]:
        # One pass: the last fraction is the first of them ordered newest first.
        return self._read(
            "SELECT quiz_version_id, count(*), max(score / max_score), sum(score / max_score), "
            "max(finished_ms), "
            "(array_agg(score / max_score ORDER BY finished_ms DESC, id DESC))[1] "
            f"FROM attempts WHERE learner_id = ? AND status IN {_FINISHED_SQL} "
            "AND max_score > 0 GROUP BY quiz_version_id",
            (learner_id,),
        )

    def _lock_names(self, cur: Any) -> None:
        # Transaction-scoped: released at commit or rollback, and by a crash.
        cur.execute("SELECT pg_advisory_xact_lock(?, ?)", (_LOCK_SPACE, _NAMES_LOCK))

    def _lock_learner(self, cur: Any, learner_id: int) -> None:
        # NO KEY UPDATE: does not wait for (or block) the key-share locks that inserting
        # an attempt of theirs takes through its foreign key.
        cur.execute("SELECT 1 FROM learners WHERE id = ? FOR NO KEY UPDATE", (learner_id,))

    def _owner_alive(self, cur: Any, token: str) -> bool:
        """Whether the store holding a lease is still connected (it holds its advisory
        lock), wherever it runs."""
        (held,) = cur.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 2 AND granted)",
            (_LOCK_SPACE, owner_key(token)),
        ).fetchone()
        return bool(held)

    # -- for tools -----------------------------------------------------------------------

    def check(self) -> StoreCheck:
        """The schema version and what PostgreSQL can say of the data: every table there,
        every constraint validated, every index valid (and, with the `amcheck` extension
        installed, each b-tree index checked against its table)."""
        with self._lock:
            con = self._alive()
            findings: list[str] = []
            try:
                version = schema_version(con)
                if version != SCHEMA_VERSION:
                    findings.append(f"schema version {version}, not {SCHEMA_VERSION}")
                present = {
                    r[0]
                    for r in con.execute(
                        "SELECT c.relname FROM pg_class c "
                        "WHERE c.relkind = 'r' AND c.relnamespace = "
                        "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
                    ).fetchall()
                }
                missing = [t for t in COPY_TABLES if t not in present]
                if missing:
                    findings.append(f"tables missing: {', '.join(missing)}")
                schema = "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
                unvalidated = con.execute(
                    "SELECT conname FROM pg_constraint WHERE NOT convalidated "
                    f"AND connamespace = {schema}"
                ).fetchall()
                if unvalidated:
                    names = ", ".join(r[0] for r in unvalidated)
                    findings.append(f"constraints not validated: {names}")
                broken = con.execute(
                    "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    f"WHERE c.relnamespace = {schema} AND NOT (i.indisvalid AND i.indisready)"
                ).fetchall()
                if broken:
                    findings.append(f"indexes not valid: {', '.join(r[0] for r in broken)}")
                has_amcheck = con.execute(
                    "SELECT 1 FROM pg_extension WHERE extname = 'amcheck'"
                ).fetchone()
                if has_amcheck:
                    for (index,) in con.execute(
                        "SELECT c.oid::regclass::text FROM pg_index i "
                        "JOIN pg_class c ON c.oid = i.indexrelid "
                        "JOIN pg_am a ON a.oid = c.relam "
                        f"WHERE c.relnamespace = {schema} AND a.amname = 'btree'"
                    ).fetchall():
                        try:
                            con.execute("SELECT bt_index_check(%s::regclass, true)", (index,))
                        except psycopg.Error as exc:
                            findings.append(f"index {index}: {_first_line(exc)}")
            except psycopg.Error as exc:
                raise self._error(exc, "cannot_check") from None
            return StoreCheck(
                backend=self.backend,
                target=self.path,
                schema_version=version,
                ok=not findings,
                findings=tuple(findings),
            )

    def reset_identities(self) -> None:
        """Move every id sequence past the highest id in its table (after a copy wrote
        rows with their ids), so the next row made here gets a new one."""
        with self._write() as cur:
            for table in COPY_TABLES:
                if TABLE_KEYS[table] != ("id",):
                    continue
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence(?, 'id'), "
                    f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)",
                    (table,),
                )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
