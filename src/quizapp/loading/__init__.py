"""TOML in, validated models or located problems out. Never imports textual."""

from quizapp.loading.catalog import Catalog, PoolEntry, load_catalog, quiz_files
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
    "PoolEntry",
    "Problem",
    "QuizFileError",
    "load_catalog",
    "load_quiz",
    "load_quiz_bytes",
    "load_quiz_or_raise",
    "load_quiz_text",
    "quiz_files",
]
