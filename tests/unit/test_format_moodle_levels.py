"""The format for authors coming from Moodle (a positive weight makes a right choice),
the `level` field, and numbers written as the content writes them."""

from __future__ import annotations

import pytest

from quizapp.engine.numbers import format_with_unit, unit_goes_first
from quizapp.engine.scoring import grade
from quizapp.loading import load_quiz_text

MOODLE = """
[quiz]
id = "m"
title = "M"
languages = ["en"]

[[questions]]
id = "colours"
type = "multiple"
prompt = "Which two are primary colours of light?"
level = "remember"
choices = [
  { text = "red", weight = 0.5 },
  { text = "green", weight = 0.5 },
  { text = "brown", weight = -1.0 },
]
"""


def test_a_positive_weight_makes_a_right_choice_on_a_multiple_question() -> None:
    result = load_quiz_text(MOODLE)
    assert result.ok, [str(p) for p in result.problems]
    q = result.quiz.questions[0]
    assert [c.correct for c in q.choices] == [True, True, False]
    assert grade(q, [0, 1]).credit == pytest.approx(1.0)
    assert grade(q, [0, 2]).credit == pytest.approx(0.0)


def test_both_load_paths_agree_on_weighted_choices() -> None:
    # The piece-by-piece read and the whole read validate with the same models.
    from quizapp.loading.loader import _load_valid_in_pieces, _load_whole

    pieces = _load_valid_in_pieces(MOODLE)
    whole = _load_whole(MOODLE, "m.toml", "x").quiz
    assert pieces is not None and pieces == whole


def test_a_choice_marked_wrong_with_a_positive_weight_is_still_refused() -> None:
    text = MOODLE.replace(
        '{ text = "red", weight = 0.5 }', '{ text = "red", correct = false, weight = 0.5 }'
    )
    (problem,) = load_quiz_text(text, "m.toml").problems
    assert problem.field == "choices[1].weight"
    assert "a wrong choice cannot have a positive weight" in problem.message


def test_level_is_one_of_blooms_and_says_which_when_not() -> None:
    assert load_quiz_text(MOODLE).quiz.questions[0].level == "remember"
    (problem,) = load_quiz_text(MOODLE.replace('"remember"', '"memorise"'), "m.toml").problems
    assert problem.field == "level" and "remember" in problem.message and problem.line == 11


@pytest.mark.parametrize(
    ("value", "unit", "lang", "written"),
    [
        (14_700_000_000_000, "Rp", "id", "Rp14,7 triliun"),
        (14_700_000_000_000, "Rp", "en", "Rp14.7 trillion"),
        (158_273_000_000, "RMB", "id", "158,273 miliar RMB"),
        (158_273_000_000, "RMB", "en", "158.273 billion RMB"),
        (147, "orang", "id", "147 orang"),
        (2, "", "en", "2"),
    ],
)
def test_numbers_are_written_as_the_content_writes_them(value, unit, lang, written) -> None:
    assert format_with_unit(value, unit, lang) == written


def test_rupiah_goes_before_the_box_and_rmb_after() -> None:
    assert unit_goes_first("Rp") and unit_goes_first(" rp ")
    assert not unit_goes_first("RMB") and not unit_goes_first("orang")
