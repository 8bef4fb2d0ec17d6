"""A damaged database is named in one sentence, never touched, and can be moved aside."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.store import Store, StoreCorrupt, move_aside

NOW = datetime(2026, 3, 1, 9, 30, 5, tzinfo=UTC)


def _real_db(path: Path, answers: int = 400) -> None:
    with Store(path) as store:
        learner = store.learner("Ayu")
        version = store.quiz_version("tour", "a" * 64, "Tour")
        keys = [f"q{i}" for i in range(answers)]
        attempt = store.start_attempt(learner.id, version.id, "exam", 1, keys)
        for key in keys:
            store.record_answer(attempt.id, key, "x" * 200, credit=1, points=1, review=False)
        store._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _check_refused(path: Path) -> StoreCorrupt:
    before = path.read_bytes()
    with pytest.raises(StoreCorrupt) as caught:
        Store(path)
    message = str(caught.value)
    assert str(path) in message
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence
    assert caught.value.path == path
    assert path.read_bytes() == before  # never overwritten
    return caught.value


def test_a_garbage_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    path.write_bytes(os.urandom(8192))
    _check_refused(path)


def test_a_short_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    path.write_text("not a database\n")
    _check_refused(path)


def test_a_truncated_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    _real_db(path)
    size = path.stat().st_size
    assert size > 16 * 4096
    with path.open("r+b") as f:
        f.truncate(size // 2)
    error = _check_refused(path)
    assert "truncated" in str(error)


def test_a_database_with_damaged_pages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    _real_db(path)
    # Scribble over the schema page (page 1 after its 100-byte header).
    with path.open("r+b") as f:
        f.seek(100)
        f.write(b"\xff" * 3900)
    _check_refused(path)


def test_move_aside_renames_and_a_fresh_store_starts(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    garbage = os.urandom(4096)
    path.write_bytes(garbage)
    Path(f"{path}-wal").write_bytes(b"wal bytes")
    moved = move_aside(path, lambda: NOW)
    assert moved.name == "scores.sqlite3.corrupt-20260301T093005Z"
    assert moved.read_bytes() == garbage
    assert Path(f"{moved}-wal").read_bytes() == b"wal bytes"
    assert not path.exists()
    with Store(path) as store:
        assert store.learners() == []
    # A second broken file in the same second never overwrites the first one moved.
    store_path_bytes = path.read_bytes()
    again = move_aside(path, lambda: NOW)
    assert again != moved
    assert moved.read_bytes() == garbage
    assert again.read_bytes() == store_path_bytes


def test_an_intact_database_with_a_wal_is_not_called_truncated(tmp_path: Path) -> None:
    """Pages still in the WAL (not yet checkpointed) are not a truncation."""
    path = tmp_path / "scores.sqlite3"
    keeper = Store(path)
    learner = keeper.learner("Ayu")
    version = keeper.quiz_version("tour", "a" * 64, "Tour")
    keeper._con.execute("PRAGMA wal_autocheckpoint = 0")
    attempt = keeper.start_attempt(learner.id, version.id, "exam", 1, ["q"])
    for i in range(300):
        keeper.record_answer(attempt.id, f"q{i}", "y" * 300, credit=1, points=1, review=False)
    with Store(path) as other:
        assert len(other.answers(attempt.id)) == 300
    keeper.close()
