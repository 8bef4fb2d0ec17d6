"""What loading a file gives (`LoadResult`, `ModuleResult`) and the set modules make.

Kept apart from the loaders: a warm start reads these back from the catalog cache and
needs neither the TOML parser's helpers nor the rules, only the models and these types.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path as FsPath

from quizapp.loading.problems import Problem, sentence
from quizapp.model.content import ContentModule
from quizapp.model.deferred import dataclass as frozen_dataclass
from quizapp.model.quiz import Quiz

MAX_FILE_BYTES = 16 * 1024 * 1024
"""A quiz or module file larger than this is refused unread."""


@frozen_dataclass(frozen=True, slots=True)
class LoadResult:
    """A quiz file after loading: the quiz when it is valid, and every problem found."""

    path: str
    quiz: Quiz | None
    problems: tuple[Problem, ...]
    sha256: str
    """Hash of the file's bytes: which version of the quiz a score belongs to."""

    @property
    def ok(self) -> bool:
        return self.quiz is not None and not any(p.severity == "error" for p in self.problems)


@frozen_dataclass(frozen=True, slots=True)
class ModuleResult:
    """A module file after loading: the module when it is valid, and every problem found."""

    path: str
    module: ContentModule | None
    problems: tuple[Problem, ...]
    sha256: str

    @property
    def ok(self) -> bool:
        return self.module is not None and not any(p.severity == "error" for p in self.problems)


@dataclasses.dataclass(slots=True)
class ModuleSet:
    """Every module found, by id, and every problem found on the way."""

    results: list[ModuleResult]
    modules: dict[str, ContentModule]
    paths: dict[str, FsPath]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def module_set_of(results: list[ModuleResult]) -> ModuleSet:
    """The modules of loaded module files (read now or taken from the cache)."""
    modules: dict[str, ContentModule] = {}
    where: dict[str, FsPath] = {}
    problems: list[Problem] = []
    for result in results:
        problems.extend(result.problems)
        module = result.module
        if module is None:
            continue
        if module.id in modules:
            from quizapp.loading.content import module_problem

            problems.append(
                module_problem(
                    result.path,
                    ("module", "id"),
                    sentence("module_id_used", id=module.id, path=str(where[module.id])),
                )
            )
            continue
        modules[module.id] = module
        where[module.id] = FsPath(result.path)
    return ModuleSet(results, modules, where, problems)


_BULK = 10_000
"""Objects made while paused above which they go straight to the oldest generation."""


@contextmanager
def gc_paused() -> Iterator[None]:
    # Parsing and validation allocate many small objects that all live on and form no
    # cycles; letting the cyclic collector walk them again and again while they are being
    # built costs more than the validation itself.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _promote_if_bulk()
            gc.enable()


def _promote_if_bulk() -> None:
    """Move a large batch of new objects into the oldest generation without a pass.

    Re-enabled, the collector would walk every object of a loaded bank in the youngest
    generation, then again in the middle one, only to find they all live on: a
    quarter of the cost of validating them. freeze() then unfreeze() moves every
    tracked object to the oldest generation in constant time. It also ages the
    caller's young objects early, so it is done only for bulk loads, and never when
    the caller keeps objects frozen (unfreeze would release theirs).
    """
    if gc.get_count()[0] > _BULK and gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
