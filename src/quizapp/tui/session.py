"""One attempt as the screens see it: the engine's `Attempt` plus where the learner is.

The engine owns every rule (draw, order, grading, retries, time limit, recording); this
module adds only what a screen needs on top (the question shown, texts for answers)
so the screens never reach into the engine's internals.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from quizapp.engine import Attempt, AttemptResult, Grade, Slot, right_answer
from quizapp.engine.numbers import format_with_unit
from quizapp.engine.scoring import says_nothing
from quizapp.model import localize


@dataclasses.dataclass(slots=True)
class Session:
    """An attempt in progress, and the question on screen."""

    attempt: Attempt
    index: int = 0

    @classmethod
    def of(cls, attempt: Attempt) -> Session:
        """Open at the first question still open (a resumed attempt continues there)."""
        first = attempt.first_open()
        return cls(attempt, first if first is not None else 0)

    @property
    def quiz(self) -> Any:
        return self.attempt.quiz

    @property
    def mode(self) -> str:
        return self.attempt.mode

    @property
    def items(self) -> list[Slot]:
        return self.attempt.slots

    @property
    def current(self) -> Slot:
        return self.attempt.slots[self.index]

    @property
    def result(self) -> AttemptResult | None:
        return self.attempt.result

    def title(self, lang: str) -> str:
        """The quiz's title, or "Review" for a review."""
        if self.quiz is None:
            from quizapp.tui.i18n import t

            return t("review", lang)
        return localize(self.quiz.quiz.title, lang)

    def response(self, index: int) -> Any:
        return self.attempt.states[index].response

    def grade(self, index: int) -> Grade | None:
        return self.attempt.states[index].grade

    def answered(self, index: int) -> bool:
        return self.attempt.states[index].response is not None

    def done(self, index: int) -> bool:
        return self.attempt.states[index].done

    def flagged(self, index: int) -> bool:
        return self.attempt.states[index].flagged

    def toggle_flag(self, index: int) -> None:
        self.attempt.flag(index, not self.flagged(index))

    def answered_count(self) -> int:
        return sum(1 for s in self.attempt.states if s.response is not None)

    def seconds_left(self, now: datetime | None = None) -> int | None:
        left = self.attempt.remaining()
        return None if left is None else int(left.total_seconds())

    def wrong_keys(self) -> list[tuple[str, str]]:
        """(quiz id, question id) of every question not fully right in the result."""
        result = self.attempt.result
        if result is None:
            return []
        return [
            (q.question_quiz_id, q.question_id) for q in result.questions if q.status != "correct"
        ]


# -- answers not given yet -------------------------------------------------------------------


def empty_answer(question: Any, response: Any) -> str | None:
    """The i18n key of the gentle refusal when `response` says nothing yet (the engine's
    `says_nothing`), else None."""
    if not says_nothing(question, response):
        return None
    if isinstance(response, str):
        return "empty_answer"
    return "empty_multiple" if question.type == "multiple" else "empty_matching"


# -- answers as text ------------------------------------------------------------------------


def _true_false(value: bool, lang: str) -> str:
    from quizapp.tui.i18n import t

    return t("true" if value else "false", lang)


def matching_rights(question: Any) -> list[Any]:
    """Right-hand items in response-index order: the pairs' right items, then distractors."""
    return [p.right for p in question.pairs] + list(question.distractors)


def right_answer_text(question: Any, lang: str) -> str:
    """The right answer as a learner reads it."""
    return response_text(question, right_answer(question), lang)


def response_text(question: Any, response: Any, lang: str) -> str:
    """A response (the contract's form) as a learner reads it."""
    if response is None:
        return ""
    kind = question.type
    if kind == "single":
        return localize(question.choices[response].text, lang)
    if kind == "multiple":
        return ", ".join(localize(question.choices[i].text, lang) for i in response)
    if kind == "true_false":
        return _true_false(bool(response), lang)
    if kind == "numeric" and isinstance(response, int | float):
        unit = localize(question.unit, lang) if question.unit else ""
        return format_with_unit(response, unit, lang)
    if kind in ("short_answer", "numeric"):
        return str(response)
    if kind == "ordering":
        return " → ".join(localize(question.items[i], lang) for i in response)
    if kind == "matching":
        rights = matching_rights(question)
        return "; ".join(
            f"{localize(p.left, lang)} = {localize(rights[c], lang) if c is not None else '?'}"
            for p, c in zip(question.pairs, response, strict=False)
        )
    return str(response)
