"""`quizapp new`: a fresh quiz file with one worked, commented example per question type.

The file validates as written (a test proves it for every combination of types and
languages), so an author starts from something that works and changes it step by step.
Every text it writes starts with a placeholder mark (`quizapp.model.text.PLACEHOLDER`),
and `quizapp validate` warns about each one left, so a forgotten example is not taken
by learners for a real question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quizapp.authoring.tomlwrite import dumps_quiz
from quizapp.i18n import Message, MessageError, Said
from quizapp.loading.schema import SCHEMA_FILE, quiz_schema_text
from quizapp.model.quiz import ID_PATTERN, QUESTION_TYPES
from quizapp.model.text import LANGUAGE_PATTERN, placeholder

SCHEMA_LINE = f"#:schema ./{SCHEMA_FILE}"


class ScaffoldError(MessageError, ValueError):
    """A bad choice for a new quiz, in one sentence (`author.*`, worded where it is
    shown: `quizapp.i18n.explain`)."""


# Each example: comment lines explaining it, then the question as data. Text is written in
# English; `_translate` marks it as the template's in every language.
_EXAMPLES: dict[str, tuple[list[str], dict[str, Any]]] = {
    "single": (
        [
            "single: one right choice. Mark it with correct = true; the others are wrong.",
            "A choice may carry feedback, shown to a learner who picked it.",
        ],
        {
            "id": "example-single",
            "type": "single",
            "prompt": "Which planet is closest to the Sun?",
            "choices": [
                {"text": "Mercury", "correct": True},
                {"text": "Venus", "feedback": "Venus is the second planet from the Sun."},
                {"text": "Mars"},
            ],
            "explanation": "Mercury orbits closest to the Sun.",
        },
    ),
    "multiple": (
        [
            "multiple: several right choices. Right ones share the credit; each wrong one",
            "takes off as much as a right one gives (set weight to change that).",
        ],
        {
            "id": "example-multiple",
            "type": "multiple",
            "prompt": "Which of these animals are mammals?",
            "choices": [
                {"text": "whale", "correct": True},
                {"text": "bat", "correct": True},
                {"text": "shark"},
                {"text": "penguin"},
            ],
        },
    ),
    "true_false": (
        [
            "true_false: a statement; answer says whether it is true.",
            "feedback_true / feedback_false are shown to a learner who answered so.",
        ],
        {
            "id": "example-true-false",
            "type": "true_false",
            "prompt": "At sea level, water boils at 100 °C.",
            "answer": True,
            "feedback_false": "It is true: 100 °C at normal air pressure.",
        },
    ),
    "short_answer": (
        [
            "short_answer: the learner types a word or phrase. answers lists what counts;",
            "case is ignored unless case_sensitive = true; typos = 1 forgives one slip;",
            'an answer may be a table { text = "...", weight = 0.5 } for partial credit.',
        ],
        {
            "id": "example-short-answer",
            "type": "short_answer",
            "prompt": "What is the capital of France?",
            "answers": ["Paris"],
            "typos": 1,
        },
    ),
    "numeric": (
        [
            'numeric: a number. tolerance allows a margin: 2 (absolute) or "5%" (relative).',
            "unit is shown beside the answer box.",
        ],
        {
            "id": "example-numeric",
            "type": "numeric",
            "prompt": "How many days does a leap year have?",
            "answer": 366,
            "tolerance": 0,
            "unit": "days",
        },
    ),
    "ordering": (
        ["ordering: write items in the right order; the learner sees them shuffled."],
        {
            "id": "example-ordering",
            "type": "ordering",
            "prompt": "Put these in order, smallest first.",
            "items": ["one", "ten", "one hundred"],
        },
    ),
    "matching": (
        [
            "matching: each left item goes with its right item. distractors are extra",
            "right-hand items that match nothing.",
        ],
        {
            "id": "example-matching",
            "type": "matching",
            "prompt": "Match each country with its capital.",
            "pairs": [
                {"left": "Indonesia", "right": "Jakarta"},
                {"left": "Japan", "right": "Tokyo"},
                {"left": "Kenya", "right": "Nairobi"},
            ],
            "distractors": ["Lima"],
        },
    ),
}

# Fields whose values are quiz text (translated); everything else is data.
_TEXT_FIELDS = {"prompt", "text", "feedback", "explanation", "unit", "left", "right"}
_TEXT_FIELDS |= {"feedback_true", "feedback_false", "hint"}
_TEXT_LISTS = {"items", "distractors", "choices", "pairs"}


def _translate(value: Any, languages: Sequence[str], field: str = "") -> Any:
    """Mark example text as the template's: to be rewritten in the language it is written
    in (English, or the default language when English is not one), to be translated in
    the others; a translation table when the quiz has several languages."""
    if isinstance(value, dict):
        return {k: _translate(v, languages, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_translate(v, languages, field) for v in value]
    if isinstance(value, str) and (field in _TEXT_FIELDS or field in _TEXT_LISTS):
        written = "en" if "en" in languages else languages[0]
        return _in_languages(value, languages, written, placeholder(value))
    return value


def _in_languages(text: str, languages: Sequence[str], written: str, own: str) -> Any:
    """`own` in the language `written`, `text` marked for translation in the others."""
    if len(languages) == 1:
        return own
    return {lang: own if lang == written else placeholder(text, lang) for lang in languages}


def parse_list(text: str) -> list[str]:
    """`"id, en"` or `"id en"` as `["id", "en"]`."""
    return [part for part in re.split(r"[\s,]+", text.strip()) if part]


def check_choices(
    quiz_id: str, languages: Sequence[str], types: Sequence[str], module: str | None
) -> None:
    """Raise `ScaffoldError` with one sentence for the first bad choice."""
    if not re.fullmatch(ID_PATTERN, quiz_id) or len(quiz_id) > 100:
        raise ScaffoldError(Message("author.bad_quiz_id", id=quiz_id))
    if not languages:
        raise ScaffoldError(Message("author.no_language"))
    for lang in languages:
        if not re.fullmatch(LANGUAGE_PATTERN, lang):
            raise ScaffoldError(Message("author.bad_language", lang=lang))
    if len(set(languages)) != len(languages):
        raise ScaffoldError(Message("author.language_twice"))
    if not types:
        raise ScaffoldError(Message("author.no_type"))
    for kind in types:
        if kind not in QUESTION_TYPES:
            raise ScaffoldError(
                Message("author.bad_type", type=kind, types=", ".join(QUESTION_TYPES))
            )
    if module is not None and not re.fullmatch(ID_PATTERN, module):
        raise ScaffoldError(Message("author.bad_module_id", id=module))


def scaffold(
    quiz_id: str,
    title: str,
    languages: Sequence[str] = ("en",),
    types: Sequence[str] = QUESTION_TYPES,
    module: str | None = None,
) -> str:
    """The text of a new quiz file with one example question of each type in `types`."""
    check_choices(quiz_id, languages, types, module)
    kinds = list(dict.fromkeys(types))
    quiz: dict[str, Any] = {
        "id": quiz_id,
        # The title is given in the default language; the others wait for a translation.
        "title": _in_languages(title, languages, languages[0], title),
        "languages": list(languages),
    }
    if module:
        quiz["module"] = module
    quiz["pass_mark"] = 0.5
    header = [
        SCHEMA_LINE,
        f"A new quiz, made by `quizapp new`. Check it: quizapp validate {quiz_id}.toml",
        "Each [[questions]] table is one question; the ones below are examples of each",
        "type to edit or delete. A guide: docs/authoring.md.",
        'Text starting "TODO: " is the template\'s, for you to rewrite; `quizapp validate`',
        "warns about each one left.",
    ]
    if len(languages) > 1:
        header += [
            f"Languages: {', '.join(languages)}; the first is the default. Every text is a table",
            'with one entry per language; entries starting "TODO(xx): " wait for a translation.',
        ]
    questions = [_translate(_EXAMPLES[kind][1], languages) for kind in kinds]
    comments = [_EXAMPLES[kind][0] for kind in kinds]
    return dumps_quiz(quiz, questions, header=header, question_comments=comments)


def ensure_schema(folder: Path, notes: list[str] | None = None) -> Path | None:
    """Write the JSON Schema beside quiz files so their `#:schema` line finds it.

    Returns the path when it was written (missing, or an out-of-date copy of ours), else
    None. A file of that name that is not a quizapp quiz schema (or not a regular file) is
    left alone, with a sentence in `notes` saying so: it may be someone else's.
    """
    import json

    from quizapp.fileio import RefusedPath, read_regular, write_output

    path = folder / SCHEMA_FILE
    text = quiz_schema_text()
    try:
        current = read_regular(path, 16 * 2**20)
    except FileNotFoundError:
        current = None
    except OSError as exc:
        if notes is not None:
            why = exc.reason if isinstance(exc, RefusedPath) else (exc.strerror or str(exc))
            notes.append(Said(Message("author.schema_left", path=path, why=why)))
        return None
    if current is not None:
        if current == text.encode("utf-8"):
            return None
        try:
            ours = json.loads(current).get("title") == json.loads(text)["title"]
        except (ValueError, AttributeError, RecursionError):
            ours = False
        if not ours:
            if notes is not None:
                notes.append(Said(Message("author.schema_not_ours", path=path)))
            return None
    try:
        write_output(path, text, force=current is not None)
    except RefusedPath as exc:  # a link to an old copy of ours: still not ours to replace
        if notes is not None:
            notes.append(Said(Message("author.schema_left", path=path, why=exc.reason)))
        return None
    return path
