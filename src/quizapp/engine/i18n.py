"""The engine's own words (number-reading messages, verdicts), from the one message
catalog (`quizapp.i18n`, keys `engine.*`), so every front end says them the same way."""

from __future__ import annotations

from quizapp import i18n


def message(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang` (English when the language or message is missing)."""
    return i18n.t("engine." + key, lang, **values)
