"""The report builders: what an attempt, a learner and a class report say, on known data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from report_samples import T0, attempt, simple_version, tour_version

from quizapp.reports.build import attempt_report, class_report, learner_report, rows_from_records


def test_attempt_report_describes_every_answer() -> None:
    version = tour_version()
    responses = [
        "147 orang",  # delegates (numeric)
        1,  # city: Beijing
        [0, 1],  # platforms
        False,  # two-days
        "J&T",  # coordinator
        [2, 0, 1],  # order-of-events
        [0, None, 1],  # who-runs-what
    ]
    a = attempt("Siti", version, [1, 0, 1, 1, 1, 0, 0.5], responses=responses)
    report = attempt_report(a, version, "en", now=T0)
    assert report.learner == "Siti" and report.quiz_id == "tour"
    assert report.quiz_version == version.sha256 and report.mode == "exam"
    assert report.score == pytest.approx(4.5) and report.percent == pytest.approx(450 / 7)
    assert report.pass_mark == pytest.approx(60.0) and report.passed
    lines = {q.key: q for q in report.questions}
    assert lines["city"].response == "Beijing" and lines["city"].right_answer == "Hangzhou"
    assert lines["city"].credit == 0
    assert lines["platforms"].response == "Tokopedia; Bukalapak"
    assert lines["two-days"].response == "false" and lines["two-days"].right_answer == "false"
    assert lines["delegates"].response == "147 orang"
    assert lines["order-of-events"].response.startswith("The Indonesian delegates train")
    assert "— " not in lines["who-runs-what"].response
    assert "→ —" in lines["who-runs-what"].response  # an unmatched left item
    indonesian = attempt_report(a, version, "id", now=T0)
    assert {q.key: q for q in indonesian.questions}["two-days"].response == "salah"


def test_attempt_report_without_the_quiz_file() -> None:
    version = simple_version()
    a = attempt("A", version, [1, 0, 1])
    report = attempt_report(a, None, "en", now=T0)
    assert [q.prompt for q in report.questions] == ["k0", "k1", "k2"]
    assert report.questions[0].response == "true"  # raw JSON when the question is unknown
    assert report.passed  # 2 of 3 against the default pass mark of 50%


def test_learner_report_figures() -> None:
    version = simple_version(n=4)  # tags: even, odd, even, odd
    other = simple_version("other", "c" * 64, n=2)
    attempts = [
        attempt("Ana", version, [1, 0, 0, 0], T0),  # 25%
        attempt("Ana", version, [1, 1, 1, 0], T0 + timedelta(days=1)),  # 75%
        attempt("Ana", version, [1, 1, 0, 0], T0 + timedelta(days=2)),  # 50%
        attempt("Ana", other, [0, 0], T0 + timedelta(hours=5)),  # 0%
        attempt("Bo", version, [1, 1, 1, 1], T0),
    ]
    versions = {(v.quiz_id, v.sha256): v for v in (version, other)}
    calls: list[tuple[int, int]] = []
    report = learner_report(
        "Ana", attempts, versions, "en", now=T0, progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    summary = {q.quiz_id: q for q in report.quizzes}
    q = summary["q"]
    assert (q.attempts, q.best, q.last, q.average) == (3, 75.0, 50.0, 50.0)
    assert q.passed
    assert (summary["other"].best, summary["other"].passed) == (0.0, False)
    assert [p.percent for p in report.timeline] == [25.0, 0.0, 75.0, 50.0]  # by time
    mastery = {m.tag: (m.percent, m.answers) for m in report.mastery}
    # even: k0 1,1,1 + k2 0,1,0 (quiz q), k0 0 (other) -> 4 of 7; odd: k1 0,1,1, k3 0,0,0,
    # k1 0 (other) -> 2 of 7.
    assert mastery["even"] == (pytest.approx(400 / 7), 7)
    assert mastery["odd"] == (pytest.approx(200 / 7), 7)
    weakest = [(w.quiz_id, w.key, w.percent) for w in report.weakest]
    assert weakest[:3] == [("q", "k3", 0.0), ("other", "k0", 0.0), ("other", "k1", 0.0)]
    assert ("q", "k0", 100.0) not in weakest  # always right: not weak


def test_class_report_grades_first_and_all() -> None:
    version = simple_version(n=2)
    attempts = [
        attempt("B", version, [0, 0], T0 + timedelta(hours=1)),
        attempt("A", version, [1, 0], T0),
        attempt("A", version, [1, 1], T0 + timedelta(days=1)),
    ]
    versions = {(version.quiz_id, version.sha256): version}
    calls: list[tuple[int, int]] = []
    report = class_report(
        rows_from_records(attempts),
        versions,
        "en",
        now=T0,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls == [(1, 2), (2, 2)]  # one section: a step per question
    (section,) = report.sections
    grades = {g.learner: g for g in section.grades}
    assert (grades["A"].attempts, grades["A"].first, grades["A"].best, grades["A"].last) == (
        2,
        50.0,
        100.0,
        100.0,
    )
    assert grades["A"].passed and not grades["B"].passed
    assert section.analysis.quiz.attempts == 2  # first attempts: A's 50%, B's 0%
    assert [b.count for b in section.distribution if b.count] == [1, 1]
    assert section.distribution[0].count == 1 and section.distribution[5].count == 1
    everything = class_report(rows_from_records(attempts), versions, "en", which="all")
    assert everything.sections[0].analysis.quiz.attempts == 3
    assert everything.sections[0].distribution[9].count == 1  # 100% is in the last bar


def test_names_sort_as_people_expect() -> None:
    from quizapp.reports.build import natural

    names = ["learner 10", "Learner 2", "ana", "Learner 1", "budi"]
    assert sorted(names, key=natural) == ["ana", "budi", "Learner 1", "Learner 2", "learner 10"]


@pytest.mark.parametrize(("lang", "word"), [("en", "apply"), ("id", "menerapkan")])
def test_item_analysis_shows_each_questions_level(lang: str, word: str) -> None:
    from quizapp.reports.writers.tables import section_tables

    version = simple_version(n=2)
    version = version.model_copy(
        update={
            "questions": [
                version.questions[0].model_copy(update={"level": "apply"}),
                version.questions[1],
            ]
        }
    )
    attempts = [attempt("A", version, [1, 0], T0), attempt("B", version, [0, 1], T0)]
    report = class_report(rows_from_records(attempts), {("q", "a" * 64): version}, lang, now=T0)
    (section,) = report.sections
    assert [i.level for i in section.items] == [word, ""]
    items = [t for t in section_tables(lang, section) if t.rows and len(t.rows[0]) == 9]
    assert items and items[0].rows[0][2] == word
