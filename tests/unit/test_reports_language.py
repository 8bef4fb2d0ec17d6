"""Reports in the report's language: numbers written as its readers write them in the
formats people read (Markdown, HTML), and the item-analysis hints translated in JSON too."""

from __future__ import annotations

import csv
import io
import json

from report_samples import HOSTILE_TEXTS, T0, attempt, simple_version

from quizapp.reports.build import attempt_report, class_report, rows_from_records
from quizapp.reports.i18n import tr
from quizapp.reports.writers import render
from quizapp.reports.writers.csv import BOM


def _three_quarters(lang: str) -> object:
    """An attempt whose first answer earned 0.75 credit (0.75 points)."""
    version = simple_version(n=2)
    return attempt_report(attempt("Budi", version, [0.75, 1.0]), version, lang, now=T0)


def _class(lang: str) -> object:
    """A class where the third question discriminates the wrong way and the first is easy."""
    version = simple_version(n=3)
    worked = [[1, 1, 1], [1, 1, 0], [1, 1, 0], [1, 0, 0], [1, 0, 1]]
    attempts = [attempt(f"L{i}", version, c) for i, c in enumerate(worked)]
    return class_report(rows_from_records(attempts), {("q", version.sha256): version}, lang)


def test_indonesian_markdown_writes_a_decimal_comma() -> None:
    text = render(_three_quarters("id"), "md").decode("utf-8")
    assert "| 0,75 |" in text
    assert "0.75" not in text
    # Markdown escaping is untouched: the comma is not markup and nothing else changed.
    assert "Laporan percobaan" in text


def test_english_markdown_keeps_the_decimal_point() -> None:
    text = render(_three_quarters("en"), "md").decode("utf-8")
    assert "| 0.75 |" in text and "0,75" not in text


def test_indonesian_html_writes_a_decimal_comma() -> None:
    page = render(_three_quarters("id"), "html").decode("utf-8")
    assert "<td class=num>0,75</td>" in page and ">0.75<" not in page


def test_csv_keeps_numbers_as_numbers_in_every_language() -> None:
    """A spreadsheet reads a cell as a number only with a point; CSV stays as documented."""
    raw = render(_three_quarters("id"), "csv").decode("utf-8").removeprefix(BOM)
    cells = [c for row in csv.reader(io.StringIO(raw)) for c in row]
    assert "0.75" in cells and "0,75" not in cells


def test_json_hints_are_in_the_reports_language() -> None:
    english = json.loads(render(_class("en"), "json"))
    indonesian = json.loads(render(_class("id"), "json"))
    hints_en = [h for q in english["sections"][0]["analysis"]["questions"] for h in q["hints"]]
    hints_id = [h for q in indonesian["sections"][0]["analysis"]["questions"] for h in q["hints"]]
    kinds = [h["kind"] for h in hints_en]
    assert "too_easy" in kinds and "negative_discrimination" in kinds
    # The kind is the same in every language; the text is the report's.
    assert [h["kind"] for h in hints_id] == kinds
    by_kind = {h["kind"]: h["text"] for h in hints_id}
    assert by_kind["too_easy"].startswith("Terlalu mudah: peserta meraih 100% poinnya")
    assert by_kind["negative_discrimination"] == tr("id", "hint_negative_discrimination")
    assert {h["kind"]: h["text"] for h in hints_en}["too_easy"].startswith("Too easy:")


def test_hints_read_the_same_in_json_and_in_the_tables() -> None:
    report = _class("id")
    data = json.loads(render(report, "json"))
    text = render(report, "md").decode("utf-8")
    for q in data["sections"][0]["analysis"]["questions"]:
        for hint in q["hints"]:
            assert hint["text"].split(";")[0] in text


def test_hostile_quiz_text_is_still_escaped_in_indonesian_markdown() -> None:
    version = simple_version(n=len(HOSTILE_TEXTS))
    hostile = version.model_copy(
        update={
            "questions": [
                q.model_copy(update={"prompt": t})
                for q, t in zip(version.questions, HOSTILE_TEXTS, strict=True)
            ]
        }
    )
    report = attempt_report(
        attempt("Budi", hostile, [0.5] * len(HOSTILE_TEXTS)), hostile, "id", now=T0
    )
    text = render(report, "md").decode("utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text and "\\[/b\\]" in text
    assert "| 0,5 |" in text
