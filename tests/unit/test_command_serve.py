"""`quizapp serve`'s own pieces: codes, names, the QR code, refusals before serving."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.commands.serve import (
    default_class_name,
    is_loopback,
    new_join_code,
    new_trainer_code,
    qr_text,
)


def test_codes_names_and_hosts() -> None:
    assert default_class_name(date(2026, 3, 2)) == "class-2026-03-02"
    code = new_join_code()
    assert len(code) == 6 and code.isdigit()
    trainer = new_trainer_code()
    assert len(trainer) == 10 and trainer.isalnum() and trainer != new_trainer_code()
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_the_qr_code_is_text_for_a_terminal() -> None:
    text = qr_text("http://192.168.1.5:8000/")
    lines = text.splitlines()
    assert len(lines) > 10 and all(len(line) == len(lines[0]) for line in lines)
    assert set(text) <= {"█", "▀", "▄", " ", "\n"}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--class", "../up"], "cannot name a class"),
        (["--quiz", "no-such-quiz"], "No quiz called no-such-quiz"),
        (["--code", "12"], "A join code is 4 to 32"),
        (["--code", "12 34"], "A join code is 4 to 32"),
    ],
)
def test_refused_before_serving(
    args: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "serve", *args]) != 0
    assert said in capsys.readouterr().err
    assert not (tmp_path / "classes" / "up").exists()


def test_an_ended_class_is_not_served_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizapp import locations
    from quizapp.store import Store

    with Store(locations.class_database_path(tmp_path, "done")) as store:
        store.end_class(store.open_class("done", ["tour"]).id)
    assert main(["--data-dir", str(tmp_path), "serve", "--class", "done"]) == 1
    assert "has ended" in capsys.readouterr().err
