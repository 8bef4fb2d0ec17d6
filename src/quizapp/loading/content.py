"""Learning-module files in, validated `ContentModule`s or every located problem out.

The same pipeline as quiz files (`quizapp.loading.loader`): tomli, one pydantic
validation, then the rules that span fields, and every problem placed at its line by
`locate_keys` with the loader's own messages.
"""

from __future__ import annotations

import errno
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from quizapp.fileio import RefusedPath, TooLargeError, read_regular, reason
from quizapp.loading.catalog import quiz_files
from quizapp.loading.loader import _message, syntax_message
from quizapp.loading.locate import locate_keys, nearest
from quizapp.loading.problems import Path, Problem, field_path, sentence
from quizapp.loading.results import (
    MAX_FILE_BYTES,
    ModuleResult,
    ModuleSet,
    gc_paused,
    module_set_of,
)
from quizapp.loading.rules import Finding, check_translations
from quizapp.model.content import (
    FACT_KINDS,
    ContentModule,
    DateFact,
    ListFact,
    NameFact,
    normalize_name,
    parse_date,
)
from quizapp.model.deferred import LazyPattern, adapter
from quizapp.model.text import localize

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError


@cache
def _adapter() -> TypeAdapter[ContentModule]:
    # Built on first use, as the quiz loader's: a cached module never needs it.
    return adapter(ContentModule)


def module_files(paths: Iterable[str | FsPath]) -> list[FsPath]:
    """The module files named, with folders searched (recursively) for `*.toml`, as quiz
    files are; a missing file is kept, so loading it says "no such file" at its name."""
    return quiz_files(paths)


def load_modules(paths: Sequence[str | FsPath]) -> ModuleSet:
    """Load every module file under `paths`; module ids must be unique across them."""
    return module_set_of([load_module(p) for p in module_files(paths)])


def module_problem(name: str, path: Path, message: str) -> Problem:
    """A problem of module file `name` (read again to place it) at `path`."""
    text = read_regular(name, MAX_FILE_BYTES).decode("utf-8-sig")
    return _problem(name, locate_keys(text), path, message, {})


def load_module(path: str | FsPath) -> ModuleResult:
    """Load and validate one module file."""
    name = str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except TooLargeError:
        return _failed(name, sentence("module_too_large", n=MAX_FILE_BYTES // 2**20))
    except RefusedPath as exc:
        if exc.reason.startswith("a folder"):
            return _failed(name, sentence("module_is_folder"))
        return _failed(name, sentence("skipped", why=exc.reason))
    except FileNotFoundError:
        return _failed(name, sentence("no_such_file"))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _failed(name, sentence("link_loop"))
        return _failed(name, sentence("cannot_read", why=reason(exc)))
    return load_module_bytes(data, name)


def load_module_bytes(data: bytes, name: str = "<module>") -> ModuleResult:
    """Load and validate a module from the bytes of a TOML file called `name`."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _failed(name, sentence("module_not_utf8"), digest, line)
    return load_module_text(text, name, digest)


def load_module_text(text: str, name: str = "<module>", digest: str | None = None) -> ModuleResult:
    """Load and validate a module from TOML text."""
    import tomli
    from pydantic import ValidationError

    if digest is None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if not text.strip():
        return _failed(name, sentence("module_empty"), digest)
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

    try:
        with gc_paused():
            module = _adapter().validate_python(raw)
    except ValidationError as exc:
        positions = locate_keys(text)
        problems = _from_validation(exc, raw, positions, name)
        return ModuleResult(name, None, tuple(sorted(problems, key=_reading_order)), digest)
    except RecursionError:
        return _failed(name, sentence("nests_too_deeply"), digest)

    findings = list(check_module(module))
    if not findings:
        return ModuleResult(name, module, (), digest)
    positions = locate_keys(text)
    problems = [_problem(name, positions, path, message, raw) for path, message in findings]
    return ModuleResult(name, None, tuple(sorted(problems, key=_reading_order)), digest)


# -- rules that span fields ---------------------------------------------------------------


def check_module(module: ContentModule) -> Iterator[Finding]:
    """Every cross-field problem of one module: ids unique, facts coherent, translations."""
    info = module.module
    if len(set(info.languages)) != len(info.languages):
        yield ("module", "languages"), sentence("language_twice")
    points: dict[str, int] = {}
    facts: dict[str, tuple[int, int]] = {}
    for i, point in enumerate(module.points):
        if point.id in points:
            yield (
                ("points", i, "id"),
                sentence("point_id_used", id=point.id, n=points[point.id] + 1),
            )
        points.setdefault(point.id, i)
        for j, fact in enumerate(point.facts):
            base: Path = ("points", i, "facts", j)
            if fact.id in facts:
                first = module.points[facts[fact.id][0]].id
                yield (*base, "id"), sentence("fact_id_used", id=fact.id, point=first)
            facts.setdefault(fact.id, (i, j))
            yield from ((((*base, *p)), m) for p, m in _check_fact(fact, info.languages))
    named: dict[str, int] = {}
    for i, tag in enumerate(info.tags):
        if tag.id in named:
            yield (
                ("module", "tags", i, "id"),
                sentence("tag_id_used", id=tag.id, n=named[tag.id] + 1),
            )
        named.setdefault(tag.id, i)
    yield from check_translations(module, info.languages, "module")


def _check_fact(fact: Any, languages: list[str]) -> Iterator[Finding]:
    if isinstance(fact, DateFact) and fact.until is not None:
        start, end = parse_date(fact.value), parse_date(fact.until)
        if [x is None for x in start] != [x is None for x in end]:
            yield ("until",), sentence("range_precision")
        elif tuple(x or 0 for x in end) <= tuple(x or 0 for x in start):
            yield ("until",), sentence("range_order")
    elif isinstance(fact, ListFact):
        items = [_keys(t, languages) for t in fact.items]
        for i, key in enumerate(items):
            if key & set().union(*items[:i]):
                yield ("items", i), sentence("item_twice")
        for i, text in enumerate(fact.distractors):
            if _keys(text, languages) & set().union(*items):
                yield ("distractors", i), sentence("distractor_is_item")
    elif isinstance(fact, NameFact):
        seen: list[str] = []
        for i, alias in enumerate(fact.aliases):
            if normalize_name(alias) in seen:
                yield ("aliases", i), sentence("alias_twice")
            seen.append(normalize_name(alias))


def _keys(text: Any, languages: list[str]) -> set[tuple[str, str]]:
    return {(lang, normalize_name(localize(text, lang))) for lang in languages}


# -- from pydantic errors to problems ---------------------------------------------------


def _from_validation(
    exc: ValidationError, raw: Any, positions: dict[Path, tuple[int, int]], name: str
) -> list[Problem]:
    found: list[Problem] = []
    seen: set[tuple[Path, str]] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        path = _strip_kind(loc)
        message: str
        if error["type"] == "union_tag_not_found":
            message = sentence("fact_needs_kind", kinds=", ".join(FACT_KINDS))
        elif error["type"] == "union_tag_invalid":
            path = (*path, "kind")
            tag = (error.get("ctx") or {}).get("tag", "")
            message = sentence("not_a_fact_kind", tag=tag, kinds=", ".join(FACT_KINDS))
        else:
            message = _message(error, loc, ContentModule)
            if loc == ("module",) and error["type"] in ("missing", "missing_argument"):
                message = sentence("module_missing")
        if (path, message) not in seen:
            seen.add((path, message))
            found.append(_problem(name, positions, path, message, raw))
    return found


def _strip_kind(loc: tuple[Any, ...]) -> Path:
    """Drop the discriminator tag pydantic puts after a fact's index."""
    if len(loc) > 4 and loc[0] == "points" and loc[2] == "facts" and loc[4] in FACT_KINDS:
        return (*loc[:4], *loc[5:])
    return loc


def _problem(
    name: str, positions: dict[Path, tuple[int, int]], path: Path, message: str, raw: Any
) -> Problem:
    position, _ = nearest(positions, path)
    line, column = position if position else (None, None)
    field = field_path(path) or None
    point_id = _point_id(raw, path)
    if point_id and field:
        # "points[4].facts[2].value" alone makes an author count tables; name the point.
        message = sentence("in_point", point=point_id, message=message)
    return Problem(name, message, line, column, field=field)


def _point_id(raw: Any, path: Path) -> str | None:
    if len(path) < 2 or path[0] != "points" or not isinstance(path[1], int):
        return None
    try:
        pid = raw["points"][path[1]]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return pid if isinstance(pid, str) and len(pid) <= 100 else None


def _reading_order(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


def _failed(
    name: str,
    message: str,
    digest: str = "",
    line: int | None = None,
    column: int | None = None,
) -> ModuleResult:
    return ModuleResult(name, None, (Problem(name, message, line, column),), digest)


_MODULE_HEADER = LazyPattern(rb"^[ \t]*\[[ \t]*module[ \t]*\]", re.MULTILINE)
_QUIZ_HEADER = LazyPattern(rb"^[ \t]*\[[ \t]*quiz[ \t]*\]", re.MULTILINE)


def is_module_file(path: str | FsPath) -> bool:
    """True when the file has a `[module]` table and no `[quiz]` one: a learning module.

    A look at the headers, not a parse: `quizapp validate` asks this of every file, and
    parsing a large quiz bank twice would double its time.
    """
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except OSError:
        return False  # loaded as a quiz file, which says why it cannot be read
    return bool(_MODULE_HEADER.search(data)) and not _QUIZ_HEADER.search(data)
