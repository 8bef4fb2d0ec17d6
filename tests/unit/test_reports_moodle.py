"""The class report against Moodle's own formulas, on a class with skips, a timeout and
partial credit.

Nine learners each take `tests/data/reports/moodle-check.toml` (14 questions, 20 points,
partial credit by choice weights) on their own laptop (data folder) through the engine and
the store, export their results (`quizapp export`), and the trainer runs
`quizapp report --class *.json`. Learner 3 skips question 5; learner 7's time runs out with
questions 13 and 14 unanswered; learner 1 also practises once (not graded, not in the
first attempts the analysis uses).

The expected figures are computed here, from the marks this test intends (each response's
credit as the quiz file declares it), with Moodle's formulas transcribed from its source
(`question/classes/statistics/questions/calculator.php` and
`mod/quiz/report/statistics/classes/calculator.php`), not from quizapp's code. Moodle gives a
question that was in the attempt but not answered a 0 mark.

Run as a script to print the table of the 65 figures: `python tests/unit/test_reports_moodle.py`.
"""

from __future__ import annotations

import json
import math
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

QUIZ_FILE = Path(__file__).resolve().parents[1] / "data" / "reports" / "moodle-check.toml"
QUIZ_ID = "moodle-check"

# What the quiz file declares, written out again for the expected marks.
POINTS = [1, 2, 1, 2, 1, 1, 3, 1, 1, 2, 1, 1, 2, 1]
KINDS = ["s", "s", "t", "m", "s", "t", "s", "m", "s", "s", "t", "s", "m", "s"]
SINGLE_WEIGHTS = {
    0: [1, 0, 0],
    1: [1, 0.5, 0],
    4: [1, 0.25, 0, 0],
    6: [1, 0.5, 0],
    8: [1, 0, 0],
    9: [1, 0.75, 0.25, 0],
    11: [1, 0.5, 0],
    13: [1, 0, 0],
}
TRUE_FALSE = {2: True, 5: False, 10: True}
MULTIPLE_RIGHT = {0, 1}  # of four choices; right ones share 1, each wrong one takes 1/2

# Per learner, per question: a choice index (single), True/False, a tuple of choices
# (multiple), or None for a question left unanswered.
S = None
RESPONSES: list[list[Any]] = [
    [0, 0, True, (0, 1), 0, False, 0, (0, 1), 0, 0, True, 0, (0, 1), 0],
    [0, 1, True, (0,), 1, False, 0, (0, 1), 0, 1, True, 1, (0, 1, 2), 0],
    [1, 0, False, (0, 1), S, False, 1, (0,), 0, 2, True, 0, (0,), 1],
    [0, 2, True, (2,), 2, True, 2, (0, 1), 1, 3, False, 2, (1,), 0],
    [0, 0, True, (0, 1), 0, False, 1, (1, 3), 0, 1, True, 0, (0, 1), 0],
    [2, 1, False, (0, 2), 3, True, 2, (0,), 2, 3, False, 2, (2, 3), 2],
    [0, 0, True, (1,), 0, False, 0, (0, 1), 0, 0, True, 1, S, S],
    [1, 1, True, (0, 1), 1, False, 1, (0, 1), 1, 2, False, 1, (0, 1), 0],
    [0, 2, False, (0,), 0, True, 0, (2,), 0, 1, True, 0, (0, 1, 3), 1],
]
TIMES_OUT = 6
"""Learner 7 (index 6): the clock runs out before questions 13 and 14."""
NAMES = [f"Learner {i + 1}" for i in range(len(RESPONSES))]
T0 = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def intended_mark(q: int, response: Any) -> float:
    """The mark a response earns, from the quiz file's declarations; 0 when unanswered."""
    if response is None:
        return 0.0
    kind = KINDS[q]
    if kind == "s":
        credit = float(SINGLE_WEIGHTS[q][response])
    elif kind == "t":
        credit = 1.0 if response == TRUE_FALSE[q] else 0.0
    else:
        picked = set(response)
        credit = 0.5 * len(picked & MULTIPLE_RIGHT) - 0.5 * len(picked - MULTIPLE_RIGHT)
        credit = max(0.0, min(1.0, credit))
    return credit * POINTS[q]


# -- Moodle's formulas, transcribed -------------------------------------------------------


def moodle_question(marks: list[list[float]], q: int) -> dict[str, float | None]:
    """question/classes/statistics/questions/calculator.php: initial_steps_walker,
    initial_question_walker, secondary_steps_walker, secondary_question_walker."""
    summarks = [sum(row) for row in marks]  # get_latest_steps: the sum of the marks
    s = len(marks)
    markarray = [row[q] for row in marks]
    othermarksarray = [summarks[i] - marks[i][q] for i in range(s)]
    markaverage = sum(markarray) / s
    othermarkaverage = sum(othermarksarray) / s
    facility = markaverage / POINTS[q]
    sorted_marks, sorted_others = sorted(markarray), sorted(othermarksarray)
    markvariancesum = othermarkvariancesum = covariancesum = covariancemaxsum = 0.0
    for i in range(s):
        markdifference = marks[i][q] - markaverage
        othermarkdifference = summarks[i] - marks[i][q] - othermarkaverage
        markvariancesum += markdifference**2
        othermarkvariancesum += othermarkdifference**2
        covariancesum += markdifference * othermarkdifference
        covariancemaxsum += (sorted_marks[i] - markaverage) * (sorted_others[i] - othermarkaverage)
    markvariance = markvariancesum / (s - 1)
    othermarkvariance = othermarkvariancesum / (s - 1)
    covariance = covariancesum / (s - 1)
    covariancemax = covariancemaxsum / (s - 1)
    sd = math.sqrt(markvariancesum / (s - 1))
    di = (
        100 * covariance / math.sqrt(markvariance * othermarkvariance)
        if markvariance * othermarkvariance
        else None
    )
    de = 100 * covariance / covariancemax if covariancemax else None
    # The report shows facility and SD as percentages of the question's mark
    # (mod/quiz/report/statistics/statistics_table.php).
    return {
        "facility": 100 * facility,
        "sd": 100 * sd / POINTS[q],
        "discrimination_index": di,
        "discriminative_efficiency": de,
        "markvariance": markvariance,
    }


def moodle_quiz(marks: list[list[float]]) -> dict[str, float | None]:
    """mod/quiz/report/statistics/classes/calculator.php: calculate()."""
    sumgrades = [sum(row) for row in marks]
    maxgrade = sum(POINTS)
    s = len(sumgrades)
    p = len(POINTS)
    avg = sum(sumgrades) / s
    ordered = sorted(sumgrades)
    # median(): the middle one, or the mean of the middle two.
    middle = ordered[s // 2 - 1 : s // 2 + 1] if s % 2 == 0 else [ordered[s // 2]]
    median = sum(middle) / len(middle)
    power2 = sum((g - avg) ** 2 for g in sumgrades)
    power3 = sum((g - avg) ** 3 for g in sumgrades)
    power4 = sum((g - avg) ** 4 for g in sumgrades)
    standarddeviation = math.sqrt(power2 / (s - 1))
    m2, m3, m4 = power2 / s, power3 / s, power4 / s
    k2 = s * m2 / (s - 1)
    k3 = s * s * m3 / ((s - 1) * (s - 2))
    skewness = k3 / k2**1.5
    k4 = s * s * (((s + 1) * m4) - (3 * (s - 1) * m2 * m2)) / ((s - 1) * (s - 2) * (s - 3))
    kurtosis = k4 / (k2 * k2)
    sumofmarkvariance = sum(moodle_question(marks, q)["markvariance"] or 0 for q in range(p))
    cic = (100 * p / (p - 1)) * (1 - (sumofmarkvariance / k2))
    errorratio = 100 * math.sqrt(1 - (cic / 100))
    standarderror = errorratio * standarddeviation / 100
    scale = 100 / maxgrade  # the report gives marks as percentages of the quiz's maximum
    return {
        "attempts": s,
        "mean": avg * scale,
        "median": median * scale,
        "sd": standarddeviation * scale,
        "skewness": skewness,
        "kurtosis": kurtosis,
        "cic": cic,
        "error_ratio": errorratio,
        "standard_error": standarderror * scale,
    }


# -- the class, taken for real ------------------------------------------------------------


def engine_response(q: int, response: Any) -> Any:
    return list(response) if KINDS[q] == "m" else response


def take(base: Path, name: str, responses: list[Any], *, times_out: bool, at: datetime) -> None:
    """One learner's exam on their own laptop: engine, store recorder, quiz version kept."""
    from quizapp.engine.attempt import TimeUp, start_attempt
    from quizapp.loading import load_catalog
    from quizapp.locations import database_path, kept_quizzes_dir
    from quizapp.reports.kept import keeper
    from quizapp.store import Store
    from quizapp.store.recorder import StoreRecorder

    catalog = load_catalog([QUIZ_FILE])
    now = [at]
    store = Store(database_path(base), clock=lambda: now[0])
    try:
        recorder = StoreRecorder(store, store.learner(name, "en"), keeper(kept_quizzes_dir(base)))
        attempt = start_attempt(
            catalog, QUIZ_ID, mode="exam", seed=1, learner=name, recorder=recorder,
            clock=lambda: now[0],
        )  # fmt: skip
        for q, response in enumerate(responses):
            now[0] += timedelta(seconds=40)
            if response is None and not times_out:
                continue  # skipped
            if response is None:
                # The 20-minute limit passes before this answer is given: it is refused
                # and the attempt submitted with what it had.
                now[0] += timedelta(minutes=25)
                response = (0, 1) if KINDS[q] == "m" else 0
            try:
                attempt.answer(q, engine_response(q, response))
            except TimeUp:
                break
        attempt.submit()
    finally:
        store.close()


def practise(base: Path, name: str, at: datetime) -> None:
    """A practice attempt, every answer right: shown with its mode, never graded."""
    from quizapp.engine.attempt import start_attempt
    from quizapp.loading import load_catalog
    from quizapp.locations import database_path
    from quizapp.store import Store
    from quizapp.store.recorder import StoreRecorder

    catalog = load_catalog([QUIZ_FILE])
    store = Store(database_path(base), clock=lambda: at)
    try:
        recorder = StoreRecorder(store, store.learner(name, "en"))
        attempt = start_attempt(
            catalog, QUIZ_ID, mode="practice", seed=2, learner=name, recorder=recorder,
            clock=lambda: at,
        )  # fmt: skip
        for q in range(len(POINTS)):
            right = (0, 1) if KINDS[q] == "m" else TRUE_FALSE.get(q, 0)
            attempt.answer(q, engine_response(q, right))
        attempt.submit()
    finally:
        store.close()


def build_class(folder: Path) -> list[Path]:
    """Every learner's exam on their own laptop, exported: the trainer's files."""
    from quizapp.cli import main

    files = []
    for i, (name, responses) in enumerate(zip(NAMES, RESPONSES, strict=True)):
        base = folder / f"laptop-{i + 1}"
        take(base, name, responses, times_out=i == TIMES_OUT, at=T0 + timedelta(minutes=i))
        if i == 0:
            practise(base, name, T0 + timedelta(days=1))
        out = folder / f"learner-{i + 1}.json"
        assert main(["export", "--learner", name, "-o", str(out), "--data-dir", str(base)]) == 0
        files.append(out)
    return files


def class_report_json(files: list[Path], folder: Path) -> dict[str, Any]:
    from quizapp.cli import main

    out = folder / "class.json"
    args = ["report", "--class", *map(str, files), "--format", "json", "-o", str(out), "--force"]
    assert main(args) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def intended_marks() -> list[list[float]]:
    return [[intended_mark(q, r) for q, r in enumerate(row)] for row in RESPONSES]


def figure_table(section: dict[str, Any]) -> list[tuple[str, float | None, float | None]]:
    """(figure, ours, Moodle's formula) for the 9 quiz figures and 4 per question."""
    marks = intended_marks()
    expected_quiz = moodle_quiz(marks)
    ours_quiz = section["analysis"]["quiz"]
    rows: list[tuple[str, float | None, float | None]] = [
        (f"quiz {name}", ours_quiz[name], expected_quiz[name]) for name in expected_quiz
    ]
    for q, ours in enumerate(section["analysis"]["questions"]):
        assert ours["key"] == f"q{q + 1:02d}"
        expected = moodle_question(marks, q)
        for name in ("facility", "sd", "discrimination_index", "discriminative_efficiency"):
            rows.append((f"{ours['key']} {name}", ours[name], expected[name]))
    return rows


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# -- the tests ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trainer_folder() -> Any:
    with tempfile.TemporaryDirectory(prefix="quizapp-moodle-") as folder:
        path = Path(folder)
        yield path, build_class(path)


def test_the_class_has_skips_a_timeout_and_partial_credit(trainer_folder: Any) -> None:
    _, files = trainer_folder
    exports = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    timed_out = exports[TIMES_OUT]["attempts"][0]
    # Every question put is in the export, the unanswered ones with no response.
    assert [a["question_key"] for a in timed_out["answers"]] == [f"q{i:02d}" for i in range(1, 15)]
    assert [a["response"] for a in timed_out["answers"][-2:]] == [None, None]
    skipped = exports[2]["attempts"][0]["answers"][4]
    assert (skipped["question_key"], skipped["response"], skipped["credit"]) == ("q05", None, 0)
    marks = intended_marks()
    partial = {m for row in marks for m in row if m not in (0, *POINTS)}
    assert partial, "some answers earn partial credit"
    for export, row in zip(exports, marks, strict=True):
        exam = export["attempts"][0]
        assert exam["mode"] == "exam"
        assert [a["points"] for a in exam["answers"]] == pytest.approx(row)
        assert exam["score"] == pytest.approx(sum(row))


def test_an_export_of_a_quiz_taken_by_path_carries_its_questions(trainer_folder: Any) -> None:
    _, files = trainer_folder
    export = json.loads(files[0].read_text(encoding="utf-8"))
    (version,) = export["quiz_versions"]
    assert [q["key"] for q in version["questions"]] == [f"q{i:02d}" for i in range(1, 15)]
    assert version["questions"][0]["prompt"] == "Question 01?"
    assert version["questions"][1]["right_answer"] == "Choice 1"


def test_every_figure_matches_moodles_formulas(trainer_folder: Any) -> None:
    folder, files = trainer_folder
    report = class_report_json(files, folder)
    (section,) = report["sections"]
    assert section["attempts_used"] == "first"
    rows = figure_table(section)
    assert len(rows) == 65
    wrong = [(name, ours, moodle) for name, ours, moodle in rows if not close(ours, moodle)]
    assert not wrong
    # Every learner answered or was put every question: no "different questions" note.
    assert not any("same questions" in n for n in section["analysis"]["notes"])
    assert section["analysis"]["quiz"]["cic"] is not None
    # Items show the questions' prompts, not their keys.
    assert section["items"][0]["prompt"] == "Question 01?"


def test_the_same_class_on_one_machine_gives_the_same_figures(tmp_path: Path) -> None:
    """The store's SQL path (`report --quiz`) counts unanswered questions as 0 too."""
    from quizapp.cli import main

    base = tmp_path / "one-laptop"
    for i, (name, responses) in enumerate(zip(NAMES, RESPONSES, strict=True)):
        take(base, name, responses, times_out=i == TIMES_OUT, at=T0 + timedelta(minutes=i))
    out = tmp_path / "class.json"
    args = ["report", "--quiz", QUIZ_ID, "--format", "json", "-o", str(out)]
    assert main([*args, "--data-dir", str(base)]) == 0
    (section,) = json.loads(out.read_text(encoding="utf-8"))["sections"]
    rows = figure_table(section)
    assert len(rows) == 65
    assert all(close(ours, moodle) for _, ours, moodle in rows)


def test_practice_is_shown_with_its_mode_but_never_graded(trainer_folder: Any) -> None:
    folder, files = trainer_folder
    report = class_report_json(files, folder)
    (section,) = report["sections"]
    first = next(g for g in section["grades"] if g["learner"] == "Learner 1")
    assert [(a["mode"], a["counted"]) for a in first["history"]] == [
        ("exam", True),
        ("practice", False),
    ]
    assert first["best"] == 100.0  # the practice attempt: every answer right
    assert first["grade"] == pytest.approx(100 * sum(intended_marks()[0]) / sum(POINTS))
    failing = next(g for g in section["grades"] if g["learner"] == "Learner 6")
    assert failing["passed"] is False and failing["grade"] < 60


def main() -> None:
    """Print the 65 figures: ours, and Moodle's formulas' values."""
    with tempfile.TemporaryDirectory(prefix="quizapp-moodle-") as folder:
        path = Path(folder)
        files = build_class(path)
        (section,) = class_report_json(files, path)["sections"]
        rows = figure_table(section)

    def show(v: float | None) -> str:
        return "—" if v is None else f"{v:.6f}"

    print("| # | figure | quizapp | Moodle's formula | same |")
    print("|---:|---|---:|---:|---|")
    for i, (name, ours, moodle) in enumerate(rows, 1):
        same = "yes" if close(ours, moodle) else "NO"
        print(f"| {i} | {name} | {show(ours)} | {show(moodle)} | {same} |")


if __name__ == "__main__":
    main()
