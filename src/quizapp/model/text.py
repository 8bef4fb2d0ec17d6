"""Translatable text: a plain string, or a table of translations keyed by language code."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated, Any, TypeAlias

from quizapp.model.deferred import (
    LazyPattern,
    PlainValidator,
    PydanticCustomError,
    WithJsonSchema,
)

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


@dataclasses.dataclass(slots=True)
class TranslationCheck:
    """The languages every translation table must have, while a quiz is validated.

    Checking each table as it is validated costs one comparison; `complete` turns False
    at the first table that differs, and only then does the loader walk the quiz to say
    which tables they are.
    """

    languages: frozenset[str]
    complete: bool = True


# A context variable rather than pydantic's validation context: a validator that takes
# pydantic's `info` costs a third more per call, and a bank has tens of thousands of
# texts. Like pydantic's context, it is private to the thread (and task) validating.
_CHECK: ContextVar[TranslationCheck | None] = ContextVar("translation_check", default=None)


@contextmanager
def checking_translations(check: TranslationCheck) -> Iterator[TranslationCheck]:
    """Within the block, every translation table validated is compared with `check`."""
    token = _CHECK.set(check)
    try:
        yield check
    finally:
        _CHECK.reset(token)


def _validate_text(value: Any) -> str | dict[str, str]:
    # One clear message instead of pydantic's two-branch union error.
    if type(value) is str:
        return value
    if type(value) is dict and value:
        for text in value.values():
            if type(text) is not str:
                lang = next(k for k, v in value.items() if v is text)
                raise PydanticCustomError(
                    "text_type",
                    "the {lang} translation must be a string, not {kind}",
                    {"lang": repr(lang), "kind": _kind(text)},
                )
        check = _CHECK.get()
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


def is_text_validator(function: Any) -> bool:
    """Whether `function` is the validator `Text` runs for each text."""
    return function is _validate_text


def native_text_schema(languages: frozenset[str]) -> dict[str, Any]:
    """`Text` as pydantic-core checks it with no Python call, for a file whose every
    translation table must carry exactly `languages`: a string, or a table of strings
    keyed by those languages, each once (keys from the set, as many as the set has).

    It accepts what `Text` accepts while the translations stay complete, and refuses
    the rest; refused is not explained (the loader's thorough path, which validates
    with `Text` itself, says what is wrong). The table made is a copy in the author's
    order, as equal as the one `Text` keeps.
    """
    string = {"type": "str", "strict": True}
    if not languages:
        return string
    table = {
        "type": "dict",
        "keys_schema": {"type": "literal", "expected": sorted(languages)},
        "values_schema": string,
        "min_length": len(languages),
        "max_length": len(languages),
        "strict": True,
    }
    return {"type": "union", "choices": [string, table], "mode": "left_to_right"}


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


# -- template placeholders ----------------------------------------------------------------

PLACEHOLDER = LazyPattern(r"TODO(?:\(([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\))?: ")
"""How a text left by `quizapp new` starts: `TODO: ` for text to write, `TODO(en): `
for text waiting for its translation into that language. `quizapp validate` warns about
each one still there."""


def placeholder(text: str, lang: str | None = None) -> str:
    """`text` marked as the template's: to be rewritten, or translated into `lang`."""
    return f"TODO({lang}): {text}" if lang else f"TODO: {text}"
