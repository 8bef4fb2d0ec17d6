"""TOML in, validated models or located problems out. Never imports textual."""

from quizapp.loading.catalog import Catalog, PoolEntry, check_sources, load_catalog, quiz_files
from quizapp.loading.content import ModuleResult, ModuleSet, load_module, load_modules
from quizapp.loading.loader import (
    MAX_FILE_BYTES,
    LoadResult,
    QuizFileError,
    load_quiz,
    load_quiz_bytes,
    load_quiz_or_raise,
    load_quiz_text,
)
from quizapp.loading.problems import Problem

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
