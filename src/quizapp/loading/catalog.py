"""A set of quiz files loaded together: ids unique across them, includes resolved."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from quizapp.loading.problems import Problem, field_path, sentence
from quizapp.loading.results import MAX_FILE_BYTES, LoadResult
from quizapp.model.content import ContentModule
from quizapp.model.deferred import dataclass as frozen_dataclass
from quizapp.model.quiz import Question, Quiz

QUIZ_SUFFIX = ".toml"


def quiz_files(paths: Iterable[str | Path]) -> list[Path]:
    """The quiz files named, with folders searched (recursively) for `*.toml`."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            # Not only regular files: a named pipe, a device or a loop of links called
            # *.toml is kept, so loading it says in one line why it was skipped.
            found.extend(sorted(p for p in path.rglob(f"*{QUIZ_SUFFIX}") if not p.is_dir()))
        else:
            found.append(path)
    return found


@frozen_dataclass(frozen=True, slots=True)
class PoolEntry:
    """A question as it sits in a quiz's pool: its own, or included from another quiz."""

    key: str
    """Unique within the pool: the question id, or `other-quiz/id` when included."""
    quiz_id: str
    """The quiz the question is written in."""
    question: Question


@dataclasses.dataclass(slots=True)
class Catalog:
    """Every quiz found, by id, and every problem found on the way."""

    results: list[LoadResult]
    quizzes: dict[str, Quiz]
    paths: dict[str, Path]
    hashes: dict[str, str]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def get(self, quiz_id: str) -> Quiz | None:
        return self.quizzes.get(quiz_id)

    def pool(self, quiz_id: str) -> list[PoolEntry]:
        """The quiz's own questions, then those of every include (filtered by its tags)."""
        quiz = self.quizzes[quiz_id]
        entries = [PoolEntry(q.id, quiz_id, q) for q in quiz.questions]
        for inc in quiz.quiz.include:
            other = self.quizzes.get(inc.quiz)
            if other is None:
                continue
            for q in other.questions:
                if inc.tags and not set(inc.tags) & set(q.tags):
                    continue
                entries.append(PoolEntry(f"{inc.quiz}/{q.id}", inc.quiz, q))
        return entries


def load_catalog(paths: Sequence[str | Path]) -> Catalog:
    """Load every quiz file under `paths` and check what spans files."""
    from quizapp.loading.loader import load_quiz

    return catalog_of([load_quiz(p) for p in quiz_files(paths)])


def catalog_of(results: list[LoadResult]) -> Catalog:
    """The catalog of loaded quiz files (read now or taken from the cache), with what
    spans files checked."""
    quizzes: dict[str, Quiz] = {}
    where: dict[str, Path] = {}
    hashes: dict[str, str] = {}
    problems: list[Problem] = []
    for result in results:
        problems.extend(result.problems)
        quiz = result.quiz
        if quiz is None:
            continue
        if quiz.id in quizzes:
            problems.append(
                _at(
                    result.path,
                    ("quiz", "id"),
                    sentence("quiz_id_used", id=quiz.id, path=str(where[quiz.id])),
                )
            )
            continue
        quizzes[quiz.id] = quiz
        where[quiz.id] = Path(result.path)
        hashes[quiz.id] = result.sha256
    catalog = Catalog(results, quizzes, where, hashes, problems)
    for quiz_id, quiz in quizzes.items():
        problems.extend(_check_includes(catalog, quiz_id, quiz))
    return catalog


def _check_includes(catalog: Catalog, quiz_id: str, quiz: Quiz) -> list[Problem]:
    found: list[Problem] = []
    path = str(catalog.paths[quiz_id])
    for i, inc in enumerate(quiz.quiz.include):
        other = catalog.quizzes.get(inc.quiz)
        if other is None:
            found.append(
                _at(
                    path,
                    ("quiz", "include", i, "quiz"),
                    sentence("no_such_quiz", quiz=inc.quiz),
                )
            )
            continue
        if other.quiz.include:
            found.append(
                _at(
                    path,
                    ("quiz", "include", i, "quiz"),
                    sentence("includes_includer", quiz=inc.quiz),
                )
            )
        matching = [q for q in other.questions if not inc.tags or set(inc.tags) & set(q.tags)]
        if not matching:
            found.append(
                _at(
                    path,
                    ("quiz", "include", i),
                    sentence("no_tagged_question", quiz=inc.quiz, tags=", ".join(inc.tags)),
                )
            )
        elif inc.draw is not None and inc.draw > len(matching):
            found.append(
                _at(
                    path,
                    ("quiz", "include", i, "draw"),
                    sentence("draw_offers", draw=inc.draw, quiz=inc.quiz, n=len(matching)),
                )
            )
    pool = catalog.pool(quiz_id) if not found else []
    if quiz.quiz.draw is not None and pool and quiz.quiz.draw > len(pool):
        found.append(
            _at(
                path,
                ("quiz", "draw"),
                sentence("draw_pool", draw=quiz.quiz.draw, n=len(pool)),
            )
        )
    return found


def _at(file: str, path: tuple[str | int, ...], message: str) -> Problem:
    # Imported here, as in `_Positions`: a catalog with nothing to place (every warm
    # start's, read back from the cache) never needs the file reader or the locator.
    from quizapp.fileio import read_regular
    from quizapp.loading.locate import locate_keys, nearest

    try:
        text = read_regular(file, MAX_FILE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    position, _ = nearest(locate_keys(text), path)
    line, column = position if position else (None, None)
    return Problem(file, message, line, column, field=field_path(path))


def check_sources(catalog: Catalog, modules: Mapping[str, ContentModule]) -> list[Problem]:
    """Each quiz's `[quiz] module` and every question's `source = "module#point"` name a
    loaded module (and the source one of its points).

    A question citing another loaded module than its quiz's is a warning, not an error:
    the quiz works, but it is listed and ordered under its own module and the lesson key
    opens that module, so the mismatch is most likely a copied question or a typo.
    """
    found: list[Problem] = []
    for quiz_id, quiz in catalog.quizzes.items():
        path = str(catalog.paths[quiz_id])
        located = _Positions(path)
        own = quiz.quiz.module
        if own is not None and own not in modules:
            line, column = located.at(("quiz", "module"))
            message = _no_module(own, modules)
            found.append(Problem(path, message, line, column, field="quiz.module"))
        for i, question in enumerate(quiz.questions):
            if question.source is None:
                continue
            module_id, _, point_id = question.source.partition("#")
            module = modules.get(module_id)
            severity: Literal["error", "warning"] = "error"
            if module is None:
                message = _no_module(module_id, modules)
            elif module.point(point_id) is None:
                import difflib

                close = difflib.get_close_matches(point_id, [p.id for p in module.points], n=1)
                message = (
                    sentence("no_point_meant", module=module_id, point=point_id, meant=close[0])
                    if close
                    else sentence("no_point", module=module_id, point=point_id)
                )
            elif own is not None and module_id != own and own in modules:
                severity = "warning"
                message = sentence("cites_other_module", module=module_id, own=own)
            else:
                continue
            line, column = located.at(("questions", i, "source"))
            found.append(
                Problem(
                    path, message, line, column, i + 1, question.id, "source", severity=severity
                )
            )
    return found


def _no_module(module_id: str, modules: Mapping[str, ContentModule]) -> str:
    import difflib

    close = difflib.get_close_matches(module_id, list(modules), n=1)
    if close:
        return sentence("no_module_meant", module=module_id, meant=close[0])
    if not modules:
        return sentence("no_module_none", module=module_id)
    return sentence("no_module", module=module_id, known=", ".join(sorted(modules)))


class _Positions:
    """Where keys are in one file, read only when there is something to place."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions: dict[tuple[str | int, ...], tuple[int, int]] | None = None

    def at(self, key: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        from quizapp.loading.locate import locate_keys, nearest

        if self.positions is None:
            from quizapp.fileio import read_regular

            try:
                data = read_regular(self.path, MAX_FILE_BYTES).decode("utf-8-sig")
                self.positions = locate_keys(data)
            except (OSError, UnicodeDecodeError):
                self.positions = {}
        position, _ = nearest(self.positions, key)
        return position if position else (None, None)
