"""TOML in, validated models or located problems out. Never imports textual.

The names below are imported on first use: a warm start reads the catalog back from
its cache (`quizapp.loading.cache`) and needs none of the loaders, only the models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.loading.catalog import (
        Catalog,
        PoolEntry,
        check_sources,
        load_catalog,
        quiz_files,
    )
    from quizapp.loading.content import load_module, load_modules
    from quizapp.loading.loader import (
        QuizFileError,
        load_quiz,
        load_quiz_bytes,
        load_quiz_or_raise,
        load_quiz_text,
    )
    from quizapp.loading.problems import Problem
    from quizapp.loading.results import MAX_FILE_BYTES, LoadResult, ModuleResult, ModuleSet

_HOME = {
    "MAX_FILE_BYTES": "results",
    "Catalog": "catalog",
    "LoadResult": "results",
    "ModuleResult": "results",
    "ModuleSet": "results",
    "PoolEntry": "catalog",
    "Problem": "problems",
    "QuizFileError": "loader",
    "check_sources": "catalog",
    "load_catalog": "catalog",
    "load_module": "content",
    "load_modules": "content",
    "load_quiz": "loader",
    "load_quiz_bytes": "loader",
    "load_quiz_or_raise": "loader",
    "load_quiz_text": "loader",
    "quiz_files": "catalog",
}

__all__ = [
    "MAX_FILE_BYTES",
    "Catalog",
    "LoadResult",
    "ModuleResult",
    "ModuleSet",
    "PoolEntry",
    "Problem",
    "QuizFileError",
    "check_sources",
    "load_catalog",
    "load_module",
    "load_modules",
    "load_quiz",
    "load_quiz_bytes",
    "load_quiz_or_raise",
    "load_quiz_text",
    "quiz_files",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
