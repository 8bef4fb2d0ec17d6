"""A learner's grade on a quiz, as Moodle's grading method makes it.

Only graded attempts count: exam mode. Practice attempts (feedback and retries as you go)
and review sessions are shown in reports with their mode, but never make a grade, so they
never make a failed learner "passed". The quiz's `grading` (`[quiz]`, default "highest")
picks the graded attempts' highest score, the first, the last, or their average.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

GradingMethod = Literal["highest", "first", "last", "average"]
GRADED_MODES = frozenset({"exam"})
"""Modes whose attempts are graded."""


def is_graded(mode: str) -> bool:
    return mode in GRADED_MODES


def counted(modes: Sequence[str], fractions: Sequence[float], method: str) -> list[int]:
    """Indexes of the attempts (oldest first) the grade counts: the first highest, the
    first, the last, or every graded attempt for the average."""
    graded = [i for i, mode in enumerate(modes) if is_graded(mode)]
    if not graded:
        return []
    if method == "first":
        return [graded[0]]
    if method == "last":
        return [graded[-1]]
    if method == "average":
        return graded
    best = max(fractions[i] for i in graded)
    return [next(i for i in graded if fractions[i] >= best - 1e-12)]


def grade(fractions: Sequence[float], indexes: Sequence[int]) -> float | None:
    """The grade (a fraction) from the counted attempts; None when none is graded."""
    if not indexes:
        return None
    return sum(fractions[i] for i in indexes) / len(indexes)


def passed(grade_fraction: float | None, pass_mark: float) -> bool:
    """Whether a grade reaches the pass mark (no graded attempt: not passed)."""
    return grade_fraction is not None and grade_fraction + 1e-9 >= pass_mark
