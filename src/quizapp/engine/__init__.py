"""Attempts, modes, scoring and number reading: pure Python, shared by every front end.

Never imports textual. See docs/engine.md for the rules in a trainer's words.
"""

from quizapp.engine.attempt import (
    MAX_TRIES,
    MODES,
    RETRY_PENALTY,
    Answered,
    Attempt,
    AttemptError,
    Slot,
    TimeUp,
    resume_attempt,
    start_attempt,
    start_review,
)
from quizapp.engine.numbers import NotANumber, Number, format_number, parse_number
from quizapp.engine.recording import (
    AnswerRecord,
    AttemptResult,
    AttemptStarted,
    MemoryRecorder,
    NullRecorder,
    QuestionResult,
    Recorder,
)
from quizapp.engine.scoring import Grade, Unreadable, grade, right_answer
from quizapp.model.answers import normalize_answer

__all__ = [
    "MAX_TRIES",
    "MODES",
    "RETRY_PENALTY",
    "AnswerRecord",
    "Answered",
    "Attempt",
    "AttemptError",
    "AttemptResult",
    "AttemptStarted",
    "Grade",
    "MemoryRecorder",
    "NotANumber",
    "NullRecorder",
    "Number",
    "QuestionResult",
    "Recorder",
    "Slot",
    "TimeUp",
    "Unreadable",
    "format_number",
    "grade",
    "normalize_answer",
    "parse_number",
    "resume_attempt",
    "right_answer",
    "start_attempt",
    "start_review",
]
