"""Received files: a learner export is data from anyone, checked before any figure of it
counts. Nesting is bounded (the JSON parser recurses once per level), NaN and Infinity
are refused, and every figure must be one quizapp could have written."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.reports.export import LearnerExport

MAX_JSON_DEPTH = 32
"""The deepest nesting a received file may have; a real export nests about 8 deep."""


class Damaged(ValueError):
    """What makes a received file unusable, in a few words (the file is named by the caller)."""


def _no_constant(name: str) -> float:
    raise Damaged(f"{name} is not a number JSON allows")


def load_json(text: str) -> Any:
    """`json.loads` for a received file: `Damaged` past `MAX_JSON_DEPTH` levels or at a
    NaN or Infinity; `json.JSONDecodeError` for what is not JSON."""
    depth = _depth(text)
    if depth > MAX_JSON_DEPTH:
        raise Damaged(f"JSON nested {depth:,} deep; at most {MAX_JSON_DEPTH} is expected")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:  # cannot happen past the depth check; never a traceback
        raise Damaged("JSON nested too deep") from None


def _depth(text: str) -> int:
    """How deep the JSON's arrays and objects nest, brackets in strings not counted.

    Counted before parsing, in one pass: the parser itself recurses once per level.
    """
    deepest = level = 0
    for token in _DEPTH_TOKENS.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            level += 1
            deepest = max(deepest, level)
        elif bracket in "]}":
            level -= 1
    return deepest


# A string never closed runs to the end (`\Z`): tried again from every later quote, it
# would make a hostile file quadratic.
_DEPTH_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)|[\[\]{}]')

_EPS = 1e-6
MAX_POINTS = 1e6
"""More points than any quiz gives; a figure above it is damage, not a score."""


def impossible_figure(export: LearnerExport) -> str | None:
    """The first figure in an export that no quizapp could have written, or None.

    Scores lie between 0 and the attempt's maximum, credits between 0 and 1, points
    between 0 and what the question is worth, and a pass mark between 0 and 1.
    """
    for v in export.quiz_versions:
        if not 0 <= v.pass_mark <= 1:
            return f"quiz {v.quiz_id}: pass mark {v.pass_mark:g} is not between 0 and 1"
        for q in v.questions:
            if not 0 <= q.points <= MAX_POINTS:
                return f"quiz {v.quiz_id}, question {q.key}: {q.points:g} points"
    for i, a in enumerate(export.attempts):
        where = f"attempt {i + 1} ({a.id})"
        if not 0 <= a.max_score <= MAX_POINTS:
            return f"{where}: a maximum score of {a.max_score:g}"
        if not -_EPS <= a.score <= a.max_score + _EPS:
            percent = f" ({a.score / a.max_score:.1%})" if a.max_score else ""
            return f"{where}: a score of {a.score:g} out of {a.max_score:g}{percent}"
        total = 0.0
        for answer in a.answers:
            at = f"{where}, question {answer.question_key}"
            if not 0 <= answer.credit <= 1:
                return f"{at}: a credit of {answer.credit:g}, not between 0 and 1"
            if not 0 <= answer.max_points <= MAX_POINTS:
                return f"{at}: worth {answer.max_points:g} points"
            if not -_EPS <= answer.points <= answer.max_points + _EPS:
                return f"{at}: {answer.points:g} points out of {answer.max_points:g}"
            total += answer.points
        if a.answers and total > a.max_score + 1e-3:
            return f"{where}: its answers add up to {total:g} points, more than {a.max_score:g}"
    return None
