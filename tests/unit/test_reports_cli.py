"""`quizapp report --class` and `--schema` as a trainer runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_samples import random_class, tour_version

from quizapp.cli import main
from quizapp.reports.export import dump_export


@pytest.fixture
def class_files(tmp_path: Path) -> list[Path]:
    paths = []
    for name, export in random_class(6, tour_version()).items():
        path = tmp_path / f"{name}.json"
        path.write_text(dump_export(export), encoding="utf-8")
        paths.append(path)
    foreign = tmp_path / "notes.json"
    foreign.write_text('{"shopping": ["rice"]}', encoding="utf-8")
    return [*paths, foreign]


@pytest.mark.parametrize("fmt", ["csv", "json", "md", "html"])
def test_class_report_in_every_format(
    class_files: list[Path], tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"class.{fmt}"
    code = main(["report", "--class", *map(str, class_files), "--format", fmt, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    assert "notes.json is not a quizapp learner export" in err
    data = out.read_bytes()
    assert b"learner005" in data
    if fmt == "json":
        report = json.loads(data)
        assert report["kind"] == "class" and report["learners"] == 6
        assert len(report["sections"][0]["analysis"]["questions"]) == 7


def test_existing_output_is_kept_without_force(
    class_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "class.html"
    out.write_text("keep me")
    args = ["report", "--class", *map(str, class_files), "-o", str(out)]
    assert main(args) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert out.read_text() == "keep me"
    assert main([*args, "--force"]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_learner_and_attempt_from_class_files(
    class_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = list(map(str, class_files))
    out = tmp_path / "budi.json"
    assert main(["report", "--class", *files, "--learner", "LEARNER002", "-o", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["kind"] == "learner" and report["learner"] == "learner002"
    assert len(report["timeline"]) == 2
    attempt_id = report["timeline"][0]["attempt_id"]
    one = tmp_path / "one.md"
    assert main(["report", "--class", *files, "--attempt", attempt_id, "-o", str(one)]) == 0
    assert "Attempt report" in one.read_text()
    assert (
        main(["report", "--class", *files, "--learner", "nobody", "--format", "md", "-o", "-"]) == 1
    )
    assert "no learner called 'nobody'" in capsys.readouterr().err


def test_usage_mistakes_get_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--class", str(tmp_path / "x.json"), "-o", str(tmp_path / "r")]) == 1
    assert "Say which format" in capsys.readouterr().err
    bogus = tmp_path / "bogus.json"
    bogus.write_text("[]")
    assert main(["report", "--class", str(bogus), "-o", str(tmp_path / "r.md")]) == 1
    err = capsys.readouterr().err
    assert "None of the files given to --class is a learner export." in err
    assert "Traceback" not in err


def test_schemas_print(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--schema"]) == 0
    assert "ClassReport" in json.loads(capsys.readouterr().out)["$defs"]
    assert main(["export", "--schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "quizapp learner export"


def test_service_builds_and_saves_for_any_front_end(
    class_files: list[Path], tmp_path: Path
) -> None:
    """What the TUI calls from a worker: build with a progress callback, then save."""
    from quizapp.reports.service import ReportError, ReportRequest, build_report, save_report

    steps: list[tuple[int, int]] = []
    built = build_report(
        ReportRequest(class_files=class_files), progress=lambda d, t: steps.append((d, t))
    )
    assert built.report.kind == "class"
    assert any("notes.json" in w for w in built.warnings)
    assert steps[-1] == (1000, 1000)
    assert all(total == 1000 for _, total in steps)
    done = [d for d, _ in steps]
    assert done == sorted(done) and len(done) == len(class_files) + 7  # only forward
    path = save_report(built.report, "html", tmp_path / "out.html")
    assert path.read_text().startswith("<!DOCTYPE html>")
    with pytest.raises(ReportError, match="Say what to report on"):
        build_report(ReportRequest(), database=tmp_path / "scores.sqlite3")
    with pytest.raises(ReportError, match="no score database"):
        build_report(ReportRequest(quiz="tour"), database=tmp_path / "scores.sqlite3")


def test_saving_to_dash_makes_a_file_never_stdout(
    class_files: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """The app's export dialog saves to whatever path is typed: "-" there is a file, not
    the terminal the app draws on (mypy found `save_report` returning None for it)."""
    from quizapp.reports.service import ReportRequest, build_report, save_report

    built = build_report(ReportRequest(class_files=class_files))
    monkeypatch.chdir(tmp_path)
    path = save_report(built.report, "json", "-")
    assert path == tmp_path / "-"
    assert json.loads(path.read_text(encoding="utf-8"))["kind"] == "class"
    assert capsysbinary.readouterr().out == b""
