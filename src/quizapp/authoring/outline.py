"""A quiz as plain lines for an author to check: every question with its answers marked.

Used by `quizapp preview`; plain strings so any front end can show them (the TUI wraps
each in `Content`, never markup, since quiz text is data).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from quizapp.model.quiz import Quiz, choice_weights
from quizapp.model.text import localize


@dataclasses.dataclass(frozen=True, slots=True)
class QuestionOutline:
    """One question: a heading line, then its body lines."""

    heading: str
    lines: tuple[str, ...]


WORDS: dict[str, dict[str, str]] = {
    "point": {"en": "point", "id": "poin"},
    "points": {"en": "points", "id": "poin"},
    "hint": {"en": "Hint", "id": "Petunjuk"},
    "explanation": {"en": "Explanation", "id": "Penjelasan"},
    "tags": {"en": "Tags", "id": "Tag"},
    "answer": {"en": "Answer", "id": "Jawaban"},
    "true": {"en": "true", "id": "benar"},
    "false": {"en": "false", "id": "salah"},
    "if_true": {"en": "If true", "id": "Jika benar"},
    "if_false": {"en": "If false", "id": "Jika salah"},
    "case_sensitive": {"en": "case-sensitive", "id": "huruf besar/kecil dibedakan"},
    "any_case": {"en": "any case", "id": "huruf besar/kecil bebas"},
    "typo": {"en": "typo forgiven", "id": "salah ketik dimaafkan"},
    "typos": {"en": "typos forgiven", "id": "salah ketik dimaafkan"},
    "distractor": {"en": "matches nothing", "id": "tanpa pasangan"},
}
"""The outline's own words per interface language (the quiz's text is the quiz's)."""


def _pct(weight: float) -> str:
    return f"{weight * 100:+.4g}%"


def outline(quiz: Quiz, lang: str | None = None, ui: str = "en") -> list[QuestionOutline]:
    """Every question of `quiz` in language `lang` (default: the quiz's first), its
    labels in the interface language `ui` (`en` or `id`)."""
    lang = lang or quiz.languages[0]
    fallback = quiz.languages[0]

    def t(text: Any) -> str:
        return localize(text, lang, fallback)

    def w(key: str) -> str:
        return WORDS[key].get(ui) or WORDS[key]["en"]

    out = []
    for n, q in enumerate(quiz.questions, 1):
        points = f"{q.points:g} {w('point' if q.points == 1 else 'points')}"
        heading = f"{n}. {q.id} · {q.type} · {points}"
        lines = [t(q.prompt)]
        lines += _answers(q, t, w)
        if q.hint is not None:
            lines.append(f"{w('hint')}: {t(q.hint)}")
        if q.explanation is not None:
            lines.append(f"{w('explanation')}: {t(q.explanation)}")
        if q.tags:
            lines.append(f"{w('tags')}: {', '.join(q.tags)}")
        out.append(QuestionOutline(heading, tuple(lines)))
    return out


def _answers(q: Any, t: Any, w: Any) -> list[str]:
    lines: list[str] = []
    if q.type in ("single", "multiple"):
        for choice, weight in zip(q.choices, choice_weights(q), strict=True):
            mark = "✓" if choice.correct else "✗"
            credit = (
                f" ({_pct(weight)})" if weight not in (0.0, 1.0) or q.type == "multiple" else ""
            )
            line = f"  {mark} {t(choice.text)}{credit}"
            if choice.feedback is not None:
                line += f"  → {t(choice.feedback)}"
            lines.append(line)
    elif q.type == "true_false":
        lines.append(f"  {w('answer')}: {w('true' if q.answer else 'false')}")
        if q.feedback_true is not None:
            lines.append(f"  {w('if_true')}: {t(q.feedback_true)}")
        if q.feedback_false is not None:
            lines.append(f"  {w('if_false')}: {t(q.feedback_false)}")
    elif q.type == "short_answer":
        for accepted in q.answers:
            credit = f" ({accepted.weight * 100:g}%)" if accepted.weight != 1 else ""
            line = f"  ✓ {accepted.text}{credit}"
            if accepted.feedback is not None:
                line += f"  → {t(accepted.feedback)}"
            lines.append(line)
        rules = [w("case_sensitive" if q.case_sensitive else "any_case")]
        if q.typos:
            rules.append(f"{q.typos} {w('typo' if q.typos == 1 else 'typos')}")
        lines.append(f"  ({', '.join(rules)})")
    elif q.type == "numeric":
        unit = f" {t(q.unit)}" if q.unit is not None else ""
        for value in q.accepted():
            margin = f" ± {value.tolerance}" if value.tolerance.value else ""
            credit = f" ({value.weight * 100:g}%)" if value.weight != 1 else ""
            line = f"  ✓ {value.value:g}{margin}{unit}{credit}"
            if value.feedback is not None:
                line += f"  → {t(value.feedback)}"
            lines.append(line)
    elif q.type == "ordering":
        lines += [f"  {i}. {t(item)}" for i, item in enumerate(q.items, 1)]
    elif q.type == "matching":
        lines += [f"  {t(p.left)} ↔ {t(p.right)}" for p in q.pairs]
        lines += [f"  ({w('distractor')}) {t(d)}" for d in q.distractors]
    return lines
