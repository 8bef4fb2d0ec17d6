"""The SQLite score store: learners, attempts, answers, review cards, history.

Uses the standard library's sqlite3 and never imports textual. Nothing is opened at
import: a `Store` is made with the database's path (`locations.database_path(...)`).
"""

from quizapp.store.errors import StoreCorrupt, StoreError, StoreTooNew, move_aside
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
from quizapp.store.store import REVIEW_QUIZ_ID, Clock, Store

__all__ = [
    "ATTEMPT_STATUSES",
    "FINISHED_STATUSES",
    "REVIEW_QUIZ_ID",
    "SCHEMA_VERSION",
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
    "StoreCorrupt",
    "StoreError",
    "StoreTooNew",
    "TagAccuracy",
    "move_aside",
    "rating_for",
]
