"""When the learner's next review is, in words: "7 questions due in 10 minutes".

Shown after a quiz (results) and on the review screen when nothing is due yet, so that
"nothing due" never hides the review the quiz just scheduled.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import work
from textual.message import Message


def when_text(seconds: float, lang: str) -> str:
    """A wait as minutes (under an hour), hours (under two days) or days, rounded up."""
    from quizapp.tui.i18n import t

    minutes = max(1, -(-int(seconds) // 60))
    if minutes < 60:
        return t("in_minutes", lang, n=minutes)
    hours = -(-minutes // 60)
    if hours < 48:
        return t("in_hours", lang, n=hours)
    return t("in_days", lang, n=-(-hours // 24))


def next_review_text(found: tuple[int, datetime] | None, now: datetime, lang: str) -> str:
    """The sentence for `History.next_review`'s answer ("" when nothing is scheduled)."""
    from quizapp.tui.i18n import t

    if found is None:
        return ""
    count, when = found
    wait = (when - now).total_seconds()
    if wait <= 0:
        return t("next_review_now", lang, n=count)
    return t("next_review", lang, n=count, when=when_text(wait, lang))


class NextReviewLoaded(Message):
    """The learner's next review, read in a worker."""

    def __init__(self, found: tuple[int, datetime] | None) -> None:
        super().__init__()
        self.found = found


@work(thread=True, exclusive=True, group="next-review")
def load_next_review(screen: Any) -> None:
    """Read the next review for `screen` (which handles `NextReviewLoaded`)."""
    app = screen.app
    history = app.history
    if history is not None:
        screen.post_message(NextReviewLoaded(history.next_review(app.learner)))
