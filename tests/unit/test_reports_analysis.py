"""Item analysis checked figure by figure against a worked example done by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.reports.analysis import analyse, hints_for, question_stats

# Five attempts at three one-point questions (1 = right, 0 = wrong).
WORKED = [
    [1, 1, 1],  # A, total 3
    [1, 1, 0],  # B, total 2
    [1, 1, 0],  # C, total 2
    [1, 0, 0],  # D, total 1
    [0, 0, 1],  # E, total 1
]


def test_worked_example_quiz_figures() -> None:
    """Totals T = 3, 2, 2, 1, 1; s = 5 attempts, max total 3.

    mean = 9 / 5 = 1.8 marks = 60 %.   median = 2 marks = 66.67 %.
    deviations d = 1.2, 0.2, 0.2, -0.8, -0.8
    sum d^2 = 1.44 + 0.04 + 0.04 + 0.64 + 0.64 = 2.8   -> SD = sqrt(2.8 / 4) = 0.83666
        = 27.889 % of 3.
    sum d^3 = 1.728 + 0.008 + 0.008 - 0.512 - 0.512 = 0.72
    sum d^4 = 2.0736 + 0.0016 + 0.0016 + 0.4096 + 0.4096 = 2.896
    m2 = 0.56, m3 = 0.144, m4 = 0.5792
    k2 = 5 x 0.56 / 4 = 0.7;  k3 = 25 x 0.144 / (4 x 3) = 0.3
    skewness = k3 / k2^1.5 = 0.3 / 0.585662 = 0.512241
    k4 = 25 x (6 x 0.5792 - 3 x 4 x 0.56^2) / (4 x 3 x 2) = 25 x (3.4752 - 3.7632) / 24 = -0.3
    kurtosis = k4 / k2^2 = -0.3 / 0.49 = -0.612245
    item variances (n - 1): Q1 0.2, Q2 0.3, Q3 0.3 -> sum 0.8
    CIC = 100 x 3/2 x (1 - 0.8 / 0.7) = -21.4286   (negative: Q3 works against the rest)
    error ratio = 100 x sqrt(1 + 0.214286) = 110.1946
    standard error = 1.101946 x 27.889 % = 30.7318 %
    """
    quiz = analyse(WORKED, [1, 1, 1]).quiz
    assert quiz.attempts == 5 and quiz.questions == 3 and quiz.max_total == 3
    assert quiz.mean == pytest.approx(60.0)
    assert quiz.median == pytest.approx(200 / 3)
    assert quiz.sd == pytest.approx(100 * math.sqrt(0.7) / 3)
    assert quiz.sd == pytest.approx(27.8887, abs=1e-4)
    assert quiz.skewness == pytest.approx(0.512241, abs=1e-6)
    assert quiz.kurtosis == pytest.approx(-0.612245, abs=1e-6)
    assert quiz.cic == pytest.approx(-21.428571, abs=1e-6)
    assert quiz.error_ratio == pytest.approx(110.1946, abs=1e-4)
    assert quiz.standard_error == pytest.approx(30.7318, abs=1e-4)


def test_worked_example_question_figures() -> None:
    """x = the question's marks, X = rest of test (total - x), s = 5, n - 1 = 4.

    Q1: x = 1,1,1,1,0 (mean 0.8, var 0.8/4 = 0.2); X = 2,1,1,0,1 (mean 1, var 2/4 = 0.5)
        products of deviations: 0.2x1 + 0 + 0 + 0.2x(-1) + (-0.8)x0 = 0 -> cov 0
        facility 80 %, SD 100 x sqrt(0.2) = 44.72 %, DI = 0
        sorted x 0,1,1,1,1 with sorted X 0,1,1,1,2: (-0.8)(-1) + 0.2x1 = 1.0 -> covmax 0.25
        DE = 100 x 0 / 0.25 = 0
    Q2: x = 1,1,1,0,0 (mean 0.6, var 1.2/4 = 0.3); X = 2,1,1,1,1 (mean 1.2, var 0.8/4 = 0.2)
        products: 0.4x0.8 - 0.4x0.2 - 0.4x0.2 + 0.6x0.2 + 0.6x0.2 = 0.4 -> cov 0.1
        facility 60 %, SD 54.77 %, DI = 100 x 0.1 / sqrt(0.3 x 0.2) = 40.82
        sorted x 0,0,1,1,1 with sorted X 1,1,1,1,2: 0.12 + 0.12 - 0.08 - 0.08 + 0.32 = 0.4
        -> covmax 0.1, DE = 100
    Q3: x = 1,0,0,0,1 (mean 0.4, var 0.3); X = 2,2,2,1,0 (mean 1.4, var 3.2/4 = 0.8)
        products: 0.6x0.6 - 0.4x0.6 - 0.4x0.6 + 0.4x0.4 + 0.6x(-1.4) = -0.8 -> cov -0.2
        facility 40 %, SD 54.77 %, DI = 100 x -0.2 / sqrt(0.3 x 0.8) = -40.82
        sorted x 0,0,0,1,1 with sorted X 0,1,2,2,2: 0.56 + 0.16 - 0.24 + 0.36 + 0.36 = 1.2
        -> covmax 0.3, DE = 100 x -0.2 / 0.3 = -66.67
    """
    q1, q2, q3 = analyse(WORKED, [1, 1, 1], ["q1", "q2", "q3"]).questions
    assert [q.key for q in (q1, q2, q3)] == ["q1", "q2", "q3"]
    assert (q1.facility, q2.facility, q3.facility) == pytest.approx((80.0, 60.0, 40.0))
    assert q1.sd == pytest.approx(44.7214, abs=1e-4)
    assert q2.sd == pytest.approx(54.7723, abs=1e-4)
    assert q3.sd == pytest.approx(54.7723, abs=1e-4)
    assert q1.discrimination_index == pytest.approx(0.0, abs=1e-9)
    assert q2.discrimination_index == pytest.approx(40.8248, abs=1e-4)
    assert q3.discrimination_index == pytest.approx(-40.8248, abs=1e-4)
    assert q1.discriminative_efficiency == pytest.approx(0.0, abs=1e-9)
    assert q2.discriminative_efficiency == pytest.approx(100.0)
    assert q3.discriminative_efficiency == pytest.approx(-66.6667, abs=1e-4)
    # Moodle marks DE < 15 as dubious.
    assert (q1.dubious, q2.dubious, q3.dubious) == (True, False, True)
    assert [h.kind for h in q1.hints] == ["weak_discrimination"]
    assert q2.hints == []
    assert [h.kind for h in q3.hints] == ["negative_discrimination"]


def test_points_scale_marks_but_not_the_percentages() -> None:
    """Doubling every question's points doubles marks and leaves every percentage alone;
    giving one question more points changes the totals and so the rest-of-test figures."""
    one = analyse(WORKED, [1, 1, 1])
    two = analyse(WORKED, [2, 2, 2])
    assert two.quiz.mean == pytest.approx(one.quiz.mean)
    assert two.quiz.cic == pytest.approx(one.quiz.cic)
    assert [q.discrimination_index for q in two.questions] == pytest.approx(
        [q.discrimination_index for q in one.questions]
    )
    assert two.questions[0].mean_mark == pytest.approx(1.6)
    weighted = analyse(WORKED, [1, 1, 3])
    # Totals 5, 2, 2, 1, 3 of 5: mean 13/5 = 2.6 marks = 52 %.
    assert weighted.quiz.mean == pytest.approx(52.0)
    assert weighted.questions[2].facility == pytest.approx(40.0)


def test_partial_credit_counts_as_a_fraction_of_the_mark() -> None:
    result = analyse([[0.5, 1], [1, 0], [0, 0]], [2, 1])
    # Q1 marks 1, 2, 0 of 2: mean 1, facility 50 %.
    assert result.questions[0].facility == pytest.approx(50.0)
    assert result.quiz.mean == pytest.approx(100 * (2 + 2 + 0) / 3 / 3)


def test_one_attempt_gives_means_but_no_spread() -> None:
    result = analyse([[1, 0, 0.5]], [1, 1, 1])
    quiz = result.quiz
    assert quiz.attempts == 1
    assert quiz.mean == pytest.approx(50.0) and quiz.median == pytest.approx(50.0)
    assert quiz.sd is None and quiz.skewness is None and quiz.kurtosis is None
    assert quiz.cic is None and quiz.error_ratio is None and quiz.standard_error is None
    for q in result.questions:
        assert q.sd is None and q.discrimination_index is None
        assert q.discriminative_efficiency is None and not q.dubious
    assert [q.facility for q in result.questions] == pytest.approx([100.0, 0.0, 50.0])
    assert any("Only 1 attempt" in n for n in result.notes)


def test_zero_variance_leaves_undefined_figures_out() -> None:
    """Everyone scores the same: no SD of the totals to divide by, no correlation."""
    result = analyse([[1, 0], [1, 0], [1, 0], [1, 0]], [1, 1])
    quiz = result.quiz
    assert quiz.sd == pytest.approx(0.0)
    assert quiz.skewness is None and quiz.kurtosis is None and quiz.cic is None
    for q in result.questions:
        assert q.sd == pytest.approx(0.0)
        assert q.discrimination_index is None
        assert q.discriminative_efficiency is None
    assert [h.kind for h in result.questions[0].hints] == ["too_easy"]
    assert [h.kind for h in result.questions[1].hints] == ["too_hard"]


def test_no_attempts() -> None:
    result = analyse([], [1, 1])
    assert result.quiz.attempts == 0 and result.quiz.mean is None
    assert [q.attempts for q in result.questions] == [0, 0]
    assert all(q.facility is None for q in result.questions)


def test_missing_cells_are_questions_not_asked() -> None:
    """A quiz that draws: per-question figures over the attempts that had the question,
    scores as a percentage of each attempt's own maximum, no alpha."""
    result = analyse([[1, None, 0], [None, 1, 1], [0, 1, None], [1, 0, None]], [1, 1, 1])
    assert [q.attempts for q in result.questions] == [3, 3, 2]
    assert result.questions[0].facility == pytest.approx(200 / 3)
    # Each attempt scored out of 2: 50 %, 100 %, 50 %, 50 %.
    assert result.quiz.mean == pytest.approx(62.5)
    assert result.quiz.cic is None
    assert any("did not all have the same questions" in n for n in result.notes)


def test_question_stats_matches_analyse_for_one_column() -> None:
    # (mark, rest) pairs: (1, 2), (1, 1) twice... as counts.
    direct = question_stats("q", {(1.0, 2.0): 1, (1.0, 1.0): 2, (0.0, 0.0): 1}, 1.0)
    via = analyse([[1, 1, 1], [1, 0, 1], [0, 0, 0], [1, 1, 0]], [1, 1, 1]).questions[0]
    assert direct.attempts == via.attempts == 4
    assert direct.discrimination_index == pytest.approx(via.discrimination_index)


@pytest.mark.parametrize(
    ("facility", "di", "kinds"),
    [
        (19.9, 50.0, ["too_hard"]),
        (20.0, 50.0, []),
        (90.0, 50.0, []),
        (90.1, 50.0, ["too_easy"]),
        (50.0, 19.9, ["weak_discrimination"]),
        (50.0, 20.0, []),
        (50.0, -0.1, ["negative_discrimination"]),
        (95.0, -5.0, ["too_easy", "negative_discrimination"]),
        (None, None, []),
    ],
)
def test_hint_thresholds(facility: float | None, di: float | None, kinds: list[str]) -> None:
    assert [h.kind for h in hints_for(facility, di)] == kinds


def test_ragged_matrix_is_refused() -> None:
    with pytest.raises(ValueError, match="one cell per question"):
        analyse([[1, 0], [1]], [1, 1])


def _reference(credits: list[list[float]], points: list[float]) -> dict[str, list[float | None]]:
    """Moodle's formulas written the plain way, over lists, as a second opinion."""
    marks = [[c * p for c, p in zip(row, points, strict=True)] for row in credits]
    totals = [sum(row) for row in marks]
    s = len(marks)
    out: dict[str, list[float | None]] = {"di": [], "de": [], "facility": []}
    for j, p in enumerate(points):
        x = [row[j] for row in marks]
        rest = [t - m for t, m in zip(totals, x, strict=True)]
        mx, mr = sum(x) / s, sum(rest) / s
        vx = sum((v - mx) ** 2 for v in x) / (s - 1)
        vr = sum((v - mr) ** 2 for v in rest) / (s - 1)
        cov = sum((a - mx) * (b - mr) for a, b in zip(x, rest, strict=True)) / (s - 1)
        cmax = sum((a - mx) * (b - mr) for a, b in zip(sorted(x), sorted(rest), strict=True)) / (
            s - 1
        )
        out["facility"].append(100 * mx / p)
        out["di"].append(100 * cov / math.sqrt(vx * vr) if vx * vr > 1e-12 else None)
        out["de"].append(100 * cov / cmax if abs(cmax) > 1e-12 else None)
    mean = sum(totals) / s
    var = sum((t - mean) ** 2 for t in totals) / (s - 1)
    item_var = sum(
        sum((row[j] - sum(r[j] for r in marks) / s) ** 2 for row in marks) / (s - 1)
        for j in range(len(points))
    )
    k = len(points)
    out["cic"] = [100 * k / (k - 1) * (1 - item_var / var) if var > 1e-12 else None]
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=5).flatmap(
        lambda k: st.tuples(
            st.lists(
                st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=k, max_size=k),
                min_size=4,
                max_size=30,
            ),
            st.lists(st.sampled_from([1.0, 2.0, 0.5, 3.0]), min_size=k, max_size=k),
        )
    )
)
def test_counts_agree_with_the_plain_formulas(case: tuple[list[list[float]], list[float]]) -> None:
    credits, points = case
    got = analyse(credits, points)
    want = _reference(credits, points)
    for q, facility, di, de in zip(
        got.questions, want["facility"], want["di"], want["de"], strict=True
    ):
        assert q.facility == pytest.approx(facility)
        for mine, theirs in ((q.discrimination_index, di), (q.discriminative_efficiency, de)):
            # Marks here are exact in binary, so both agree on when a figure is undefined.
            assert (mine is None) == (theirs is None)
            if mine is not None:
                assert mine == pytest.approx(theirs, rel=1e-6, abs=1e-6)
    assert (got.quiz.cic is None) == (want["cic"][0] is None)
    if got.quiz.cic is not None:
        assert got.quiz.cic == pytest.approx(want["cic"][0], rel=1e-6, abs=1e-6)
