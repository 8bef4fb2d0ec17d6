"""Grades by grading method, modes in every report, attempt and learner reports that list
every question, name the learner and the date, and read as people read them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from report_samples import T0, attempt, simple_version

from quizapp.reports.build import attempt_report, class_report, learner_report, rows_from_records
from quizapp.reports.grading import counted, grade
from quizapp.reports.records import AnswerRecord
from quizapp.reports.writers import render

EXAM, PRACTICE, REVIEW = "exam", "practice", "review"


@pytest.mark.parametrize(
    ("method", "indexes", "value"),
    [
        ("highest", [3], 0.8),
        ("first", [1], 0.4),
        ("last", [4], 0.6),
        ("average", [1, 3, 4], 0.6),
    ],
)
def test_grading_methods_use_graded_attempts_only(
    method: str, indexes: list[int], value: float
) -> None:
    modes = [PRACTICE, EXAM, PRACTICE, EXAM, EXAM, REVIEW]
    fractions = [1.0, 0.4, 1.0, 0.8, 0.6, 1.0]
    assert counted(modes, fractions, method) == indexes
    assert grade(fractions, indexes) == pytest.approx(value)


def test_the_highest_grade_counts_the_first_attempt_that_reached_it() -> None:
    assert counted([EXAM, EXAM, EXAM], [0.5, 0.9, 0.9], "highest") == [1]


def test_no_graded_attempt_no_grade() -> None:
    assert counted([PRACTICE, REVIEW], [1.0, 1.0], "highest") == []
    assert grade([1.0, 1.0], []) is None


def _with_mode(record: object, mode: str) -> object:
    return record.model_copy(update={"mode": mode})  # type: ignore[attr-defined]


def test_practice_never_makes_a_failed_learner_passed() -> None:
    version = simple_version().model_copy(update={"pass_mark": 0.6, "grading": "last"})
    failed_exam = attempt("Ana", version, [1, 0, 0], T0)
    perfect_practice = _with_mode(
        attempt("Ana", version, [1, 1, 1], T0 + timedelta(hours=1)), PRACTICE
    )
    report = learner_report(
        "Ana", [failed_exam, perfect_practice], {(version.quiz_id, version.sha256): version}, "en"
    )
    (quiz,) = report.quizzes
    assert quiz.best == 100.0 and quiz.grade == pytest.approx(100 / 3)
    assert quiz.passed is False and quiz.grading == "last"
    assert [(a.mode, a.counted) for a in quiz.history] == [(EXAM, True), (PRACTICE, False)]
    assert [(p.mode, p.counted) for p in report.timeline] == [(EXAM, True), (PRACTICE, False)]
    # The class grades table says the same.
    section = class_report(
        rows_from_records([failed_exam, perfect_practice]),
        {(version.quiz_id, version.sha256): version},
        "en",
    ).sections[0]
    (row,) = section.grades
    assert (row.best, row.passed, row.grade) == (100.0, False, pytest.approx(100 / 3))
    for fmt in ("md", "csv", "html"):
        text = render(section_report := class_report(
            rows_from_records([failed_exam, perfect_practice]),
            {(version.quiz_id, version.sha256): version}, "en",
        ), fmt).decode("utf-8")  # fmt: skip
        assert "exam 33" in text and "practice 100" in text, fmt
        assert "the last graded (exam) attempt" in text, fmt
    assert section_report.sections[0].grading == "last"


def test_the_grading_method_is_read_from_the_quiz(tmp_path: Path) -> None:
    from quizapp.loading import load_catalog
    from quizapp.reports.questions import quiz_version_record

    good = tmp_path / "good.toml"
    good.write_text(
        '[quiz]\nid = "g"\ntitle = "G"\ngrading = "average"\n\n'
        '[[questions]]\nid = "a"\ntype = "true_false"\nprompt = "A"\nanswer = true\n',
        encoding="utf-8",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace('"g"', '"b"').replace("average", "best")
    )
    catalog = load_catalog([good, bad])
    assert quiz_version_record(catalog.quizzes["g"], "0" * 64).grading == "average"
    assert "b" not in catalog.quizzes
    (problem,) = [p for p in catalog.problems if Path(p.file).name == "bad.toml"]
    assert problem.line == 4 and "grading" in str(problem)


def _unanswered_attempt() -> tuple[object, object]:
    version = simple_version(n=4)
    record = attempt("Ana", version, [1, 0.5, 0, 1], T0)
    answers = list(record.answers)
    # The third question was put but left unanswered (the time ran out).
    answers[2] = AnswerRecord(question_key="k2", credit=0, points=0, max_points=1)
    return record.model_copy(update={"answers": answers, "score": 2.5}), version


def test_an_attempt_report_lists_every_question_put_and_its_points_add_up() -> None:
    record, version = _unanswered_attempt()
    report = attempt_report(record, version, "en")
    assert [(q.number, q.key, q.answered) for q in report.questions] == [
        (1, "k0", True),
        (2, "k1", True),
        (3, "k2", False),
        (4, "k3", True),
    ]
    assert sum(q.points for q in report.questions) == report.score == 2.5
    md = render(report, "md").decode("utf-8")
    assert "| 3 | Statement 2 | — | true | 0 | 0 | 1 |" in md
    assert "| Total |  |  | — | 2.5 | 4 |" in md


def local(when: datetime, sep: str = ":") -> str:
    """How a reader here writes the time, in this computer's time zone (as reports do)."""
    moment = when.astimezone()
    return f"{moment.hour:02d}{sep}{moment.minute:02d}"


def test_every_format_names_the_learner_and_the_date_in_its_title() -> None:
    record, version = _unanswered_attempt()
    versions = {(version.quiz_id, version.sha256): version}
    reports = [
        # The attempt's date (finished at 09:05); the learner report's, when it was made.
        (
            attempt_report(record, version, "en", now=T0),
            f"1 Mar 2026, {local(T0 + timedelta(minutes=5))}",
            "T09:05:00",
        ),
        (
            learner_report("Ana", [record], versions, "en", now=T0),
            f"1 Mar 2026, {local(T0)}",
            "T09:00",
        ),
    ]
    for report, human, iso in reports:
        md = render(report, "md").decode("utf-8").splitlines()[0]
        assert md.startswith("## ") and "Ana" in md and human in md, md
        csv = render(report, "csv").decode("utf-8-sig").splitlines()[0]
        assert "Ana" in csv and f"2026-03-01{iso}" in csv, csv
        html = render(report, "html").decode("utf-8")
        title = html.split("<h1>")[1].split("</h1>")[0]
        assert "Ana" in title and human in title, title
        data = json.loads(render(report, "json"))
        assert data["learner"] == "Ana" and data["generated_at"].startswith("2026-03-01T09:00")
    indonesian = attempt_report(record, version, "id", now=T0)
    # CLDR's Indonesian joins a date and its time with a space, not a comma.
    assert f"1 Mar 2026 {local(T0 + timedelta(minutes=5), '.')}" in render(indonesian, "md").decode(
        "utf-8"
    )
    evening = datetime(2026, 12, 1, 21, 33).astimezone()  # 21:33 here
    december = attempt_report(record.model_copy(update={"finished_at": evening}), version, "id")
    assert "1 Des 2026 21.33" in render(december, "md").decode("utf-8")
    assert "1 Des 2026 21.33" in render(december, "html").decode("utf-8")
    english = attempt_report(record.model_copy(update={"finished_at": evening}), version, "en")
    assert "1 Dec 2026, 21:33" in render(english, "md").decode("utf-8")


def test_learner_tables_show_dates_as_people_read_them_and_iso_in_csv() -> None:
    record, version = _unanswered_attempt()
    report = learner_report("Ana", [record], {(version.quiz_id, version.sha256): version}, "en")
    md = render(report, "md").decode("utf-8")
    csv = render(report, "csv").decode("utf-8-sig")
    assert "2026-03-01T09:05:00+00:00" in csv and "T09:05" not in md


def test_an_empty_learner_report_says_no_attempts_yet() -> None:
    report = learner_report("Ana", [], {}, "en", now=T0)
    for fmt in ("md", "csv", "html"):
        assert "No attempts yet." in render(report, fmt).decode("utf-8-sig"), fmt
    assert "Belum ada percobaan." in render(learner_report("Ana", [], {}, "id"), "md").decode()


def test_csv_has_one_rounding_rule() -> None:
    from quizapp.reports.writers.csv import cell

    assert [cell(v) for v in (100 / 3, 100.0, 0.00004, -0.00004, 2 / 3, 7)] == [
        "33.3333",
        "100",
        "0",
        "0",
        "0.6667",
        "7",
    ]


def test_markdown_escapes_only_what_it_must() -> None:
    from quizapp.reports.writers.markdown import escape_md

    assert escape_md("J&T (Express)! {x} #1 1.5 - a+b") == "J&T (Express)! {x} #1 1.5 - a+b"
    assert escape_md("a|b *c* _d_ `e` [f] ~g~ \\") == (
        "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\] \\~g\\~ \\\\"
    )


def test_an_unknown_learner_error_lists_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp.cli import main
    from quizapp.locations import database_path
    from quizapp.store import Store

    store = Store(database_path(tmp_path))
    store.learner("Siti", "id")
    store.learner("budi", "en")
    store.close()
    args = ["report", "--learner", "Bob", "-o", "-", "--format", "md", "--data-dir", str(tmp_path)]
    assert main(args) != 0
    err = capsys.readouterr().err
    assert "There is no learner called 'Bob'; the learners here are: budi, Siti." in err
    out = tmp_path / "bob.json"
    assert main(["export", "--learner", "Bob", "-o", str(out), "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "There is no learner called 'Bob'; the learners here are: budi, Siti." in err
