"""argparse in the command line's language: `--help`, usage lines and usage errors, the
language chosen from the arguments and the environment before the parser is built."""

from __future__ import annotations

import argparse
import gettext
import subprocess
import sys

import pytest

from quizapp.cli import main
from quizapp.commands.parsing import argv_language


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 0
    return capsys.readouterr().out


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 2
    return capsys.readouterr().err


def test_help_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(["--lang", "id", "--help"], capsys)
    assert out.startswith("cara pakai: quizapp [-h] [--version]")
    assert "Modul pembelajaran dan kuis di terminal." in out
    assert "\nargumen posisi:\n" in out and "\nopsi:\n" in out
    assert "tampilkan bantuan ini lalu keluar" in out
    assert "periksa berkas kuis dan modul pembelajaran" in out  # validate, in the list
    assert "usage" not in out and "show this help" not in out
    take = _help(["--lang", "id", "take", "--help"], capsys)
    assert take.startswith("cara pakai: quizapp take [-h] [--plain]")
    assert "soal dan jawaban dalam teks biasa, satu per baris" in take
    # A command's own --lang chooses too, and so does `--lang=id`.
    assert _help(["lint", "--lang=id", "--help"], capsys).startswith("cara pakai: quizapp lint")


def test_help_follows_the_environment_and_is_english_without_a_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    english = _help(["take", "--help"], capsys)
    assert english.startswith("usage: quizapp take")
    assert "show this help message and exit" in english
    assert "plain text questions and answers, one per line" in english
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert _help(["take", "--help"], capsys).startswith("cara pakai: quizapp take")
    # --lang before the environment.
    assert _help(["--lang", "en", "take", "--help"], capsys) == english


def test_usage_errors_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(["--lang", "id", "take", "--mode", "soon"], capsys)
    assert err.startswith("cara pakai: quizapp take")
    assert (
        "quizapp take: galat: argumen --mode: pilihan tidak sah: 'soon' "
        "(pilih dari 'practice', 'exam', 'review')"
    ) in err
    err = _usage_error(["--lang", "id", "learner"], capsys)
    assert "quizapp learner: galat: argumen berikut wajib diisi: ACTION" in err
    err = _usage_error(["--lang", "id", "validate", "--bogus"], capsys)
    assert "quizapp: galat: argumen tidak dikenal: --bogus" in err
    err = _usage_error(["--lang", "id", "--data-dir"], capsys)
    assert "argumen --data-dir: perlu satu nilai" in err
    err = _usage_error(["--lang", "id", "lint", "--max-share", "x"], capsys)
    assert "argumen --max-share: nilai float tidak sah: 'x'" in err
    assert "the following arguments" in _usage_error(["learner"], capsys)
    # argparse's own lookups are given back after each parse.
    assert vars(argparse)["_"] is gettext.gettext
    assert vars(argparse)["ngettext"] is gettext.ngettext


def test_the_language_is_read_from_the_arguments_before_the_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert argv_language(["take", "--help"]) == "en"
    assert argv_language(["--lang", "id", "take"]) == "id"
    assert argv_language(["take", "--lang=id", "--lang", "en"]) == "en"  # the last, as argparse
    assert argv_language(["take", "--", "--lang", "id"]) == "en"  # after --: a quiz's name
    assert argv_language(["--lang", "fr"]) == "en"  # no catalog: passed over
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert argv_language(["take"]) == "id"


def test_help_opens_no_score_store_and_loads_no_babel() -> None:
    code = (
        "import sys\n"
        "from quizapp.cli import main\n"
        "try:\n"
        "    main(['--lang', 'id', 'take', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['sqlite3', 'babel', 'quizapp.store', 'quizapp.locations', 'textual']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "cara pakai: quizapp take" in done.stdout
