"""Authored text to display: always `Content`, never parsed as markup."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from quizapp.model import localize


def authored(text: Any, lang: str) -> Content:
    """A quiz or lesson string in `lang`, shown exactly as written."""
    return Content(localize(text, lang))


def styled(markup: str, **values: Any) -> Content:
    """Our own markup with authored values substituted as data (`$name`)."""
    return Content.from_markup(markup, **{k: str(v) for k, v in values.items()})
