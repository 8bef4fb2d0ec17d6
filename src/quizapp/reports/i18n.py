"""The words of reports, from the one message catalog (`quizapp.i18n`, keys `report.*`).

Only the report's own labels live there; quiz text comes translated from the quiz file.
"""

from __future__ import annotations

from typing import Any

from quizapp import i18n


def language(lang: str | None) -> str:
    """The report language for a learner's setting: its base language if known, else English."""
    return i18n.base_language(lang)


def tr(lang: str, key: str, /, **values: Any) -> str:
    """A report label in `lang` (English when missing), `{fields}` filled in when given."""
    return i18n.t("report." + key, lang, **values)


def has(key: str) -> bool:
    """Whether reports have a label `key`."""
    return i18n.has("report." + key)


class Note(str):
    """A sentence for a report's notes that can be said in every report language.

    It is the English sentence, so the command line can print it as it prints its other
    messages; `in_language` gives it in a report's language. Its parameters are data
    (file and learner names), put in as they are; a parameter that is itself a `Note` is
    said in the same language, and a tuple of them is joined with "; ".
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Note:
        note = super().__new__(cls, _say("en", key, params))
        note.key = key
        note.params = params
        return note

    def __reduce__(self) -> Any:
        return (_rebuild, (self.key, self.params))

    def in_language(self, lang: str) -> str:
        return _say(lang, self.key, self.params)


def _rebuild(key: str, params: dict[str, Any]) -> Note:
    return Note(key, **params)


def _say(lang: str, key: str, params: dict[str, Any]) -> str:
    def value(v: Any) -> Any:
        if isinstance(v, Note):
            return v.in_language(lang)
        if isinstance(v, tuple):
            return "; ".join(str(value(item)) for item in v)
        return v

    return tr(lang, key, **{k: value(v) for k, v in params.items()})


def in_language(text: str, lang: str) -> str:
    """`text` in the report's language when it is a `Note`; other text as it is."""
    return text.in_language(lang) if isinstance(text, Note) else text
