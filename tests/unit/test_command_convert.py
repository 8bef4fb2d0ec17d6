"""`quizapp convert`: direction from the extensions, notes printed, nothing overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.loading import load_quiz

FIXTURE = Path(__file__).parents[1] / "data" / "authoring" / "bilingual.toml"

GIFT = """\
// [id:capital]
::Capital::The capital of Indonesia is {~Bandung =Jakarta ~Surabaya}.

::Essay::Write about your trip.{}

::Bad::Broken {#twelve}
"""


def test_gift_to_toml_reports_errors_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "bank.gift"
    src.write_text(GIFT, encoding="utf-8")
    assert main(["convert", str(src), str(tmp_path / "bank.toml")]) == 1
    err = capsys.readouterr().err
    assert f'{src}: line 6, question 3 ("Bad"): "twelve" is not a number.' in err
    assert "nothing was written" in err
    assert not (tmp_path / "bank.toml").exists()


def test_gift_to_toml_writes_a_valid_file_and_notes_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "bank.gift"
    src.write_text(GIFT.split("::Bad::")[0], encoding="utf-8")
    dest = tmp_path / "out" / "bank.toml"
    assert main(["convert", str(src), str(dest), "--lang", "id", "--title", "Bank"]) == 0
    out = capsys.readouterr().out
    # --lang id is the command's language too: the import's notes are said in it.
    assert 'baris 4, soal 2 ("Essay"): esai (blok jawaban kosong)' in out
    result = load_quiz(dest)
    assert result.ok and result.quiz is not None
    assert result.quiz.id == "bank" and result.quiz.languages == ["id"]
    assert (dest.parent / "quiz.schema.json").is_file()
    # Not again without --force.
    assert main(["convert", str(src), str(dest)]) == 1
    assert "--force" in capsys.readouterr().err


def test_toml_to_gift_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gift = tmp_path / "tour.gift"
    assert main(["convert", str(FIXTURE), str(gift), "--lang", "en"]) == 0
    assert "ordering" in capsys.readouterr().out
    assert "::city::In which city" in gift.read_text(encoding="utf-8")
    back = tmp_path / "tour-en.toml"
    assert main(["convert", str(gift), str(back)]) == 0
    quiz = load_quiz(back).quiz
    assert quiz is not None and quiz.question("city") is not None


def test_unknown_direction_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", "a.toml", str(tmp_path / "b.toml")]) == 1
    assert "cannot tell which way" in capsys.readouterr().err
    assert main(["convert", str(tmp_path / "missing.gift"), str(tmp_path / "b.toml")]) == 1
    assert "no such file" in capsys.readouterr().err
