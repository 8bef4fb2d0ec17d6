"""The number box's format examples are never a value a loaded question accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizapp import locations
from quizapp.engine import Grade, NotANumber, Number, grade, parse_number
from quizapp.engine.examples import number_examples
from quizapp.loading import load_catalog

DATA = Path(__file__).parent.parent / "data" / "tui"


def _questions(paths: list[Path]) -> list[Any]:
    catalog = load_catalog(paths)
    return [q for quiz in catalog.quizzes.values() for q in quiz.questions]


def _accepted_by(question: Any, text: str, lang: str) -> bool:
    """Whether `question` takes `text` (or the number it reads as) as right, in part."""
    if question.type in ("numeric", "short_answer"):
        graded = grade(question, text)
        return isinstance(graded, Grade) and graded.credit > 0
    if question.type in ("single", "multiple"):
        read = parse_number(text, convention=lang)
        for choice in question.choices:
            if not choice.correct:
                continue
            for choice_lang in ("id", "en"):
                from quizapp.model import localize

                written = parse_number(localize(choice.text, choice_lang), convention=choice_lang)
                both = isinstance(written, Number) and isinstance(read, Number)
                if both and abs(written.value - read.value) < 1e-9:
                    return True
    return False


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_bundled_or_generated_answer_is_an_example(lang: str) -> None:
    # The bundled banks, generated ones included, and the test quizzes.
    questions = _questions([locations.bundled_quizzes_dir(), DATA])
    assert any(q.type == "numeric" for q in questions)
    examples = number_examples(questions, lang)
    assert len(examples) == 5
    leaks = [(e, q.id) for e in examples for q in questions if _accepted_by(q, e, lang)]
    assert leaks == []
    for example in examples:
        assert isinstance(parse_number(example, convention=lang), Number), example


def test_the_old_examples_would_have_leaked() -> None:
    # What the hint said before: 147 is the tour's answer. The check above catches it.
    questions = _questions([DATA])
    assert any(_accepted_by(q, "147", "en") for q in questions)


def test_an_answer_equal_to_an_example_moves_the_example(tmp_path: Path) -> None:
    quiz = tmp_path / "q.toml"
    quiz.write_text(
        '[quiz]\nid = "q"\ntitle = "Q"\n\n'
        '[[questions]]\nid = "a"\ntype = "numeric"\nprompt = "?"\nanswer = 213\n\n'
        '[[questions]]\nid = "b"\ntype = "numeric"\nprompt = "?"\nanswer = 3.25e12\n\n'
        '[[questions]]\nid = "c"\ntype = "short_answer"\nprompt = "?"\nanswers = ["42 juta"]\n',
        encoding="utf-8",
    )
    questions = _questions([quiz])
    plain = number_examples([], "id")
    moved = number_examples(questions, "id")
    assert plain[0] == "213" and moved[0] != "213"
    assert plain[1] == "3,25 triliun" and moved[1] != "3,25 triliun"
    assert plain[3] == "42 juta" and moved[3] != "42 juta"
    for example in moved:
        assert not any(_accepted_by(q, example, "id") for q in questions)


def test_unreadable_number_messages_use_the_examples() -> None:
    read = parse_number("lima belas")
    assert isinstance(read, NotANumber)
    message = read.message("id", ["213", "3,25 triliun", "Rp8,35 miliar", "42 juta", "9,15k"])
    assert "14,7" not in message and "147" not in message
    unknown = parse_number("5 zillion")
    assert isinstance(unknown, NotANumber)
    said = unknown.message("en", ["213", "3.25 trillion", "Rp8.35 billion", "42 million", "9k"])
    assert "3.25 trillion / 42 million" in said and "550" not in said
