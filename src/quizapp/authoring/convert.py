"""GIFT <-> quiz TOML, as text in and text out; `quizapp convert` adds the files."""

from __future__ import annotations

import dataclasses
import re

from quizapp.authoring.gift import GiftError, read_gift, slug, write_gift
from quizapp.authoring.tomlwrite import dumps_quiz
from quizapp.loading import load_quiz_text
from quizapp.model.quiz import ID_PATTERN
from quizapp.model.text import LANGUAGE_PATTERN

SCHEMA_LINE = "#:schema ./quiz.schema.json"


@dataclasses.dataclass(slots=True)
class Converted:
    """The text of the converted file and what the conversion had to leave out."""

    text: str
    notes: list[str]


def gift_to_toml(
    source: str,
    *,
    quiz_id: str,
    title: str,
    lang: str = "en",
    origin: str = "a GIFT file",
) -> Converted:
    """A quiz file from GIFT text. Raises `GiftError` with every located error."""

    if not re.match(ID_PATTERN, quiz_id):
        quiz_id = slug(quiz_id) or "imported"
    if not re.match(LANGUAGE_PATTERN, lang):
        raise GiftError([f'"{lang}" is not a language code like "en" or "id"'])
    read = read_gift(source)
    errors = list(read.errors)
    quiz = {"id": quiz_id, "title": title, "languages": [lang]}
    # Each question is checked alone so a problem is reported at its GIFT line.
    for question, line in zip(read.questions, read.lines, strict=True):
        result = load_quiz_text(dumps_quiz(quiz, [question]), "<gift>")
        for problem in result.problems:
            where = f" ({problem.field})" if problem.field else ""
            errors.append(f'line {line}, question "{question["id"]}"{where}: {problem.message}.')
    if not read.questions and not errors:
        errors.append("the file holds no question that quizapp can use")
    if errors:
        raise GiftError(errors)
    header = [SCHEMA_LINE, f"Converted from {origin} by quizapp convert."]
    text = dumps_quiz(quiz, read.questions, header=header)
    final = load_quiz_text(text, "<converted>")
    if not final.ok:  # pragma: no cover - every question passed alone; say so if not
        raise GiftError([str(p) for p in final.problems])
    return Converted(text, read.notes)


def toml_to_gift(source: str, *, name: str = "<quiz>", lang: str | None = None) -> Converted:
    """GIFT text from a quiz file. Raises `GiftError` with the file's problems."""
    result = load_quiz_text(source, name)
    if not result.ok or result.quiz is None:
        raise GiftError([str(p) for p in result.problems])
    quiz = result.quiz
    if lang is not None and lang not in quiz.languages:
        raise GiftError(
            [f'the quiz has no "{lang}" text; its languages are {", ".join(quiz.languages)}']
        )
    out = write_gift(quiz, lang)
    return Converted(out.text, out.notes)
