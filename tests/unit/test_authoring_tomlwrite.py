"""The TOML writer: whatever it writes, tomli reads back exactly."""

from __future__ import annotations

import math

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from quizapp.authoring.tomlwrite import dumps_quiz, string, table_body, value

# Any text a quiz author could type, including control characters and astral Unicode
# (surrogates cannot be encoded as UTF-8, so no file can hold them).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


@given(TEXT)
def test_basic_string_round_trips(text: str) -> None:
    assert tomli.loads(f"x = {string(text)}")["x"] == text


@given(TEXT)
def test_multiline_string_round_trips(text: str) -> None:
    assert tomli.loads(f"x = {string(text, multiline=True)}")["x"] == text


@given(st.dictionaries(TEXT, TEXT, min_size=1, max_size=4))
def test_translation_tables_and_odd_keys_round_trip(table: dict[str, str]) -> None:
    assert tomli.loads(f"x = {value(table)}")["x"] == table


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_round_trip_as_floats(number: float) -> None:
    read = tomli.loads(f"x = {value(number)}")["x"]
    assert isinstance(read, float) and read == number


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        value(math.inf)


def test_multiline_text_is_written_as_a_multiline_string() -> None:
    lines = table_body({"prompt": 'Line one\nsays "hi" \\ bye\n'})
    assert lines[0].startswith('prompt = """')
    assert tomli.loads("\n".join(lines))["prompt"] == 'Line one\nsays "hi" \\ bye\n'


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
                "prompt": TEXT,
                "choices": st.lists(
                    st.fixed_dictionaries({"text": TEXT, "correct": st.booleans()}),
                    min_size=1,
                    max_size=3,
                ),
                "tags": st.lists(TEXT, max_size=2),
            }
        ),
        max_size=3,
    )
)
def test_whole_quiz_documents_round_trip(questions: list[dict]) -> None:
    quiz = {"id": "q", "title": "T\nwo", "feedback": [{"min": 0.5, "text": "ok"}]}
    data = tomli.loads(dumps_quiz(quiz, questions, header=["#:schema ./x.json", "hello"]))
    assert data["quiz"] == quiz
    assert data.get("questions", []) == questions
