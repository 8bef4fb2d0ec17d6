"""The models without pydantic until something validates: frozen, comparable, hashable
and picklable like stdlib frozen dataclasses, and built the same by the loader."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys

import pytest

from quizapp.loading import load_quiz_text
from quizapp.model import deferred
from quizapp.model.deferred import dataclass as frozen_dataclass
from quizapp.model.quiz import Choice, NumericValue, Tolerance

QUIZ = """
[quiz]
id = "q"
title = "Q"

[[questions]]
id = "one"
type = "single"
prompt = "Pick"
choices = [{ text = "a", correct = true }, { text = "b" }]

[[questions]]
id = "two"
type = "numeric"
prompt = "How many?"
answer = 12
tolerance = "5%"
"""


def test_importing_the_models_loads_no_pydantic() -> None:
    code = (
        "import sys, quizapp.model, quizapp.loading.cache\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_models_are_frozen_like_stdlib_frozen_dataclasses() -> None:
    quiz = load_quiz_text(QUIZ).quiz
    assert quiz is not None
    question = quiz.questions[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.id = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del question.prompt  # type: ignore[misc]
    assert dataclasses.is_dataclass(question)
    assert [f.name for f in dataclasses.fields(Choice)] == ["text", "correct", "weight", "feedback"]


def test_equality_hash_repr_and_construction() -> None:
    assert Tolerance() == Tolerance(0.0, False)
    assert Tolerance(0.05, True) != Tolerance(0.05, False)
    assert Tolerance(0.05, True) != (0.05, True)
    assert hash(Tolerance(0.05, True)) == hash(Tolerance(0.05, True))
    assert repr(Tolerance(0.05, True)) == "Tolerance(value=0.05, relative=True)"
    value = NumericValue(value=3.0)
    assert value.tolerance == Tolerance() and value.weight == 1.0 and value.feedback is None
    assert dataclasses.replace(value, weight=0.5).weight == 0.5
    with pytest.raises(TypeError, match="missing required argument 'value'"):
        NumericValue()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        Choice("a", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="multiple values"):
        Choice("a", text="b")  # type: ignore[misc]
    with pytest.raises(TypeError, match="positional arguments"):
        Tolerance(1.0, True, "x")  # type: ignore[call-arg]
    # kw_only fields (every question's) are keyword-only, as the stdlib makes them.
    quiz = load_quiz_text(QUIZ).quiz
    assert quiz is not None
    single = quiz.questions[0]
    rebuilt = type(single)(**{f.name: getattr(single, f.name) for f in dataclasses.fields(single)})
    assert rebuilt == single
    with pytest.raises(TypeError):
        type(single)("one", "Pick")


def test_a_loaded_quiz_pickles_back_equal() -> None:
    quiz = load_quiz_text(QUIZ).quiz
    assert quiz is not None
    back = pickle.loads(pickle.dumps(quiz, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == quiz
    assert back.questions[1].tolerance == Tolerance(0.05, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.questions[1].answer = 3  # type: ignore[misc]


def test_reading_state_back_checks_the_number_of_fields() -> None:
    # A class of its own, so that its count of objects read back starts here: the loop
    # reads the first ones, then the compiled run takes over; both check the count.
    @frozen_dataclass(frozen=True, slots=True)
    class Pair:
        a: float
        b: bool

    first_reader = Pair.__setstate__
    for n in range(deferred._COMPILE_AFTER + 3):
        pair = object.__new__(Pair)
        with pytest.raises(ValueError, match="expected 2 fields, got 1"):
            pair.__setstate__((0.1,))
        with pytest.raises(ValueError, match="expected 2 fields, got 3"):
            pair.__setstate__((0.1, True, None))
        pair.__setstate__((0.1, n % 2 == 0))
        assert pair == Pair(0.1, n % 2 == 0)
        with pytest.raises(dataclasses.FrozenInstanceError):
            pair.a = 0.2  # type: ignore[misc]
    assert Pair.__setstate__ is not first_reader  # compiled once enough were read
