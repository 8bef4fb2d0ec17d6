"""Read report records out of the score store: its SQLite file, or its PostgreSQL database.

Opens its own read-only connection (SQLite `mode=ro`; PostgreSQL a read-only session in
autocommit, so no transaction stays open): making a report can never change scores, and
it runs beside a quiz in progress. It reads the store's tables (schema v2: learners,
quiz_versions, attempts, answers, question_tags) in bulk, which the store's per-learner
history queries are not shaped for. Only finished attempts (submitted, timed out) count.

Store attempt ids are local integers; exports need ids that are unique across machines.
An attempt's id is the engine's UUID the store keeps (`attempts.uid`); an attempt stored
without one gets `attempt_uid`, a UUID derived from what identifies it anywhere (learner,
quiz version, start time to the millisecond, shuffle seed). Either way, exporting twice
gives the same ids, which is what lets a class merge count an attempt once.

Learners get an id the same way (`learner_uid`): from their name and the millisecond their
store created them, which never changes. Names are unique only within one store, so this
is what keeps two learners called Sari on two laptops apart when a trainer merges files.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar, overload

from pydantic import ValidationError

from quizapp.i18n import Message, MessageError
from quizapp.reports.build import Head, SectionCounts, used_attempts
from quizapp.reports.grading import GRADED_MODES, is_graded
from quizapp.reports.records import (
    AnswerRecord,
    AttemptRecord,
    LearnerRecord,
    QuestionRecord,
    QuizVersionRecord,
)

FINISHED = "('submitted', 'timed_out')"
REVIEW_QUIZ_ID = "@review"
"""The store's quiz id for review sessions, which mix questions of many quizzes."""

_NAMESPACE = uuid.UUID("5d0c6f7e-3c1b-4a57-9a57-2f6b0a7c9e41")


class SourceError(MessageError):
    """The score database cannot be read for a report; the message is one sentence
    (`report.err.*`, worded where it is shown: `quizapp.i18n.explain`)."""


def attempt_uid(learner: str, quiz_id: str, sha256: str, started_ms: int, seed: int) -> str:
    """A UUID for an attempt, the same wherever and however often it is exported."""
    key = f"{learner.casefold()}\x1f{quiz_id}\x1f{sha256}\x1f{started_ms}\x1f{seed}"
    return str(uuid.uuid5(_NAMESPACE, key))


def learner_uid(name: str, created_ms: int) -> str:
    """A UUID for a learner, the same in every export from their store, and different for
    a namesake created in another store (at another millisecond)."""
    return str(uuid.uuid5(_NAMESPACE, f"learner\x1f{name.casefold()}\x1f{created_ms}"))


@overload
def _utc(ms: int) -> datetime: ...
@overload
def _utc(ms: None) -> None: ...
def _utc(ms: int | None) -> datetime | None:
    return None if ms is None else datetime.fromtimestamp(ms / 1000, UTC)


def _open_postgres(url: str) -> Any:
    """A read-only session on the store's PostgreSQL database (psycopg only here)."""
    from quizapp.locations import describe_target
    from quizapp.store.postgres import schema_version

    try:
        import psycopg
    except ImportError:
        raise SourceError(Message("report.err.no_psycopg")) from None
    shown = describe_target(url)
    try:
        con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        con.execute("SET default_transaction_read_only = on")
        version = schema_version(con)
    except psycopg.Error as exc:
        raise SourceError(Message("report.err.unreadable", path=shown, why=_first(exc))) from None
    if version < 2:
        con.close()
        raise SourceError(Message("report.err.old_schema", path=shown, version=version))
    return con


def _first(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the score database, or a `SourceError` naming it."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(Message("report.err.no_store", path=path))
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute("SELECT 1 FROM attempts LIMIT 1").fetchall()
        # A damaged page would silently drop rows from a report: look before reading.
        findings = [str(r[0]) for r in con.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.OperationalError as exc:
        raise SourceError(Message("report.err.unreadable", path=path, why=exc)) from None
    except sqlite3.Error as exc:  # SQLite's word for damage
        findings = [str(exc)]
    if findings != ["ok"]:
        con.close()
        raise SourceError(Message("report.err.damaged", path=path, why="; ".join(findings)[:200]))
    if version < 2:
        con.close()
        raise SourceError(Message("report.err.old_schema", path=path, version=version))
    return con


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _readable(
    method: Callable[Concatenate[StoreReader, _P], _R],
) -> Callable[Concatenate[StoreReader, _P], _R]:
    """A row that does not fit its record (a damaged or hand-edited store) is a
    SourceError in one sentence, not a traceback."""

    @functools.wraps(method)
    def read(self: StoreReader, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            field = ".".join(str(part) for part in first["loc"]) or exc.title
            what = f"{exc.title} {field}: {first['msg'].lower()}"
            raise SourceError(Message("report.err.record", path=self.path, what=what)) from None

    return read


class StoreReader:
    """Bulk reads for reports from the score store's file or PostgreSQL database (a
    `postgresql://` URL). The SQL is SQLite's, with `?`; the few words that differ on
    PostgreSQL are the attributes below."""

    def __init__(self, path: str | Path) -> None:
        from quizapp.locations import is_postgres_url

        self.postgres = is_postgres_url(path)
        self.con: Any
        if self.postgres:
            from quizapp.locations import describe_target

            self.path: Path | str = describe_target(str(path))
            self.con = _open_postgres(str(path))
            self._total_put = "sum(json_array_length(a.question_order::json))"
            self._put_keys = "json_array_elements_text(a.question_order::json) AS q(value)"
        else:
            self.path = Path(path)
            self.con = open_readonly(self.path)
            self._total_put = "total(json_array_length(a.question_order))"
            self._put_keys = "json_each(a.question_order) q"

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        if self.postgres:
            import psycopg

            try:
                found: list[Any] = self.con.execute(
                    sql.replace("?", "%s"), params or None
                ).fetchall()
                return found
            except psycopg.Error as exc:
                raise SourceError(
                    Message("report.err.unreadable", path=self.path, why=_first(exc))
                ) from None
        try:
            rows: list[Any] = self.con.execute(sql, params).fetchall()
            return rows
        except sqlite3.Error as exc:
            raise SourceError(Message("report.err.unreadable", path=self.path, why=exc)) from None

    @_readable
    def learners(self) -> list[LearnerRecord]:
        rows = self._rows(
            "SELECT name, language, created_ms FROM learners ORDER BY lower(name), name"
        )
        return [_learner_record(*row) for row in rows]

    @_readable
    def learner(self, name: str) -> LearnerRecord | None:
        from quizapp.names import name_key

        # Python's casefold, not SQLite's NOCASE (ASCII only): "ÉLISE" finds "Élise".
        key = name_key(name)
        rows = self._rows("SELECT name, language, created_ms FROM learners")
        found = next((r for r in rows if name_key(r[0]) == key), None)
        return _learner_record(*found) if found else None

    @_readable
    def versions(
        self, describe: Callable[[str, str], QuizVersionRecord | None] | None = None
    ) -> dict[tuple[str, str], QuizVersionRecord]:
        """Every quiz version, with its questions when `describe(quiz_id, sha256)` knows the
        quiz file of that version (else only titles and the tags the store kept)."""
        tags: dict[int, dict[str, list[str]]] = {}
        for version_id, key, tag in self._rows(
            "SELECT quiz_version_id, question_key, tag FROM question_tags"
        ):
            tags.setdefault(version_id, {}).setdefault(key, []).append(tag)
        out: dict[tuple[str, str], QuizVersionRecord] = {}
        # Reviews span quizzes under one pseudo-version with no file behind it: they are
        # practice, not a quiz's result, and no report counts them.
        for version_id, quiz_id, sha, title in self._rows(
            "SELECT id, quiz_id, sha256, title FROM quiz_versions WHERE quiz_id != ?",
            (REVIEW_QUIZ_ID,),
        ):
            known = describe(quiz_id, sha) if describe else None
            if known is None:
                known = QuizVersionRecord(
                    quiz_id=quiz_id,
                    sha256=sha,
                    title=title,
                    questions=[
                        QuestionRecord(key=k, type="", tags=t)
                        for k, t in sorted(tags.get(version_id, {}).items())
                    ],
                )
            out[(quiz_id, sha)] = known
        return out

    @_readable
    def attempts(
        self,
        learner: str | None = None,
        quiz_id: str | None = None,
        attempt_id: int | None = None,
        versions: Mapping[tuple[str, str], QuizVersionRecord] | None = None,
    ) -> list[AttemptRecord]:
        """Finished attempts with their answers, oldest first. `versions` gives each
        question's points (the store keeps only the points earned)."""
        where = [f"a.status IN {FINISHED}", "v.quiz_id != ?"]
        params: list[Any] = [REVIEW_QUIZ_ID]
        if learner is not None:
            where.append("lower(l.name) = lower(?)")  # SQLite's NOCASE, on both
            params.append(learner.strip())
        if quiz_id is not None:
            where.append("v.quiz_id = ?")
            params.append(quiz_id)
        if attempt_id is not None:
            where.append("a.id = ?")
            params.append(attempt_id)
        rows = self._rows(
            "SELECT a.id, l.name, v.quiz_id, v.sha256, a.mode, a.seed, a.question_order, "
            "a.started_ms, a.finished_ms, a.score, a.max_score, a.passed, a.uid, l.created_ms "
            "FROM attempts a JOIN learners l ON l.id = a.learner_id "
            "JOIN quiz_versions v ON v.id = a.quiz_version_id "
            f"WHERE {' AND '.join(where)} ORDER BY a.started_ms, a.id",
            tuple(params),
        )
        answers: dict[int, list[Any]] = {}
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in self._rows(
                "SELECT attempt_id, question_key, response, credit, points FROM answers "
                f"WHERE attempt_id IN ({','.join('?' * len(chunk))}) ORDER BY answered_ms, id",
                tuple(chunk),
            ):
                answers.setdefault(row[0], []).append(row)
        out = []
        for (
            local_id,
            name,
            qid,
            sha,
            mode,
            seed,
            order,
            started,
            finished,
            score,
            max_score,
            passed,
            uid,
            created,
        ) in rows:
            given = {r[1]: r for r in answers.get(local_id, [])}
            # Every question put, in the order put (a question left unanswered, skipped
            # or cut off by the clock, is a 0 mark as in Moodle), then any answer not in it.
            keys = list(dict.fromkeys(json.loads(order)))
            keys += [k for k in given if k not in set(keys)]
            version = versions.get((qid, sha)) if versions else None
            records = []
            for key in keys:
                if key not in given:
                    records.append(
                        AnswerRecord(
                            question_key=key,
                            credit=0.0,
                            points=0.0,
                            max_points=_worth(version, key, 0.0, 0.0),
                        )
                    )
                    continue
                _, _, response, credit, points = given[key]
                records.append(
                    AnswerRecord(
                        question_key=key,
                        response=json.loads(response),
                        credit=credit,
                        points=points,
                        max_points=_worth(version, key, points, credit),
                    )
                )
            out.append(
                AttemptRecord(
                    id=uid or attempt_uid(name, qid, sha, started, seed),
                    learner=name,
                    learner_id=learner_uid(name, created),
                    quiz_id=qid,
                    quiz_sha256=sha,
                    started_at=_utc(started),
                    finished_at=_utc(finished),
                    mode=mode,
                    score=score or 0.0,
                    max_score=max_score or 0.0,
                    passed=None if passed is None else bool(passed),
                    answers=records,
                )
            )
        return out

    def local_attempt_id(self, uid: str) -> int | None:
        """The store's id of the attempt with this global id, if it is here."""
        found = self._rows("SELECT id FROM attempts WHERE uid = ?", (uid,))
        if found:
            return int(found[0][0])
        for a_id, name, qid, sha, started, seed in self._rows(
            "SELECT a.id, l.name, v.quiz_id, v.sha256, a.started_ms, a.seed FROM attempts a "
            "JOIN learners l ON l.id = a.learner_id "
            "JOIN quiz_versions v ON v.id = a.quiz_version_id WHERE a.uid IS NULL"
        ):
            if attempt_uid(name, qid, sha, started, seed) == uid:
                return int(a_id)
        return None

    def _scope(self, quiz_id: str | None) -> tuple[str, list[Any]]:
        where = f"a.status IN {FINISHED} AND v.quiz_id != ?"
        params: list[Any] = [REVIEW_QUIZ_ID]
        if quiz_id is not None:
            where += " AND v.quiz_id = ?"
            params.append(quiz_id)
        return where, params

    def class_counts(
        self,
        quiz_id: str | None,
        which: Literal["first", "all"],
        versions: Mapping[tuple[str, str], QuizVersionRecord],
    ) -> list[SectionCounts]:
        """The class report's input, aggregated in SQL: every attempt's head for the
        grades table, and for the attempts used, how often each (question, mark, attempt
        score) occurred. A million answers become a few thousand rows.

        An attempt's total is its score, and the rest of the test its score minus the
        question's mark (Moodle: the attempt's sum of marks minus the mark)."""
        where, params = self._scope(quiz_id)
        heads: dict[int, list[Head]] = {}
        ids: dict[int, tuple[str, str]] = {}
        for row in self._rows(
            "SELECT a.id, a.quiz_version_id, v.quiz_id, v.sha256, l.name, a.started_ms, "
            "a.score, a.max_score, a.mode FROM attempts a "
            "JOIN learners l ON l.id = a.learner_id "
            f"JOIN quiz_versions v ON v.id = a.quiz_version_id WHERE {where}",
            tuple(params),
        ):
            local_id, version_id, qid, sha, name, started, score, max_score, mode = row
            ids[version_id] = (qid, sha)
            # Local ids stand in for attempt ids: the grades table never shows them.
            heads.setdefault(version_id, []).append(
                Head(str(local_id), name, _utc(started), score or 0.0, max_score or 0.0, mode)
            )
        if not heads:
            return []
        # The analysis uses graded (exam) attempts; a version nobody took as an exam (a
        # class that only practised) uses all of its attempts, and says so.
        practice_only = [v for v, own in heads.items() if not any(is_graded(h.mode) for h in own)]
        graded = ", ".join(f"'{m}'" for m in sorted(GRADED_MODES))
        where += f" AND (a.mode IN ({graded}) OR a.quiz_version_id IN "
        # `IN (NULL)` matches nothing, as SQLite's `IN ()` (not PostgreSQL's word).
        where += f"({','.join('?' * len(practice_only)) or 'NULL'}))"
        params = [*params, *practice_only]
        if which == "first":
            used = (
                "(SELECT id, score FROM (SELECT a.id, a.score, ROW_NUMBER() OVER ("
                "PARTITION BY a.quiz_version_id, a.learner_id ORDER BY a.started_ms, a.id) AS rn "
                f"FROM attempts a JOIN quiz_versions v ON v.id = a.quiz_version_id WHERE {where}"
                ") r WHERE rn = 1) u JOIN attempts a ON a.id = u.id"
            )
        else:
            used = f"attempts a JOIN quiz_versions v ON v.id = a.quiz_version_id AND {where}"
        joints: dict[int, dict[str, dict[tuple[float, float], int]]] = {}
        answered: dict[int, int] = {}
        # One pass over the answers: how often each question got each mark in an attempt
        # of each score. Points (not credit) so marks are exact without the quiz file.
        for version_id, key, mark, total, count in self._rows(
            f"SELECT a.quiz_version_id, n.question_key, n.points, a.score, count(*) FROM {used} "
            "JOIN answers n ON n.attempt_id = a.id "
            "GROUP BY a.quiz_version_id, n.question_key, n.points, a.score",
            tuple(params),
        ):
            total = total or 0.0
            joint = joints.setdefault(version_id, {}).setdefault(key, {})
            pair = (mark, total - mark)
            joint[pair] = joint.get(pair, 0) + count
            answered[version_id] = answered.get(version_id, 0) + count
        # Questions put but not answered (skipped, or the clock ran out): a 0 mark, as in
        # Moodle. Only a question not drawn into an attempt is absent from it. Looked for
        # only in versions whose attempts put more questions than were answered.
        put = self._rows(
            f"SELECT a.quiz_version_id, {self._total_put} FROM {used} GROUP BY a.quiz_version_id",
            tuple(params),
        )
        short = [v for v, n in put if int(n) != answered.get(v, 0)]
        missing = (
            self._rows(
                f"SELECT a.quiz_version_id, q.value, a.score, count(*) FROM {used} "
                f"CROSS JOIN {self._put_keys} "
                f"WHERE a.quiz_version_id IN ({','.join('?' * len(short))}) "
                "AND NOT EXISTS (SELECT 1 FROM answers n "
                "WHERE n.attempt_id = a.id AND n.question_key = q.value) "
                "GROUP BY a.quiz_version_id, q.value, a.score",
                (*params, *short),
            )
            if short
            else []
        )
        for version_id, key, total, count in missing:
            total = total or 0.0
            joint = joints.setdefault(version_id, {}).setdefault(key, {})
            pair = (0.0, total)
            joint[pair] = joint.get(pair, 0) + count
        out = []
        for version_id, (qid, sha) in ids.items():
            version = versions.get((qid, sha))
            own = heads[version_id]
            used_ids = used_attempts(own, which)
            totals: dict[tuple[float, float], int] = {}
            for h in own:
                if h.attempt_id in used_ids:
                    totals[(h.score, h.max_score)] = totals.get((h.score, h.max_score), 0) + 1
            found = joints.get(version_id, {})
            keys = [q.key for q in version.questions if q.key in found] if version else []
            keys += sorted(k for k in found if k not in set(keys))
            out.append(
                SectionCounts(
                    quiz_id=qid,
                    sha256=sha,
                    heads=own,
                    used=used_ids,
                    keys=keys,
                    points=[_points(version, k, found[k]) for k in keys],
                    joints=[found[k] for k in keys],
                    totals=totals,
                    practice_only=version_id in practice_only,
                )
            )
        first_seen = {id(s): min(h.started_at for h in s.heads) for s in out}
        out.sort(key=lambda s: (s.quiz_id, first_seen[id(s)]))
        return out


def _learner_record(name: str, language: str | None, created_ms: int) -> LearnerRecord:
    return LearnerRecord(name=name, id=learner_uid(name, created_ms), language=language or "en")


def _points(
    version: QuizVersionRecord | None, key: str, joint: Mapping[tuple[float, float], int]
) -> float:
    """A question's points: from its quiz version, else the best mark anyone got, else 1."""
    question = version.question(key) if version else None
    if question is not None and question.type:
        return question.points
    return max((m for m, _ in joint), default=0.0) or 1.0


def _worth(version: QuizVersionRecord | None, key: str, points: float, credit: float) -> float:
    """A question's points: from its quiz version, else from a right answer's points,
    else the quiz format's default of 1."""
    question = version.question(key) if version else None
    if question is not None and question.type:
        return question.points
    return points / credit if credit > 0 else 1.0
