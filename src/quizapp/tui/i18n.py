"""The app's words, from the one message catalog (`quizapp.i18n`, keys `app.*`).

Quiz and lesson text is translated in its own files; these are the app's own words.
`t(key, lang, **values)` fills `{name}` fields with `str.format`. The results are
plain text and are shown as `Content(...)`, never parsed as markup.
"""

from __future__ import annotations

from quizapp import i18n
from quizapp.i18n import DEFAULT_LANGUAGE, LANGUAGES

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "has", "other_language", "t"]


def t(key: str, lang: str, /, *, count: int | None = None, **values: object) -> str:
    """The app's message `key` in `lang` (English when missing), `{fields}` filled in."""
    return i18n.t("app." + key, lang, count=count, **values)


def has(key: str) -> bool:
    """Whether the app has a message `key` (a binding's description may be one)."""
    return i18n.has("app." + key)


def other_language(lang: str) -> str:
    """The next interface language after `lang`, for a one-key switch."""
    codes = list(LANGUAGES)
    return codes[(codes.index(lang) + 1) % len(codes)] if lang in codes else DEFAULT_LANGUAGE
