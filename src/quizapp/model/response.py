"""What a learner answered, per question type: the contract between front ends, the
engine and the score store.

Every response is plain JSON data and refers to the quiz file's own (authored) order,
so shuffling choices for display never changes what is stored or how it is graded.
"""

from __future__ import annotations

from typing import TypeAlias

SingleResponse: TypeAlias = int
"""`single`: the index of the chosen choice in the file's order."""

MultipleResponse: TypeAlias = list[int]
"""`multiple`: the indexes of the chosen choices in the file's order, ascending."""

TrueFalseResponse: TypeAlias = bool
"""`true_false`: the learner's true or false."""

ShortAnswerResponse: TypeAlias = str
"""`short_answer`: the text as typed."""

NumericResponse: TypeAlias = str
"""`numeric`: the text as typed (`14,7 triliun`); the engine parses it."""

OrderingResponse: TypeAlias = list[int]
"""`ordering`: the file's item indexes, in the order the learner put them."""

MatchingResponse: TypeAlias = list[int | None]
"""`matching`: for each pair's left item (file order), the index of the right item chosen,
counting the pairs' right items in file order then the distractors; None if unmatched."""

Response: TypeAlias = (
    SingleResponse
    | MultipleResponse
    | TrueFalseResponse
    | ShortAnswerResponse
    | OrderingResponse
    | MatchingResponse
)
"""Any response; which one is fixed by the question's type. None means not answered."""
