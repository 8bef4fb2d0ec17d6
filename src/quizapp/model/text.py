"""Translatable text: a plain string, or a table of translations keyed by language code."""

from __future__ import annotations

from typing import Annotated, Any, TypeAlias

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


def _validate_text(value: Any) -> str | dict[str, str]:
    # One clear message instead of pydantic's two-branch union error.
    if isinstance(value, str):
        return value
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    ):
        return value
    if isinstance(value, dict) and not value:
        raise PydanticCustomError("text_empty", "the translation table is empty")
    if isinstance(value, dict):
        bad = next(k for k, v in value.items() if not isinstance(v, str))
        raise PydanticCustomError(
            "text_type",
            "the {lang} translation must be a string, not {kind}",
            {"lang": repr(bad), "kind": _kind(value[bad])},
        )
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
