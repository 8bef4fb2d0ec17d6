"""Class mode in the score store: a class, its quizzes, its members and their PINs.

`ClassStore` is mixed into `Store`, so a class is read and written through the store's
own interface (and a second backend implements the same methods). The served app, the
trainer's watch view and the server all meet here: the trainer's actions (open or close
a quiz, extra time, a PIN reset, the end of the class) are rows that every learner's app
process reads on its next poll.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from quizapp.store.records import Record, ms_from_utc, utc_from_ms
from quizapp.store.retry import retried

if TYPE_CHECKING:
    import sqlite3
    from contextlib import AbstractContextManager

CLASS_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
"""A class's name: it names a folder, so letters, digits, `-` and `_` only."""

PIN = re.compile(r"[0-9]{4,8}")
"""A learner's PIN: 4 to 8 digits, easy on a phone's keypad."""

_PIN_ROUNDS = 20_000
"""PBKDF2 rounds: a join costs a few ms, a stolen database costs an attacker work (the
PIN space is small, so the real guard is the server's rate limit)."""


def valid_class_name(name: str) -> bool:
    return CLASS_NAME.fullmatch(name) is not None


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """`pbkdf2$rounds$salt$hash` of a PIN."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _PIN_ROUNDS)
    return f"pbkdf2${_PIN_ROUNDS}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        _, rounds, salt, digest = stored.split("$")
        mine = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(rounds))
    except ValueError:
        return False
    return hmac.compare_digest(mine.hex(), digest)


class ClassQuiz(Record):
    quiz_id: str
    open: bool
    extra_seconds: int


class ClassInfo(Record):
    """A class and the quizzes it may take."""

    id: int
    name: str
    created_at: datetime
    ended_at: datetime | None
    quizzes: tuple[ClassQuiz, ...]

    @property
    def open_quizzes(self) -> list[str]:
        return [q.quiz_id for q in self.quizzes if q.open]


class ClassMember(Record):
    learner_id: int
    name: str
    joined_at: datetime
    seen_at: datetime
    extra_seconds: int
    has_pin: bool


JoinOutcome = Literal["joined", "returned", "pin_set", "wrong_pin", "ended", "no_class"]


@dataclass(frozen=True, slots=True)
class Joined:
    """What a join attempt came to: `joined` (new member), `returned` (right PIN),
    `pin_set` (a PIN after the trainer's reset), or a refusal."""

    outcome: JoinOutcome
    learner_id: int | None = None
    name: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome in ("joined", "returned", "pin_set")


@dataclass(frozen=True, slots=True)
class LiveAttempt:
    """One attempt of a class member, as the watch view shows it."""

    attempt_id: int
    learner_id: int
    quiz_id: str
    mode: str
    status: str
    questions: int
    answered: int
    flagged: int
    started_at: datetime
    time_limit_seconds: int | None
    score: float | None
    max_score: float | None


@dataclass(frozen=True, slots=True)
class LiveAnswer:
    """One answer given in the class (for the live item analysis)."""

    learner_id: int
    attempt_id: int
    quiz_id: str
    question_key: str
    response: Any
    credit: float


class ClassStore:
    """The class-mode methods of `Store` (a mixin: it uses the store's transactions)."""

    if TYPE_CHECKING:

        def _write(
            self, *, row_locked: bool = False, idempotent: bool = False
        ) -> AbstractContextManager[sqlite3.Cursor]: ...
        def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...
        def _now(self) -> datetime: ...
        def _lock_names(self, cur: Any) -> None: ...

        _GREATEST: str

        @staticmethod
        def _find_learner(cur: sqlite3.Cursor, name: str) -> Any: ...

    @retried
    def open_class(self, name: str, quiz_ids: Sequence[str] = ()) -> ClassInfo:
        """The class of that name, made if new; quizzes not yet in it are added, open."""
        if not valid_class_name(name):
            raise ValueError(f"not a class name: {name!r}")
        now = ms_from_utc(self._now())
        # Idempotent: run again, every insert gives way to the row already there.
        with self._write(idempotent=True) as cur:
            cur.execute(
                "INSERT INTO classes (name, created_ms) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (name, now),
            )
            # lower(): names are ASCII, and unique without regard to case on both backends.
            (class_id,) = cur.execute(
                "SELECT id FROM classes WHERE lower(name) = lower(?)", (name,)
            ).fetchone()
            (last,) = cur.execute(
                "SELECT coalesce(max(position), 0) FROM class_quizzes WHERE class_id = ?",
                (class_id,),
            ).fetchone()
            for n, quiz_id in enumerate(quiz_ids, last + 1):
                cur.execute(
                    "INSERT INTO class_quizzes (class_id, quiz_id, position) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (class_id, quiz_id, n),
                )
        found = self.class_info(name)
        assert found is not None
        return found

    def class_info(self, name: str) -> ClassInfo | None:
        rows = self._read(
            "SELECT id, name, created_ms, ended_ms FROM classes WHERE lower(name) = lower(?)",
            (name,),
        )
        if not rows:
            return None
        class_id, name, created, ended = rows[0]
        quizzes = self._read(
            "SELECT quiz_id, is_open, extra_seconds FROM class_quizzes WHERE class_id = ? "
            "ORDER BY position",
            (class_id,),
        )
        return ClassInfo(
            id=class_id,
            name=name,
            created_at=utc_from_ms(created),
            ended_at=None if ended is None else utc_from_ms(ended),
            quizzes=tuple(
                ClassQuiz(quiz_id=q, open=bool(o), extra_seconds=x) for q, o, x in quizzes
            ),
        )

    def class_names(self) -> list[str]:
        return [r[0] for r in self._read("SELECT name FROM classes ORDER BY created_ms")]

    def join_class(self, class_id: int, name: str, pin: str, language: str = "en") -> Joined:
        """Join as `name` with `pin`: a new name becomes a member with that PIN; a known
        name comes back only with its PIN (or sets a new one after a reset). Names are
        unique in a class, case-insensitively."""
        from quizapp.names import clean_learner_name

        name = clean_learner_name(name)  # the one rule for names; raises InvalidName
        # Hashed once, before the write lock and its retries: it is the slow part of a
        # join, and its random salt makes the hash this call's own key.
        fresh_hash = hash_pin(pin)
        wrote: list[JoinOutcome] = []
        return self._join(class_id, name, pin, language, fresh_hash, wrote)

    @retried
    def _join(
        self,
        class_id: int,
        name: str,
        pin: str,
        language: str,
        fresh_hash: str,
        wrote: list[JoinOutcome],
    ) -> Joined:
        """`join_class` in one transaction. Idempotent: run again after it committed
        (on PostgreSQL, when the reply to the COMMIT was lost), it finds its own hash
        on the member and answers what it wrote (noted in `wrote` before the commit)."""
        now = ms_from_utc(self._now())
        with self._write(row_locked=True, idempotent=True) as cur:
            row = cur.execute("SELECT ended_ms FROM classes WHERE id = ?", (class_id,)).fetchone()
            if row is None:
                return Joined("no_class")
            if row[0] is not None:
                return Joined("ended")
            found = self._find_learner(cur, name)  # case-insensitive in any script
            if found is None:
                self._lock_names(cur)  # one new learner at a time, as `Store.learner`
                found = self._find_learner(cur, name)
            learner = None if found is None else (found[0], found[1])
            if learner is None:
                learner = cur.execute(
                    "INSERT INTO learners (name, language, created_ms) VALUES (?, ?, ?) "
                    "RETURNING id, name",
                    (name, language, now),
                ).fetchone()
            learner_id, stored_name = learner
            member = cur.execute(
                "SELECT pin_hash FROM class_members WHERE class_id = ? AND learner_id = ?",
                (class_id, learner_id),
            ).fetchone()
            if member is None:
                cur.execute(
                    "INSERT INTO class_members (class_id, learner_id, pin_hash, joined_ms, "
                    "seen_ms) VALUES (?, ?, ?, ?, ?)",
                    (class_id, learner_id, fresh_hash, now, now),
                )
                wrote.append("joined")
                return Joined("joined", learner_id, stored_name)
            if member[0] == fresh_hash and wrote:
                return Joined(wrote[-1], learner_id, stored_name)
            if member[0] is None:
                cur.execute(
                    "UPDATE class_members SET pin_hash = ?, seen_ms = ? "
                    "WHERE class_id = ? AND learner_id = ?",
                    (fresh_hash, now, class_id, learner_id),
                )
                wrote.append("pin_set")
                return Joined("pin_set", learner_id, stored_name)
            if not check_pin(pin, member[0]):
                return Joined("wrong_pin")
            cur.execute(
                "UPDATE class_members SET seen_ms = ? WHERE class_id = ? AND learner_id = ?",
                (now, class_id, learner_id),
            )
            return Joined("returned", learner_id, stored_name)

    def class_members(self, class_id: int, learner_id: int | None = None) -> list[ClassMember]:
        """The class's members in the order they joined (or only `learner_id`)."""
        one = "" if learner_id is None else " AND m.learner_id = ?"
        rows = self._read(
            "SELECT m.learner_id, l.name, m.joined_ms, m.seen_ms, m.extra_seconds, "
            "m.pin_hash IS NOT NULL FROM class_members m JOIN learners l ON l.id = m.learner_id "
            f"WHERE m.class_id = ?{one} ORDER BY m.joined_ms, l.name",
            (class_id,) if learner_id is None else (class_id, learner_id),
        )
        return [
            ClassMember(
                learner_id=r[0],
                name=r[1],
                joined_at=utc_from_ms(r[2]),
                seen_at=utc_from_ms(r[3]),
                extra_seconds=r[4],
                has_pin=bool(r[5]),
            )
            for r in rows
        ]

    @retried
    def mark_seen(self, class_id: int, learner_id: int) -> None:
        with self._write(row_locked=True, idempotent=True) as cur:
            cur.execute(
                "UPDATE class_members SET seen_ms = ? WHERE class_id = ? AND learner_id = ?",
                (ms_from_utc(self._now()), class_id, learner_id),
            )

    @retried
    def set_quiz_open(self, class_id: int, quiz_id: str, is_open: bool) -> None:
        with self._write(row_locked=True, idempotent=True) as cur:
            cur.execute(
                "UPDATE class_quizzes SET is_open = ? WHERE class_id = ? AND quiz_id = ?",
                (int(is_open), class_id, quiz_id),
            )
            if cur.rowcount == 0:
                raise KeyError(quiz_id)

    @retried
    def extend_time(
        self,
        class_id: int,
        seconds: int,
        *,
        quiz_id: str | None = None,
        learner_id: int | None = None,
    ) -> None:
        """Give extra time: to everyone on `quiz_id`, or to one learner on every quiz."""
        if (quiz_id is None) == (learner_id is None):
            raise ValueError("extend the time of one quiz, or of one learner")
        # Not idempotent: run again after it committed, it would add the time twice, and
        # nothing in the row tells. On PostgreSQL a lost connection fails it instead.
        with self._write(row_locked=True) as cur:
            if quiz_id is not None:
                cur.execute(
                    f"UPDATE class_quizzes SET extra_seconds = "
                    f"{self._GREATEST}(0, extra_seconds + ?) "
                    "WHERE class_id = ? AND quiz_id = ?",
                    (seconds, class_id, quiz_id),
                )
            else:
                cur.execute(
                    f"UPDATE class_members SET extra_seconds = "
                    f"{self._GREATEST}(0, extra_seconds + ?) "
                    "WHERE class_id = ? AND learner_id = ?",
                    (seconds, class_id, learner_id),
                )
            if cur.rowcount == 0:
                raise KeyError(quiz_id or learner_id)

    def extra_time(self, class_id: int, learner_id: int, quiz_id: str) -> int:
        """Seconds added to the learner's time limit on that quiz (everyone's + theirs)."""
        rows = self._read(
            "SELECT coalesce((SELECT extra_seconds FROM class_quizzes "
            "WHERE class_id = ? AND quiz_id = ?), 0) + coalesce((SELECT extra_seconds "
            "FROM class_members WHERE class_id = ? AND learner_id = ?), 0)",
            (class_id, quiz_id, class_id, learner_id),
        )
        return int(rows[0][0])

    @retried
    def reset_pin(self, class_id: int, learner_id: int) -> None:
        """Forget the learner's PIN: their next join sets a new one."""
        with self._write(row_locked=True, idempotent=True) as cur:
            cur.execute(
                "UPDATE class_members SET pin_hash = NULL WHERE class_id = ? AND learner_id = ?",
                (class_id, learner_id),
            )
            if cur.rowcount == 0:
                raise KeyError(learner_id)

    @retried
    def end_class(self, class_id: int) -> None:
        with self._write(row_locked=True, idempotent=True) as cur:
            cur.execute(
                "UPDATE classes SET ended_ms = coalesce(ended_ms, ?) WHERE id = ?",
                (ms_from_utc(self._now()), class_id),
            )

    def class_attempts(self, class_id: int) -> list[LiveAttempt]:
        """Every attempt of the class's members at the class's quizzes, oldest first."""
        rows = self._read(
            "SELECT a.id, a.learner_id, v.quiz_id, a.mode, a.status, a.question_order, "
            "(SELECT count(*) FROM answers n WHERE n.attempt_id = a.id), a.flagged, "
            "a.started_ms, a.started_record, a.score, a.max_score "
            "FROM attempts a JOIN quiz_versions v ON v.id = a.quiz_version_id "
            "JOIN class_members m ON m.learner_id = a.learner_id AND m.class_id = ? "
            "WHERE v.quiz_id IN (SELECT quiz_id FROM class_quizzes WHERE class_id = ?) "
            "AND a.status != 'abandoned' ORDER BY a.started_ms, a.id",
            (class_id, class_id),
        )
        out = []
        for r in rows:
            limit = None
            if r[9] is not None:
                limit = json.loads(r[9]).get("time_limit_seconds")
            out.append(
                LiveAttempt(
                    attempt_id=r[0],
                    learner_id=r[1],
                    quiz_id=r[2],
                    mode=r[3],
                    status=r[4],
                    questions=len(json.loads(r[5])),
                    answered=r[6],
                    flagged=0 if r[7] is None else len(json.loads(r[7])),
                    started_at=utc_from_ms(r[8]),
                    time_limit_seconds=None if limit is None else int(limit),
                    score=r[10],
                    max_score=r[11],
                )
            )
        return out

    def class_answers(self, class_id: int, quiz_id: str) -> list[LiveAnswer]:
        """Every answer given by the class's members to `quiz_id` (not abandoned)."""
        rows = self._read(
            "SELECT a.learner_id, a.id, n.question_key, n.response, n.credit "
            "FROM attempts a JOIN quiz_versions v ON v.id = a.quiz_version_id "
            "JOIN class_members m ON m.learner_id = a.learner_id AND m.class_id = ? "
            "JOIN answers n ON n.attempt_id = a.id "
            "WHERE v.quiz_id = ? AND a.status != 'abandoned' ORDER BY n.answered_ms, n.id",
            (class_id, quiz_id),
        )
        return [LiveAnswer(r[0], r[1], quiz_id, r[2], json.loads(r[3]), float(r[4])) for r in rows]
