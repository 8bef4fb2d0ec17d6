"""`quizapp learner list|remove`: removal keeps a copy first and touches no one else."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

from quizapp.cli import main
from quizapp.locations import database_path, removed_learners_dir
from quizapp.store import Store


def _two_learners(tmp_path: Path) -> None:
    with Store(database_path(tmp_path)) as store:
        for name in ("Fajar", "Ayu"):
            learner = store.learner(name, "id")
            version = store.quiz_version("tour", "a" * 64, "Tour")
            attempt = store.start_attempt(learner.id, version.id, "exam", 1, ["q1"])
            store.record_answer(attempt.id, "q1", 0, credit=1, points=1)
            store.finish_attempt(attempt.id, score=1, max_score=1, passed=True)


def test_list_names_every_learner(tmp_path: Path, capsys: Any) -> None:
    _two_learners(tmp_path)
    assert main(["learner", "--data-dir", str(tmp_path), "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Ayu\tid\t1 attempt", "Fajar\tid\t1 attempt"]


def test_remove_keeps_a_copy_then_deletes_only_that_learner(tmp_path: Path, capsys: Any) -> None:
    _two_learners(tmp_path)
    assert main(["learner", "--data-dir", str(tmp_path), "remove", "fajar", "--yes"]) == 0
    (kept,) = removed_learners_dir(tmp_path).iterdir()
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert data["learner"]["name"] == "Fajar" and len(data["attempts"]) == 1
    assert str(kept) in capsys.readouterr().out
    with Store(database_path(tmp_path)) as store:
        assert [learner.name for learner in store.learners()] == ["Ayu"]


def test_remove_asks_first_and_no_keeps_everything(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    _two_learners(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # nobody to ask: refused
    assert main(["learner", "--data-dir", str(tmp_path), "remove", "Ayu"]) == 2
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["learner", "--data-dir", str(tmp_path), "remove", "Ayu"]) == 1
    with Store(database_path(tmp_path)) as store:
        assert len(store.learners()) == 2
    assert not removed_learners_dir(tmp_path).exists()


def test_remove_deletes_nothing_when_the_copy_cannot_be_written(
    tmp_path: Path, capsys: Any
) -> None:
    _two_learners(tmp_path)
    removed_learners_dir(tmp_path).write_text("a file where the folder should be")
    assert main(["learner", "--data-dir", str(tmp_path), "remove", "Ayu", "--yes"]) == 1
    assert "Nothing removed" in capsys.readouterr().err
    with Store(database_path(tmp_path)) as store:
        assert len(store.learners()) == 2


def test_remove_an_unknown_name_lists_the_known(tmp_path: Path, capsys: Any) -> None:
    _two_learners(tmp_path)
    assert main(["learner", "--data-dir", str(tmp_path), "remove", "Budi", "--yes"]) == 1
    assert "the learners here are: Ayu, Fajar." in capsys.readouterr().err
