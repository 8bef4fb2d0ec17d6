"""GIFT <-> quiz TOML, as text in and text out; `quizapp convert` adds the files."""

from __future__ import annotations

import dataclasses
import re

from quizapp.authoring.gift import GiftError, read_gift, slug, write_gift
from quizapp.authoring.tomlwrite import dumps_quiz
from quizapp.i18n import Message, Said
from quizapp.loading import MAX_FILE_BYTES, load_quiz_text
from quizapp.model.quiz import ID_PATTERN, Quiz
from quizapp.model.text import LANGUAGE_PATTERN

SCHEMA_LINE = "#:schema ./quiz.schema.json"
MAX_GIFT_BYTES = 64 * 1024 * 1024
"""GIFT files larger than this are refused unread: the quiz they make would be too large."""


@dataclasses.dataclass(slots=True)
class Converted:
    """The text of the converted file and what the conversion had to leave out."""

    text: str
    notes: list[str]


def gift_to_toml(
    source: str,
    *,
    quiz_id: str,
    title: str | None = None,
    default_title: str = "Imported questions",
    lang: str = "en",
    origin: str = "a GIFT file",
    max_bytes: int | None = None,
) -> Converted:
    """A quiz file from GIFT text. Raises `GiftError` with every located error.

    The title is `title`, else the one a quizapp GIFT export wrote in its first comment,
    else `default_title`. A quiz larger than `max_bytes` (what quizapp loads) is refused.
    """
    if not re.fullmatch(ID_PATTERN, quiz_id):
        quiz_id = slug(quiz_id) or "imported"
    if not re.fullmatch(LANGUAGE_PATTERN, lang):
        raise GiftError([Said(Message("author.bad_language", lang=lang))])
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    read = read_gift(source)
    if read.errors:
        raise GiftError(read.errors)
    title = title or read.title or default_title
    quiz = {"id": quiz_id, "title": title, "languages": [lang]}
    header = [SCHEMA_LINE, f"Converted from {origin} by quizapp convert."]
    questions, notes = read.questions, list(read.notes)
    text = dumps_quiz(quiz, questions, header=header)
    _check_size(text, max_bytes)
    if questions and load_quiz_text(text, "<converted>").ok:
        return Converted(text, notes)
    # Something GIFT allows and quizapp does not (weights that do not add up, one
    # right-hand item for two left ones...): find those questions, skip them, say why.
    kept = []
    for question, line in zip(read.questions, read.lines, strict=True):
        result = load_quiz_text(dumps_quiz(quiz, [question]), "<gift>")
        if result.ok:
            kept.append(question)
            continue
        reasons = "; ".join(
            p.message + (f" ({p.field})" if p.field else "")
            for p in result.problems
            if p.severity == "error"
        )
        said = Message("author.gift_refused", line=line, id=question["id"], why=reasons)
        notes.append(Said(said))
    if not kept:
        raise GiftError([*notes, Said(Message("author.gift_nothing_usable"))])
    text = dumps_quiz(quiz, kept, header=header)
    _check_size(text, max_bytes)
    final = load_quiz_text(text, "<converted>")
    if not final.ok:  # every question passed alone; should they clash, say how
        raise GiftError([str(p) for p in final.problems])
    return Converted(text, notes)


def _check_size(text: str, max_bytes: int) -> None:
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        said = Message(
            "author.gift_too_big", size=f"{size / 2**20:.1f}", limit=f"{max_bytes / 2**20:.0f}"
        )
        raise GiftError([Said(said)])


def toml_to_gift(source: str, *, name: str = "<quiz>", lang: str | None = None) -> Converted:
    """GIFT text from a quiz file. Raises `GiftError` with the file's problems."""
    result = load_quiz_text(source, name)
    if not result.ok or result.quiz is None:
        raise GiftError([str(p) for p in result.problems])
    quiz = result.quiz
    if lang is not None and lang not in quiz.languages:
        said = Message("author.gift_no_language", lang=lang, have=", ".join(quiz.languages))
        raise GiftError([Said(said)])
    out = write_gift(quiz, lang)
    if out.written == 0:
        raise GiftError([_nothing_to_write(source, name, quiz, out.notes)])
    return Converted(out.text, out.notes)


def _nothing_to_write(source: str, name: str, quiz: Quiz, notes: list[str]) -> str:
    """Why a quiz gives an empty GIFT file, located at its include or its first question.

    An empty file would import into Moodle as nothing at all, without a word."""
    from quizapp.loading.locate import locate_keys, nearest

    positions = locate_keys(source)
    if not quiz.questions and quiz.quiz.include:
        where, _ = nearest(positions, ("quiz", "include"))
        others = ", ".join(dict.fromkeys(inc.quiz for inc in quiz.quiz.include))
        why = Message("author.gift_only_includes", others=others)
    else:
        where, _ = nearest(positions, ("questions", 0))
        why = Message("author.gift_none_fits", notes="; ".join(notes))
    line = where[0] if where else 1
    return Said(Message("author.gift_nothing_to_write", name=name, line=line, why=why))
