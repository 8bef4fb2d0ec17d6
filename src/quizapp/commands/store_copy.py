"""`quizapp store copy`: a whole score store, or one learner's part of it, from one store
to another (SQLite or PostgreSQL, either way), then proved by counts and checksums.

Rows are matched by what they are, never by their ids, which differ between stores:
a learner by name (case-folded), a quiz version by (quiz id, sha256), a class by name,
an attempt by its uid (by learner, version and start time when it has none), and the
rest by their own keys under those. A row missing on the destination is inserted, one
that differs is updated to the source's values, an equal one is left alone: running the
copy again writes nothing. Leases are not copied: a lease names a process of the
source's, which means nothing on the destination.

The rows stream: each table is read `BATCH` rows at a time (a server-side cursor on
PostgreSQL), each batch's counterparts are looked up on the destination by key, and what
differs is written. Only the id maps of learners, quiz versions, classes and attempts
are held whole (an attempt's answers, records and cards are not). A second pass over the
source, in the same snapshot, reads the destination back and checksums both sides; the
destination's transaction commits only if every table matches.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizapp.names import name_key

BATCH = 2000
"""Rows per fetch from the source, per look-up on the destination and per `executemany`."""

Key = tuple[Any, ...]
Canon = dict[Key, tuple[Any, ...]]
"""Rows as natural key -> the other values, ids replaced by natural keys."""

_MASK = (1 << 256) - 1


class CopyError(Exception):
    """Why the copy could not be done, in one sentence."""


class Side:
    """One end of the copy: a raw connection to an SQLite file or a PostgreSQL database,
    with `?` placeholders on both."""

    def __init__(self, target: Path | str, label: str) -> None:
        self.label = label
        self.postgres = not isinstance(target, Path)
        self._cursors = 0
        if self.postgres:
            # Deferred: psycopg is only loaded when a PostgreSQL URL is used.
            import psycopg

            self.con: Any = psycopg.connect(str(target), autocommit=True)
        else:
            self.con = sqlite3.connect(target, isolation_level=None, timeout=30.0)

    def sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.postgres else text

    def rows(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """A query's rows at once: only for results no larger than a batch."""
        return [tuple(r) for r in self.con.execute(self.sql(text), params).fetchall()]

    def stream(self, text: str, params: Sequence[Any] = ()) -> Iterator[list[tuple[Any, ...]]]:
        """A query's rows, `BATCH` at a time (on PostgreSQL through a server-side cursor,
        inside the transaction begun on this side)."""
        if self.postgres:
            self._cursors += 1
            cur = self.con.cursor(name=f"quizapp_copy_{self._cursors}")
        else:
            cur = self.con.cursor()
        try:
            cur.execute(self.sql(text), params)
            while batch := cur.fetchmany(BATCH):
                yield [tuple(r) for r in batch]
        finally:
            cur.close()

    def run(self, text: str, params: Sequence[Any] = ()) -> Any:
        return self.con.execute(self.sql(text), params)

    def many(self, text: str, rows: Sequence[Sequence[Any]]) -> None:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            if self.postgres:
                with self.con.cursor() as cur:
                    cur.executemany(self.sql(text), chunk)
            else:
                self.con.executemany(text, chunk)

    def begin(self, *, read_only: bool) -> None:
        if self.postgres:
            # One snapshot for every table read, both passes; the writer's rows are
            # checked, not assumed.
            level = "REPEATABLE READ, READ ONLY" if read_only else "READ COMMITTED"
            self.con.execute(f"BEGIN ISOLATION LEVEL {level}")
        else:
            self.con.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.con.execute("COMMIT")

    def rollback(self) -> None:
        # Nothing was begun, or the connection is gone: nothing to undo.
        with contextlib.suppress(Exception):
            self.con.execute("ROLLBACK")

    def close(self) -> None:
        self.con.close()


@dataclass(slots=True)
class Scope:
    """Which rows of a store: all, or one learner's (their attempts' quiz versions and
    their classes come with them)."""

    learner_id: int | None = None

    def where(self, column: str) -> tuple[str, list[Any]]:
        if self.learner_id is None:
            return "", []
        return f" WHERE {column} = ?", [self.learner_id]

    def where_in(self, column: str, subquery: str) -> tuple[str, list[Any]]:
        if self.learner_id is None:
            return "", []
        return f" WHERE {column} IN ({subquery})", [self.learner_id]


_MY_VERSIONS = "SELECT quiz_version_id FROM attempts WHERE learner_id = ?"
_MY_ATTEMPTS = "SELECT id FROM attempts WHERE learner_id = ?"
_MY_CLASSES = "SELECT class_id FROM class_members WHERE learner_id = ?"


TABLES = (
    "learners",
    "quiz_versions",
    "question_tags",
    "classes",
    "class_quizzes",
    "attempts",
    "answers",
    "answer_log",
    "review_cards",
    "class_members",
)
"""In the order they are written (every table after those it refers to)."""


class Digest:
    """A table's checksum, added to a row at a time in any order: each row's SHA-256
    (the repr of its natural key and values) summed modulo 2**256, and the checksum
    the SHA-256 of that sum. The order does not matter, so both sides (whose ids, and
    so whose natural order, differ) and every store that holds the same rows agree,
    and nothing of the table need be held to sort it."""

    __slots__ = ("rows", "total")

    def __init__(self) -> None:
        self.rows = 0
        self.total = 0

    def add(self, key: Key, values: Sequence[Any]) -> None:
        # Values as both drivers give them: text, integers, floats and NULL (no column
        # is boolean), which repr spells alike.
        row = repr((key, tuple(values))).encode()
        self.total = (self.total + int.from_bytes(hashlib.sha256(row).digest())) & _MASK
        self.rows += 1

    def hexdigest(self) -> str:
        return hashlib.sha256(self.total.to_bytes(32)).hexdigest()


def checksum(rows: Canon) -> str:
    """The checksum of rows held whole (as `Digest` builds it a row at a time)."""
    digest = Digest()
    for key, values in rows.items():
        digest.add(key, values)
    return digest.hexdigest()


@dataclass(slots=True)
class Ids:
    """One side's ids of the rows that others refer to, by natural key."""

    learners: dict[int, Key] = field(default_factory=dict)
    versions: dict[int, Key] = field(default_factory=dict)
    classes: dict[int, Key] = field(default_factory=dict)
    attempts: dict[int, Key] = field(default_factory=dict)
    """The source's attempts in scope (the destination's: `attempt_ids`)."""
    attempt_ids: dict[Key, int] = field(default_factory=dict)
    """The destination's attempts, by natural key."""

    def by_key(self, kind: str) -> dict[Key, int]:
        return {v: k for k, v in getattr(self, kind).items()}


@dataclass(frozen=True, slots=True)
class Child:
    """A table whose rows hang under the referenced tables: their natural key is their
    references' natural keys and their own key columns. On the destination a row is
    found, and upserted, by its references' ids there and its own key."""

    table: str
    refs: tuple[tuple[str, str], ...]
    """(column, the `Ids` map it refers through)."""
    keys: tuple[str, ...]
    values: tuple[str, ...]
    scope: tuple[str, str | None]
    """(column, subquery) choosing the rows of one learner; no subquery: the learner id."""

    @property
    def id_columns(self) -> tuple[str, ...]:
        return (*(c for c, _ in self.refs), *self.keys)

    def columns(self) -> str:
        return ", ".join((*self.id_columns, *self.values))

    def where(self, scope: Scope) -> tuple[str, list[Any]]:
        column, subquery = self.scope
        return scope.where(column) if subquery is None else scope.where_in(column, subquery)

    def upsert(self, staged: str | None = None) -> str:
        """The statement that writes a row (its values as `?`), or every row of the
        table `staged`, over the one with the same ids."""
        if staged is None:
            rows = f"VALUES ({', '.join('?' * (len(self.id_columns) + len(self.values)))})"
        else:
            rows = f"SELECT {self.columns()} FROM {staged}"
        conflict = ", ".join(self.id_columns)
        if not self.values:
            action = "DO NOTHING"
        else:
            action = "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in self.values)
        return (
            f"INSERT INTO {self.table} ({self.columns()}) {rows} ON CONFLICT ({conflict}) {action}"
        )


CHILDREN = {
    c.table: c
    for c in (
        Child(
            "question_tags",
            (("quiz_version_id", "versions"),),
            ("question_key", "tag"),
            (),
            ("quiz_version_id", _MY_VERSIONS),
        ),
        Child(
            "class_quizzes",
            (("class_id", "classes"),),
            ("quiz_id",),
            ("position", "is_open", "extra_seconds"),
            ("class_id", _MY_CLASSES),
        ),
        Child(
            "answers",
            (("attempt_id", "attempts"),),
            ("question_key",),
            (
                "response",
                "credit",
                "points",
                "tries",
                "time_taken_ms",
                "answered_ms",
                "rated",
            ),
            ("attempt_id", _MY_ATTEMPTS),
        ),
        Child(
            "answer_log",
            (("attempt_id", "attempts"),),
            ("seq",),
            ("record",),
            ("attempt_id", _MY_ATTEMPTS),
        ),
        Child(
            "review_cards",
            (("learner_id", "learners"),),
            ("quiz_id", "question_id"),
            (
                "state",
                "step",
                "stability",
                "difficulty",
                "due_ms",
                "last_review_ms",
                "reviews",
                "lapses",
            ),
            ("learner_id", None),
        ),
        Child(
            "class_members",
            (("class_id", "classes"), ("learner_id", "learners")),
            (),
            ("pin_hash", "joined_ms", "seen_ms", "extra_seconds"),
            ("learner_id", None),
        ),
    )
}

_ATTEMPT_VALUES = (
    "mode, seed, question_order, finished_ms, status, score, max_score, passed, "
    "started_record, flagged"
)
_ATTEMPT_COLUMNS = f"learner_id, quiz_version_id, started_ms, {_ATTEMPT_VALUES}"


def _parents(side: Side, scope: Scope) -> dict[str, Canon]:
    """The tables referred to (learners, quiz versions, classes) in scope, whole (they
    are the size of the id maps anyway): natural key -> values, the row's id last."""
    out: dict[str, Canon] = {"learners": {}, "quiz_versions": {}, "classes": {}}
    where, params = scope.where("id")
    sql = "SELECT id, name, language, created_ms FROM learners"
    for batch in side.stream(sql + where, params):
        for lid, name, language, created in batch:
            out["learners"][(name_key(name),)] = (name, language, created, lid)
    where, params = scope.where_in("id", _MY_VERSIONS)
    sql = "SELECT id, quiz_id, sha256, title, first_seen_ms FROM quiz_versions"
    for batch in side.stream(sql + where, params):
        for vid, quiz_id, sha, title, seen in batch:
            out["quiz_versions"][(quiz_id, sha)] = (title, seen, vid)
    where, params = scope.where_in("id", _MY_CLASSES)
    for batch in side.stream("SELECT id, name, created_ms, ended_ms FROM classes" + where, params):
        for cid, name, created, ended in batch:
            out["classes"][(name_key(name),)] = (name, created, ended, cid)
    return out


def _parent_ids(parents: dict[str, Canon], ids: Ids) -> None:
    ids.learners = {v[-1]: k for k, v in parents["learners"].items()}
    ids.versions = {v[-1]: k for k, v in parents["quiz_versions"].items()}
    ids.classes = {v[-1]: k for k, v in parents["classes"].items()}


def _strip(rows: Canon) -> Canon:
    return {k: v[:-1] for k, v in rows.items()}


_ATTEMPT_COLUMNS = (
    "learner_id, quiz_version_id, started_ms, mode, seed, question_order, finished_ms, "
    "status, score, max_score, passed, started_record, flagged"
)


@dataclass(slots=True)
class TableCheck:
    table: str
    source_rows: int
    dest_rows: int
    """The destination's rows with the source's keys."""
    dest_other: int
    """The destination's rows in scope that the source does not have."""
    source_sum: str
    dest_sum: str
    written: int

    @property
    def same(self) -> bool:
        return self.source_rows == self.dest_rows and self.source_sum == self.dest_sum


@dataclass(slots=True)
class _Pass:
    """One table's pass over the source: rows written, and both sides' checksums."""

    source: Digest = field(default_factory=Digest)
    dest: Digest = field(default_factory=Digest)
    written: int = 0


class Copier:
    """The copy's two passes over the source, in one snapshot of it: `write` sends what
    differs to the destination; `check` checksums the source's rows and the
    destination's rows with the same keys, read back."""

    def __init__(self, source: Side, dest: Side, scope: Scope) -> None:
        self.source = source
        self.dest = dest
        self.scope = scope
        self.src = Ids()
        self.dst = Ids()
        self.written: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._staged: set[str] = set()

    def write(self) -> None:
        self._write_parents()
        self.written["question_tags"] = self._child(CHILDREN["question_tags"], write=True).written
        self.written["class_quizzes"] = self._child(CHILDREN["class_quizzes"], write=True).written
        self._dest_attempt_ids()
        self.written["attempts"] = self._attempts(write=True).written
        self._dest_attempt_ids()
        for table in ("answers", "answer_log", "review_cards", "class_members"):
            self.written[table] = self._child(CHILDREN[table], write=True).written

    def check(self, dest_scope: Scope) -> list[TableCheck]:
        """Every table's counts and checksums on both sides (`dest_scope`: the
        destination's rows of the learner copied, for the rows the source lacks)."""
        checks = {c.table: c for c in self._check_parents(dest_scope)}
        for table in TABLES:
            if table in checks:
                continue
            done = (
                self._attempts(write=False)
                if table == "attempts"
                else self._child(CHILDREN[table], write=False)
            )
            if table == "attempts":
                where, params = dest_scope.where("learner_id")
            else:
                where, params = CHILDREN[table].where(dest_scope)
            ((in_scope,),) = self.dest.rows(f"SELECT count(*) FROM {table}{where}", params)
            checks[table] = TableCheck(
                table=table,
                source_rows=done.source.rows,
                dest_rows=done.dest.rows,
                dest_other=max(0, in_scope - done.dest.rows),
                source_sum=done.source.hexdigest(),
                dest_sum=done.dest.hexdigest(),
                written=self.written[table],
            )
        return [checks[t] for t in TABLES]

    # -- learners, quiz versions, classes: whole -----------------------------------------

    def _write_parents(self) -> None:
        mine = _parents(self.source, self.scope)
        _parent_ids(mine, self.src)
        theirs = _parents(self.dest, Scope())
        d = self.dest
        old = theirs["learners"]
        rows = self._changed("learners", mine, theirs)
        d.many(
            "INSERT INTO learners (name, language, created_ms) VALUES (?, ?, ?)",
            [v for k, v in rows if k not in old],
        )
        d.many(
            "UPDATE learners SET name = ?, language = ?, created_ms = ? WHERE id = ?",
            [(*v, old[k][-1]) for k, v in rows if k in old],
        )
        old = theirs["quiz_versions"]
        rows = self._changed("quiz_versions", mine, theirs)
        d.many(
            "INSERT INTO quiz_versions (quiz_id, sha256, title, first_seen_ms) VALUES (?, ?, ?, ?)",
            [(*k, *v) for k, v in rows if k not in old],
        )
        d.many(
            "UPDATE quiz_versions SET title = ?, first_seen_ms = ? WHERE id = ?",
            [(*v, old[k][-1]) for k, v in rows if k in old],
        )
        old = theirs["classes"]
        rows = self._changed("classes", mine, theirs)
        d.many(
            "INSERT INTO classes (name, created_ms, ended_ms) VALUES (?, ?, ?)",
            [v for k, v in rows if k not in old],
        )
        d.many(
            "UPDATE classes SET name = ?, created_ms = ?, ended_ms = ? WHERE id = ?",
            [(*v, old[k][-1]) for k, v in rows if k in old],
        )
        _parent_ids(_parents(self.dest, Scope()), self.dst)

    def _changed(
        self, table: str, mine: dict[str, Canon], theirs: dict[str, Canon]
    ) -> list[tuple[Key, tuple[Any, ...]]]:
        """(key, values) of the source's rows the destination lacks or holds otherwise."""
        old = _strip(theirs[table])
        out = [(k, v) for k, v in _strip(mine[table]).items() if old.get(k) != v]
        self.written[table] = len(out)
        return out

    def _check_parents(self, dest_scope: Scope) -> list[TableCheck]:
        mine = _parents(self.source, self.scope)
        theirs = _parents(self.dest, dest_scope)
        out = []
        for table in ("learners", "quiz_versions", "classes"):
            source = _strip(mine[table])
            dest = {k: v for k, v in _strip(theirs[table]).items() if k in source}
            out.append(
                TableCheck(
                    table=table,
                    source_rows=len(source),
                    dest_rows=len(dest),
                    dest_other=len(theirs[table]) - len(dest),
                    source_sum=checksum(source),
                    dest_sum=checksum(dest),
                    written=self.written[table],
                )
            )
        return out

    # -- attempts: streamed, their ids kept ----------------------------------------------

    def _dest_attempt_ids(self) -> None:
        """Every attempt's id on the destination by natural key (one whose learner or
        version is unknown there cannot be one of the source's)."""
        ids = self.dst
        ids.attempt_ids = {}
        sql = "SELECT id, uid, learner_id, quiz_version_id, started_ms FROM attempts"
        for batch in self.dest.stream(sql):
            for aid, uid, lid, vid, started in batch:
                if uid:
                    ids.attempt_ids[(uid,)] = aid
                elif lid in ids.learners and vid in ids.versions:
                    key = (None, *ids.learners[lid], *ids.versions[vid], started)
                    ids.attempt_ids[key] = aid

    def _attempt_values(self, ids: Ids, row: Sequence[Any]) -> tuple[Any, ...]:
        """(learner key, version key, started, the other columns) of an attempt's row
        (learner id, version id, started, the others)."""
        lid, vid, started, *rest = row
        return (*ids.learners[lid], *ids.versions[vid], started, *rest)

    def _attempts(self, *, write: bool) -> _Pass:
        done = _Pass()
        learners, versions = self.dst.by_key("learners"), self.dst.by_key("versions")
        where, params = self.scope.where("learner_id")
        sql = f"SELECT id, uid, {_ATTEMPT_COLUMNS} FROM attempts{where}"
        for batch in self.source.stream(sql, params):
            rows: list[tuple[Key, tuple[Any, ...], int | None]] = []
            for aid, uid, *cells in batch:
                values = self._attempt_values(self.src, cells)
                key = (uid,) if uid else (None, *values[:4])
                self.src.attempts[aid] = key
                rows.append((key, values, self.dst.attempt_ids.get(key)))
            found = self._dest_attempts([i for _, _, i in rows if i is not None])
            if not write:
                for key, values, aid in rows:
                    done.source.add(key, values)
                    if aid in found:
                        done.dest.add(key, found[aid])
                continue
            changed = [(k, v, i) for k, v, i in rows if i is None or found.get(i) != v]
            done.written += len(changed)

            def columns(v: tuple[Any, ...]) -> tuple[Any, ...]:
                return (learners[v[:1]], versions[v[1:3]], *v[3:])

            self.dest.many(
                f"INSERT INTO attempts (uid, {_ATTEMPT_COLUMNS}) VALUES (?{', ?' * 13})",
                [(k[0], *columns(v)) for k, v, i in changed if i is None],
            )
            sets = ", ".join(f"{c.strip()} = ?" for c in _ATTEMPT_COLUMNS.split(","))
            self.dest.many(
                f"UPDATE attempts SET {sets} WHERE id = ?",
                [(*columns(v), i) for _, v, i in changed if i is not None],
            )
        return done

    def _dest_attempts(self, ids: list[int]) -> dict[int, tuple[Any, ...]]:
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self.dest.rows(
            f"SELECT id, {_ATTEMPT_COLUMNS} FROM attempts WHERE id IN ({marks})", ids
        )
        return {r[0]: self._attempt_values(self.dst, r[1:]) for r in rows}

    # -- the rows under them: streamed ---------------------------------------------------

    def _child(self, child: Child, *, write: bool) -> _Pass:
        """One pass over a table under the others: each source batch's rows are found on
        the destination by their references' ids there and their own key columns."""
        done = _Pass()
        source_ids = {kind: getattr(self.src, kind) for _, kind in child.refs}
        dest_ids = {
            kind: self.dst.attempt_ids if kind == "attempts" else self.dst.by_key(kind)
            for _, kind in child.refs
        }
        n_refs, n_ids = len(child.refs), len(child.id_columns)
        where, params = child.where(self.scope)
        sql = f"SELECT {child.columns()} FROM {child.table}{where}"
        # Per reference: the source's id -> (its natural key, the destination's id).
        via = [
            {i: (k, dest_ids[kind].get(k)) for i, k in source_ids[kind].items()}
            for _, kind in child.refs
        ]
        for batch in self.source.stream(sql, params):
            rows: list[tuple[Key, tuple[Any, ...], Key]] = []
            if n_refs == 1:
                (ref,) = via
                for row in batch:
                    natural, there = ref[row[0]]
                    own = row[1:n_ids]
                    rows.append(((*natural, *own), row[n_ids:], (there, *own)))
            else:
                for row in batch:
                    key: list[Any] = []
                    theirs: list[Any] = []
                    for ids, value in zip(via, row[:n_refs], strict=True):
                        key.extend(ids[value][0])
                        theirs.append(ids[value][1])
                    own = row[n_refs:n_ids]
                    rows.append(((*key, *own), row[n_ids:], (*theirs, *own)))
            found = self._lookup(child, [d for _, _, d in rows if None not in d[:n_refs]])
            if write:
                # By ids: two source rows that are one row here (names equal only
                # case-folded) are written once, the last one read.
                changed = {d: (*d, *v) for _, v, d in rows if found.get(d) != v}
                done.written += len(changed)
                self._upsert(child, list(changed.values()))
                continue
            for key_, values, there_ in rows:
                done.source.add(key_, values)
                if there_ in found:
                    done.dest.add(key_, found[there_])
        return done

    def _upsert(self, child: Child, rows: list[tuple[Any, ...]]) -> None:
        """Insert these rows, or update the ones there with their ids. On PostgreSQL
        through COPY into a staging table (a round trip per row otherwise, even
        pipelined, is most of a copy's time), merged from there."""
        if not rows:
            return
        if not self.dest.postgres:
            self.dest.many(child.upsert(), rows)
            return
        stage = f"quizapp_copy_{child.table}"
        columns = child.columns()
        con = self.dest.con
        if child.table not in self._staged:
            # Dropped with the transaction, committed or not.
            con.execute(
                f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS "
                f"SELECT {columns} FROM {child.table} WITH NO DATA"
            )
            self._staged.add(child.table)
        else:
            con.execute(f"TRUNCATE {stage}")
        with con.cursor() as cur, cur.copy(f"COPY {stage} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        con.execute(child.upsert(stage))

    def _lookup(self, child: Child, ids: list[Key]) -> dict[Key, tuple[Any, ...]]:
        """The destination's rows with these ids (references' ids, own key), at most a
        batch: values by ids. Each is found through the table's unique index: on
        PostgreSQL a probe per row (LIMIT 1 keeps the planner from scanning a table whose
        new rows it has no statistics of), the keys sent as one array per column."""
        if not ids:
            return {}
        width = len(child.id_columns)
        names = [f"k{n}" for n in range(width)]
        probe = " AND ".join(f"t.{c} = v.{k}" for c, k in zip(child.id_columns, names, strict=True))
        wanted = ", ".join(f"t.{c}" for c in (*child.id_columns, *child.values))
        if self.dest.postgres:
            arrays = ", ".join(
                "%s::bigint[]" if isinstance(v, int) else "%s::text[]" for v in ids[0]
            )
            sql = (
                f"SELECT t.* FROM unnest({arrays}) AS v({', '.join(names)}) CROSS JOIN LATERAL "
                f"(SELECT {wanted} FROM {child.table} t WHERE {probe} LIMIT 1) AS t"
            )
            rows = self.dest.con.execute(sql, [list(column) for column in zip(*ids, strict=True)])
        else:
            marks = ", ".join(["(" + ", ".join("?" * width) + ")"] * len(ids))
            sql = (
                f"WITH v({', '.join(names)}) AS (VALUES {marks}) "
                f"SELECT {wanted} FROM v JOIN {child.table} t ON {probe}"
            )
            rows = self.dest.con.execute(sql, [p for i in ids for p in i])
        return {r[:width]: r[width:] for r in map(tuple, rows.fetchall())}


def compare(copier: Copier, dest_scope: Scope) -> list[TableCheck]:
    """The second pass: both sides' counts and checksums per table."""
    return copier.check(dest_scope)


def find_learner(side: Side, name: str) -> int | None:
    wanted = name_key(name)
    for batch in side.stream("SELECT id, name FROM learners"):
        for lid, found in batch:
            if name_key(found) == wanted:
                return int(lid)
    return None


def learner_names(side: Side) -> list[str]:
    return [r[0] for batch in side.stream("SELECT name FROM learners ORDER BY name") for r in batch]


def copy_store(source: Side, dest: Side, learner: str | None, lang: str = "en") -> list[TableCheck]:
    """Copy `source` (all, or `learner`'s rows) into `dest`; the per-table checks. The
    destination's transaction is rolled back unless every table matches. A `CopyError`
    says why not in `lang`."""
    source.begin(read_only=True)
    try:
        scope = Scope()
        if learner is not None:
            found = find_learner(source, learner)
            if found is None:
                from quizapp.names import no_such_learner

                raise CopyError(no_such_learner(learner, learner_names(source), lang))
            scope = Scope(found)
        dest.begin(read_only=False)
        try:
            copier = Copier(source, dest, scope)
            copier.write()
            dest_scope = Scope()
            if learner is not None:
                dest_scope = Scope(find_learner(dest, learner))
            checks = compare(copier, dest_scope)
            if all(c.same for c in checks):
                dest.commit()
            else:
                dest.rollback()
        except BaseException:
            dest.rollback()
            raise
    finally:
        source.rollback()
    return checks
