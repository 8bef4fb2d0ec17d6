"""Pydantic models of the file formats. Pure data: never imports textual.

The names below are imported on first use: `quizapp.model.terminal`, which the app needs
before its first frame, is in this package, and importing it must not build every model
class (a tenth of what the app imports beyond Textual).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.model.content import ContentModule, KeyPoint
    from quizapp.model.quiz import (
        QUESTION_TYPES,
        AcceptedText,
        Choice,
        GradeBand,
        Include,
        MatchingQuestion,
        MultipleQuestion,
        NumericQuestion,
        NumericValue,
        OrderingQuestion,
        Pair,
        Question,
        Quiz,
        QuizInfo,
        ShortAnswerQuestion,
        SingleQuestion,
        Tolerance,
        TrueFalseQuestion,
        choice_weights,
    )
    from quizapp.model.text import Text, localize

__all__ = [
    "QUESTION_TYPES",
    "AcceptedText",
    "Choice",
    "ContentModule",
    "GradeBand",
    "Include",
    "KeyPoint",
    "MatchingQuestion",
    "MultipleQuestion",
    "NumericQuestion",
    "NumericValue",
    "OrderingQuestion",
    "Pair",
    "Question",
    "Quiz",
    "QuizInfo",
    "ShortAnswerQuestion",
    "SingleQuestion",
    "Text",
    "Tolerance",
    "TrueFalseQuestion",
    "choice_weights",
    "localize",
]

_MODULE_OF = {
    **dict.fromkeys(("ContentModule", "KeyPoint"), "content"),
    **dict.fromkeys(("Text", "localize"), "text"),
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{_MODULE_OF.get(name, 'quiz')}")
    value = getattr(module, name)
    globals()[name] = value
    return value
