"""A score database that is read-only, a symlink loop, hand-edited or missing its WAL:
one clear sentence, never a traceback (issue 13)."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_take_plain import right_line

from quizapp.cli import main
from quizapp.engine import start_attempt
from quizapp.loading import load_catalog
from quizapp.locations import database_path
from quizapp.store import Store, StoreError
from quizapp.store.errors import StoreRecordError

ROOT = Path(__file__).parent.parent.parent
CATALOG = load_catalog([ROOT / "quizzes" / "tour.toml"])


def take(
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
    stdin: str = ":submit\n",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    argv = ["--data-dir", str(data), "take", "tour", "--plain", "--mode", "exam"]
    code = main(
        [*argv, "--seed", "11", "--learner", "ayu", "--new-learner", "--lang", "en", *extra]
    )
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _unfinished(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An exam left with two answers, as a killed process leaves it (lease released)."""
    slots = start_attempt(CATALOG, "tour", mode="exam", seed=11).slots
    code, _, err = take(
        data, monkeypatch, capsys, stdin="".join(right_line(s) + "\n" for s in slots[:2])
    )
    # End of input submits: reopen it as in progress, as a crash would have left it.
    assert code == 0, err
    con = sqlite3.connect(database_path(data))
    con.execute("UPDATE attempts SET status = 'in_progress', finished_ms = NULL, score = NULL")
    con.commit()
    con.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_database_is_said_once(tmp_path, monkeypatch, capsys) -> None:
    take(tmp_path, monkeypatch, capsys)
    db = database_path(tmp_path)
    db.chmod(0o444)
    code, _, err = take(tmp_path, monkeypatch, capsys)
    assert code == 2 and "read-only" in err


def test_a_read_only_folder_or_file_is_refused_before_any_question(
    tmp_path, monkeypatch, capsys
) -> None:
    take(tmp_path, monkeypatch, capsys)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    code, out, err = take(tmp_path, monkeypatch, capsys)
    assert code == 2 and "is read-only" in err and "Question 1" not in out


def test_a_symlink_loop_as_the_database(tmp_path, monkeypatch, capsys) -> None:
    db = database_path(tmp_path)
    db.parent.mkdir(parents=True, exist_ok=True)
    db.symlink_to(db)
    code, _, err = take(tmp_path, monkeypatch, capsys)
    assert code == 2 and str(db) in err and "cannot be opened" in err


def test_a_folder_as_the_database(tmp_path, monkeypatch, capsys) -> None:
    database_path(tmp_path).mkdir(parents=True)
    code, _, err = take(tmp_path, monkeypatch, capsys)
    assert code == 2 and "is not a file" in err


@pytest.mark.parametrize(
    "column, value",
    [
        ("question_order", "{not json"),
        ("question_order", "42"),
        ("started_record", "[1, 2"),
        ("flagged", "nul"),
    ],
)
def test_garbage_json_in_an_attempt_row(
    tmp_path, monkeypatch, capsys, column: str, value: str
) -> None:
    _unfinished(tmp_path, monkeypatch, capsys)
    con = sqlite3.connect(database_path(tmp_path))
    con.execute(f"UPDATE attempts SET {column} = ?", (value,))
    con.commit()
    con.close()
    code, _out, err = take(tmp_path, monkeypatch, capsys, "--resume")
    # The damaged attempt is named and left out; a new attempt starts.
    assert code == 0, err
    assert "holds a record that cannot be read (attempt 1" in err
    with Store(database_path(tmp_path)) as store, pytest.raises(StoreRecordError):
        store.attempt(1)


def test_garbage_json_in_an_answer_row(tmp_path, monkeypatch, capsys) -> None:
    _unfinished(tmp_path, monkeypatch, capsys)
    con = sqlite3.connect(database_path(tmp_path))
    con.execute("UPDATE answers SET response = '{]'")
    con.execute("UPDATE answer_log SET record = 'nope'")
    con.commit()
    con.close()
    code, _out, err = take(tmp_path, monkeypatch, capsys, "--resume")
    assert code == 2
    assert "cannot be read" in err and "answer" in err


@pytest.mark.parametrize(
    "order",
    ['["q1", "q1", "q1", "q1", "q1", "q1", "q1", "q1", "q1", "q1"]', '["x"]', "[]"],
)
def test_a_tampered_question_order(tmp_path, monkeypatch, capsys, order: str) -> None:
    _unfinished(tmp_path, monkeypatch, capsys)
    con = sqlite3.connect(database_path(tmp_path))
    con.execute("UPDATE attempts SET question_order = ?", (order,))
    con.commit()
    con.close()
    code, out, err = take(tmp_path, monkeypatch, capsys, "--resume")
    assert code == 2
    assert "cannot be continued: its stored question order does not match" in err
    assert "-" not in out.partition("answered")[0][-5:]  # never "-3 answered"


def test_a_wal_deleted_under_a_killed_process_is_noticed(tmp_path: Path) -> None:
    """The WAL is deleted while `take` runs; after kill -9 the next start says that the
    latest answers were lost, rather than carrying on silently."""
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(tmp_path)}
    db = database_path(tmp_path)
    argv = [sys.executable, "-m", "quizapp", "take", "tour", "--plain", "--mode", "exam"]
    argv += ["--seed", "11", "--learner", "ayu", "--new-learner", "--lang", "en"]
    slots = start_attempt(CATALOG, "tour", mode="exam", seed=11).slots
    proc = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert proc.stdin is not None
    deadline = time.monotonic() + 60
    while not Path(f"{db}-wal").exists():
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    time.sleep(0.3)
    Path(f"{db}-wal").unlink()
    proc.stdin.write("".join(right_line(s) + "\n" for s in slots[:4]).encode())
    proc.stdin.flush()
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    out = subprocess.run(argv, input=":submit\n", capture_output=True, text=True, env=env)
    assert "lost its latest saved answers" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    # Said once: the next start has nothing more to say about it.
    again = subprocess.run(argv, input=":submit\n", capture_output=True, text=True, env=env)
    assert "lost its latest" not in again.stderr


def test_store_errors_are_store_errors(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    with Store(path) as store:
        store.learner("Ayu")
    with path.open("r+b") as f:
        f.seek(1024 * 2)
        f.write(b"\x00" * 1024)
    with pytest.raises(StoreError):
        Store(path)
