"""Mutated quiz files: the loader only ever returns models or its own problem list."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.loading import LoadResult, load_quiz_bytes
from quizapp.locations import bundled_quizzes_dir

SEED = (bundled_quizzes_dir() / "tour.toml").read_bytes()
TOKENS = [
    b"[",
    b"]",
    b"{",
    b"}",
    b'"',
    b"'",
    b"=",
    b",",
    b"\n",
    b"#",
    b"[[",
    b"]]",
    b"\\",
    b"true",
    b"1e999",
    b"nan",
    b"-",
    b".",
    b"\xff",
    b"\x00",
    b'"""',
    b"type",
    b"id",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate_line"]))
        at = draw(st.integers(0, len(data)))
        if op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(max_size=8))
        elif op == "replace":
            data[at : at + 1] = draw(st.sampled_from(TOKENS))
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_give_models_or_located_problems(data: bytes):
    result = load_quiz_bytes(data, "mutant.toml")
    assert isinstance(result, LoadResult)
    if result.quiz is None:
        assert result.problems
    for problem in result.problems:
        assert problem.message and "\n" not in str(problem)
        assert str(problem).startswith("mutant.toml")
        if problem.line is not None:
            assert 1 <= problem.line <= data.count(b"\n") + 1
