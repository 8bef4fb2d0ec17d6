"""Writers: hostile names and quiz text are escaped (HTML, Markdown) and neutralised (CSV);
files are written atomically and never over an existing one without force."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from report_samples import HOSTILE_TEXTS, T0, attempt, simple_version

from quizapp.reports.build import attempt_report, class_report, learner_report, rows_from_records
from quizapp.reports.files import OutputExistsError, write_atomic
from quizapp.reports.models import SCHEMA_VERSION, report_schema
from quizapp.reports.records import QuestionRecord, QuizVersionRecord
from quizapp.reports.writers import FORMATS, render
from quizapp.reports.writers.csv import BOM, FORMULA_STARTS

HOSTILE_NAME = "<script>alert('x')</script>"
FORMULA_NAME = '=HYPERLINK("http://evil.example","x")'


def hostile_version() -> QuizVersionRecord:
    return QuizVersionRecord(
        quiz_id="evil",
        sha256="e" * 64,
        title="<img src=x onerror=alert(1)> =1+1",
        questions=[
            QuestionRecord(
                key=f"h{i}",
                type="single",
                prompt=text,
                tags=[text],
                options=[text, "@SUM(A1:A2)"],
                right_answer=text,
            )
            for i, text in enumerate(HOSTILE_TEXTS)
        ],
    )


def hostile_reports() -> list[object]:
    version = hostile_version()
    n = len(version.questions)
    attempts = [
        attempt(HOSTILE_NAME, version, [1.0] * n, T0, responses=[1] * n),  # picks "@SUM(A1:A2)"
        attempt(FORMULA_NAME, version, [0.0] * n, T0 + timedelta(hours=1), responses=[0] * n),
        attempt("-minus", version, [1.0, 0.0] * (n // 2) + [1.0], T0 + timedelta(hours=2)),
    ]
    versions = {(version.quiz_id, version.sha256): version}
    return [
        attempt_report(attempts[0], version, "en", now=T0),
        learner_report(HOSTILE_NAME, attempts, versions, "en", now=T0),
        class_report(rows_from_records(attempts), versions, "en", now=T0),
    ]


@pytest.mark.parametrize("index", [0, 1, 2], ids=["attempt", "learner", "class"])
def test_html_escapes_every_hostile_text(index: int) -> None:
    report = hostile_reports()[index]
    page = render(report, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # No markup of the quiz's or learner's survives: no script, no img, no bold.
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "<b>" not in page
    assert "&lt;script&gt;" in page
    # Self-contained: nothing is fetched when the page opens.
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert "@media print" in page
    assert "<svg" in page


def _csv_cells(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("index", [0, 1, 2], ids=["attempt", "learner", "class"])
def test_csv_neutralises_formulas(index: int) -> None:
    report = hostile_reports()[index]
    cells = [c for row in _csv_cells(render(report, "csv")) for c in row]
    for c in cells:
        if c.startswith(FORMULA_STARTS):
            # Only numbers may start with "-" (a negative index stays a number).
            assert re.fullmatch(r"-\d+(\.\d+)?(e-?\d+)?", c), f"live formula cell: {c!r}"
    joined = "\n".join(cells)
    assert "=HYPERLINK" not in joined.replace("'=HYPERLINK", "")
    assert "@SUM" not in joined.replace("'@SUM", "")


def test_csv_hostile_cells_keep_their_text() -> None:
    cells = [c for row in _csv_cells(render(hostile_reports()[0], "csv")) for c in row]
    assert "'@SUM(A1:A2)" in cells  # the response
    assert '\'=HYPERLINK("http://evil.example","click")' in cells  # a prompt
    assert "'\tTAB" in cells and "'\rCR" in cells and "'+1+2" in cells and "'-2+3" in cells
    assert "[/b]" in cells and HOSTILE_NAME in cells


def test_csv_negative_numbers_stay_numbers() -> None:
    version = simple_version(n=3)
    worked = [[1, 1, 1], [1, 1, 0], [1, 1, 0], [1, 0, 0], [0, 0, 1]]  # Q3 discriminates < 0
    attempts = [attempt(f"L{i}", version, c) for i, c in enumerate(worked)]
    report = class_report(rows_from_records(attempts), {("q", version.sha256): version}, "en")
    di = [q.discrimination_index for q in report.sections[0].analysis.questions]
    assert any(d is not None and d < 0 for d in di)
    rows = _csv_cells(render(report, "csv"))
    assert any(re.fullmatch(r"-\d+(\.\d+)?", c) for row in rows for c in row)


@pytest.mark.parametrize("index", [0, 1, 2], ids=["attempt", "learner", "class"])
def test_markdown_escapes_markup(index: int) -> None:
    text = render(hostile_reports()[index], "md").decode("utf-8")
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    # A pipe in a name cannot split a table row: every row has as many cells as its header.
    for block in text.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        counts = {len(re.split(r"(?<!\\)\|", r)) for r in rows}
        assert len(counts) <= 1, block


def test_json_follows_the_schema_shape() -> None:
    for report in hostile_reports():
        data = json.loads(render(report, "json"))
        assert (
            data["kind"] in ("attempt", "learner", "class")
            and data["schema_version"] == SCHEMA_VERSION
        )
    schema = report_schema()
    assert {"AttemptReport", "LearnerReport", "ClassReport"} <= set(schema["$defs"])


def test_html_in_the_learners_language() -> None:
    version = simple_version()
    a = attempt("Budi", version, [1, 0, 1])
    page = render(attempt_report(a, version, "id", now=T0), "html").decode("utf-8")
    assert '<html lang="id">' in page and "Laporan percobaan" in page and "lulus" in page
    page_en = render(attempt_report(a, version, "en", now=T0), "html").decode("utf-8")
    assert '<html lang="en">' in page_en and "Attempt report" in page_en


def test_every_format_renders_every_scope() -> None:
    for report in hostile_reports():
        for fmt in FORMATS:
            assert render(report, fmt)  # type: ignore[arg-type]


def test_atomic_write_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_atomic(target, b"first")
    assert target.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
    with pytest.raises(OutputExistsError, match="already exists; use --force"):
        write_atomic(target, b"second")
    assert target.read_bytes() == b"first"
    write_atomic(target, b"second", force=True)
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temp file left


def test_atomic_write_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("quizapp.fileio.os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_markdown_escape_keeps_plain_ampersands_and_blocks_entities() -> None:
    from quizapp.reports.writers.markdown import escape_md

    assert escape_md("J&T") == "J&T"
    assert escape_md("&lt;b&gt;") == "&amp;lt;b&amp;gt;"  # shown as typed, not as <b>
    assert escape_md("<i>[x](y)</i>") == "&lt;i&gt;\\[x\\](y)&lt;/i&gt;"
    assert escape_md("two\nlines") == "two lines"


def test_atomic_write_loses_a_race_without_clobbering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that appears after the existence check is still not replaced."""
    target = tmp_path / "report.md"
    real_link = __import__("os").link

    def someone_else_first(src: str, dst: str) -> None:
        Path(dst).write_bytes(b"theirs")
        real_link(src, dst)

    monkeypatch.setattr("quizapp.fileio.os.link", someone_else_first)
    with pytest.raises(OutputExistsError):
        write_atomic(target, b"ours")
    assert target.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_atomic_write_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str, dst: str) -> None:
        raise PermissionError("operation not permitted")

    monkeypatch.setattr("quizapp.fileio.os.link", no_links)
    target = tmp_path / "report.csv"
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
    with pytest.raises(OutputExistsError):
        write_atomic(target, b"again")


@pytest.mark.parametrize(
    "text", [" =1+1", '   =HYPERLINK("x")', "\n@SUM(A1)", " \t+1", "\u00a0-2+3"]
)
def test_csv_neutralises_a_formula_behind_white_space(text: str) -> None:
    from quizapp.reports.writers.csv import neutralise

    assert neutralise(text) == "'" + text
    assert neutralise("  plain text") == "  plain text"
