"""Received export files: each is checked against the export schema with limits (depth,
size, possible figures); a bad one is named and skipped, the rest are reported, in every
format. The hostile cases are those of issue 13."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from report_samples import attempt, export_for, simple_version

from quizapp.cli import main
from quizapp.reports.export import ExportFileError, dump_export, parse_export, read_export

FORMATS = ("csv", "json", "md", "html")


def _good() -> dict:
    version = simple_version(n=4)
    a = attempt("Good Learner", version, [1, 0, 1, 0.5])
    return json.loads(dump_export(export_for("Good Learner", [a], [version])))


def _with(change: str) -> bytes:
    """A valid export of one attempt (4 questions of 1 point), then made hostile."""
    data = _good()
    data["learner"]["name"] = "Bad Learner"
    data["attempts"][0]["id"] = "bad-attempt"
    a = data["attempts"][0]
    text = json.dumps(data)
    if change == "nan-score":
        return text.replace(f'"score": {a["score"]}', '"score": NaN').encode()
    if change == "infinite-score":
        return text.replace(f'"score": {a["score"]}', '"score": Infinity').encode()
    if change == "1e999-score":
        return text.replace(f'"score": {a["score"]}', '"score": 1e999').encode()
    if change == "nan-credit":
        return text.replace('"credit": 1.0', '"credit": NaN', 1).encode()
    if change == "3125000-percent":  # 125,000 of 4 points
        a["score"] = 125000.0
    elif change == "minus-312.5-percent":
        a["score"] = -12.5
    elif change == "credit-above-1":
        a["answers"][0]["credit"] = 2.5
    elif change == "points-above-max":
        a["answers"][0]["points"] = 40.0
    elif change == "negative-max":
        a["max_score"] = -4.0
    elif change == "answers-above-score-max":
        a["max_score"] = 1.0
        a["score"] = 1.0
    elif change == "pass-mark-7000":
        data["quiz_versions"][0]["pass_mark"] = 70.0
    elif change == "deep-response":
        a["answers"][0]["response"] = "DEEP"
        return json.dumps(data).replace('"DEEP"', "[" * 100_000 + "]" * 100_000).encode()
    elif change == "deep-everything":
        return ("[" * 100_000 + "]" * 100_000).encode()
    else:
        raise AssertionError(change)
    return json.dumps(data).encode()


HOSTILE = (
    "nan-score",
    "infinite-score",
    "1e999-score",
    "nan-credit",
    "3125000-percent",
    "minus-312.5-percent",
    "credit-above-1",
    "points-above-max",
    "negative-max",
    "answers-above-score-max",
    "pass-mark-7000",
    "deep-response",
    "deep-everything",
)


@pytest.mark.parametrize("change", HOSTILE)
def test_a_hostile_file_is_one_sentence_naming_it(change: str) -> None:
    with pytest.raises(ExportFileError) as err:
        parse_export(_with(change), f"{change}.json")
    assert str(err.value).startswith(f"{change}.json ")


def test_the_good_sample_passes() -> None:
    assert parse_export(json.dumps(_good()).encode(), "good.json").learner.name == "Good Learner"


def _not_files(tmp_path: Path) -> list[Path]:
    """A named pipe, a link to /dev/zero, a loop of links, a folder: none is a file."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    return [fifo, zero, loop, folder]


def test_files_that_are_not_files_are_refused_without_reading(tmp_path: Path) -> None:
    reasons = {}
    for path in _not_files(tmp_path):
        with pytest.raises(ExportFileError) as err:
            read_export(path)  # a hang or a MemoryError here would fail the test run
        reasons[path.name] = str(err.value)
    assert "named pipe" in reasons["pipe.json"]
    assert "character device" in reasons["zero.json"]
    assert "loop of symbolic links" in reasons["loop.json"]
    assert "is a folder" in reasons["folder.json"]


def test_the_size_limit_counts_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizapp.reports.export.MAX_EXPORT_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(_good()) + " " * 2000, encoding="utf-8")
    with pytest.raises(ExportFileError, match="larger than"):
        read_export(big)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_class_with_every_bad_file_still_reports_the_good_one(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_good()), encoding="utf-8")
    bad = []
    for change in HOSTILE:
        path = tmp_path / f"{change}.json"
        path.write_bytes(_with(change))
        bad.append(path)
    bad += _not_files(tmp_path)
    out = tmp_path / f"class.{fmt}"
    code = main(["report", "--class", str(good), *map(str, bad), "--format", fmt, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    report = out.read_text(encoding="utf-8")
    assert "Good Learner" in report
    assert "Bad Learner" not in report  # no figure of a bad file counts
    for path in bad:
        assert path.name in err  # each bad file named on the terminal
        assert path.name in report  # and in the report's notes
    assert "Traceback" not in err
