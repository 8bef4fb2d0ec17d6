"""Rules that span several fields of a quiz, checked after the models validate.

Each rule yields `(path, message)` pairs, so the loader can place every problem at its
line; none stops at the first problem.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, AnyStr

from quizapp.loading.problems import joined, sentence
from quizapp.model.answers import normalize_answer
from quizapp.model.quiz import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Quiz,
    ShortAnswerQuestion,
    SingleQuestion,
    choice_weights,
)
from quizapp.model.text import PLACEHOLDER

Path = tuple[str | int, ...]
Finding = tuple[Path, str]

_EPS = 1e-6


def check_quiz(quiz: Quiz, translations_complete: bool = False) -> Iterator[Finding]:
    """Every cross-field problem of one quiz file.

    `translations_complete` says validation already saw every translation table carry
    exactly the declared languages (see `TranslationCheck`), so the walk that locates
    incomplete tables can be skipped.
    """
    yield from check_header(quiz)
    yield from check_questions(enumerate(quiz.questions))
    if not translations_complete:
        yield from _check_translations(quiz)


def check_valid_parts(
    info: Any | None,
    questions: list[tuple[int, Any]],
    declared: list[str] | None,
) -> Iterator[Finding]:
    """The cross-field problems of the parts of a file that did validate.

    A typo in one question must not hide two correct answers in another: when some
    tables fail validation, the rest are still checked, each at its own index.
    Translations are checked only when the `declared` languages are known.
    """
    if declared is None:
        yield from check_questions(questions)
        return
    if info is not None:
        yield from (
            (("quiz", *path), message)
            for path, message in check_translations(info, declared, "quiz")
        )
    yield from check_questions(questions)
    for i, question in questions:
        for path, message in check_translations(question, declared, "quiz"):
            yield ("questions", i, *path), message


def check_questions(
    questions: Iterable[tuple[int, Any]], *, unique_ids: bool = True
) -> Iterator[Finding]:
    """Ids unique, and each question's own rules, every finding at its question's index.

    Without `unique_ids` the ids are left to the caller: the loader's fast path checks
    a bank a batch at a time, and only asks at the end whether any id repeats (one set
    of them all costs less than half what a dict of them grown batch by batch does).
    """
    seen: dict[str, int] = {}
    checks = _CHECKS
    for i, question in questions:
        if unique_ids:
            first = seen.setdefault(question.id, i)
            if first != i:
                yield (
                    ("questions", i, "id"),
                    sentence("id_used", id=question.id, n=first + 1),
                )
        prompt = question.prompt
        # Inline, a test that spares nearly every prompt and translation a call: it
        # starts with a visible ASCII character (see `_VISIBLE_ASCII`).
        if type(prompt) is str:
            if not "!" <= prompt < "\x7f" and _blank(prompt):
                yield ("questions", i, "prompt"), sentence("prompt_empty")
        elif isinstance(prompt, dict):
            for text in prompt.values():
                if not (type(text) is str and "!" <= text < "\x7f"):
                    if _blank(prompt):
                        yield ("questions", i, "prompt"), sentence("prompt_empty")
                    break
        check = checks.get(type(question))
        # Checks return lists, not generators: on a bank of many thousand questions,
        # nearly all of them fine, making a generator per question costs more than the
        # checks themselves.
        found = check(question) if check is not None else None
        if found:
            for p, m in found:
                yield ("questions", i, *p), m


def check_header(quiz: Quiz) -> Iterator[Finding]:
    """The rules of the [quiz] table, and those of the quiz as a whole."""
    info = quiz.quiz
    if len(set(info.languages)) != len(info.languages):
        yield ("quiz", "languages"), sentence("language_twice")
    if not quiz.questions and not info.include:
        yield ("quiz",), sentence("no_questions")
    if info.draw is not None and not info.include and info.draw > len(quiz.questions):
        yield ("quiz", "draw"), sentence("draw_too_many", draw=info.draw, n=len(quiz.questions))
    mins = [band.min for band in info.feedback]
    for i, value in enumerate(mins):
        if value in mins[:i]:
            yield ("quiz", "feedback", i, "min"), sentence("bands_start_at", value=f"{value:g}")
    for i, inc in enumerate(info.include):
        if inc.quiz == info.id:
            yield ("quiz", "include", i, "quiz"), sentence("includes_itself")


_VISIBLE_ASCII = re.compile(r"[!-~]")
# `"!" <= text < "\x7f"`, without the slice `text[:1]` would make, says that a string
# starts with a visible ASCII character: compared as strings, only the first character
# can fall outside those bounds.
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}
"""Categories that show nothing on their own: controls, zero-width and format
characters, spaces, combining marks."""


def _blank(text: Any) -> bool:
    """Whether a text (or any translation of it) shows nothing: empty, spaces, zero-width
    characters."""
    if type(text) is str:
        # Nearly every text starts with, or else has, a visible ASCII character.
        if "!" <= text < "\x7f" or _VISIBLE_ASCII.search(text):
            return False
        return all(unicodedata.category(ch) in _INVISIBLE for ch in text)
    if isinstance(text, dict):
        for value in text.values():
            # The first test, inline, spares nearly every translation a call.
            if not (type(value) is str and "!" <= value < "\x7f") and _blank(value):
                return True
    return False


def _check_short_answer(q: ShortAnswerQuestion) -> list[Finding]:
    found: list[Finding] = []
    answers = q.answers
    case_sensitive = q.case_sensitive
    full_credit = False
    keys: set[str] = set()
    # One pass over the answers: this runs for every short answer of a bank.
    for i, accepted in enumerate(answers):
        text = accepted.text
        first = text[:1]
        # An ASCII letter or digit survives normalising, so most answers need not be;
        # most start with one, and the search is spared too.
        if (
            not (first.isascii() and first.isalnum())
            and "*" not in text
            and not _ASCII_ALNUM.search(text)
            and not normalize_answer(text, case_sensitive)
        ):
            found.append((("answers", i), sentence("answer_unmatchable", answer=text[:40])))
        if accepted.weight >= 1 - _EPS:
            full_credit = True
        keys.add(text if case_sensitive else text.casefold())
    if not full_credit:
        found.append((("answers",), sentence("no_full_credit_answer")))
    if len(keys) != len(answers):
        said = [a.text if case_sensitive else a.text.casefold() for a in answers]
        found += _duplicates("answers", said, "same_answer")
    return found


def _check_numeric(q: NumericQuestion) -> list[Finding]:
    found: list[Finding] = []
    if q.answer is None and not q.answers:
        found.append((("answer",), sentence("numeric_needs_answer")))
    elif q.answer is not None and q.answers:
        found.append((("answers",), sentence("answer_or_answers")))
    elif q.answer is None and not any(v.weight >= 1 - _EPS for v in q.answers):
        found.append((("answers",), sentence("no_full_credit_value")))
    if q.answer == 0 and q.tolerance.relative:
        found.append((("tolerance",), sentence("zero_relative")))
    for i, value in enumerate(q.answers):
        if value.value == 0 and value.tolerance.relative:
            found.append((("answers", i, "tolerance"), sentence("zero_relative")))
    return found


def _check_ordering(q: OrderingQuestion) -> list[Finding]:
    items = q.items
    keys = {t.strip().casefold() if type(t) is str and t.isascii() else _key(t) for t in items}
    if len(keys) == len(items):
        return []
    return _duplicates("items", _keys(items), "same_item")


def _check_matching(q: MatchingQuestion) -> list[Finding]:
    # One pass that finds no item twice, as nearly every question's does; which ones
    # are repeated is worked out only when some are.
    pairs = q.pairs
    distractors = q.distractors
    lefts: set[Any] = set()
    rights: set[Any] = set()
    for pair in pairs:
        text = pair.left
        lefts.add(text.strip().casefold() if type(text) is str and text.isascii() else _key(text))
        text = pair.right
        rights.add(text.strip().casefold() if type(text) is str and text.isascii() else _key(text))
    if distractors:
        rights.update(_keys(distractors))
    if len(lefts) == len(pairs) and len(rights) == len(pairs) + len(distractors):
        return []
    return _repeated_items(q)


def _repeated_items(q: MatchingQuestion) -> list[Finding]:
    pairs = q.pairs
    lefts = _keys([p.left for p in pairs])
    rights = _keys([p.right for p in pairs])
    if q.distractors:
        rights += _keys(q.distractors)
    found = _duplicates("pairs", lefts, "same_left_item", "left")
    if len(set(rights)) == len(rights):
        return found
    for i, right in enumerate(rights):
        if right in rights[:i]:
            where: Path = (
                ("pairs", i, "right") if i < len(pairs) else ("distractors", i - len(pairs))
            )
            found.append((where, sentence("right_twice")))
    return found


def _check_choices(q: SingleQuestion | MultipleQuestion) -> list[Finding]:
    """Correct choices, weights that can add up to full credit, no repeated choice."""
    choices = q.choices
    n_correct = 0
    weighted = False
    keys: set[Any] = set()
    for c in choices:
        if c.correct:
            n_correct += 1
        if c.weight is not None:
            weighted = True
        text = c.text
        keys.add(text.strip().casefold() if type(text) is str and text.isascii() else _key(text))
    found: list[Finding] = []
    if len(keys) != len(choices):
        texts = [c.text for c in choices]
        found = _duplicates("choices", _keys(texts), "same_choice", "text")
    if q.type == "single" and n_correct != 1:
        found.append((("choices",), sentence("single_needs_one", n=n_correct)))
    elif q.type == "multiple" and n_correct == 0:
        found.append((("choices",), sentence("multiple_needs_one")))
    if not weighted:
        # Default weights are sane by construction. This is the path nearly every
        # question takes.
        return found
    weights = choice_weights(q)
    for i, (choice, weight) in enumerate(zip(choices, weights, strict=True)):
        where = ("choices", i, "weight")
        if q.type == "single":
            if choice.correct and choice.weight is not None and weight < 1 - _EPS:
                found.append((where, sentence("single_correct_weight")))
            if not choice.correct and weight > 1 - _EPS:
                found.append((where, sentence("wrong_full_credit")))
        else:
            if choice.correct and weight <= 0:
                found.append((where, sentence("correct_needs_weight")))
            if not choice.correct and weight > 0:
                found.append((where, sentence("wrong_positive_weight")))
    best = sum(w for w in weights if w > 0)
    if q.type == "multiple" and n_correct and abs(best - 1) > 1e-3:
        found.append((("choices",), sentence("weights_sum", sum=f"{best:g}")))
    return found


_CHECKS: dict[type, Callable[[Any], list[Finding]]] = {
    SingleQuestion: _check_choices,
    MultipleQuestion: _check_choices,
    ShortAnswerQuestion: _check_short_answer,
    NumericQuestion: _check_numeric,
    OrderingQuestion: _check_ordering,
    MatchingQuestion: _check_matching,
}


def _duplicates(field: str, keys: list[Any], said: str, sub: str | None = None) -> list[Finding]:
    """Each entry the same as an earlier one, said with the message `said` ("this choice
    is the same as choice {n}")."""
    if len(set(keys)) == len(keys):
        return []
    found: list[Finding] = []
    for i, key in enumerate(keys):
        if key in keys[:i]:
            first = keys.index(key)
            path: Path = (field, i, sub) if sub else (field, i)
            found.append((path, sentence(said, n=first + 1)))
    return found


def _keys(texts: list[Any]) -> list[Any]:
    """`_key` of each text; plain ASCII strings, by far the most common, without a call
    each (the same test is written out in the rules' own loops)."""
    return [t.strip().casefold() if type(t) is str and t.isascii() else _key(t) for t in texts]


def _key(text: Any) -> Any:
    """What makes two texts the same to a reader: case, outer spaces, compatibility forms
    and characters that show nothing (zero-width spaces, joiners) aside."""
    if type(text) is str:
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
            text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc"))
        return text.strip().casefold()
    return tuple(sorted((k, _key(v)) for k, v in text.items()))


def _check_translations(quiz: Quiz) -> Iterator[Finding]:
    yield from check_translations(quiz, quiz.quiz.languages, "quiz")


def check_translations(document: Any, declared: list[str], owner: str) -> Iterator[Finding]:
    """Every translation table in `document` has each declared language and no other.

    A key that is a near miss of a missing language (`eng` for `en`) is one mistake:
    it is reported once, at the key, with the language it most likely meant.
    """
    listed = ", ".join(declared)
    for path, table in _text_tables(document, ()):
        missing = [lang for lang in declared if lang not in table]
        extra = [lang for lang in table if lang not in declared]
        meant = _misspelt_languages(extra, missing)
        missing = [lang for lang in missing if lang not in meant.values()]
        if missing:
            names = joined(f'"{m}"' for m in missing)
            yield path, sentence("translation_missing", names=names, n=len(missing))
        for lang in extra:
            if lang in meant:
                yield (
                    (*path, lang),
                    sentence(
                        "not_declared_meant",
                        lang=lang,
                        owner=owner,
                        listed=listed,
                        meant=meant[lang],
                    ),
                )
            else:
                yield (*path, lang), sentence("not_declared", lang=lang, owner=owner, listed=listed)


def _misspelt_languages(extra: list[str], missing: list[str]) -> dict[str, str]:
    """Each unknown key that is a close spelling of a missing language, paired with it;
    each missing language explains at most one key."""
    meant: dict[str, str] = {}
    left = list(missing)
    for lang in extra:
        # 0.5: a two-letter code with one letter wrong (`em` for `en`) is a near miss.
        close = difflib.get_close_matches(lang.casefold(), left, n=1, cutoff=0.5)
        if close:
            meant[lang] = close[0]
            left.remove(close[0])
    return meant


def _text_tables(value: Any, path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    # In the models, only translatable text is a dict; everything else is a dataclass,
    # a list or a scalar. So every dict found here is a translation table.
    if isinstance(value, dict):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _text_tables(item, (*path, i))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _text_bearing_fields(type(value)):
            yield from _text_tables(getattr(value, name), (*path, name))


@cache
def _text_bearing_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model that can hold translatable text, at any depth.

    Walking only these keeps the check cheap on banks of many thousand questions.
    """
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple(f.name for f in dataclasses.fields(cls) if _may_hold_text(hints[f.name]))


def _may_hold_text(tp: Any) -> bool:
    if typing.get_origin(tp) is typing.Annotated:
        return _may_hold_text(typing.get_args(tp)[0])
    if tp is dict or typing.get_origin(tp) is dict:
        return True
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return bool(_text_bearing_fields(tp))
    return any(_may_hold_text(arg) for arg in typing.get_args(tp))


# -- template placeholders (warnings) ----------------------------------------------------

# What the author is asked to write, by the field the placeholder is in: the key of its
# noun (`load.noun_question`).
_NOUNS = {
    "prompt": "noun_question",
    "title": "noun_title",
    "description": "noun_description",
    "explanation": "noun_explanation",
    "hint": "noun_hint",
    "unit": "noun_unit",
    "feedback": "noun_feedback",
    "feedback_true": "noun_feedback",
    "feedback_false": "noun_feedback",
    "items": "noun_item",
    "distractors": "noun_item",
    "left": "noun_item",
    "right": "noun_item",
    "choices": "noun_choice",
}

# The marker's letters can only reach a parsed string as they are written, through a
# \u or \U escape, or split by a line-ending backslash in a multi-line string.
_ESCAPES = ("\\u", "\\U", "\\\n", "\\\r", "\\ ", "\\\t")
_ESCAPES_BYTES = tuple(e.encode() for e in _ESCAPES)


PLACEHOLDER_WARNING = "this is still the template's placeholder text"
"""How every placeholder warning's message starts in English, so `quizapp validate` can
group them (its key is `load.placeholder`)."""


def may_hold_placeholders(source: str | bytes) -> bool:
    """False when no text of the TOML `source` can start with a placeholder, so that a
    valid file need not be walked for them.

    Not a regular expression: on a bank of several megabytes an alternation costs ten
    times as much as a substring search, and `_holds` costs a tenth of one.
    """
    if isinstance(source, bytes):
        return _holds(source, (b"TODO",), b"D", 2) or _holds(source, _ESCAPES_BYTES, b"\\", 0)
    return _holds(source, ("TODO",), "D", 2) or _holds(source, _ESCAPES, "\\", 0)


_LOOKS = 64
"""Places of the rare character looked at before a plain search takes over."""


def _holds(source: AnyStr, wanted: tuple[AnyStr, ...], rare: AnyStr, index: int) -> bool:
    """Whether `source` holds one of `wanted`, strings of one length that each have the
    character `rare` at `index`.

    A search for one character (memchr) is many times faster than one for a word, and
    `rare` (an upper-case D, a backslash) turns up about once in a thousand characters
    of a quiz: so each place it is found is looked at, and past `_LOOKS` of them the
    rest is searched plainly, which keeps the cost under the plain search's.
    """
    size = len(wanted[0])
    at = source.find(rare)
    for _ in range(_LOOKS):
        if at < 0:
            return False
        start = at - index
        if start >= 0 and source[start : start + size] in wanted:
            return True
        at = source.find(rare, at + 1)
    start = max(at - index, 0)
    return at >= 0 and any(source.find(w, start) >= 0 for w in wanted)


def check_placeholders(document: Any, path: Path = ()) -> Iterator[Finding]:
    """Every text in `document` (a quiz, or a part of one at `path`) that still starts
    with a template placeholder (`PLACEHOLDER`): each is a warning, not an error."""
    for where, text in _texts(document, path):
        match = PLACEHOLDER.match(text)
        if match is None:
            continue
        # The innermost field named: a choice's feedback is feedback, its text a choice.
        noun = next(
            (_NOUNS[p] for p in reversed(where) if isinstance(p, str) and p in _NOUNS),
            "noun_text",
        )
        todo = sentence("todo_translate" if match[1] else "todo_write", noun=sentence(noun))
        yield where, sentence("placeholder", todo=todo)


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every translatable string under `value`, each translation on its own."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for lang, text in value.items():
            yield (*path, lang), text
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _text_bearing_fields(type(value)):
            yield from _texts(getattr(value, name), (*path, name))
