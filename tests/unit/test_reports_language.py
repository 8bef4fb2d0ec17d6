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


# What a class report from files may have to note, in each language (no quotes or markup
# characters, so each reads the same in every format's escaping).
CLASS_NOTES = {
    "en": [
        "2 attempts appeared in more than one file and counted once.",
        "2 different learners are called Sari: Sari (1) from ",
        "is not valid JSON (line 1, column 1",
        "is not a quizapp learner export",
        "does not exist.",
        "Only 3 attempts: with fewer than 10 the figures say little about the questions.",
        "Attempts did not all have the same questions",
    ],
    "id": [
        "2 percobaan ada di lebih dari satu berkas dan dihitung sekali.",
        "2 peserta yang berbeda bernama Sari: Sari (1) dari ",
        "bukan JSON yang sah (baris 1, kolom 1",
        "bukan ekspor peserta quizapp",
        "tidak ada.",
        "Hanya 3 percobaan: dengan kurang dari 10 percobaan",
        "Soal tiap percobaan tidak semuanya sama",
    ],
}


def _class_files(tmp_path) -> list[object]:
    """Two learners called Sari (one of them exported twice), one attempt missing a
    question, and three files that cannot be used: every note a class report can carry."""
    from report_samples import export_for

    from quizapp.reports.export import dump_export
    from quizapp.reports.records import LearnerRecord

    version = simple_version(n=3)
    files = []
    for name, learner_id, credits in (
        ("a", "id-a", [[1, 1, 1], [1, 0, 0]]),
        ("b", "id-b", [[0, 1, 0]]),
    ):
        attempts = [
            attempt("Sari", version, c, attempt_id=f"{name}-{i}").model_copy(
                update={"learner_id": learner_id}
            )
            for i, c in enumerate(credits)
        ]
        export = export_for("Sari", attempts, [version]).model_copy(
            update={"learner": LearnerRecord(name="Sari", id=learner_id), "version": 2}
        )
        files.append(tmp_path / f"{name}.json")
        files[-1].write_text(dump_export(export), encoding="utf-8")
    short = attempt("Budi", version, [1, 1, 0])
    short = short.model_copy(update={"answers": short.answers[:2], "max_score": 2.0})
    files.append(tmp_path / "budi.json")
    files[-1].write_text(dump_export(export_for("Budi", [short], [version])), "utf-8")
    files.append(tmp_path / "a-again.json")
    files[-1].write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.json").write_text("not json", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"format": "something else"}', encoding="utf-8")
    return [*files, tmp_path / "broken.json", tmp_path / "other.json", tmp_path / "gone.json"]


def test_class_report_notes_are_in_the_reports_language_in_every_format(tmp_path) -> None:
    from quizapp.reports.service import ReportRequest, build_report

    files = _class_files(tmp_path)
    for lang, other in (("id", "en"), ("en", "id")):
        built = build_report(ReportRequest(class_files=files, lang=lang))
        # The command line's own warnings stay in its language, English.
        warnings = " ".join(built.warnings)
        assert all(n in warnings for n in CLASS_NOTES["en"][:5])
        for fmt in ("json", "md", "html", "csv"):
            text = render(built.report, fmt).decode("utf-8")
            if fmt == "md":  # Markdown escapes its punctuation
                text = text.replace("\\", "")
            for note in CLASS_NOTES[lang]:
                assert note in text, (lang, fmt, note)
            for note in CLASS_NOTES[other]:
                assert note not in text, (lang, fmt, note)


def test_the_mode_is_a_word_of_the_reports_language() -> None:
    indonesian = render(_three_quarters("id"), "md").decode("utf-8")
    english = render(_three_quarters("en"), "md").decode("utf-8")
    mode = _three_quarters("en").mode  # type: ignore[attr-defined]
    word = {"practice": "latihan", "exam": "ujian", "review": "ulasan"}[mode]
    assert f"| {word} |" in indonesian and f"| {mode} |" not in indonesian
    assert f"| {mode} |" in english
