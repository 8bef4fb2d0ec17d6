"""Translatable text: a plain string, or a table of translations keyed by language code."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from pydantic import ValidationInfo

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


@dataclasses.dataclass(slots=True)
class TranslationCheck:
    """Validation context: the languages every translation table must have.

    Checking each table as it is validated costs one comparison; `complete` turns False
    at the first table that differs, and only then does the loader walk the quiz to say
    which tables they are.
    """

    languages: frozenset[str]
    complete: bool = True


def _validate_text(value: Any, info: ValidationInfo) -> str | dict[str, str]:
    # One clear message instead of pydantic's two-branch union error.
    if type(value) is str:
        return value
    if type(value) is dict and value:
        for lang, text in value.items():
            if type(text) is not str:
                raise PydanticCustomError(
                    "text_type",
                    "the {lang} translation must be a string, not {kind}",
                    {"lang": repr(lang), "kind": _kind(text)},
                )
        check = info.context
        if type(check) is TranslationCheck and value.keys() != check.languages:
            check.complete = False
        return value
    if isinstance(value, dict):
        raise PydanticCustomError("text_empty", "the translation table is empty")
    raise PydanticCustomError(
        "text_type",
        "expected a string or a table of translations like {example}, got {kind}",
        {"kind": _kind(value), "example": '{ id = "...", en = "..." }'},
    )


def _kind(value: Any) -> str:
    """Name a TOML value's kind the way an author would."""
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


TEXT_JSON_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "minProperties": 1,
            "description": "Translations keyed by language code, e.g. { id = ..., en = ... }",
        },
    ]
}

Text: TypeAlias = Annotated[
    str | dict[str, str],
    PlainValidator(_validate_text),
    WithJsonSchema(TEXT_JSON_SCHEMA),
]
"""A string, or a table of translations keyed by language code."""


def localize(text: str | dict[str, str] | None, lang: str, fallback: str | None = None) -> str:
    """Pick the text for `lang`, else `fallback`, else the first translation."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if lang in text:
        return text[lang]
    if fallback is not None and fallback in text:
        return text[fallback]
    return next(iter(text.values()))


def kind_of(value: Any) -> str:
    """Public alias used by the loader's messages."""
    return _kind(value)
