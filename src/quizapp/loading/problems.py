"""A problem found in a file: where it is and what is wrong, in one sentence.

The sentence is a `Sentence`: its English text (a `str`, what logs, JSON and tests read)
that also keeps its catalog key (`load.*`) and fields, so a front end says it again in
its reader's language (`Problem.text`, `Problem.render`). Problems are made only on the
loader's thorough path; a valid file never formats one, nor reads the catalog.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from quizapp.model.deferred import dataclass as frozen_dataclass

Path = tuple[str | int, ...]

_KEY = "load."


class Sentence(str):
    """A problem's sentence: its English text, with the key and fields that make it.

    A field may itself be a `Sentence` (a hint, a noun), said in the same language.
    `Sentence(text, key, fields)` only keeps them; `sentence(key, ...)` writes the text.
    """

    key: str
    fields: dict[str, Any]

    def __new__(cls, text: str, key: str, fields: Mapping[str, Any]) -> Sentence:
        self = super().__new__(cls, text)
        self.key = key
        self.fields = dict(fields)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # str's own reduction would call Sentence(text) and lose the key.
        return (Sentence, (str(self), self.key, self.fields))

    def said(self, lang: str) -> str:
        """This sentence in `lang` (English where the catalog lacks it)."""
        values = {k: v.said(lang) if isinstance(v, Sentence) else v for k, v in self.fields.items()}
        text: str = _i18n().t(_KEY + self.key, lang, **values)
        return text


def sentence(key: str, /, **fields: Any) -> Sentence:
    """The message `load.<key>` of the catalog with its `fields`, in English (what the
    loader keeps); `Sentence.said` says it in another language."""
    i18n = _i18n()
    text = i18n.catalog(i18n.SOURCE_LANGUAGE).messages.get(_KEY + key)
    if type(text) is str:  # nearly always: a file of many problems makes one each
        text = text.format(**fields) if fields else text
    else:  # plural forms, or a key the catalog lacks (KeyError)
        text = i18n.t(_KEY + key, i18n.SOURCE_LANGUAGE, **fields)
    made = str.__new__(Sentence, text)
    made.key = key
    made.fields = fields
    return made


@functools.cache
def _i18n() -> types.ModuleType:
    # Imported on the first problem: a valid file never needs the catalog.
    from quizapp import i18n

    return i18n


def said(text: str, lang: str) -> str:
    """A problem's sentence in `lang`: a `Sentence` translated, a text carrying a catalog
    message (`quizapp.i18n.Said`: `quizapp lint`'s findings) worded, any other text as
    it is (a validator's own words)."""
    if isinstance(text, Sentence):
        return text.said(lang)
    if hasattr(text, "message"):
        return _i18n().explain(text, lang)  # type: ignore[no-any-return]
    return text


def joined(items: Iterable[str]) -> str:
    """`"a" and "b" and "c"`, in whichever language the sentence is said."""
    parts = list(items)
    if len(parts) < 2:
        return parts[0] if parts else ""
    return sentence("and", first=parts[0], rest=joined(parts[1:]))


# A plain dataclass (frozen as the models are, without the stdlib's compiled methods: a
# warm start imports it): only quizapp makes problems, and a cached catalog's problems are
# read back without importing pydantic.
@frozen_dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one file, located as precisely as the file allows."""

    file: str
    """The file as the user named it."""
    message: str
    """What is wrong, in plain words, without the location."""
    line: int | None = None
    """1-based line, when known."""
    column: int | None = None
    """1-based column, when known."""
    question: int | None = None
    """1-based position of the question in the file, when the problem is in one."""
    question_id: str | None = None
    """The question's id, when it has a readable one."""
    field: str | None = None
    """The field, as a path within the question or the [quiz] table, e.g. `choices[2].text`."""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return self.render("en")

    def text(self, lang: str) -> str:
        """What is wrong, in `lang`."""
        return said(self.message, lang)

    def render(self, lang: str) -> str:
        """The whole line in `lang`: `file:line:col: warning: question 3 ("q3"), field
        choices[2]: what is wrong`."""
        from quizapp import i18n

        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        subject = ""
        if self.question is not None:
            subject = i18n.t("load.where_question", lang, n=self.question)
            if self.question_id:
                subject += f' ("{self.question_id}")'
        elif self.field is not None and self.field.startswith("quiz"):
            subject = "[quiz]"
        if self.field:
            shown = self.field.removeprefix("quiz.") if subject == "[quiz]" else self.field
            if shown and shown != "quiz":
                field = i18n.t("load.where_field", lang, field=shown)
                subject += f"{', ' if subject else ''}{field}"
        prefix = i18n.t("load.warning", lang) + ": " if self.severity == "warning" else ""
        return f"{where}: {prefix}{subject + ': ' if subject else ''}{self.text(lang)}"


def field_path(path: Path) -> str:
    """Show a key path for humans: list positions 1-based, as questions are numbered."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out
