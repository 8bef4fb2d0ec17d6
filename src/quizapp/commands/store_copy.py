"""`quizapp store copy`: a whole score store, or one learner's part of it, from one store
to another (SQLite or PostgreSQL, either way), then proved by counts and checksums.

Rows are matched by what they are, never by their ids, which differ between stores:
a learner by name (case-folded), a quiz version by (quiz id, sha256), a class by name,
an attempt by its uid (by learner, version and start time when it has none), and the
rest by their own keys under those. A row missing on the destination is inserted, one
that differs is updated to the source's values, an equal one is left alone: running the
copy again writes nothing. The destination's transaction commits only once every table
is written and every checksum matches. Leases are not copied: a lease names a process of
the source's, which means nothing on the destination.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizapp.names import name_key

BATCH = 2000
"""Rows per `executemany` on the destination."""

Key = tuple[Any, ...]
Canon = dict[Key, tuple[Any, ...]]
"""A table's rows as natural key -> the other values, ids replaced by natural keys."""


class CopyError(Exception):
    """Why the copy could not be done, in one sentence."""


class Side:
    """One end of the copy: a raw connection to an SQLite file or a PostgreSQL database,
    with `?` placeholders on both."""

    def __init__(self, target: Path | str, label: str) -> None:
        self.label = label
        self.postgres = not isinstance(target, Path)
        if self.postgres:
            # Deferred: psycopg is only loaded when a PostgreSQL URL is used.
            import psycopg

            self.con: Any = psycopg.connect(str(target), autocommit=True)
        else:
            self.con = sqlite3.connect(target, isolation_level=None, timeout=30.0)

    def sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.postgres else text

    def rows(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.con.execute(self.sql(text), params).fetchall()]

    def run(self, text: str, params: Sequence[Any] = ()) -> Any:
        return self.con.execute(self.sql(text), params)

    def many(self, text: str, rows: list[Sequence[Any]]) -> None:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            if self.postgres:
                with self.con.cursor() as cur:
                    cur.executemany(self.sql(text), chunk)
            else:
                self.con.executemany(text, chunk)

    def begin(self, *, read_only: bool) -> None:
        if self.postgres:
            # One snapshot for every table read; the writer's rows are checked, not assumed.
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


def _num(value: Any) -> Any:
    """One spelling for a value on both backends (a boolean column is 0/1 in SQLite)."""
    return int(value) if isinstance(value, bool) else value


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


@dataclass(slots=True)
class Snapshot:
    """A store's rows in scope, each table as natural key -> values, and the maps from
    its own ids to natural keys."""

    tables: dict[str, Canon] = field(default_factory=dict)
    learners: dict[int, Key] = field(default_factory=dict)
    versions: dict[int, Key] = field(default_factory=dict)
    classes: dict[int, Key] = field(default_factory=dict)
    attempts: dict[int, Key] = field(default_factory=dict)


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


def read(side: Side, scope: Scope) -> Snapshot:
    """Every row of `side` in `scope`, ids replaced by natural keys."""
    snap = Snapshot()
    t = snap.tables
    where, params = scope.where("id")
    t["learners"] = {}
    for lid, name, language, created in side.rows(
        "SELECT id, name, language, created_ms FROM learners" + where, params
    ):
        key: Key = (name_key(name),)
        snap.learners[lid] = key
        t["learners"][key] = (name, language, created)
    where, params = scope.where_in("id", _MY_VERSIONS)
    t["quiz_versions"] = {}
    for vid, quiz_id, sha, title, seen in side.rows(
        "SELECT id, quiz_id, sha256, title, first_seen_ms FROM quiz_versions" + where, params
    ):
        snap.versions[vid] = (quiz_id, sha)
        t["quiz_versions"][(quiz_id, sha)] = (title, seen)
    where, params = scope.where_in("quiz_version_id", _MY_VERSIONS)
    t["question_tags"] = {
        (*snap.versions[vid], key, tag): ()
        for vid, key, tag in side.rows(
            "SELECT quiz_version_id, question_key, tag FROM question_tags" + where, params
        )
    }
    where, params = scope.where_in("id", _MY_CLASSES)
    t["classes"] = {}
    for cid, name, created, ended in side.rows(
        "SELECT id, name, created_ms, ended_ms FROM classes" + where, params
    ):
        snap.classes[cid] = (name_key(name),)
        t["classes"][(name_key(name),)] = (name, created, ended)
    where, params = scope.where_in("class_id", _MY_CLASSES)
    t["class_quizzes"] = {
        (*snap.classes[cid], quiz_id): (position, _num(is_open), extra)
        for cid, quiz_id, position, is_open, extra in side.rows(
            "SELECT class_id, quiz_id, position, is_open, extra_seconds FROM class_quizzes" + where,
            params,
        )
    }
    where, params = scope.where("learner_id")
    t["attempts"] = {}
    for row in side.rows(
        "SELECT id, learner_id, quiz_version_id, uid, started_ms, mode, seed, question_order, "
        "finished_ms, status, score, max_score, passed, started_record, flagged FROM attempts"
        + where,
        params,
    ):
        aid, lid, vid, uid, started = row[:5]
        learner, version = snap.learners[lid], snap.versions[vid]
        key = (uid,) if uid else (None, *learner, *version, started)
        snap.attempts[aid] = key
        t["attempts"][key] = (*learner, *version, started, *(_num(v) for v in row[5:]))
    where, params = scope.where_in("attempt_id", _MY_ATTEMPTS)
    t["answers"] = {
        (*snap.attempts[r[0]], r[1]): tuple(_num(v) for v in r[2:])
        for r in side.rows(
            "SELECT attempt_id, question_key, response, credit, points, tries, time_taken_ms, "
            "answered_ms, rated FROM answers" + where,
            params,
        )
    }
    t["answer_log"] = {
        (*snap.attempts[aid], seq): (record,)
        for aid, seq, record in side.rows(
            "SELECT attempt_id, seq, record FROM answer_log" + where, params
        )
    }
    where, params = scope.where("learner_id")
    t["review_cards"] = {
        (*snap.learners[r[0]], r[1], r[2]): tuple(r[3:])
        for r in side.rows(
            "SELECT learner_id, quiz_id, question_id, state, step, stability, difficulty, "
            "due_ms, last_review_ms, reviews, lapses FROM review_cards" + where,
            params,
        )
    }
    t["class_members"] = {
        (*snap.classes[r[0]], *snap.learners[r[1]]): tuple(r[2:])
        for r in side.rows(
            "SELECT class_id, learner_id, pin_hash, joined_ms, seen_ms, extra_seconds "
            "FROM class_members" + where,
            params,
        )
    }
    return snap


def checksum(rows: Canon, keys: Iterable[Key] | None = None) -> str:
    """A table's checksum: SHA-256 of its rows in key order (only `keys`, when given)."""
    digest = hashlib.sha256()
    chosen = sorted(rows if keys is None else (k for k in keys if k in rows), key=repr)
    for key in chosen:
        digest.update(json.dumps([key, rows[key]], ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _ids(side: Side, sql: str, key: Callable[[tuple[Any, ...]], Key]) -> dict[Key, int]:
    return {key(r[1:]): r[0] for r in side.rows(sql)}


class Writer:
    """Writes a source snapshot's rows that the destination lacks or holds differently."""

    def __init__(self, dest: Side, source: Snapshot, before: Snapshot) -> None:
        self.dest = dest
        self.source = source
        self.before = before
        self.written: dict[str, int] = {}

    def changed(self, table: str) -> list[tuple[Key, tuple[Any, ...], bool]]:
        """(key, values, is new) for every source row not already equal on the destination."""
        old = self.before.tables[table]
        out = [
            (k, v, k not in old) for k, v in self.source.tables[table].items() if old.get(k) != v
        ]
        self.written[table] = len(out)
        return out

    def write(self) -> None:
        d = self.dest
        rows = self.changed("learners")
        d.many(
            "INSERT INTO learners (name, language, created_ms) VALUES (?, ?, ?)",
            [v for _, v, new in rows if new],
        )
        learners = _ids(d, "SELECT id, name FROM learners", lambda r: (name_key(r[0]),))
        d.many(
            "UPDATE learners SET name = ?, language = ?, created_ms = ? WHERE id = ?",
            [(*v, learners[k]) for k, v, new in rows if not new],
        )
        rows = self.changed("quiz_versions")
        d.many(
            "INSERT INTO quiz_versions (quiz_id, sha256, title, first_seen_ms) VALUES (?, ?, ?, ?)",
            [(*k, *v) for k, v, new in rows if new],
        )
        versions = _ids(d, "SELECT id, quiz_id, sha256 FROM quiz_versions", tuple)
        d.many(
            "UPDATE quiz_versions SET title = ?, first_seen_ms = ? WHERE id = ?",
            [(*v, versions[k]) for k, v, new in rows if not new],
        )
        d.many(
            "INSERT INTO question_tags (quiz_version_id, question_key, tag) VALUES (?, ?, ?)",
            [(versions[k[:2]], k[2], k[3]) for k, _, _ in self.changed("question_tags")],
        )
        rows = self.changed("classes")
        d.many(
            "INSERT INTO classes (name, created_ms, ended_ms) VALUES (?, ?, ?)",
            [v for _, v, new in rows if new],
        )
        classes = _ids(d, "SELECT id, name FROM classes", lambda r: (name_key(r[0]),))
        d.many(
            "UPDATE classes SET name = ?, created_ms = ?, ended_ms = ? WHERE id = ?",
            [(*v, classes[k]) for k, v, new in rows if not new],
        )
        d.many(
            "INSERT INTO class_quizzes (class_id, quiz_id, position, is_open, extra_seconds) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (class_id, quiz_id) DO UPDATE SET "
            "position = excluded.position, is_open = excluded.is_open, "
            "extra_seconds = excluded.extra_seconds",
            [(classes[k[:1]], k[1], *v) for k, v, _ in self.changed("class_quizzes")],
        )
        self._attempts(learners, versions)
        attempts = self._attempt_ids(learners, versions)
        d.many(
            "INSERT INTO answers (attempt_id, question_key, response, credit, points, tries, "
            "time_taken_ms, answered_ms, rated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (attempt_id, question_key) DO UPDATE SET response = excluded.response, "
            "credit = excluded.credit, points = excluded.points, tries = excluded.tries, "
            "time_taken_ms = excluded.time_taken_ms, answered_ms = excluded.answered_ms, "
            "rated = excluded.rated",
            [(attempts[k[:-1]], k[-1], *v) for k, v, _ in self.changed("answers")],
        )
        d.many(
            "INSERT INTO answer_log (attempt_id, seq, record) VALUES (?, ?, ?) "
            "ON CONFLICT (attempt_id, seq) DO UPDATE SET record = excluded.record",
            [(attempts[k[:-1]], k[-1], *v) for k, v, _ in self.changed("answer_log")],
        )
        d.many(
            "INSERT INTO review_cards (learner_id, quiz_id, question_id, state, step, "
            "stability, difficulty, due_ms, last_review_ms, reviews, lapses) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (learner_id, quiz_id, question_id) DO UPDATE SET "
            "state = excluded.state, step = excluded.step, stability = excluded.stability, "
            "difficulty = excluded.difficulty, due_ms = excluded.due_ms, "
            "last_review_ms = excluded.last_review_ms, reviews = excluded.reviews, "
            "lapses = excluded.lapses",
            [(learners[k[:1]], *k[1:], *v) for k, v, _ in self.changed("review_cards")],
        )
        d.many(
            "INSERT INTO class_members (class_id, learner_id, pin_hash, joined_ms, seen_ms, "
            "extra_seconds) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (class_id, learner_id) DO UPDATE SET pin_hash = excluded.pin_hash, "
            "joined_ms = excluded.joined_ms, seen_ms = excluded.seen_ms, "
            "extra_seconds = excluded.extra_seconds",
            [(classes[k[:1]], learners[k[1:]], *v) for k, v, _ in self.changed("class_members")],
        )

    def _attempt_ids(self, learners: dict[Key, int], versions: dict[Key, int]) -> dict[Key, int]:
        """The destination's attempt ids by natural key, for the attempts being copied."""
        by_learner = {v: k for k, v in learners.items()}
        by_version = {v: k for k, v in versions.items()}
        out: dict[Key, int] = {}
        for aid, uid, lid, vid, started in self.dest.rows(
            "SELECT id, uid, learner_id, quiz_version_id, started_ms FROM attempts"
        ):
            if uid:
                out[(uid,)] = aid
            elif lid in by_learner and vid in by_version:
                out[(None, *by_learner[lid], *by_version[vid], started)] = aid
        return out

    def _attempts(self, learners: dict[Key, int], versions: dict[Key, int]) -> None:
        rows = self.changed("attempts")
        columns = (
            "learner_id, quiz_version_id, started_ms, mode, seed, question_order, "
            "finished_ms, status, score, max_score, passed, started_record, flagged"
        )

        def values(v: tuple[Any, ...]) -> tuple[Any, ...]:
            # v: learner key (1), version key (2), started, then the other columns.
            return (learners[v[:1]], versions[v[1:3]], *v[3:])

        self.dest.many(
            f"INSERT INTO attempts (uid, {columns}) VALUES (?{', ?' * 13})",
            [(k[0], *values(v)) for k, v, new in rows if new],
        )
        ids = self._attempt_ids(learners, versions)
        sets = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        self.dest.many(
            f"UPDATE attempts SET {sets} WHERE id = ?",
            [(*values(v), ids[k]) for k, v, new in rows if not new],
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


def compare(source: Snapshot, dest: Snapshot, written: dict[str, int]) -> list[TableCheck]:
    out = []
    for table in TABLES:
        mine, theirs = source.tables[table], dest.tables[table]
        out.append(
            TableCheck(
                table=table,
                source_rows=len(mine),
                dest_rows=sum(1 for k in mine if k in theirs),
                dest_other=sum(1 for k in theirs if k not in mine),
                source_sum=checksum(mine),
                dest_sum=checksum(theirs, mine.keys()),
                written=written.get(table, 0),
            )
        )
    return out


def find_learner(side: Side, name: str) -> int | None:
    wanted = name_key(name)
    for lid, found in side.rows("SELECT id, name FROM learners"):
        if name_key(found) == wanted:
            return int(lid)
    return None


def learner_names(side: Side) -> list[str]:
    return [r[0] for r in side.rows("SELECT name FROM learners ORDER BY name")]


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
        taken = read(source, scope)
    finally:
        source.rollback()
    dest.begin(read_only=False)
    try:
        dest_scope = Scope()
        if learner is not None:
            # Their rows on the destination: none yet on a first copy.
            dest_scope = Scope(find_learner(dest, learner) or -1)
        writer = Writer(dest, taken, read(dest, dest_scope))
        writer.write()
        writer.before = Snapshot()  # freed before the destination is read again
        if learner is not None:
            dest_scope = Scope(find_learner(dest, learner))
        checks = compare(taken, read(dest, dest_scope), writer.written)
        if all(c.same for c in checks):
            dest.commit()
        else:
            dest.rollback()
    except BaseException:
        dest.rollback()
        raise
    return checks
