"""One attempt as the TUI drives it: the questions in their seeded order, the responses,
flags, and the grade of each answer.

This is the seam between the screens and the quiz engine: screens only talk to
`Session`, so the engine's rules stay in one place. Responses follow
`quizapp.model.response` (authored-order indexes).
"""

from __future__ import annotations

import dataclasses
import random
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from quizapp.model import Quiz, choice_weights, localize

Mode = Literal["practice", "exam", "review"]


@dataclasses.dataclass(slots=True)
class Item:
    """A question as it is shown in this attempt."""

    key: str
    """Unique in the attempt: the question id, or `quiz/id` when included."""
    quiz_id: str
    question: Any
    order: list[int]
    """Display order (authored indexes) of choices, ordering items or matching right items."""


@dataclasses.dataclass(frozen=True, slots=True)
class Grade:
    """How one answer scored."""

    credit: float
    """Points earned, from 0 to the question's points."""
    points: float
    feedback: str | list[str] | dict[str, str] | None = None
    """Feedback attached to what the learner chose, as authored text."""

    @property
    def fraction(self) -> float:
        return self.credit / self.points if self.points else 0.0


class NotANumber(ValueError):
    """A numeric answer that cannot be read as a number; it costs nothing."""


@dataclasses.dataclass(slots=True)
class Session:
    """An attempt in progress."""

    quiz: Quiz | None
    """The quiz taken; None for a review, which spans quizzes."""
    mode: Mode
    seed: int
    items: list[Item]
    started: datetime
    responses: dict[int, Any] = dataclasses.field(default_factory=dict)
    grades: dict[int, Grade] = dataclasses.field(default_factory=dict)
    flags: set[int] = dataclasses.field(default_factory=set)
    index: int = 0
    attempt_id: int | None = None
    """The score store's id for this attempt, once recorded."""

    def title(self, lang: str) -> str:
        """The quiz's title, or "Review" for a review."""
        if self.quiz is None:
            from quizapp.tui.i18n import t

            return t("review", lang)
        return localize(self.quiz.quiz.title, lang)

    @property
    def time_limit(self) -> int | None:
        if self.quiz is None or self.mode != "exam":
            return None
        return self.quiz.quiz.time_limit

    def seconds_left(self, now: datetime) -> int | None:
        if self.time_limit is None:
            return None
        return max(0, self.time_limit - int((now - self.started).total_seconds()))

    @property
    def current(self) -> Item:
        return self.items[self.index]

    def answer(self, index: int, response: Any) -> Grade:
        """Record a response and grade it (raises `NotANumber` for unreadable numbers)."""
        grade = grade_response(self.items[index].question, response)
        self.responses[index] = response
        self.grades[index] = grade
        return grade

    def unanswered(self) -> list[int]:
        return [i for i in range(len(self.items)) if i not in self.responses]

    @property
    def total_points(self) -> float:
        return sum(item.question.points for item in self.items)

    @property
    def earned(self) -> float:
        return sum(g.credit for g in self.grades.values())

    @property
    def fraction(self) -> float:
        return self.earned / self.total_points if self.total_points else 0.0

    @property
    def passed(self) -> bool | None:
        """None for a review, which has no pass mark."""
        if self.quiz is None:
            return None
        return self.fraction + 1e-9 >= self.quiz.quiz.pass_mark

    def wrong_keys(self) -> list[str]:
        """Keys of questions not fully right (unanswered ones included)."""
        return [
            item.key
            for i, item in enumerate(self.items)
            if i not in self.grades or self.grades[i].fraction < 1 - 1e-9
        ]


def start_session(
    quiz: Quiz | None,
    pool: list[tuple[str, str, Any]],
    mode: Mode,
    seed: int,
    now: datetime,
    only: list[str] | None = None,
) -> Session:
    """Draw and order the questions of an attempt from `pool` (key, quiz id, question).

    The seed fixes the draw and every order, so an attempt can be replayed exactly.
    """
    rng = random.Random(seed)
    entries = [e for e in pool if only is None or e[0] in only]
    info = quiz.quiz if quiz is not None else None
    if info is not None and only is None and info.draw is not None and info.draw < len(entries):
        entries = rng.sample(entries, info.draw)
    elif info is not None and info.shuffle_questions:
        entries = entries[:]
        rng.shuffle(entries)
    shuffle = info.shuffle_choices if info is not None else True
    items = [Item(key, qid, q, _display_order(q, shuffle, rng)) for key, qid, q in entries]
    return Session(quiz, mode, seed, items, now)


def _display_order(question: Any, shuffle_choices: bool, rng: random.Random) -> list[int]:
    kind = question.type
    if kind in ("single", "multiple"):
        order = list(range(len(question.choices)))
        if shuffle_choices and question.shuffle:
            rng.shuffle(order)
        return order
    if kind == "ordering":
        order = list(range(len(question.items)))
        # Never start an ordering question already solved.
        while order == sorted(order):
            rng.shuffle(order)
        return order
    if kind == "matching":
        order = list(range(len(question.pairs) + len(question.distractors)))
        rng.shuffle(order)
        return order
    return []


# -- grading -----------------------------------------------------------------------------


def grade_response(question: Any, response: Any) -> Grade:
    """Score one response by the question's type."""
    points = float(question.points)
    kind = question.type
    if response is None:
        return Grade(0.0, points)
    if kind == "single":
        weights = choice_weights(question)
        return Grade(
            max(0.0, weights[response]) * points, points, question.choices[response].feedback
        )
    if kind == "multiple":
        weights = choice_weights(question)
        total = sum(weights[i] for i in response)
        return Grade(min(1.0, max(0.0, total)) * points, points)
    if kind == "true_false":
        right = response == question.answer
        feedback = question.feedback_true if response else question.feedback_false
        return Grade(points if right else 0.0, points, feedback)
    if kind == "short_answer":
        return _grade_short(question, str(response), points)
    if kind == "numeric":
        value = parse_number(str(response))
        best: Grade = Grade(0.0, points)
        for accepted in question.accepted():
            if accepted.tolerance.allows(accepted.value, value):
                credit = accepted.weight * points
                if credit > best.credit:
                    best = Grade(credit, points, accepted.feedback)
        return best
    if kind == "ordering":
        return Grade(_longest_increasing(list(response)) / len(question.items) * points, points)
    if kind == "matching":
        right = sum(1 for left, chosen in enumerate(response) if chosen == left)
        return Grade(right / len(question.pairs) * points, points)
    raise ValueError(f"unknown question type {kind!r}")


def _longest_increasing(values: list[int]) -> int:
    best: list[int] = []
    for v in values:
        lo, hi = 0, len(best)
        while lo < hi:
            mid = (lo + hi) // 2
            if best[mid] < v:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(best):
            best.append(v)
        else:
            best[lo] = v
    return len(best)


def _normalise(text: str, case_sensitive: bool) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s*]", " ", text)
    text = " ".join(text.split())
    return text if case_sensitive else text.casefold()


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _grade_short(question: Any, response: str, points: float) -> Grade:
    given = _normalise(response, question.case_sensitive)
    best = Grade(0.0, points)
    for accepted in question.answers:
        want = _normalise(accepted.text, question.case_sensitive)
        if "*" in want:
            pattern = ".*".join(re.escape(part) for part in want.split("*"))
            hit = re.fullmatch(pattern, given) is not None
        else:
            hit = _distance(want, given) <= question.typos
        if hit and accepted.weight * points > best.credit:
            best = Grade(accepted.weight * points, points, accepted.feedback)
    return best


_SCALES = {
    "k": 1e3,
    "rb": 1e3,
    "ribu": 1e3,
    "thousand": 1e3,
    "jt": 1e6,
    "juta": 1e6,
    "million": 1e6,
    "m": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "triliun": 1e12,
    "trillion": 1e12,
    "t": 1e12,
}


def parse_number(text: str) -> float:
    """Read a number as Indonesians and English speakers write it."""
    s = text.strip().lower()
    s = re.sub(r"^(rp|rmb|us\$|\$)\.?\s*", "", s)
    match = re.fullmatch(r"([+-]?[\d.,\s]*\d)\s*([a-z]*)\.?", s)
    if not match:
        raise NotANumber(text)
    digits, scale_word = match.group(1).replace(" ", ""), match.group(2)
    if scale_word and scale_word not in _SCALES:
        raise NotANumber(text)
    scale = _SCALES.get(scale_word, 1.0)
    if "," in digits and "." in digits:
        # The last separator is the decimal one: 14.700,5 or 14,700.5.
        if digits.rfind(",") > digits.rfind("."):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif "," in digits:
        parts = digits.split(",")
        thousands = len(parts) > 2 or (len(parts[1]) == 3 and scale == 1.0)
        digits = digits.replace(",", "") if thousands else digits.replace(",", ".")
    elif digits.count(".") > 1 or (scale == 1.0 and re.fullmatch(r"\d{1,3}\.\d{3}", digits)):
        digits = digits.replace(".", "")
    try:
        return float(digits) * scale
    except ValueError as exc:
        raise NotANumber(text) from exc


# -- the right answer, for display ---------------------------------------------------------


def right_answer_text(question: Any, lang: str) -> str:
    """The right answer as a learner would read it."""
    kind = question.type
    fallback = None
    if kind == "single":
        weights = choice_weights(question)
        best = max(range(len(weights)), key=weights.__getitem__)
        return localize(question.choices[best].text, lang, fallback)
    if kind == "multiple":
        return ", ".join(localize(c.text, lang, fallback) for c in question.choices if c.correct)
    if kind == "true_false":
        return (
            {"id": "Benar", "en": "True"}.get(lang, "True")
            if question.answer
            else {
                "id": "Salah",
                "en": "False",
            }.get(lang, "False")
        )
    if kind == "short_answer":
        return question.answers[0].text
    if kind == "numeric":
        value = question.accepted()[0].value
        unit = localize(question.unit, lang) if question.unit else ""
        return f"{format_number(value, lang)} {unit}".strip()
    if kind == "ordering":
        return " → ".join(localize(item, lang) for item in question.items)
    if kind == "matching":
        return "; ".join(
            f"{localize(p.left, lang)} = {localize(p.right, lang)}" for p in question.pairs
        )
    return ""


def response_text(question: Any, response: Any, lang: str) -> str:
    """What the learner answered, as text."""
    if response is None:
        return ""
    kind = question.type
    if kind == "single":
        return localize(question.choices[response].text, lang)
    if kind == "multiple":
        return ", ".join(localize(question.choices[i].text, lang) for i in response)
    if kind == "true_false":
        return (
            {"id": "Benar", "en": "True"}.get(lang, "True")
            if response
            else {
                "id": "Salah",
                "en": "False",
            }.get(lang, "False")
        )
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


def matching_rights(question: Any) -> list[Any]:
    """Right-hand items in response-index order: the pairs' right items, then distractors."""
    return [p.right for p in question.pairs] + list(question.distractors)


def format_number(value: float, lang: str) -> str:
    """A number the way the interface language writes it."""
    text = f"{value:,.10g}" if value == int(value) else f"{value:,}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


Clock = Callable[[], datetime]
