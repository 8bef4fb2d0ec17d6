"""Scoring every question type, from responses in the quiz file's order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.engine.scoring import Grade, Unreadable, grade, normalize_answer, right_answer
from quizapp.loading import load_catalog
from quizapp.model import Quiz

DATA = Path(__file__).parent.parent / "data" / "engine"
TOUR = Path(__file__).parent.parent.parent / "quizzes" / "tour.toml"
CATALOG = load_catalog([DATA, TOUR])
KINDS: Quiz = CATALOG.quizzes["kinds"]


def q(question_id: str) -> Any:
    return KINDS.question(question_id)


def credit(question_id: str, response: Any) -> float:
    result = grade(q(question_id), response)
    assert isinstance(result, Grade), result
    return result.credit


def test_single_gives_the_chosen_weight() -> None:
    assert credit("single", 0) == 1
    assert credit("single", 1) == 0.5
    assert credit("single", 2) == 0
    assert credit("single", 3) == 0  # a negative weight never takes credit below 0


def test_single_feedback_and_right_answer() -> None:
    result = grade(q("single"), 2)
    assert isinstance(result, Grade)
    assert result.status == "wrong"
    assert result.feedback == ({"en": "Filed from there only.", "id": "Hanya dikirim dari sana."},)
    assert result.right_answer == 0
    assert result.explanation == {"en": "Hangzhou, in Zhejiang.", "id": "Hangzhou, di Zhejiang."}


def test_multiple_sums_weights_clamped() -> None:
    assert credit("multiple", [0, 1]) == 1
    assert credit("multiple", [0]) == 0.5
    assert credit("multiple", [0, 2]) == 0  # one right, one wrong cancel out
    assert credit("multiple", [0, 1, 2]) == 0.5
    assert credit("multiple", [2, 3]) == 0  # clamped at 0, not -1
    assert credit("multiple", []) == 0
    assert credit("multiple", [1, 0, 0]) == 1  # a choice counts once
    assert right_answer(q("multiple")) == [0, 1]


def test_true_false_and_its_side_feedback() -> None:
    yes, no = grade(q("tf"), True), grade(q("tf"), False)
    assert isinstance(yes, Grade) and isinstance(no, Grade)
    assert (yes.credit, no.credit) == (1, 0)
    assert yes.feedback == ({"en": "Right.", "id": "Benar."},)
    assert no.feedback == ({"en": "It did take two days.", "id": "Memang dua hari."},)
    assert no.right_answer is True


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("J&T", 1),
        ("j&t", 1),
        ("  J & T  ", 1),
        ("JT", 1),
        ("J&T Express", 1),
        ("j&t   express", 1),
        ("J&T Expres", 1),  # one typo
        ("J&T Exprs", 0),  # two letters missing: two typos, one allowed
        ("JNT", 0.5),  # an exact lower-weighted answer beats a typo of a better one
        ("JX", 0),  # two letters get no typo allowance
        ("Tokopedia", 0),
        ("", 0),
    ],
)
def test_short_answer_normalises_and_allows_typos(response: str, expected: float) -> None:
    assert credit("short", response) == expected


def test_short_answer_feedback_is_the_matched_answers() -> None:
    result = grade(q("short"), "jnt")
    assert isinstance(result, Grade)
    assert result.feedback == ({"en": "It is written J&T.", "id": "Ditulis J&T."},)
    assert result.right_answer == "J&T"


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("Xixi Park", 1),
        ("xixi wetland park", 1),  # the wildcard
        ("XIXI-PARK", 1),
        ("Xixi", 0.5),
        ("Xixy", 0.5),  # typos on a four-letter answer: one
        ("Park", 0),
    ],
)
def test_short_answer_wildcards(response: str, expected: float) -> None:
    assert credit("wild", response) == expected


def test_short_answer_case_sensitive() -> None:
    assert credit("cased", "TMall") == 1
    assert credit("cased", "tmall") == 0


def test_normalisation_drops_diacritics_and_width() -> None:
    assert normalize_answer("  Café   Ｘｉｘｉ  ") == "cafe xixi"
    assert normalize_answer("Ş-é/x") == "s e x"
    assert normalize_answer("İstanbul") == normalize_answer("istanbul")


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("14,7 triliun", 1),
        ("Rp14,7 triliun", 1),
        ("Rp 14.7 trillion", 1),
        ("14.700.000.000.000", 1),
        ("14.65 trillion", 1),  # within 1%
        ("14 trillion", 0),
        ("1,1 miliar", 0.5),
        ("1.1 billion rupiah", 0.5),
    ],
)
def test_numeric_reads_every_style(response: str, expected: float) -> None:
    assert credit("investment", response) == expected


def test_numeric_matched_value_feedback() -> None:
    result = grade(q("investment"), "1,1 miliar")
    assert isinstance(result, Grade)
    assert result.feedback == ({"en": "That is the dollar figure.", "id": "Itu angka dolarnya."},)
    assert result.right_answer == 14.7e12


def test_numeric_unit_words_are_allowed() -> None:
    assert credit("delegates", "147 orang") == 1
    assert credit("delegates", "147 people") == 1
    assert credit("delegates", "148") == 0


@pytest.mark.parametrize("response", ["1.500", "banyak", "", "5 m", "147 apples"])
def test_numeric_unreadable_is_not_a_wrong_mark(response: str) -> None:
    result = grade(q("delegates"), response)
    assert isinstance(result, Unreadable)
    assert result.message("en") and result.message("id")
    assert result.message("en") != result.message("id")


def test_numeric_percentage_matches_either_reading() -> None:
    question = CATALOG.quizzes["kinds"].question("delegates")
    assert credit("delegates", "14700%") == 1  # 147 as a fraction written in percent
    assert grade(question, "147%").credit == 1  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ([0, 1, 2, 3, 4], 1),
        ([4, 3, 2, 1, 0], 0),
        ([4, 0, 1, 2, 3], 0.75),  # one item out of place
        ([1, 0, 3, 2, 4], 0.5),  # two swaps: 0, 2, 4 still in order
        ([0, 2, 1, 3, 4], 0.75),
    ],
)
def test_ordering_longest_ordered_run(response: list[int], expected: float) -> None:
    assert credit("order", response) == pytest.approx(expected)


def test_ordering_needs_a_permutation() -> None:
    assert isinstance(grade(q("order"), [0, 0, 1, 2, 3]), Unreadable)
    assert isinstance(grade(q("order"), [0, 1, 2]), Unreadable)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ([0, 1, 2], 1),
        ([0, 2, 1], 1 / 3),
        ([3, 1, None], 1 / 3),  # a distractor and a blank
        ([None, None, None], 0),
        ([0, 0, 0], 1 / 3),
    ],
)
def test_matching_credit_per_pair(response: list[int | None], expected: float) -> None:
    assert credit("match", response) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("question_id", "response"),
    [
        ("single", 9),
        ("single", True),
        ("single", "0"),
        ("multiple", 0),
        ("multiple", [7]),
        ("tf", 1),
        ("short", 3),
        ("investment", 147),
        ("match", [0, 1]),
        ("match", [0, 1, 4]),
    ],
)
def test_responses_of_the_wrong_shape_are_unreadable(question_id: str, response: Any) -> None:
    assert isinstance(grade(q(question_id), response), Unreadable)


def test_unanswered_is_zero_and_still_shows_the_answer() -> None:
    result = grade(q("single"), None)
    assert isinstance(result, Grade)
    assert (result.credit, result.points, result.status) == (0, 0, "unanswered")
    assert result.right_answer == 0


def test_points_scale_with_the_question() -> None:
    tour = CATALOG.quizzes["tour"]
    result = grade(tour.question("order-of-events"), [1, 0, 2])
    assert isinstance(result, Grade)
    assert result.points == result.credit * result.max_points


def test_right_answers_earn_full_credit_for_every_question() -> None:
    for quiz in CATALOG.quizzes.values():
        for question in quiz.questions:
            right = right_answer(question)
            if question.type == "numeric":
                right = repr(right)
            result = grade(question, right)
            assert isinstance(result, Grade), (quiz.id, question.id)
            assert result.credit == 1, (quiz.id, question.id)


# -- properties ---------------------------------------------------------------------------

ALL_QUESTIONS = [question for quiz in CATALOG.quizzes.values() for question in quiz.questions]


def responses_for(question: Any) -> st.SearchStrategy[Any]:
    """Any response of the right shape for the question (and some of the wrong shape)."""
    kind = question.type
    if kind == "single":
        return st.integers(0, len(question.choices) - 1)
    if kind == "multiple":
        return st.lists(st.integers(0, len(question.choices) - 1), unique=True).map(sorted)
    if kind == "true_false":
        return st.booleans()
    if kind in ("short_answer", "numeric"):
        return st.text(max_size=20) | st.sampled_from(["147", "14,7 triliun", "J&T", "Xixi"])
    if kind == "ordering":
        return st.permutations(range(len(question.items))).map(list)
    rights = len(question.pairs) + len(question.distractors)
    return st.lists(
        st.none() | st.integers(0, rights - 1),
        min_size=len(question.pairs),
        max_size=len(question.pairs),
    )


@st.composite
def question_and_response(draw: st.DrawFn) -> tuple[Any, Any]:
    question = draw(st.sampled_from(ALL_QUESTIONS))
    return question, draw(st.none() | responses_for(question))


@settings(max_examples=400)
@given(question_and_response())
def test_credit_is_always_within_the_points(pair: tuple[Any, Any]) -> None:
    question, response = pair
    result = grade(question, response)
    if isinstance(result, Grade):
        assert 0 <= result.credit <= 1
        assert 0 <= result.points <= question.points
        assert result.points == pytest.approx(result.credit * question.points)


def test_a_response_that_says_nothing_is_told_from_a_wrong_one() -> None:
    from quizapp.engine.scoring import says_nothing

    assert says_nothing(q("short"), "   ")
    assert says_nothing(q("delegates"), "")
    assert says_nothing(q("multiple"), [])
    assert says_nothing(q("match"), [None] * len(q("match").pairs))
    assert not says_nothing(q("short"), "J&T")
    assert not says_nothing(q("multiple"), [0])
    assert not says_nothing(q("match"), [None, 0, *[None] * (len(q("match").pairs) - 2)])
    assert not says_nothing(q("order"), list(range(len(q("order").items))))
    assert not says_nothing(q("single"), 0)
    assert not says_nothing(q("tf"), False)


def test_accepted_spelling_names_the_answer_a_typo_was_taken_for() -> None:
    from quizapp.engine.scoring import accepted_spelling

    tour = load_catalog([Path(__file__).parent.parent / "data" / "tui" / "tour.toml"])
    question = tour.quizzes["tour"].question("coordinator")
    assert accepted_spelling(question, "J&T Expres") == "J&T Express"
    assert accepted_spelling(question, "j&t express") is None  # as written: nothing to say
    assert accepted_spelling(question, "DHL") is None  # not taken at all
