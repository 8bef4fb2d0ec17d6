"""The command line speaks the catalog's language (`cli.*`): `--lang`, else the learner's
own where the command runs for one (`take`, `export`), else the environment's, else
English (`quizapp.i18n.command_language`; docs/translating.md). The tests run in English
(tests/conftest.py); these set an Indonesian environment."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from quizapp.cli import main
from quizapp.locations import bundled_quizzes_dir, database_path
from quizapp.store import Store


@pytest.fixture
def indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "id_ID.UTF-8")


def test_validate_summarises_in_indonesian(indonesian: None, capsys: Any) -> None:
    assert main(["validate", str(bundled_quizzes_dir() / "tour.toml")]) == 0
    (summary,) = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"1 berkas diperiksa \(\d+ soal\): semuanya valid\.", summary)


def test_store_check_reports_in_indonesian(indonesian: None, tmp_path: Path, capsys: Any) -> None:
    Store(database_path(tmp_path)).close()
    assert main(["store", "check", str(database_path(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Penyimpanan:    {database_path(tmp_path)} (SQLite)\n")
    assert "Versi skema:    " in out and out.endswith("Integritas:     baik\n")


def test_learner_list_in_indonesian(indonesian: None, tmp_path: Path, capsys: Any) -> None:
    assert main(["learner", "--data-dir", str(tmp_path), "list"]) == 0
    assert capsys.readouterr().out == "Di sini belum ada pelajar.\n"
    with Store(database_path(tmp_path)) as store:
        learner = store.learner("Ayu", "en")
        version = store.quiz_version("tour", "a" * 64, "Tour")
        for _ in range(2):
            attempt = store.start_attempt(learner.id, version.id, "exam", 1, ["q1"])
            store.finish_attempt(attempt.id, score=1, max_score=1, passed=True)
    assert main(["learner", "--data-dir", str(tmp_path), "list"]) == 0
    assert capsys.readouterr().out == "Ayu\ten\t2 percobaan\n"


def test_an_error_in_indonesian_and_lang_overrides_the_environment(
    indonesian: None, tmp_path: Path, capsys: Any
) -> None:
    assert main(["take", "no-such-quiz", "--plain", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith('Tidak ada kuis dengan id "no-such-quiz"; ')
    assert main(["report", "--learner", "Ayu"]) == 1
    assert capsys.readouterr().err == (
        "Sebutkan tempat menulis laporan: -o BERKAS (atau -o - untuk layar).\n"
    )
    assert main(["--lang", "en", "report", "--learner", "Ayu"]) == 1
    assert capsys.readouterr().err.startswith("Say where to write the report: -o FILE")
    # argparse's own words stay English; the reason given for --lang is the catalog's.
    with pytest.raises(SystemExit):
        main(["--lang", "zz", "validate"])
    assert "tidak ada bahasa antarmuka 'zz' (yang ada: id, en" in capsys.readouterr().err


def test_take_speaks_the_learners_language_in_an_english_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """A learner made by `take` keeps the quiz's first language (the tour's is
    Indonesian): what `take` says to them is in it, as plain mode is."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    argv = ["take", "tour", "--plain", "--data-dir", str(tmp_path), "--learner", "Ayu"]
    assert main([*argv, "--new-learner"]) == 0
    assert "Belum ada yang dijawab, jadi percobaan ini tidak disimpan." in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main([*argv, "--lang", "en"]) == 0
    assert "Nothing was answered, so this attempt is not kept." in capsys.readouterr().out


def test_an_authors_problems_in_indonesian(indonesian: None, tmp_path: Path, capsys: Any) -> None:
    """validate, build and take say the loader's problems in the command's language (the
    English stays in --format json and str(problem))."""
    bad = tmp_path / "bad.toml"
    bad.write_text(
        (bundled_quizzes_dir() / "tour.toml").read_text(encoding="utf-8")
        + '\n[quiz.colour]\nshade = "red"\n',
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "isian" in out and "tidak dikenal" in out, out
    assert "unknown field" not in out
    assert main(["take", str(bad), "--plain", "--data-dir", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert "tidak dikenal" in err and "unknown field" not in err, err


# -- what the lower layers say reaches the command line in its language --------------------


def test_a_reports_error_is_said_in_the_command_language(
    indonesian: None, tmp_path: Path, capsys: Any
) -> None:
    """`report --learner x` for nobody: the report service's error (`ReportError`) is
    worded where the command prints it, in the environment's Indonesian."""
    with Store(database_path(tmp_path)) as store:
        store.learner("Ayu", "en")
    args = ["report", "--data-dir", str(tmp_path), "--learner", "x", "--format", "md", "-o", "-"]
    assert main(args) == 1
    assert capsys.readouterr().err == "Tidak ada pelajar bernama 'x'; pelajar di sini: Ayu.\n"
    assert main(["--lang", "en", *args]) == 1
    assert capsys.readouterr().err == (
        "There is no learner called 'x'; the learners here are: Ayu.\n"
    )


def test_a_stores_error_is_said_in_the_command_language(
    indonesian: None, tmp_path: Path, capsys: Any
) -> None:
    database = database_path(tmp_path)
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(b"not a database at all" * 10)
    assert main(["learner", "--data-dir", str(tmp_path), "list"]) == 1
    assert capsys.readouterr().err == (
        f"Basis data nilai {database} tidak dapat dibaca (berkas ini bukan basis data "
        "SQLite); berkas itu dibiarkan apa adanya, dan dapat dipindahkan agar bisa mulai "
        "dari awal.\n"
    )


def test_a_file_types_reason_is_said_in_the_command_language(
    indonesian: None, tmp_path: Path, capsys: Any
) -> None:
    folder = tmp_path / "kuis.toml"
    folder.mkdir()
    assert main(["take", str(folder), "--plain", "--data-dir", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err
        == f"{folder} tidak bisa dikerjakan: itu sebuah folder, bukan berkas biasa.\n"
    )


def test_the_engines_error_is_english_as_text_and_indonesian_when_worded() -> None:
    from quizapp.engine import AttemptError, start_attempt
    from quizapp.i18n import explain
    from quizapp.loading import load_catalog

    catalog = load_catalog([bundled_quizzes_dir() / "tour.toml"])
    with pytest.raises(AttemptError) as caught:
        start_attempt(catalog, "nope", mode="exam", seed=1)
    assert str(caught.value) == 'no quiz with the id "nope" was found'
    assert explain(caught.value, "id") == 'kuis dengan id "nope" tidak ditemukan'


def test_take_in_the_app_refuses_a_name_nobody_could_have(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`take QUIZ --learner NAME` without --plain opens the app: a name with control
    characters is refused in one sentence before it opens (it raised in the app)."""

    def opened(**kwargs: Any) -> int:
        raise AssertionError("the app was opened")

    monkeypatch.setattr("quizapp.tui.run.run_app", opened)
    args = ["take", "tour", "--learner", "Ev\x1b[31mil\x07", "--data-dir", str(tmp_path)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err == "A learner's name cannot hold control characters.\n"
