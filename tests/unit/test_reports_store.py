"""Reports from the real score store: the reader (on both backends), export and report
commands, and the SQL class counts agreeing with the same report built in Python."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.loading import load_catalog
from quizapp.locations import bundled_quizzes_dir, database_path
from quizapp.reports.build import class_report, class_report_from_counts, rows_from_records
from quizapp.reports.export import read_export
from quizapp.reports.questions import catalog_describer
from quizapp.reports.source import SourceError, StoreReader, attempt_uid
from quizapp.store import Store, open_store

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves, so attempts have distinct, known times."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=7)
        return self.now


def _target(where: Path | str) -> Path | str:
    """A data folder's SQLite file, or a store target as it is (`store_target`)."""
    return database_path(where) if isinstance(where, Path) else where


def fill(data_dir: Path | str, learners: int = 8, tries: int = 2, seed: int = 3) -> None:
    """Learners taking the bundled tour quiz, with credits by ability; plus an abandoned
    attempt that must not count."""
    catalog = load_catalog([bundled_quizzes_dir()])
    quiz = catalog.quizzes["tour"]
    pool = catalog.pool("tour")
    rng = random.Random(seed)
    with open_store(_target(data_dir), clock=Clock()) as store:
        version = store.quiz_version(
            "tour", catalog.hashes["tour"], "A quick tour", {e.key: e.question.tags for e in pool}
        )
        for i in range(learners):
            learner = store.learner(f"Learner {i}", "id" if i % 2 else "en")
            ability = rng.random()
            for t in range(tries):
                # Half the attempts carry the engine's UUID, half are older records without.
                attempt = store.start_attempt(
                    learner.id,
                    version.id,
                    "exam",
                    rng.randrange(1 << 30),
                    [e.key for e in pool],
                    uid=f"engine-{i}-{t}" if i % 2 else None,
                )
                score = 0.0
                for entry in pool:
                    credit = 1.0 if rng.random() < ability else 0.0
                    points = credit * entry.question.points
                    score += points
                    response = 0 if entry.question.type == "single" else None
                    store.record_answer(
                        attempt.id, entry.key, response, credit=credit, points=points
                    )
                top = sum(e.question.points for e in pool)
                store.finish_attempt(
                    attempt.id,
                    score=score,
                    max_score=top,
                    passed=score / top >= quiz.quiz.pass_mark,
                )
        dropped = store.start_attempt(0 + 1, version.id, "exam", 1, [e.key for e in pool])
        store.record_answer(dropped.id, pool[0].key, 0, credit=1.0, points=1.0)
        store.abandon(dropped.id)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    fill(tmp_path)
    return tmp_path


@pytest.fixture
def filled(store_target: str) -> str:
    fill(store_target)
    return store_target


def _versions(reader: StoreReader) -> dict:
    return reader.versions(catalog_describer(load_catalog([bundled_quizzes_dir()])))


def test_reader_gives_finished_attempts_with_questions(filled: str) -> None:
    with StoreReader(filled) as reader:
        versions = _versions(reader)
        (version,) = versions.values()
        assert version.question("city") is not None  # matched to the quiz file by hash
        attempts = reader.attempts(versions=versions)
        assert len(attempts) == 16  # the abandoned one is left out
        assert len({a.id for a in attempts}) == 16
        first = attempts[0]
        assert [x.question_key for x in first.answers][:2] == ["delegates", "city"]
        assert all(x.max_points == 1.0 for x in first.answers)
        assert reader.learner("learner 3").language == "id"
        assert reader.local_attempt_id(first.id) == 1
        engine_made = next(a for a in attempts if a.learner == "Learner 1")
        assert engine_made.id == "engine-1-0"
        assert reader.local_attempt_id("engine-1-0") == 3


def test_sql_counts_agree_with_the_python_report(filled: str) -> None:
    with StoreReader(filled) as reader:
        versions = _versions(reader)
        rows = rows_from_records(reader.attempts(versions=versions))
        for which in ("first", "all"):
            via_sql = class_report_from_counts(
                reader.class_counts(None, which, versions), versions, "en", which, now=T0
            )
            via_rows = class_report(rows, versions, "en", which, now=T0)
            assert via_sql == via_rows
        assert via_sql.sections[0].analysis.quiz.attempts == 16


def test_attempt_ids_are_stable_across_exports(data_dir: Path, tmp_path: Path) -> None:
    out1, out2 = tmp_path / "a1.json", tmp_path / "a2.json"
    for out in (out1, out2):
        args = ["export", "--learner", "learner 2", "-o", str(out), "--data-dir", str(data_dir)]
        assert main(args) == 0
    one, two = read_export(out1), read_export(out2)
    assert one.learner.name == "Learner 2"
    assert [a.id for a in one.attempts] == [a.id for a in two.attempts]
    assert len(one.attempts) == 2
    assert one.quiz_versions[0].questions  # the quiz text travels with the file
    assert attempt_uid("A", "q", "s", 1, 2) == attempt_uid("a", "q", "s", 1, 2)
    assert attempt_uid("A", "q", "s", 1, 2) != attempt_uid("A", "q", "s", 1, 3)


def test_export_then_class_report_round_trip(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = []
    for i in range(8):
        out = tmp_path / f"l{i}.json"
        main(["export", "--learner", f"Learner {i}", "-o", str(out), "--data-dir", str(data_dir)])
        files.append(str(out))
    report_file = tmp_path / "class.json"
    # The same files twice: every attempt still counts once.
    assert main(["report", "--class", *files, *files, "-o", str(report_file)]) == 0
    assert "16 attempts appeared in more than one file" in capsys.readouterr().err
    from_files = json.loads(report_file.read_text())
    local = tmp_path / "local.json"
    assert main(["report", "--quiz", "tour", "-o", str(local), "--data-dir", str(data_dir)]) == 0
    from_store = json.loads(local.read_text())
    for key in ("analysis", "grades", "distribution"):
        assert from_files["sections"][0][key] == from_store["sections"][0][key]


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "html"])
def test_every_scope_from_the_store(data_dir: Path, tmp_path: Path, fmt: str) -> None:
    common = ["--format", fmt, "--data-dir", str(data_dir)]
    for scope, name in (
        (["--attempt", "3"], "attempt"),
        (["--learner", "Learner 1"], "learner"),
        (["--quiz", "tour"], "class"),
    ):
        out = tmp_path / f"{name}.{fmt}"
        assert main(["report", *scope, *common, "-o", str(out)]) == 0
        assert out.stat().st_size > 200


def test_learner_report_in_the_learners_language(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "l1.html"
    assert (
        main(["report", "--learner", "Learner 1", "-o", str(out), "--data-dir", str(data_dir)]) == 0
    )
    page = out.read_text()
    assert '<html lang="id">' in page and "Penguasaan per tag" in page


def test_no_database_is_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SourceError, match="no score database"):
        StoreReader(tmp_path / "none.sqlite3")
    code = main(
        ["report", "--quiz", "tour", "-o", str(tmp_path / "x.md"), "--data-dir", str(tmp_path)]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "There is no score database" in err and "Traceback" not in err
    code = main(
        ["export", "--learner", "x", "-o", str(tmp_path / "x.json"), "--data-dir", str(tmp_path)]
    )
    assert code == 1


def test_a_record_damaged_by_hand_is_one_sentence_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    fill(tmp_path, learners=1, tries=1)
    con = sqlite3.connect(database_path(tmp_path))
    with con:
        con.execute("UPDATE quiz_versions SET sha256 = 'aa11'")
    con.close()
    with StoreReader(database_path(tmp_path)) as reader, pytest.raises(SourceError) as info:
        reader.versions()
    assert "sha256" in str(info.value) and "damaged" in str(info.value)
    out = tmp_path / "out.json"
    code = main(["export", "--data-dir", str(tmp_path), "--learner", "Learner 0", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_reviews_are_left_out_of_exports_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The app records a review under a pseudo-version ("@review", sha256 "-"): found by a
    # new user, whose every export failed after one review.
    from quizapp.store import REVIEW_QUIZ_ID
    from quizapp.store.recorder import REVIEW_VERSION

    fill(tmp_path, learners=1, tries=1)
    with Store(database_path(tmp_path), clock=Clock()) as store:
        learner = store.learner("Learner 0", "en")
        review = store.quiz_version(REVIEW_QUIZ_ID, REVIEW_VERSION, "Review", {"tour/q": []})
        attempt = store.start_attempt(learner.id, review.id, "review", 1, ["tour/q"])
        store.record_answer(attempt.id, "tour/q", 0, credit=1.0, points=1.0)
        store.finish_attempt(attempt.id, score=1.0, max_score=1.0, passed=True)
    with StoreReader(database_path(tmp_path)) as reader:
        assert all(quiz_id != REVIEW_QUIZ_ID for quiz_id, _ in reader.versions())
        attempts = reader.attempts("Learner 0")
    assert [a.quiz_id for a in attempts] == ["tour"]
    out = tmp_path / "out.json"
    args = ["export", "--data-dir", str(tmp_path), "--learner", "Learner 0", "-o", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    assert len(read_export(out).attempts) == 1


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_works_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    # Given before the command, the subcommand's own default used to replace it with
    # the user's data folder: a trainer's two laptops' data silently merged.
    fill(tmp_path, learners=1, tries=1)
    out = tmp_path / "out.json"
    command = ["export", "--learner", "Learner 0", "-o", str(out)]
    data = ["--data-dir", str(tmp_path)]
    args = data + command if where == "before" else command + data
    assert main(args) == 0, capsys.readouterr().err
    assert out.exists()
    report = ["report", "--learner", "Learner 0", "--format", "csv", "-o", "-"]
    args = data + report if where == "before" else report + data
    assert main(args) == 0, capsys.readouterr().err
    assert "A quick tour" in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "name"), [("id", "Tur singkat"), ("en", "A quick tour")])
def test_mastery_names_tags_as_the_module_does_in_store_and_export_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, name: str
) -> None:
    from quizapp.loading.content import load_modules
    from quizapp.locations import bundled_content_dir

    module = load_modules([bundled_content_dir()]).modules["alibaba-2019"]
    training = module.tag_label("training", lang)
    assert training and training != "training"
    fill(tmp_path, learners=1, tries=1)
    base = ["--data-dir", str(tmp_path)]
    report = ["report", "--learner", "Learner 0", "--format", "md", "--lang", lang, "-o", "-"]
    assert main(base + report) == 0
    shown = capsys.readouterr().out
    assert name in shown
    assert f"| {training} |" in shown
    assert "| training |" not in shown
    # The names travel in the export file, so a trainer's report needs no module.
    out = tmp_path / "l0.json"
    assert main([*base, "export", "--learner", "Learner 0", "-o", str(out)]) == 0
    (version,) = read_export(out).quiz_versions
    assert version.tag_name("training", lang) == training
    from_file = ["report", "--class", str(out), "--learner", "Learner 0", "--lang", lang]
    assert main([*from_file, "--format", "md", "-o", "-"]) == 0
    assert f"| {training} |" in capsys.readouterr().out


def fill_mixed(data_dir: Path | str, seed: int = 5) -> None:
    """Learners who practise before their exam, skip questions, and one quiz version
    nobody took as an exam."""
    catalog = load_catalog([bundled_quizzes_dir()])
    pool = catalog.pool("tour")
    rng = random.Random(seed)
    with open_store(_target(data_dir), clock=Clock()) as store:
        tags = {e.key: e.question.tags for e in pool}
        exam_version = store.quiz_version("tour", catalog.hashes["tour"], "Tour", tags)
        practice_version = store.quiz_version("tour", "c" * 64, "Tour (old)", tags)
        for i in range(6):
            learner = store.learner(f"Learner {i}", "en")
            plan = [(practice_version, "practice")]
            plan += [(exam_version, "practice"), (exam_version, "exam"), (exam_version, "exam")]
            for version, mode in plan:
                attempt = store.start_attempt(
                    learner.id, version.id, mode, rng.randrange(1 << 30), [e.key for e in pool]
                )
                score = 0.0
                for entry in pool:
                    if rng.random() < 0.2:
                        continue  # put, never answered
                    credit = rng.choice([0.0, 0.5, 1.0])
                    points = credit * entry.question.points
                    score += points
                    store.record_answer(attempt.id, entry.key, 0, credit=credit, points=points)
                top = sum(e.question.points for e in pool)
                store.finish_attempt(attempt.id, score=score, max_score=top, passed=False)


@pytest.mark.parametrize("which", ["first", "all"])
def test_sql_and_python_agree_with_skips_and_practice(store_target: str, which: str) -> None:
    fill_mixed(store_target)
    catalog = load_catalog([bundled_quizzes_dir()])
    with StoreReader(store_target) as reader:
        versions = reader.versions(catalog_describer(catalog))
        records = reader.attempts(versions=versions)
        via_sql = class_report_from_counts(
            reader.class_counts(None, which, versions), versions, "en", which, now=T0
        )
    via_rows = class_report(rows_from_records(records), versions, "en", which, now=T0)
    assert via_sql == via_rows
    exam, old = sorted(via_sql.sections, key=lambda s: s.quiz_version == "c" * 64)
    # The exam version: graded attempts only (first: each learner's first exam).
    assert exam.analysis.quiz.attempts == (6 if which == "first" else 12)
    assert not any("exam" in note for note in exam.analysis.notes)
    # Unanswered questions are 0 marks: every attempt has every question.
    assert all(q.attempts == exam.analysis.quiz.attempts for q in exam.analysis.questions)
    assert exam.analysis.quiz.cic is not None
    # The version nobody took as an exam: its practice attempts, with a note saying so.
    assert old.analysis.quiz.attempts == 6
    assert "Nobody took this quiz as an exam" in old.analysis.notes[0]
