"""Spaced review: how an answer rates a question's FSRS card, and the scheduler.

A quiz is not a flashcard deck: a question answered right the first time was known, and
must not come back within the day as FSRS's learning steps would bring a new card rated
Good (ten minutes later). The mapping, deliberately:

| the answer | rating | a new card comes back |
|---|---|---|
| full credit on the first try | Good | in 2 days |
| full credit only after a retry, or partial credit | Hard | in 15 minutes |
| no credit | Again | in 10 minutes |
| not answered in a submitted or timed-out attempt | Again | in 10 minutes |

The scheduler has one learning step (ten minutes), so Good graduates a new card at once
and Hard and Again bring it back the same session. Time spent is not a rating signal: in
an exam it is reading, flagging and coming back, not recall.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fsrs import Rating

LEARNING_STEPS = (timedelta(minutes=10),)
"""FSRS's steps for a new card (its default is 1 and 10 minutes). One step: Good
graduates a question answered right, Again and Hard see it again in the same session."""

FULL_CREDIT = 0.999
"""Credit at or above this counts as right (floating point sums may fall short of 1)."""


def make_scheduler(**options: Any) -> Any:
    """The FSRS scheduler the store uses (default parameters, 90% retention,
    `LEARNING_STEPS`); `options` override, e.g. `enable_fuzzing=False` in tests."""
    from fsrs import Scheduler

    options.setdefault("learning_steps", LEARNING_STEPS)
    return Scheduler(**options)


def rating_for(credit: float, tries: int) -> Rating:
    """The FSRS rating an answer earns (see the table above)."""
    if credit <= 0:
        return Rating.Again
    if credit < FULL_CREDIT or tries > 1:
        return Rating.Hard
    return Rating.Good


UNANSWERED = Rating.Again
"""A question left unanswered when an attempt is submitted or times out."""


def home_of(quiz_id: str, question_key: str) -> tuple[str, str]:
    """The quiz a pool question is written in, and its id there: an included question's key
    is `other-quiz/id` (ids never contain a slash)."""
    home, sep, question_id = question_key.partition("/")
    if sep:
        return home, question_id
    return quiz_id, question_key
