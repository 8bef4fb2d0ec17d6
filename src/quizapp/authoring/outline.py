"""A quiz as plain lines for an author to check: every question with its answers marked.

Used by `quizapp preview`; plain strings so any front end can show them (the TUI wraps
each in `Content`, never markup, since quiz text is data). The outline's own words are
the catalog's (`app.outline_*`), its percentages CLDR's, in the interface language.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from quizapp import cldr, i18n
from quizapp.model.quiz import Quiz, choice_weights
from quizapp.model.text import localize


@dataclasses.dataclass(frozen=True, slots=True)
class QuestionOutline:
    """One question: a heading line, then its body lines."""

    heading: str
    lines: tuple[str, ...]


def _pct(weight: float, ui: str) -> str:
    """A choice's signed share of the credit ("+50%"), as `ui` writes a percentage."""
    return ("+" if weight >= 0 else "-") + cldr.percent_exact(abs(weight), ui)


def outline(quiz: Quiz, lang: str | None = None, ui: str = "en") -> list[QuestionOutline]:
    """Every question of `quiz` in language `lang` (default: the quiz's first), its
    labels in the interface language `ui` (`en` or `id`)."""
    lang = lang or quiz.languages[0]
    fallback = quiz.languages[0]

    def t(text: Any) -> str:
        return localize(text, lang, fallback)

    def w(key: str, **values: Any) -> str:
        return i18n.t(f"app.outline_{key}", ui, **values)

    out = []
    for n, q in enumerate(quiz.questions, 1):
        points = i18n.t("app.outline_points", ui, n=f"{q.points:g}", count=int(q.points != 1) + 1)
        heading = f"{n}. {q.id} · {q.type} · {points}"
        lines = [t(q.prompt)]
        lines += _answers(q, t, w, ui)
        if q.hint is not None:
            lines.append(f"{w('hint')}: {t(q.hint)}")
        if q.explanation is not None:
            lines.append(f"{w('explanation')}: {t(q.explanation)}")
        if q.tags:
            lines.append(f"{w('tags')}: {', '.join(q.tags)}")
        out.append(QuestionOutline(heading, tuple(lines)))
    return out


def _answers(q: Any, t: Any, w: Any, ui: str) -> list[str]:
    lines: list[str] = []
    if q.type in ("single", "multiple"):
        for choice, weight in zip(q.choices, choice_weights(q), strict=True):
            mark = "✓" if choice.correct else "✗"
            credit = (
                f" ({_pct(weight, ui)})" if weight not in (0.0, 1.0) or q.type == "multiple" else ""
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
            credit = f" ({cldr.percent_exact(accepted.weight, ui)})" if accepted.weight != 1 else ""
            line = f"  ✓ {accepted.text}{credit}"
            if accepted.feedback is not None:
                line += f"  → {t(accepted.feedback)}"
            lines.append(line)
        rules = [w("case_sensitive" if q.case_sensitive else "any_case")]
        if q.typos:
            rules.append(w("typos", n=q.typos))
        lines.append(f"  ({', '.join(rules)})")
    elif q.type == "numeric":
        unit = f" {t(q.unit)}" if q.unit is not None else ""
        for value in q.accepted():
            margin = f" ± {value.tolerance}" if value.tolerance.value else ""
            credit = f" ({cldr.percent_exact(value.weight, ui)})" if value.weight != 1 else ""
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
