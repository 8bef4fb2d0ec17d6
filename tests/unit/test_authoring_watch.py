"""The file watcher behind `quizapp preview`: a new load on each real change once it has
settled, none otherwise, and never a half-written file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizapp.authoring import watch
from quizapp.authoring.scaffold import scaffold
from quizapp.authoring.watch import QuizFileWatcher


def _save(path: Path, text: str, tick: int) -> None:
    path.write_text(text, encoding="utf-8")
    # File systems with coarse timestamps would hide quick saves; make each save distinct.
    stamp = 1_700_000_000 + tick
    os.utime(path, (stamp, stamp))


def test_watcher_reports_each_change_once_it_has_settled(tmp_path: Path) -> None:
    path = tmp_path / "q.toml"
    good = scaffold("q", "Q", ["en"], ["single"])
    _save(path, good, 1)
    watcher = QuizFileWatcher(path)
    first = watcher.poll()  # the first look loads at once
    assert first is not None and first.ok
    assert watcher.poll() is None

    _save(path, good.replace("correct = true", "correct = 1"), 2)
    assert watcher.poll() is None  # seen once: it may still be being written
    broken = watcher.poll()
    assert broken is not None and not broken.ok
    assert broken.problems[0].line is not None
    assert watcher.poll() is None

    _save(path, good.replace("correct = true", "correct = 1"), 3)
    assert watcher.poll() is None
    assert watcher.poll() is None  # touched, same bytes

    _save(path, good, 4)
    assert watcher.poll() is None
    fixed = watcher.poll()
    assert fixed is not None and fixed.ok


def test_a_save_caught_half_way_is_never_shown(tmp_path: Path) -> None:
    """An editor that truncates and then writes: a poll in between sees an empty file."""
    path = tmp_path / "q.toml"
    good = scaffold("q", "Q", ["en"], ["single"])
    _save(path, good, 1)
    watcher = QuizFileWatcher(path)
    assert watcher.poll() is not None
    path.write_bytes(b"")
    os.utime(path, (1_700_000_002, 1_700_000_002))
    assert watcher.poll() is None  # the empty file, seen once
    _save(path, good.replace("correct = true", "correct = 1"), 3)
    seen = [watcher.poll(), watcher.poll()]
    assert seen[0] is None
    assert seen[1] is not None and seen[1].problems[0].field is not None  # the real mistake


def test_a_file_that_stays_empty_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "q.toml"
    _save(path, scaffold("q", "Q", ["en"], ["single"]), 1)
    watcher = QuizFileWatcher(path)
    assert watcher.poll() is not None
    _save(path, "", 2)
    assert watcher.poll() is None
    empty = watcher.poll()
    assert empty is not None and "empty" in empty.problems[0].message


def test_a_file_written_while_it_is_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.toml"
    good = scaffold("q", "Q", ["en"], ["single"])
    _save(path, good, 1)
    watcher = QuizFileWatcher(path)
    assert watcher.poll() is not None
    real_load = watch.load_quiz
    writes = iter([good.replace("correct = true", "correct = 1")])

    def load_then_write(p: Path) -> object:
        result = real_load(p)
        for text in writes:  # the editor's next write lands during this read, once
            _save(path, text, 3)
        return result

    monkeypatch.setattr(watch, "load_quiz", load_then_write)
    _save(path, good.replace("Mars", "Jupiter"), 2)
    assert watcher.poll() is None  # seen once
    assert watcher.poll() is None  # read, but no longer the file by the time it was read
    assert watcher.poll() is None  # the newer version, seen once
    loaded = watcher.poll()
    assert loaded is not None and not loaded.ok  # the version on disk, not the one read


def test_a_missing_file_is_a_problem_then_recovers(tmp_path: Path) -> None:
    path = tmp_path / "later.toml"
    watcher = QuizFileWatcher(path)
    missing = watcher.poll()
    assert missing is not None and missing.problems[0].message == "no such file"
    assert watcher.poll() is None
    _save(path, scaffold("later", "Later", ["en"], ["numeric"]), 1)
    assert watcher.poll() is None
    loaded = watcher.poll()
    assert loaded is not None and loaded.ok
