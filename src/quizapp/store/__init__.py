"""The score store: learners, attempts, answers, review cards, history.

Two backends behind one interface: the embedded SQLite file (the default, the standard
library's sqlite3) and a PostgreSQL server (psycopg 3, imported only when a
`postgresql://` URL is opened). Never imports textual. Nothing is opened at import:
`open_store(target)` opens either (a path or nothing: the SQLite file; a URL: the
server), and `Store(path)` the SQLite file directly.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from quizapp.locations import is_postgres_url as is_database_url
from quizapp.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    move_aside,
)
from quizapp.store.records import (
    ATTEMPT_STATUSES,
    FINISHED_STATUSES,
    Answer,
    Attempt,
    AttemptStatus,
    Learner,
    QuestionAccuracy,
    QuizSummary,
    QuizVersion,
    Resumption,
    ReviewCard,
    ScoreHistory,
    ScorePoint,
    TagAccuracy,
)
from quizapp.store.review import rating_for
from quizapp.store.schema import SCHEMA_VERSION
from quizapp.store.store import (
    COPY_TABLES,
    REVIEW_QUIZ_ID,
    TABLE_KEYS,
    Clock,
    Store,
    StoreCheck,
)

__all__ = [
    "ATTEMPT_STATUSES",
    "COPY_TABLES",
    "FINISHED_STATUSES",
    "REVIEW_QUIZ_ID",
    "SCHEMA_VERSION",
    "TABLE_KEYS",
    "Answer",
    "Attempt",
    "AttemptStatus",
    "Clock",
    "Learner",
    "QuestionAccuracy",
    "QuizSummary",
    "QuizVersion",
    "Resumption",
    "ReviewCard",
    "ScoreHistory",
    "ScorePoint",
    "Store",
    "StoreCheck",
    "StoreCorrupt",
    "StoreError",
    "StoreTooNew",
    "TagAccuracy",
    "is_database_url",
    "move_aside",
    "open_store",
    "rating_for",
]


def open_store(
    target: str | os.PathLike[str] | None = None,
    *,
    clock: Clock | None = None,
    scheduler: Any | None = None,
    lease_timeout: timedelta | None = None,
    **options: Any,
) -> Store:
    """The score store at `target`: a `postgresql://` (or `postgres://`) URL opens that
    database on its server (`PgStore`); a path opens that SQLite file; nothing opens the
    SQLite file of the data folder (`locations.database_path()`). Raises `StoreError`s
    (`StoreCorrupt`, `StoreTooNew`, ...) in one sentence either way."""
    if lease_timeout is not None:
        options["lease_timeout"] = lease_timeout
    if is_database_url(target):
        from quizapp.store.postgres import PgStore  # psycopg only for a server

        return PgStore(str(target), clock=clock, scheduler=scheduler, **options)
    if target is None:
        from quizapp.locations import database_path

        target = database_path()
    return Store(target, clock=clock, scheduler=scheduler, **options)
