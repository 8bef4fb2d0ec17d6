"""Grading one response to one question: credit, feedback, the right answer.

`grade(question, response)` returns a `Grade`, or `Unreadable` when the response cannot
be graded at all (a numeric answer that is ambiguous or not a number, or a response of
the wrong shape): the learner answers again and loses nothing.

Responses follow `quizapp.model.response` (indexes in the quiz file's order), so how the
choices were shuffled for display never changes a grade. Credit is a fraction in [0, 1];
points are credit x the question's points. The rules, per type (docs/engine.md says the
same for trainers):

- `single`: the chosen choice's weight (see `quizapp.model.choice_weights`), at least 0.
- `true_false`: 1 when the learner's true/false is the answer, else 0.
- `multiple`: the sum of the chosen choices' weights, clamped to [0, 1].
- `short_answer`: both sides normalised (Unicode NFKC, diacritics dropped, case folded
  unless `case_sensitive`, hyphens/dashes/slashes read as spaces, other punctuation
  dropped, then spaces ignored, so `J & T` is `J&T`); the best weight among accepted
  answers that match exactly
  (`*` matches any run of characters), else among those within `typos` edits
  (Levenshtein distance, by rapidfuzz). Typos are allowed at one per four characters
  of the accepted answer, so a two-letter answer never matches a different two letters.
- `numeric`: read with `quizapp.engine.numbers.parse_number`; the best weight among the
  accepted values whose tolerance allows it. A percentage (`25%`) may match 25 or 0.25.
- `ordering`: (L - 1) / (n - 1), where L is the length of the longest run of items
  (not necessarily adjacent) that the learner put in the right relative order: all in
  order is 1, fully reversed is 0, one item out of place among five is 3/4.
- `matching`: the share of left items matched with their own right item.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from rapidfuzz.distance import Levenshtein

from quizapp.engine.i18n import message
from quizapp.engine.numbers import NotANumber, Number, parse_number
from quizapp.model.answers import normalize_answer
from quizapp.model.quiz import (
    AcceptedText,
    MultipleQuestion,
    NumericQuestion,
    NumericValue,
    ShortAnswerQuestion,
    SingleQuestion,
    choice_weights,
)
from quizapp.model.text import Text

Status: TypeAlias = Literal["correct", "partial", "wrong", "unanswered"]
RightAnswer: TypeAlias = int | list[int] | bool | str | float
"""A response earning full credit, in `quizapp.model.response` form; for `numeric`, the
expected number itself (a float), which front ends write with `format_number`."""


@dataclass(frozen=True, slots=True)
class Grade:
    """The outcome of one response to one question."""

    credit: float
    """From 0 to 1."""
    points: float
    """credit x max_points."""
    max_points: float
    answered: bool
    feedback: tuple[Text, ...]
    """The author's feedback for what was answered (chosen choices, the true/false side,
    the matched answer); localize each for display."""
    right_answer: RightAnswer
    explanation: Text | None

    @property
    def status(self) -> Status:
        if not self.answered:
            return "unanswered"
        if self.credit >= 1 - 1e-9:
            return "correct"
        return "partial" if self.credit > 0 else "wrong"


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A response that cannot be graded; the learner should answer again, unpenalised."""

    reason: str
    number: NotANumber | None = None

    def message(self, lang: str = "en", examples: Sequence[str] | None = None) -> str:
        """One sentence for the learner; `examples` as for `NotANumber.message`."""
        if self.number is not None:
            return self.number.message(lang, examples)
        return message("bad_response", lang)


def says_nothing(question: Any, response: Any) -> bool:
    """True when a submitted `response` gives no answer at all: blank text, no choice
    ticked, no row matched. Front ends refuse it gently, at no cost, rather than grade it:
    it is a slip, not an answer (an exam leaves a question out with Skip)."""
    if isinstance(response, str):
        return not response.strip()
    if question.type == "multiple":
        return not response
    if question.type == "matching":
        return all(chosen is None for chosen in response)
    return False


def grade(question: Any, response: Any) -> Grade | Unreadable:
    """Grade `response` (None: not answered) to `question`."""
    right = right_answer(question)
    if response is None:
        return _grade(question, 0.0, (), right, answered=False)
    kind = question.type
    if kind == "numeric":
        return _numeric(question, response, right)
    if not _fits(question, response):
        return Unreadable("bad_response")
    feedback: list[Text] = []
    if kind == "single":
        credit = choice_weights(question)[response]
        feedback = _choice_feedback(question, [response])
    elif kind == "multiple":
        weights = choice_weights(question)
        credit = sum(weights[i] for i in set(response))
        feedback = _choice_feedback(question, sorted(set(response)))
    elif kind == "true_false":
        credit = 1.0 if response is question.answer else 0.0
        side = question.feedback_true if response else question.feedback_false
        feedback = [side] if side is not None else []
    elif kind == "short_answer":
        credit, matched = _short_answer(question, response)
        feedback = [matched] if matched is not None else []
    elif kind == "ordering":
        n = len(question.items)
        credit = (_longest_increasing(response) - 1) / (n - 1)
    elif kind == "matching":
        credit = sum(1 for i, r in enumerate(response) if r == i) / len(question.pairs)
    else:  # pragma: no cover - the model admits no other types
        raise ValueError(f"unknown question type {kind!r}")
    return _grade(question, credit, tuple(feedback), right)


def _grade(
    question: Any,
    credit: float,
    feedback: tuple[Text, ...],
    right: RightAnswer,
    *,
    answered: bool = True,
) -> Grade:
    # Rounded so float noise (three thirds) never shows as 0.9999999 of a point.
    credit = min(1.0, max(0.0, round(credit, 9)))
    return Grade(
        credit=credit,
        points=credit * question.points,
        max_points=question.points,
        answered=answered,
        feedback=feedback,
        right_answer=right,
        explanation=question.explanation,
    )


def _choice_feedback(question: SingleQuestion | MultipleQuestion, chosen: list[int]) -> list[Text]:
    return [fb for i in chosen if (fb := question.choices[i].feedback) is not None]


def _is_index(value: Any, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size


def _fits(question: Any, response: Any) -> bool:
    """Whether `response` has the shape `quizapp.model.response` gives this type."""
    kind = question.type
    if kind == "single":
        return _is_index(response, len(question.choices))
    if kind == "multiple":
        return isinstance(response, list) and all(
            _is_index(i, len(question.choices)) for i in response
        )
    if kind == "true_false":
        return isinstance(response, bool)
    if kind == "short_answer":
        return isinstance(response, str)
    if kind == "ordering":
        n = len(question.items)
        return (
            isinstance(response, list)
            and all(_is_index(i, n) for i in response)
            and sorted(response) == list(range(n))
        )
    if kind == "matching":
        rights = len(question.pairs) + len(question.distractors)
        return (
            isinstance(response, list)
            and len(response) == len(question.pairs)
            and all(r is None or _is_index(r, rights) for r in response)
        )
    return False


def right_answer(question: Any) -> RightAnswer:
    """A response that earns full credit (for `numeric`, the best expected number)."""
    kind = question.type
    if kind == "single":
        weights = choice_weights(question)
        return weights.index(max(weights))
    if kind == "multiple":
        return [i for i, w in enumerate(choice_weights(question)) if w > 0]
    if kind == "true_false":
        return bool(question.answer)
    if kind == "short_answer":
        best: AcceptedText = max(question.answers, key=lambda a: a.weight)
        return best.text
    if kind == "numeric":
        expected: NumericValue = max(question.accepted(), key=lambda v: v.weight)
        return expected.value
    if kind == "ordering":
        return list(range(len(question.items)))
    if kind == "matching":
        return list(range(len(question.pairs)))
    raise ValueError(f"unknown question type {kind!r}")  # pragma: no cover


# -- short answers --------------------------------------------------------------------------


def _key(text: str, case_sensitive: bool) -> str:
    """The comparison key: normalised, then without spaces, so "J & T" is "J&T"."""
    return normalize_answer(text, case_sensitive).replace(" ", "")


def _pattern(accepted: str, case_sensitive: bool) -> re.Pattern[str] | str:
    """The accepted answer's key: a regex when it has `*` wildcards, else a str."""
    if "*" not in accepted:
        return _key(accepted, case_sensitive)
    parts = [re.escape(_key(p, case_sensitive)) for p in accepted.split("*")]
    return re.compile(".*".join(parts), re.DOTALL)


def _short_answer(question: ShortAnswerQuestion, response: str) -> tuple[float, Text | None]:
    given = _key(response, question.case_sensitive)
    if not given:
        return 0.0, None
    exact: list[tuple[float, Text | None]] = []
    near: list[tuple[float, Text | None]] = []
    for accepted in question.answers:
        pattern = _pattern(accepted.text, question.case_sensitive)
        if isinstance(pattern, re.Pattern):
            if pattern.fullmatch(given):
                exact.append((accepted.weight, accepted.feedback))
            continue
        if given == pattern:
            exact.append((accepted.weight, accepted.feedback))
            continue
        allowed = min(question.typos, len(pattern) // 4)
        if allowed and Levenshtein.distance(given, pattern, score_cutoff=allowed) <= allowed:
            near.append((accepted.weight, accepted.feedback))
    matches = exact or near
    if not matches:
        return 0.0, None
    return max(matches, key=lambda m: m[0])


def accepted_spelling(question: Any, response: Any) -> str | None:
    """The accepted answer a short answer was taken for when it matched only within the
    typo allowance (so a learner sees the right spelling), else None."""
    if question.type != "short_answer" or not isinstance(response, str):
        return None
    given = _key(response, question.case_sensitive)
    best: tuple[float, str] | None = None
    for accepted in question.answers:
        pattern = _pattern(accepted.text, question.case_sensitive)
        if isinstance(pattern, re.Pattern):
            if pattern.fullmatch(given):
                return None
            continue
        if given == pattern:
            return None
        allowed = min(question.typos, len(pattern) // 4)
        near = allowed and Levenshtein.distance(given, pattern, score_cutoff=allowed) <= allowed
        if near and (best is None or accepted.weight > best[0]):
            best = (accepted.weight, accepted.text)
    return best[1] if best is not None else None


# -- numbers ----------------------------------------------------------------------------------


def _numeric(question: NumericQuestion, response: Any, right: RightAnswer) -> Grade | Unreadable:
    if not isinstance(response, str):
        return Unreadable("bad_response")
    unit = question.unit
    units = [unit] if isinstance(unit, str) else list(unit.values()) if unit else []
    parsed = parse_number(response, units=units)
    if isinstance(parsed, NotANumber):
        return Unreadable(parsed.reason, parsed)
    credit, feedback = _numeric_credit(question, parsed)
    return _grade(question, credit, (feedback,) if feedback is not None else (), right)


def _numeric_credit(question: NumericQuestion, parsed: Number) -> tuple[float, Text | None]:
    readings = [parsed.value] + ([parsed.value / 100] if parsed.percent else [])
    best: tuple[float, Text | None] = (0.0, None)
    for accepted in question.accepted():
        if accepted.weight > best[0] and any(
            accepted.tolerance.allows(accepted.value, r) for r in readings
        ):
            best = (accepted.weight, accepted.feedback)
    return best


# -- ordering ---------------------------------------------------------------------------------


def _longest_increasing(sequence: list[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    for x in sequence:
        i = bisect.bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
