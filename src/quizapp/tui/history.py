"""What the screens ask about a learner's past: best and last scores, score over time,
mastery per tag, weakest questions, due reviews.

`History` is the seam to the score store; `MemoryHistory` keeps the current run's
attempts when no store is given (tests, or a read-only data folder).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import datetime
from typing import Any, Protocol


@dataclasses.dataclass(frozen=True, slots=True)
class AttemptSummary:
    """One finished attempt."""

    quiz_id: str | None
    """None for a review, which spans quizzes."""
    mode: str
    fraction: float
    finished: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class QuestionStat:
    """How a learner has done on one question."""

    quiz_id: str
    key: str
    accuracy: float
    answered: int


@dataclasses.dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One graded answer, as the history keeps it."""

    quiz_id: str
    key: str
    tags: tuple[str, ...]
    fraction: float


class History(Protocol):
    """The score store as the screens see it."""

    def record(
        self, learner: str, summary: AttemptSummary, answers: list[AnswerRecord]
    ) -> None: ...

    def attempts(self, learner: str, quiz_id: str | None = None) -> list[AttemptSummary]: ...

    def mastery(self, learner: str) -> dict[str, float]: ...

    def weakest(self, learner: str, limit: int = 5) -> list[QuestionStat]: ...

    def due(self, learner: str) -> list[tuple[str, str]]:
        """(quiz id, question key) of questions due for review, most overdue first."""
        ...


@dataclasses.dataclass(slots=True)
class MemoryHistory:
    """History kept in memory for this run only."""

    _attempts: dict[str, list[AttemptSummary]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )
    _answers: dict[str, list[AnswerRecord]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )

    def record(self, learner: str, summary: AttemptSummary, answers: list[AnswerRecord]) -> None:
        self._attempts[learner].append(summary)
        self._answers[learner].extend(answers)

    def attempts(self, learner: str, quiz_id: str | None = None) -> list[AttemptSummary]:
        return [a for a in self._attempts[learner] if quiz_id is None or a.quiz_id == quiz_id]

    def mastery(self, learner: str) -> dict[str, float]:
        by_tag: dict[str, list[float]] = defaultdict(list)
        for answer in self._answers[learner]:
            for tag in answer.tags:
                by_tag[tag].append(answer.fraction)
        return {tag: sum(v) / len(v) for tag, v in sorted(by_tag.items())}

    def weakest(self, learner: str, limit: int = 5) -> list[QuestionStat]:
        by_key: dict[tuple[str, str], list[float]] = defaultdict(list)
        for answer in self._answers[learner]:
            by_key[answer.quiz_id, answer.key].append(answer.fraction)
        stats = [
            QuestionStat(quiz_id, key, sum(v) / len(v), len(v))
            for (quiz_id, key), v in by_key.items()
        ]
        stats.sort(key=lambda s: (s.accuracy, s.quiz_id, s.key))
        return [s for s in stats if s.accuracy < 1][:limit]

    def due(self, learner: str) -> list[tuple[str, str]]:
        # Without the store's scheduler, what was last missed is what is due.
        last: dict[tuple[str, str], float] = {}
        for answer in self._answers[learner]:
            last[answer.quiz_id, answer.key] = answer.fraction
        return [k for k, v in last.items() if v < 1]


def best_and_last(attempts: list[Any]) -> tuple[float | None, float | None]:
    """The best and the most recent score fraction of some attempts."""
    if not attempts:
        return None, None
    return max(a.fraction for a in attempts), attempts[-1].fraction
