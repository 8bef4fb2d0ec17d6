"""Quiz files in, validated models or every located problem out. Never a traceback.

The fast path (a valid file) reads the file a few dozen questions at a time with
`tomli.loads`, validating each question as it is read. Anything unexpected (a problem,
a warning, an unusual layout) sends the file down the thorough path, which reads it
whole, finds every problem and works out where each one is.
"""

from __future__ import annotations

import dataclasses
import difflib
import errno
import functools
import hashlib
import operator
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any, AnyStr, Literal

from quizapp.fileio import RefusedPath, TooLargeError, read_regular, reason
from quizapp.loading.locate import locate_keys, nearest
from quizapp.loading.pieces import question_pieces
from quizapp.loading.problems import Path, Problem, field_path, sentence
from quizapp.loading.results import MAX_FILE_BYTES, LoadResult, gc_paused
from quizapp.loading.rules import (
    check_header,
    check_placeholders,
    check_questions,
    check_quiz,
    check_valid_parts,
    may_hold_placeholders,
)
from quizapp.model.deferred import LazyPattern, adapter
from quizapp.model.quiz import QUESTION_TYPES, Question, Quiz, QuizInfo
from quizapp.model.text import (
    TranslationCheck,
    checking_translations,
    is_text_validator,
    kind_of,
    native_text_schema,
)

if TYPE_CHECKING:
    import tomli
    from pydantic import TypeAdapter


@cache
def _adapter() -> TypeAdapter[Quiz]:
    # pydantic and the validators are built on first use: a catalog read from the
    # cache never needs them.
    return adapter(Quiz)


@cache
def _question_adapter() -> TypeAdapter[Any]:
    return adapter(Question)


@cache
def _info_adapter() -> TypeAdapter[QuizInfo]:
    return adapter(QuizInfo)


@functools.lru_cache(maxsize=8)
def _fast_question_validator(languages: frozenset[str]) -> Any:
    """The question validator of the fast path for a file that declares `languages`:
    every `Text` in it checked by pydantic-core itself (`native_text_schema`), not by
    a Python call per text, a tenth of a large bank's validation. Built from the
    question schema in a millisecond, once per set of languages."""
    from pydantic_core import SchemaValidator

    schema = _native_texts(_question_adapter().core_schema, native_text_schema(languages))
    return SchemaValidator(schema)


def _native_texts(schema: Any, text: dict[str, Any]) -> Any:
    """A copy of a core schema with each `Text` validator replaced by `text`."""
    if isinstance(schema, dict):
        function = schema.get("function")
        if (
            schema.get("type") == "function-plain"
            and isinstance(function, dict)
            and is_text_validator(function.get("function"))
        ):
            return text
        return {key: _native_texts(value, text) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_native_texts(item, text) for item in schema]
    return schema


class QuizFileError(Exception):
    """Raised by `load_quiz_or_raise`: a quiz file has problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def load_quiz(path: str | FsPath, *, max_bytes: int | None = MAX_FILE_BYTES) -> LoadResult:
    """Load and validate one quiz file."""
    name = str(path)
    try:
        # Only a regular file, and the limit counted on what is read: a device's st_size
        # is 0, and a named pipe would block for ever.
        data = read_regular(path, max_bytes)
    except TooLargeError as exc:
        limit = f"{(max_bytes or 0) / 1024 / 1024:.0f} MB"
        if exc.size is not None:
            size = f"{exc.size / 1024 / 1024:.1f} MB"
            return _failed(name, sentence("quiz_too_large", size=size, limit=limit))
        return _failed(name, sentence("quiz_larger_than", limit=limit))
    except RefusedPath as exc:
        if exc.reason.startswith("a folder"):
            return _failed(name, sentence("quiz_is_folder"))
        return _failed(name, sentence("skipped", why=exc.reason))
    except FileNotFoundError:
        return _failed(name, sentence("no_such_file"))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _failed(name, sentence("link_loop"))
        return _failed(name, sentence("cannot_read", why=reason(exc)))
    return load_quiz_bytes(data, name, max_bytes=max_bytes)


def load_quiz_or_raise(path: str | FsPath) -> Quiz:
    """Load one quiz file, raising `QuizFileError` with every problem if it is not valid."""
    result = load_quiz(path)
    if not result.ok or result.quiz is None:
        raise QuizFileError(result.problems)
    return result.quiz


def load_quiz_bytes(
    data: bytes, name: str = "<quiz>", *, max_bytes: int | None = MAX_FILE_BYTES
) -> LoadResult:
    """Load and validate a quiz from the bytes of a TOML file called `name`."""
    if max_bytes is not None and len(data) > max_bytes:
        digest = hashlib.sha256(data).hexdigest()
        return _failed(name, sentence("larger_than_mb", n=max_bytes // 1024 // 1024), digest)
    if not data or data.isspace():  # isspace stops at the first other byte; strip copies
        return _failed(name, sentence("quiz_empty"), hashlib.sha256(data).hexdigest())
    # Hashed a piece at a time, each just cut and still in the processor's cache: a
    # 10,000-question bank hashed whole, from memory, took 7 ms; in pieces, 4.
    hashed = hashlib.sha256()
    with gc_paused():
        # Decoded piece by piece: a large bank's text never has to exist whole.
        quiz = _load_valid_in_pieces(data, hashed.update)
    if quiz is not None:
        return LoadResult(name, quiz, (), hashed.hexdigest())
    # The fast path may have stopped before the last piece.
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = _text(data, "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return _failed(
            name,
            sentence("not_utf8", byte=f"{data[exc.start]:02x}"),
            digest,
            line,
            column,
        )
    with gc_paused():
        return _load_whole(text, name, digest)


def load_quiz_text(text: str, name: str = "<quiz>", digest: str | None = None) -> LoadResult:
    """Load and validate a quiz from TOML text."""
    if digest is None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with gc_paused():
        return _load(text, name, digest)


def _load(text: str, name: str, digest: str) -> LoadResult:
    quiz = _load_valid_in_pieces(text)
    if quiz is not None:
        return LoadResult(name, quiz, (), digest)
    return _load_whole(text, name, digest)


def _load_whole(text: str, name: str, digest: str) -> LoadResult:
    """Read the file whole: every problem found, each placed at its line."""
    import tomli  # here, not at the top: a start that reads the cache never parses

    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        return _failed(
            name,
            syntax_message(text, exc),
            digest,
            getattr(exc, "lineno", None),
            getattr(exc, "colno", None),
        )
    except RecursionError:
        return _failed(name, sentence("nests_too_deeply"), digest)

    check = TranslationCheck(_declared_languages(raw))
    ids = _question_ids(raw)
    try:
        with checking_translations(check):
            validated = _validate(raw)
    except RecursionError:
        return _failed(name, sentence("nests_too_deeply"), digest)
    quiz = validated.quiz
    if quiz is None:
        problems = list(_from_validation(validated.errors, ids, text, name))
        # As the author listed them, even when the [quiz] table itself is not valid;
        # with no [quiz] table at all they are unknown, and every translation would be
        # reported as a language the quiz lacks.
        declared: list[str] | None = None
        if validated.info is not None:
            declared = validated.info.languages
        elif isinstance(raw.get("quiz"), dict):
            declared = _declared_order(raw) or ["en"]
        positions = locate_keys(text)
        problems += [
            _problem(name, ids, positions, path, message)
            for path, message in check_valid_parts(validated.info, validated.questions, declared)
        ]
        if may_hold_placeholders(text):
            parts: list[tuple[Path, Any]] = (
                [(("quiz",), validated.info)] if validated.info is not None else []
            )
            parts += [(("questions", i), q) for i, q in validated.questions]
            problems += [
                _problem(name, ids, positions, path, message, "warning")
                for where, part in parts
                for path, message in check_placeholders(part, where)
            ]
        return LoadResult(name, None, tuple(sorted(problems, key=_reading_order)), digest)

    complete = check.complete and check.languages == set(quiz.languages)
    findings = list(check_quiz(quiz, translations_complete=complete))
    # Placeholders left by `quizapp new` are warnings: the quiz is usable, just unfinished.
    unfinished = list(check_placeholders(quiz)) if may_hold_placeholders(text) else []
    if not findings and not unfinished:
        return LoadResult(name, quiz, (), digest)
    positions = locate_keys(text)
    problems = sorted(
        [
            *(_problem(name, ids, positions, path, message) for path, message in findings),
            *(
                _problem(name, ids, positions, path, message, "warning")
                for path, message in unfinished
            ),
        ],
        key=_reading_order,
    )
    return LoadResult(name, None if findings else quiz, tuple(problems), digest)


def _load_valid_in_pieces(
    source: AnyStr, feed: Callable[[AnyStr], object] | None = None
) -> Quiz | None:
    """The quiz, when the file is valid and reads the same in pieces (see `pieces`).

    Otherwise None, and the caller reads the file whole: a problem needs the whole
    document to be found in context and placed at its line. Each piece is given to
    `feed` as it is cut: when a quiz is returned, `feed` has had the whole source.
    """
    import tomli
    from pydantic import ValidationError

    pieces = question_pieces(source)
    if feed is not None:
        pieces = _fed(pieces, feed)
    try:
        first = next(pieces)
        unfinished = may_hold_placeholders(first)
        header = tomli.loads(_text(first, "utf-8-sig"))
        if header.keys() != {"quiz"}:
            return None
        languages = _declared_languages(header)
        # A question whose translations are incomplete fails this validator; the
        # [quiz] table's own are checked as they are validated, below.
        validate = _fast_question_validator(languages).validate_python
        with checking_translations(TranslationCheck(languages)) as check:
            models: list[Any] = []
            ids: list[str] = []
            for piece in pieces:
                # Scanned while the piece is in cache, just before the parser reads it.
                unfinished = unfinished or may_hold_placeholders(piece)
                part = tomli.loads(_text(piece))
                questions = part.pop("questions", None)
                if part or not isinstance(questions, list):
                    return None
                batch = [validate(item) for item in questions]
                # Checked while the new models are still in the processor's cache.
                if _any(check_questions(enumerate(batch, len(models)), unique_ids=False)):
                    return None
                ids += map(_ID, batch)
                models += batch
            if len(set(ids)) != len(ids):
                return None
            # The [quiz] table alone: the questions are valid models already, and the
            # whole quiz's validator, built only for files with problems, need not be.
            quiz = Quiz(_info_adapter().validator.validate_python(header["quiz"]), models)
    except (UnicodeDecodeError, tomli.TOMLDecodeError, ValidationError, RecursionError):
        return None
    complete = check.complete and check.languages == set(quiz.languages)
    if not complete or _any(check_header(quiz)):
        return None
    # A placeholder is a warning, and warnings are only found and placed on the
    # thorough path; the scan of the source spares nearly every file the walk.
    if unfinished and _any(check_placeholders(quiz)):
        return None
    return quiz


_ID = operator.attrgetter("id")


def _fed(pieces: Iterator[AnyStr], feed: Callable[[AnyStr], object]) -> Iterator[AnyStr]:
    for piece in pieces:
        feed(piece)
        yield piece


def _text(piece: str | bytes, encoding: str = "utf-8") -> str:
    # utf-8-sig for a file's start: editors on Windows still save a byte-order mark.
    return piece if isinstance(piece, str) else piece.decode(encoding)


def _any(findings: Iterator[Any]) -> bool:
    return next(findings, None) is not None


@dataclasses.dataclass(slots=True)
class _Validated:
    """What validation made of a document: the quiz, or its errors and the valid parts."""

    quiz: Quiz | None
    errors: list[Any]
    info: Any | None = None
    questions: list[tuple[int, Any]] = dataclasses.field(default_factory=list)


def _validate(raw: Any) -> _Validated:
    """The quiz, or every validation error with its location and the parts that were valid.

    Questions are validated one by one and each raw table is dropped as soon as its model
    exists, so the freed memory is reused for the next question's model: a large bank
    then costs far less resident memory than validating the whole document at once.
    """
    from pydantic import ValidationError

    questions = raw.get("questions") if isinstance(raw, dict) else None
    if not isinstance(questions, list):
        try:
            return _Validated(_adapter().validate_python(raw), [])
        except ValidationError as exc:
            return _Validated(None, exc.errors(include_url=False))
    errors: list[Any] = []
    models: list[Any] = []
    valid: list[tuple[int, Any]] = []
    adapter = _question_adapter()
    # pydantic-core's validator itself: TypeAdapter's Python wrapper would cost more per
    # question than a small question's validation.
    validate = adapter.validator.validate_python
    for i, item in enumerate(questions):
        try:
            model = validate(item)
        except ValidationError as exc:
            found = exc.errors(include_url=False)
            errors.extend({**e, "loc": ("questions", i, *e["loc"])} for e in found)
            retried = _without_unknown_fields(adapter, item, found)
            if retried is not None:
                valid.append((i, retried))
            continue
        models.append(model)
        valid.append((i, model))
        if not errors:
            questions[i] = None
    header = {key: value for key, value in raw.items() if key != "questions"}
    info = None
    try:
        # Question models pass through as they are; only the [quiz] table is checked here.
        quiz = _adapter().validate_python({**header, "questions": models})
        info = quiz.quiz
    except ValidationError as exc:
        errors.extend(exc.errors(include_url=False))
        quiz = None
    if errors:
        return _Validated(None, errors, info, valid)
    return _Validated(quiz, [])


def _without_unknown_fields(adapter: TypeAdapter[Any], item: Any, errors: list[Any]) -> Any | None:
    """The question validated again without its misspelt fields, when they were its only
    problem, so that its other rules are still checked in the same run."""
    from pydantic import ValidationError

    unknown = {
        e["loc"][-1]
        for e in errors
        if e["type"] in ("unexpected_keyword_argument", "extra_forbidden") and len(e["loc"]) == 2
    }
    if not unknown or len(unknown) != len(errors) or not isinstance(item, dict):
        return None
    try:
        return adapter.validate_python({k: v for k, v in item.items() if k not in unknown})
    except ValidationError:
        return None


def _question_ids(raw: Any) -> list[str | None]:
    """Each question's id as written, for messages, taken before the raw tables go."""
    questions = raw.get("questions") if isinstance(raw, dict) else None
    if not isinstance(questions, list):
        return []
    return [
        q.get("id") if isinstance(q, dict) and isinstance(q.get("id"), str) else None
        for q in questions
    ]


def _reading_order(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


_DECIMAL_COMMA = LazyPattern(r"=\s*[-+]?\d+,\d+")
_TABLE_TUPLE = LazyPattern(r"\(((?:'[^']*',?\s*)+)\)")
_KEY_AT_START = LazyPattern(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


def syntax_message(text: str, exc: tomli.TOMLDecodeError) -> str:
    """One sentence for a TOML syntax error, in a trainer's words where tomli's are a
    programmer's, with a likely cause where one can be seen on the line."""
    msg = str(getattr(exc, "msg", exc))
    # tomli names a table as a Python tuple: "Cannot declare ('quiz',) twice".
    msg = _TABLE_TUPLE.sub(lambda m: "[" + ".".join(re.findall(r"'([^']*)'", m[1])) + "]", msg)
    what = sentence("open_string") if msg == _OPEN_STRING else _lower_first(msg)
    return sentence("syntax_error", what=what, hint=_syntax_hint(text, exc, msg))


_OPEN_STRING = "Illegal character '\\n'"
"""tomli's words for a string the line ends inside."""


def _syntax_hint(text: str, exc: tomli.TOMLDecodeError, msg: str = "") -> str:
    """A likely cause a TOML parser cannot know, such as an Indonesian decimal comma."""
    lineno = getattr(exc, "lineno", 0) or 0
    lines = text.splitlines()
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    if _DECIMAL_COMMA.search(line):
        return sentence("hint_decimal_comma")
    if msg == _OPEN_STRING:
        return sentence("hint_close_quote")
    if msg == "Cannot overwrite a value":
        key = _KEY_AT_START.match(line)
        if key:
            return sentence("hint_set_twice", key=key[1].strip(chr(34)))
    if msg == "Invalid value" and line.rstrip().endswith("="):
        return sentence("hint_nothing_after", key=line.split("=")[0].strip())
    if "\0" in line:
        return sentence("hint_nul")
    return ""


def _declared_languages(raw: Any) -> frozenset[str]:
    try:
        languages = raw["quiz"]["languages"]
        return frozenset(lang for lang in languages if isinstance(lang, str))
    except (KeyError, TypeError):
        return frozenset()


def _declared_order(raw: Any) -> list[str]:
    """The declared languages in the author's order, for messages that list them."""
    try:
        languages = raw["quiz"]["languages"]
    except (KeyError, TypeError):
        return []
    if not isinstance(languages, list):
        return []
    return list(dict.fromkeys(lang for lang in languages if isinstance(lang, str)))


def _failed(
    name: str,
    message: str,
    digest: str = "",
    line: int | None = None,
    column: int | None = None,
) -> LoadResult:
    return LoadResult(name, None, (Problem(name, message, line, column),), digest)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# -- from pydantic errors to problems ---------------------------------------------------


def _from_validation(
    errors: list[Any], ids: list[str | None], text: str, name: str
) -> Iterator[Problem]:
    positions = locate_keys(text)
    seen: set[tuple[Path, str]] = set()
    # Unknown keys by the table they are in: each missing field looks only at its own.
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for e in errors:
        if e["type"] in ("unexpected_keyword_argument", "extra_forbidden") and e["loc"]:
            unknown.setdefault(tuple(e["loc"][:-1]), []).append(str(e["loc"][-1]))
    suggested = 0
    for error in errors:
        if error["type"] in ("missing", "missing_argument") and _explained_by_typo(
            tuple(error["loc"]), unknown
        ):
            continue
        loc = tuple(error["loc"])
        path = _strip_tags(loc)
        if error["type"] == "union_tag_invalid":
            path = (*path, "type")
        # Suggestions cost a fuzzy match each: past the first hundred a file is not
        # a few typos, and each problem is told plainly (linear in the number of keys).
        suggested += 1
        message = _message(error, loc, suggest=suggested <= SUGGESTIONS)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        yield _problem(name, ids, positions, path, message)


def _explained_by_typo(loc: tuple[Any, ...], unknown: dict[tuple[Any, ...], list[str]]) -> bool:
    """A missing `prompt` beside an unknown `promt` is one mistake: report only the typo."""
    parent, name = loc[:-1], str(loc[-1])
    typos = unknown.get(parent, [])
    if len(typos) > SUGGESTIONS:
        typos = [t for t in typos if abs(len(t) - len(name)) <= 3][:SUGGESTIONS]
    return bool(difflib.get_close_matches(name, typos, n=1, cutoff=0.6))


def _strip_tags(loc: tuple[Any, ...]) -> Path:
    """Drop the discriminator tag pydantic puts after a question's index."""
    if len(loc) > 2 and loc[0] == "questions" and loc[2] in QUESTION_TYPES:
        return (loc[0], loc[1], *loc[3:])
    return loc


def _problem(
    name: str,
    ids: list[str | None],
    positions: dict[Path, tuple[int, int]],
    path: Path,
    message: str,
    severity: Literal["error", "warning"] = "error",
) -> Problem:
    position, _ = nearest(positions, path)
    question = question_id = None
    field = field_path(path) or None
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        question = path[1] + 1
        qid = ids[path[1]] if path[1] < len(ids) else None
        question_id = qid if qid is not None and len(qid) <= 100 else None
        field = field_path(path[2:]) or None
    line, column = position if position else (None, None)
    return Problem(name, message, line, column, question, question_id, field, severity)


_EXPECTED = {
    "float_type": "a_number",
    "float_parsing": "a_number",
    "int_type": "a_whole_number",
    "int_from_float": "a_whole_number",
    "int_parsing": "a_whole_number",
    "bool_type": "true_or_false",
    "bool_parsing": "true_or_false",
    "string_type": "a_string",
    "list_type": "an_array",
    "dict_type": "a_table",
    "model_attributes_type": "a_table",
    "dataclass_type": "a_table",
    "dataclass_exact_type": "a_table",
    "model_type": "a_table",
}
"""What a field holds, by pydantic's error: the key of its words (`load.a_number`)."""

_KINDS = {
    bool: "a_boolean",
    int: "an_integer",
    float: "a_number",
    str: "a_string",
    list: "an_array",
    dict: "a_table",
}
"""A TOML value's kind, as `model.text.kind_of` names it: the key of its words."""


def _kind_said(value: Any) -> str:
    key = _KINDS.get(type(value))
    return sentence(key) if key else kind_of(value)


SUGGESTIONS = 100
"""How many problems of a file may carry a "did you mean" (a fuzzy match each)."""


def _message(error: Any, loc: tuple[Any, ...], root: Any = Quiz, *, suggest: bool = True) -> str:
    """One sentence for one pydantic error; `root` is the model the location starts at.
    Without `suggest`, no fuzzy match looks for what was meant."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    last = loc[-1] if loc else None
    if kind == "missing" or kind == "missing_argument":
        if loc == ("quiz",):
            return sentence("quiz_missing")
        return sentence("field_missing", field=last)
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        if not suggest:
            return sentence("unknown_field", field=last)
        known = _known_fields(loc[:-1], root)
        close = difflib.get_close_matches(str(last), known, n=1, cutoff=0.6)
        if close:
            return sentence("unknown_field_meant", field=last, meant=close[0])
        if known:
            return sentence("unknown_field_known", field=last, known=", ".join(known))
        return sentence("unknown_field", field=last)
    if kind == "union_tag_not_found":
        return sentence("question_needs_type", types=", ".join(QUESTION_TYPES))
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", "")
        close = difflib.get_close_matches(str(tag), QUESTION_TYPES, n=1, cutoff=0.5)
        if close:
            return sentence("not_a_type_meant", tag=tag, meant=close[0])
        return sentence("not_a_type", tag=tag, types=", ".join(QUESTION_TYPES))
    if kind in _EXPECTED:
        return sentence(
            "expected",
            what=sentence(_EXPECTED[kind]),
            got=_kind_said(value),
            shown=_shown(value),
            hint=_hint(kind, value),
        )
    if kind == "finite_number":
        return sentence("finite_number")
    if kind == "string_pattern_mismatch":
        if last == "source":
            return sentence("source_pattern", value=_short(value))
        if last in ("languages",) or (len(loc) > 1 and loc[-2] == "languages"):
            return sentence("language_pattern", value=_short(value))
        return sentence("id_pattern", value=_short(value))
    if kind in ("too_short", "too_long"):
        return _length_message(kind, ctx, last)
    if kind == "literal_error":
        if "expected" not in ctx:
            return sentence("expected_another", value=_short(value))
        return sentence("expected_literal", expected=ctx["expected"], value=_short(value))
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values())) if ctx else sentence("the_limit")
        bound = f"{bound:g}" if isinstance(bound, float) else bound
        return sentence(
            f"must_be_{kind}",
            bound=bound,
            value=_short(value),
            hint=_percent_hint(kind, last, value),
        )
    if kind == "recursion_loop":
        return sentence("value_nests_too_deeply")
    msg = str(error.get("msg", "is not valid"))
    return _lower_first(msg.removeprefix("Value error, "))


_NUMBER_IN_QUOTES = LazyPattern(r"\s*([-+]?\d+)(?:[.,](\d+))?\s*")


def _hint(kind: str, value: Any) -> str:
    """How to write what the author most likely meant."""
    if kind in ("float_type", "int_type") and isinstance(value, str):
        match = _NUMBER_IN_QUOTES.fullmatch(value)
        if match:
            number = match[1] + (f".{match[2]}" if match[2] else "")
            return sentence("hint_no_quotes", value=number)
    if (
        kind == "bool_type"
        and isinstance(value, str)
        and value.strip().lower()
        in (
            "true",
            "false",
        )
    ):
        return sentence("hint_no_quotes", value=value.strip().lower())
    return ""


_FRACTIONS = ("pass_mark", "min", "weight")
"""Fields that hold a fraction from 0 to 1, which a trainer may write as a percentage."""


def _percent_hint(kind: str, field: Any, value: Any) -> str:
    """`pass_mark = 70` most likely means 70%: say how to write it as a fraction."""
    if kind != "less_than_equal" or field not in _FRACTIONS:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 < value <= 100:
        return ""
    return sentence("hint_fraction", fraction=f"{value / 100:g}", percent=f"{value:g}")


def _length_message(kind: str, ctx: dict[str, Any], last: Any) -> str:
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        if n == 1 and isinstance(last, str):
            return sentence("must_not_be_empty", field=last)
        got = ctx.get("actual_length", "fewer")
        if not isinstance(last, str):
            return sentence("needs_at_least_entries", n=n, got=got)
        return sentence("needs_at_least", n=n, field=last, got=got)
    n = ctx.get("max_length", 0)
    return sentence("too_long", n=n)


def _shown(value: Any) -> str:
    if isinstance(value, str | int | float | bool) and not isinstance(value, dict):
        return f" ({_short(value)})"
    return ""


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# -- field names for suggestions --------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _known_fields(loc: tuple[Any, ...], root: Any = Quiz) -> list[str]:
    """The field names valid at `loc` (a pydantic error location, tags included); cached,
    since a table of many unknown keys asks the same once per key."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and dataclasses.is_dataclass(current):
            hints = _hints(current)
            current = hints.get(part)
        else:
            members = [
                m
                for m in typing.get_args(current)
                if isinstance(m, type) and dataclasses.is_dataclass(m)
            ]
            current = next(
                (m for m in members if _tag_of(m) == part),
                None,
            )
        if current is None:
            return []
    current = _unwrap(current)
    if dataclasses.is_dataclass(current):
        return [f.name for f in dataclasses.fields(current)]
    return []


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional down to the interesting type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            dcs = [a for a in args if dataclasses.is_dataclass(a)]
            if len(args) == 1 or len(dcs) == 1:
                tp = args[0] if len(args) == 1 else dcs[0]
                continue
        return tp


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


@functools.cache
def _tag_of(cls: Any) -> str | None:
    hints = typing.get_type_hints(cls)
    args = typing.get_args(hints.get("type") or hints.get("kind"))
    return args[0] if args else None
