"""Merging a class keeps people apart by who they are, not by name: two learners called
Sari on two laptops are two rows ("Sari (1)", "Sari (2)") in every format, while one
learner's attempts, however many files they come in, stay one row."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from report_samples import T0, attempt, export_for, simple_version

from quizapp.cli import main
from quizapp.loading import load_catalog
from quizapp.locations import bundled_quizzes_dir, database_path
from quizapp.reports.build import class_report, rows_from_records
from quizapp.reports.export import LearnerExport, dump_export, merge_files, read_export
from quizapp.reports.records import LearnerRecord
from quizapp.reports.service import ReportError, ReportRequest, build_report
from quizapp.reports.writers import render
from quizapp.reports.writers.csv import BOM
from quizapp.store import Store

HOSTILE = "<script>x</script>"
FORMULA = '=HYPERLINK("http://evil.example","x")'


def _file(
    tmp_path: Path,
    file_name: str,
    learner: str,
    learner_id: str | None,
    credits: list[list[float]],
    start: int = 0,
) -> Path:
    """An export of `learner` (with an id: format 2; without: as format 1 wrote it)."""
    version = simple_version()
    attempts = [
        attempt(learner, version, c, T0 + timedelta(hours=start + i), f"{file_name}-{start + i}")
        for i, c in enumerate(credits)
    ]
    if learner_id:
        attempts = [a.model_copy(update={"learner_id": learner_id}) for a in attempts]
    export = export_for(learner, attempts, [version])
    export = export.model_copy(
        update={"learner": LearnerRecord(name=learner, id=learner_id), "version": 2}
    )
    path = tmp_path / f"{file_name}.json"
    path.write_text(dump_export(export), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["Sari", HOSTILE, FORMULA])
def test_namesakes_on_two_laptops_are_two_rows_in_every_format(tmp_path: Path, name: str) -> None:
    a = _file(tmp_path, "laptop-a", name, "id-a", [[1, 1, 1], [1, 1, 0]])
    b = _file(tmp_path, "laptop-b", name, "id-b", [[0, 0, 0]])
    budi = _file(tmp_path, "budi", "Budi", "id-c", [[1, 0, 1]])
    merged = merge_files([a, b, budi])
    assert set(merged.learners) == {f"{name} (1)", f"{name} (2)", "Budi"}
    assert merged.learners[f"{name} (2)"].id == "id-b"
    (note,) = merged.namesakes
    assert note == (
        f"2 different learners are called {name}: {name} (1) from {a}; {name} (2) from {b}."
    )

    built = build_report(ReportRequest(class_files=[a, b, budi], lang="id"))
    report = built.report
    assert report.learners == 3
    grades = {g.learner: g for g in report.sections[0].grades}
    assert (grades[f"{name} (1)"].attempts, grades[f"{name} (1)"].first) == (2, 100.0)
    assert (grades[f"{name} (2)"].attempts, grades[f"{name} (2)"].first) == (1, 0.0)
    # The command line warns in English; the Indonesian report says it in Indonesian.
    assert note in built.warnings
    assert report.notes == [
        f"2 peserta yang berbeda bernama {name}: {name} (1) dari {a}; {name} (2) dari {b}."
    ]

    data = json.loads(render(report, "json"))
    assert {g["learner"] for g in data["sections"][0]["grades"]} == set(grades)
    md = render(report, "md").decode("utf-8")
    page = render(report, "html").decode("utf-8")
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode("utf-8").removeprefix(BOM))))
    csv_names = {row[0] for row in rows if row}
    for n in (1, 2):
        label = f"{name} ({n})"
        if name == HOSTILE:
            # Still data, never markup: the label is escaped like any name.
            assert f"&lt;script&gt;x&lt;/script&gt; ({n})" in page and "<script>" not in page
            assert f"&lt;script&gt;x&lt;/script&gt; ({n})" in md and "<script>" not in md
        elif name == FORMULA:
            assert "'" + label in csv_names and label not in csv_names
            assert f"{label}" in page.replace("&quot;", '"')
        else:
            assert f"| {name} ({n}) |" in md and f"<td>{label}</td>" in page
            assert label in csv_names


def test_one_learner_exporting_twice_is_one_row(tmp_path: Path) -> None:
    """The second export repeats the first's attempts and adds one: one person, 3 attempts."""
    first = _file(tmp_path, "sari-monday", "Sari", "id-s", [[1, 0, 0], [1, 1, 0]])
    second = _file(tmp_path, "sari-friday", "Sari", "id-s", [[1, 1, 1]], start=2)
    repeat = tmp_path / "sari-friday-again.json"
    repeat.write_text(first.read_text(), encoding="utf-8")
    merged = merge_files([first, second, repeat])
    assert list(merged.learners) == ["Sari"] and merged.namesakes == []
    report = class_report(rows_from_records(merged.attempts), merged.quiz_versions, "en")
    (row,) = report.sections[0].grades
    assert (row.learner, row.attempts, row.first, row.last) == (
        "Sari",
        3,
        pytest.approx(100 / 3),
        100.0,
    )


def test_format_1_files_keep_namesakes_apart_and_link_a_learners_own_files(
    tmp_path: Path,
) -> None:
    """Files without learner ids: each file is its own learner unless it shares an attempt
    with another file, which only the same learner can."""
    sari_a = _file(tmp_path, "a", "Sari", None, [[1, 1, 1]])
    sari_b = _file(tmp_path, "b", "Sari", None, [[0, 0, 0]])
    # Sari of laptop a, after updating quizapp: her old attempt again, with her id, and a new one.
    old = json.loads(sari_a.read_text())
    assert old["learner"]["id"] is None and old["attempts"][0]["learner_id"] is None
    newer = LearnerExport.model_validate(old)
    newer = newer.model_copy(
        update={
            "learner": LearnerRecord(name="Sari", id="id-a"),
            "attempts": [
                a.model_copy(update={"learner_id": "id-a"})
                for a in [*newer.attempts, attempt("Sari", simple_version(), [1, 0, 1], T0)]
            ],
        }
    )
    sari_a2 = tmp_path / "a2.json"
    sari_a2.write_text(dump_export(newer), encoding="utf-8")

    merged = merge_files([sari_a, sari_b, sari_a2])
    assert set(merged.learners) == {"Sari (1)", "Sari (2)"}
    counts: dict[str, int] = {}
    for a in merged.attempts:
        counts[a.learner] = counts.get(a.learner, 0) + 1
    assert counts == {"Sari (1)": 2, "Sari (2)": 1}
    assert merged.namesakes == [
        f"2 different learners are called Sari: Sari (1) from {sari_a}, {sari_a2}; "
        f"Sari (2) from {sari_b}."
    ]


def test_a_format_1_file_as_written_before_still_reads_and_reports(tmp_path: Path) -> None:
    data = json.loads(
        dump_export(
            export_for("Ayu", [attempt("Ayu", simple_version(), [1, 0, 1])], [simple_version()])
        )
    )
    data["version"] = 1
    del data["learner"]["id"]
    for a in data["attempts"]:
        del a["learner_id"]
    path = tmp_path / "ayu-2025.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_export(path).version == 1
    report = build_report(ReportRequest(class_files=[path])).report
    assert [g.learner for g in report.sections[0].grades] == ["Ayu"]


def test_asking_for_a_shared_name_says_which_to_choose(tmp_path: Path) -> None:
    files = [
        _file(tmp_path, "a", "Sari", "id-a", [[1, 1, 1]]),
        _file(tmp_path, "b", "Sari", "id-b", [[0, 0, 0], [1, 0, 0]]),
    ]
    with pytest.raises(ReportError) as err:
        build_report(ReportRequest(class_files=files, learner="sari"))
    assert str(err.value) == (
        "2 different learners are called 'sari' in those files; say which: 'Sari (1)', 'Sari (2)'."
    )
    report = build_report(ReportRequest(class_files=files, learner="sari (2)")).report
    assert report.learner == "Sari (2)" and len(report.timeline) == 2


# -- from real score stores, through the commands a learner and a trainer run -------------


def _laptop(data_dir: Path, name: str, start: datetime, tries: int) -> None:
    """`name` takes the tour quiz `tries` times on their own laptop, from `start`."""
    catalog = load_catalog([bundled_quizzes_dir()])
    pool = catalog.pool("tour")
    now = [start]

    def clock() -> datetime:
        now[0] += timedelta(seconds=7)
        return now[0]

    with Store(database_path(data_dir), clock=clock) as store:
        version = store.quiz_version("tour", catalog.hashes["tour"], "A quick tour", {})
        learner = store.learner(name, "id")
        for t in range(tries):
            a = store.start_attempt(learner.id, version.id, "exam", t, [e.key for e in pool])
            score = 0.0
            for i, entry in enumerate(pool):
                credit = 1.0 if (i + t) % 2 else 0.0
                score += credit * entry.question.points
                store.record_answer(
                    a.id, entry.key, None, credit=credit, points=credit * entry.question.points
                )
            top = sum(e.question.points for e in pool)
            store.finish_attempt(a.id, score=score, max_score=top, passed=score / top >= 0.5)


def test_two_laptops_through_export_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    _laptop(tmp_path / "a", "Sari", start, tries=2)
    _laptop(tmp_path / "b", "sari", start + timedelta(minutes=3), tries=1)
    files = []
    for laptop, times in (("a", 2), ("b", 1)):
        for n in range(times):  # laptop a's Sari exports twice
            out = tmp_path / f"{laptop}{n}.json"
            code = main(
                [
                    "export",
                    "--learner",
                    "Sari",
                    "-o",
                    str(out),
                    "--data-dir",
                    str(tmp_path / laptop),
                ]
            )
            assert code == 0
            files.append(out)
    a0, a1, b0 = (read_export(f) for f in files)
    assert a0.version == 2 and a0.learner.id and a0.learner.id == a1.learner.id
    assert a0.learner.id != b0.learner.id
    assert {a.learner_id for a in a0.attempts} == {a0.learner.id}

    report_file = tmp_path / "class.md"
    args = ["report", "--class", *map(str, files), "--lang", "id", "-o", str(report_file)]
    assert main(args) == 0
    err = capsys.readouterr().err
    # --lang id is the command's language too: the report's notes are said in it.
    assert "2 peserta yang berbeda bernama Sari: Sari (1) dari" in err
    text = report_file.read_text(encoding="utf-8")
    assert "| Sari (1) | 2 |" in text and "| sari (2) | 1 |" in text
