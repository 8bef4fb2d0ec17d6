"""Every question example in docs/format.md is a valid question, so the reference stays true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.loading import load_quiz_text

DOC = Path(__file__).parents[2] / "docs" / "format.md"
BLOCKS = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
QUESTIONS = [b for b in BLOCKS if "[[questions]]" in b]
HEADER = '[quiz]\nid = "doc"\ntitle = "Doc"\nlanguages = ["id", "en"]\n\n'


def test_every_question_type_has_an_example():
    types = {re.search(r'type = "(\w+)"', b).group(1) for b in QUESTIONS}
    assert types == {
        "single",
        "multiple",
        "true_false",
        "short_answer",
        "numeric",
        "ordering",
        "matching",
    }


@pytest.mark.parametrize("block", QUESTIONS, ids=lambda b: re.search(r'id = "([\w-]+)"', b)[1])
def test_question_example_validates(block: str):
    result = load_quiz_text(HEADER + block, "format.md")
    assert result.ok, [str(p) for p in result.problems]


def test_grade_bands_example_validates():
    (bands,) = [b for b in BLOCKS if "[[quiz.feedback]]" in b]
    question = '\n[[questions]]\nid = "q"\ntype = "true_false"\nprompt = "p"\nanswer = true\n'
    result = load_quiz_text(HEADER + bands + question, "format.md")
    assert result.ok, [str(p) for p in result.problems]
