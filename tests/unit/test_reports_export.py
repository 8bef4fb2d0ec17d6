"""The learner export file: round trip, schema, and merging a class of files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_samples import attempt, export_for, random_class, simple_version, tour_version

from quizapp.reports.build import class_report, rows_from_records
from quizapp.reports.export import (
    ExportFileError,
    dump_export,
    export_schema,
    merge_files,
    parse_export,
    read_export,
)


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    version = tour_version()
    a = attempt("Siti", version, [1, 0, 0.5, 1, 1, 0, 1])
    export = export_for("Siti", [a], [version], lang="id")
    path = tmp_path / "siti.json"
    path.write_text(dump_export(export), encoding="utf-8")
    back = read_export(path)
    assert back == export
    assert back.attempts[0].answers[2].credit == 0.5
    assert back.quiz_versions[0].question("city") is not None


def test_schema_describes_the_format() -> None:
    schema = export_schema()
    assert schema["properties"]["format"]["const"] == "quizapp-learner-export"
    assert set(schema["required"]) >= {"exported_at", "learner"}
    assert "AttemptRecord" in schema["$defs"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "is not valid JSON (line 1, column 2"),
        (b"\xff\xfe\x00garbage", "is not a text file"),
        (b"[1, 2, 3]", "is not a quizapp learner export"),
        (b'{"format": "something-else", "version": 1}', "is not a quizapp learner export"),
        (
            b'{"format": "quizapp-learner-export", "version": 9}',
            "was written by a newer quizapp (format version 9)",
        ),
        (
            b'{"format": "quizapp-learner-export", "version": 1, "exported_at": "x", '
            b'"learner": {"name": "A"}}',
            "is damaged (exported_at:",
        ),
    ],
)
def test_bad_files_get_one_sentence_naming_them(content: bytes, message: str) -> None:
    with pytest.raises(ExportFileError) as err:
        parse_export(content, "bob.json")
    text = str(err.value)
    assert text.startswith("bob.json ") and message in text
    assert text.endswith(".") and "\n" not in text and "Traceback" not in text


def test_missing_and_folder_paths(tmp_path: Path) -> None:
    with pytest.raises(ExportFileError, match="does not exist"):
        read_export(tmp_path / "nobody.json")
    with pytest.raises(ExportFileError, match="is a folder"):
        read_export(tmp_path)


def test_merging_150_learner_files(tmp_path: Path) -> None:
    """150 files, one damaged, one foreign and three that repeat another's attempts: the
    good ones all count, each attempt once, and each bad file is named."""
    version = simple_version(n=5)
    exports = random_class(150, version, tries=2)
    paths = []
    for name, export in exports.items():
        path = tmp_path / f"{name}.json"
        path.write_text(dump_export(export), encoding="utf-8")
        paths.append(path)
    # A learner who exported twice, and a trainer who got the same file twice.
    (tmp_path / "again.json").write_text(dump_export(exports["learner005"]), encoding="utf-8")
    paths += [tmp_path / "again.json", paths[7], paths[8]]
    (tmp_path / "broken.json").write_text('{"format": "quizapp-learner-export", "vers')
    (tmp_path / "photo.json").write_text('{"camera": "x"}')
    paths += [tmp_path / "broken.json", tmp_path / "photo.json"]

    seen_progress: list[tuple[int, int]] = []
    merged = merge_files(paths, progress=lambda d, t: seen_progress.append((d, t)))
    assert merged.files_read == 153
    assert len(merged.attempts) == 300
    assert merged.duplicates == 6
    assert len({a.id for a in merged.attempts}) == 300
    assert len(merged.learners) == 150
    assert len(merged.problems) == 2
    assert "broken.json is not valid JSON" in merged.problems[0]
    assert "photo.json is not a quizapp learner export" in merged.problems[1]
    assert seen_progress[-1] == (len(paths), len(paths))

    report = class_report(
        rows_from_records(merged.attempts), merged.quiz_versions, "en", notes=merged.problems
    )
    (section,) = report.sections
    assert report.learners == 150
    assert len(section.grades) == 150
    assert section.analysis.quiz.attempts == 150  # first attempts only
    assert sum(b.count for b in section.distribution) == 150
    assert any("broken.json" in n for n in report.notes)
    everyone = class_report(rows_from_records(merged.attempts), merged.quiz_versions, "en", "all")
    assert everyone.sections[0].analysis.quiz.attempts == 300


def test_versions_of_a_quiz_are_kept_apart_and_said_so() -> None:
    old = simple_version("q", "1" * 64)
    new = simple_version("q", "2" * 64, n=4)
    rows = rows_from_records(
        [
            attempt("A", old, [1, 1, 0]),
            attempt("B", old, [1, 0, 0]),
            attempt("A", new, [1, 1, 1, 1]),
        ]
    )
    report = class_report(rows, {("q", old.sha256): old, ("q", new.sha256): new}, "en")
    assert [(s.quiz_version, s.analysis.quiz.attempts) for s in report.sections] == [
        (old.sha256, 2),
        (new.sha256, 1),
    ]
    assert [len(s.items) for s in report.sections] == [3, 4]
    assert any("2 versions (11111111, 22222222)" in n for n in report.notes)
    indonesian = class_report(rows, {}, "id")
    assert any("dilaporkan terpisah" in n for n in indonesian.notes)


def test_export_file_is_plain_json_with_the_format_marker(tmp_path: Path) -> None:
    version = simple_version()
    text = dump_export(export_for("A", [attempt("A", version, [1, 0, 1])], [version]))
    data = json.loads(text)
    assert data["format"] == "quizapp-learner-export" and data["version"] == 2
    assert data["attempts"][0]["answers"][0]["question_key"] == "k0"
