"""Spaced review: how an answer rates a question's FSRS card.

Wrong (no credit) is Again. Right is Good, or Hard when it needed more than one try, earned
only partial credit, or took longer than `SLOW_ANSWER`. The scheduler is `fsrs.Scheduler`;
the store holds each card as its JSON (`fsrs.Card.to_json`).
"""

from __future__ import annotations

from datetime import timedelta

from fsrs import Rating

SLOW_ANSWER = timedelta(seconds=30)
"""An answer that took longer than this was hard to recall: long enough to read a prompt
and a few choices twice over, short of looking the answer up."""

FULL_CREDIT = 0.999
"""Credit at or above this counts as right (floating point sums may fall short of 1)."""


def rating_for(
    credit: float, tries: int, time_taken: timedelta, slow_after: timedelta = SLOW_ANSWER
) -> Rating:
    """The FSRS rating an answer earns."""
    if credit <= 0:
        return Rating.Again
    if credit < FULL_CREDIT or tries > 1 or time_taken > slow_after:
        return Rating.Hard
    return Rating.Good


def home_of(quiz_id: str, question_key: str) -> tuple[str, str]:
    """The quiz a pool question is written in, and its id there: an included question's key
    is `other-quiz/id` (ids never contain a slash)."""
    home, sep, question_id = question_key.partition("/")
    if sep:
        return home, question_id
    return quiz_id, question_key
