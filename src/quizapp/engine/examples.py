"""Format examples for the number box that give no answer away.

The hint under a number box shows how numbers may be written ("213, 3,25 triliun,
Rp6,75 miliar, 42 juta, 2,5k"). An example must never be a value that a loaded question
accepts: `number_examples(questions, lang)` takes each form's first candidate that no
question accepts (a numeric question within its tolerance, a short answer, the right
choice of a choice question), so a bank whose answer is 213 gets another example.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from quizapp.engine.numbers import Convention, Number, format_number, parse_number

# Odd figures on purpose: round ones (100, 1.5, 550) are what trainers ask about.
_WHOLE = (213, 386, 419, 572, 631, 748, 857, 964, 2137, 3869)
_DECIMAL = ("3.25", "6.75", "8.35", "2.65", "9.15", "7.45", "4.85", "1.35")
_SCALED = (42, 67, 83, 29, 71, 38, 94, 56)

_WORDS = {
    "id": {"12": "triliun", "9": "miliar", "6": "juta"},
    "en": {"12": "trillion", "9": "billion", "6": "million"},
}


def _decimal(text: str, lang: str) -> str:
    return text.replace(".", ",") if lang == "id" else text


def _forms(lang: str) -> list[list[str]]:
    """Candidates per form, in the order the hint shows the forms."""
    words = _WORDS[lang]
    return [
        [str(n) for n in _WHOLE],
        [f"{_decimal(d, lang)} {words['12']}" for d in _DECIMAL],
        [f"Rp{_decimal(d, lang)} {words['9']}" for d in _DECIMAL[2:] + _DECIMAL[:2]],
        [f"{n} {words['6']}" for n in _SCALED],
        [f"{_decimal(d, lang)}k" for d in _DECIMAL[4:] + _DECIMAL[:4]],
    ]


@dataclasses.dataclass(frozen=True, slots=True)
class _Answers:
    """What the loaded questions accept, gathered once."""

    numeric: list[Any]
    """(accepted value, its tolerance) for every numeric question."""
    numbers: list[float]
    """Numbers written as a right choice or an accepted short answer."""
    short: list[Any]
    """Short-answer questions (an example must not grade as right on them)."""


def _gather(questions: Iterable[Any]) -> _Answers:
    from quizapp.model import localize

    numeric: list[Any] = []
    numbers: list[float] = []
    short: list[Any] = []
    for question in questions:
        kind = getattr(question, "type", None)
        texts: list[Any] = []
        if kind == "numeric":
            numeric.extend((v.value, v.tolerance) for v in question.accepted())
        elif kind == "short_answer":
            short.append(question)
            texts = [a.text for a in question.answers if a.weight > 0]
        elif kind in ("single", "multiple"):
            texts = [c.text for c in question.choices if getattr(c, "correct", False)]
        for text in texts:
            for lang in ("id", "en"):
                read = parse_number(localize(text, lang), convention=lang)
                if isinstance(read, Number):
                    numbers.append(read.value)
    return _Answers(numeric, numbers, short)


def _accepted(value: float, text: str, answers: _Answers) -> bool:
    from quizapp.engine.scoring import Grade, grade

    if any(tolerance.allows(expected, value) for expected, tolerance in answers.numeric):
        return True
    if any(abs(value - n) <= 1e-9 * max(1.0, abs(n)) for n in answers.numbers):
        return True
    for question in answers.short:
        graded = grade(question, text)
        if isinstance(graded, Grade) and graded.credit > 0:
            return True
    return False


def number_examples(questions: Iterable[Any], lang: str) -> list[str]:
    """One example per way of writing a number, in `lang` (`id` or `en`), none of them a
    value any of `questions` accepts."""
    convention: Convention = "id" if lang == "id" else "en"
    answers = _gather(questions)
    picked: list[str] = []
    used: set[Decimal] = set()
    for candidates in _forms(convention):
        for text in candidates:
            read = parse_number(text, convention=convention)
            assert isinstance(read, Number), text
            if read.exact in used or _accepted(read.value, text, answers):
                continue
            used.add(read.exact)
            picked.append(text)
            break
    return picked


def written(value: float, lang: str) -> str:
    """A number in full as `lang` writes it, for "read as 158.273.000.000.000"."""
    return format_number(value, lang, scale=False)
