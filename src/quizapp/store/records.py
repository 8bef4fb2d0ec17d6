"""The records that cross the score store's boundary, as pydantic models.

Rows never leave the store: every query returns these. Times are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal, TypeAlias

from pydantic import AwareDatetime, BaseModel, ConfigDict, JsonValue

AttemptStatus: TypeAlias = Literal["in_progress", "submitted", "timed_out", "abandoned"]
"""`in_progress` until the attempt ends; only in_progress attempts are offered to resume."""

ATTEMPT_STATUSES: tuple[AttemptStatus, ...] = ("in_progress", "submitted", "timed_out", "abandoned")
FINISHED_STATUSES: tuple[AttemptStatus, ...] = ("submitted", "timed_out")
"""Attempts that carry a score and count in the history."""


class Record(BaseModel):
    """A frozen record read from the store."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)


class Learner(Record):
    """Someone taking quizzes on this machine."""

    id: int
    name: str
    language: str
    """The learner's preferred language for quiz text (`en`, `id`, ...)."""
    created_at: AwareDatetime


class QuizVersion(Record):
    """A quiz as it was taken: its id and the sha256 of its file's content."""

    id: int
    quiz_id: str
    sha256: str
    title: str
    first_seen: AwareDatetime


class Attempt(Record):
    """One sitting of a quiz by a learner."""

    id: int
    learner_id: int
    quiz_version_id: int
    quiz_id: str
    sha256: str
    mode: str
    seed: int
    question_order: tuple[str, ...]
    """The pool keys of the questions, in the order they were put to the learner."""
    started_at: AwareDatetime
    finished_at: AwareDatetime | None = None
    status: AttemptStatus = "in_progress"
    score: float | None = None
    max_score: float | None = None
    passed: bool | None = None
    uid: str | None = None
    """The engine's id of the attempt (None for attempts recorded before schema v2)."""
    started_record: JsonValue = None
    """The engine's start record (JSON), from which it rebuilds the attempt."""
    flagged: tuple[str, ...] | None = None
    """The keys of the questions flagged for review (None for attempts recorded before
    schema v3, whose flags are in their answer records)."""

    @property
    def fraction(self) -> float | None:
        """The score as a fraction of the maximum, when finished."""
        if self.score is None or not self.max_score:
            return None
        return self.score / self.max_score


class Answer(Record):
    """The learner's answer to one question of an attempt."""

    attempt_id: int
    question_key: str
    """The key in the quiz's pool: the question id, or `other-quiz/id` when included."""
    response: JsonValue
    """The response as JSON data, per `quizapp.model.response`; None when skipped."""
    credit: float
    """From 0 (wrong) to 1 (fully right)."""
    points: float
    """Points earned: credit times the question's points."""
    tries: int
    """How many answers were given to the question (tries, or changes in an exam)."""
    time_taken: timedelta
    """Time spent answering, over all its tries."""
    answered_at: AwareDatetime


class Resumption(Record):
    """What a front end needs to continue an interrupted attempt."""

    attempt: Attempt
    answers: tuple[Answer, ...]
    """The answers already recorded, in the attempt's question order."""
    next_index: int | None
    """The index in `attempt.question_order` of the first unanswered question, or None
    when every question has an answer (the attempt only needs finishing)."""
    records: tuple[JsonValue, ...] = ()
    """The engine's answer records (every try and change) in the order given, to replay."""
    drafts: dict[str, JsonValue] = {}
    """Answers typed but not given yet, by question key (see `Store.set_drafts`)."""


class ReviewCard(Record):
    """The spaced-review state of one question for one learner (FSRS)."""

    learner_id: int
    quiz_id: str
    """The quiz the question is written in (its home, even when met through an include)."""
    question_id: str
    due: AwareDatetime
    state: int
    """FSRS state: 1 learning, 2 review, 3 relearning."""
    stability: float | None
    difficulty: float | None
    last_review: AwareDatetime | None
    reviews: int
    lapses: int
    """How many times it was answered wrong."""

    @property
    def key(self) -> str:
        return f"{self.quiz_id}/{self.question_id}"


class QuizSummary(Record):
    """A learner's finished attempts at one quiz (all versions)."""

    quiz_id: str
    title: str
    """The title of the most recently taken version."""
    attempts: int
    best: float
    """Best score fraction (0 to 1)."""
    last: float
    """Score fraction of the most recent attempt."""
    average: float
    last_at: AwareDatetime


class ScorePoint(Record):
    """One finished attempt on the learner's score-over-time line."""

    attempt_id: int
    quiz_id: str
    finished_at: AwareDatetime
    fraction: float
    passed: bool | None


class ScoreHistory(Record):
    """A learner's finished attempts, oldest first, as columns: ready to plot, and cheap to
    build for thousands of attempts. `points()` gives the same as one record per attempt."""

    attempt_ids: tuple[int, ...] = ()
    quiz_ids: tuple[str, ...] = ()
    finished_at: tuple[AwareDatetime, ...] = ()
    fractions: tuple[float, ...] = ()
    """Score fractions, 0 to 1."""
    passed: tuple[bool | None, ...] = ()

    def __len__(self) -> int:
        return len(self.attempt_ids)

    def points(self) -> list[ScorePoint]:
        return [
            ScorePoint(attempt_id=a, quiz_id=q, finished_at=t, fraction=f, passed=p)
            for a, q, t, f, p in zip(
                self.attempt_ids,
                self.quiz_ids,
                self.finished_at,
                self.fractions,
                self.passed,
                strict=True,
            )
        ]


class QuestionAccuracy(Record):
    """How well one question was answered."""

    quiz_id: str
    """The quiz the question is written in."""
    question_id: str
    answered: int
    correct: int
    """Answers with full credit."""
    mean_credit: float
    """Average credit, 0 to 1: the accuracy counting partial credit."""

    @property
    def key(self) -> str:
        return f"{self.quiz_id}/{self.question_id}"


class TagAccuracy(Record):
    """Mastery of one tag: every answer to a question with that tag."""

    tag: str
    answered: int
    correct: int
    mean_credit: float
    questions: int
    """How many distinct questions with this tag were answered."""


def utc_from_ms(ms: int) -> datetime:
    """A stored time (integer milliseconds since the epoch) as an aware UTC datetime."""
    return datetime.fromtimestamp(ms / 1000, UTC)


def ms_from_utc(when: datetime) -> int:
    """An aware datetime as stored: integer milliseconds since the epoch."""
    if when.tzinfo is None:
        raise ValueError("times given to the store must be timezone-aware")
    return round(when.timestamp() * 1000)
