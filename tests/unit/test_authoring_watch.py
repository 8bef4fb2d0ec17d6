"""The file watcher behind `quizapp preview`: a new load on each real change, none otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from quizapp.authoring.scaffold import scaffold
from quizapp.authoring.watch import QuizFileWatcher


def _save(path: Path, text: str, tick: int) -> None:
    path.write_text(text, encoding="utf-8")
    # File systems with coarse timestamps would hide quick saves; make each save distinct.
    stamp = 1_700_000_000 + tick
    os.utime(path, (stamp, stamp))


def test_watcher_reports_each_change_once(tmp_path: Path) -> None:
    path = tmp_path / "q.toml"
    good = scaffold("q", "Q", ["en"], ["single"])
    _save(path, good, 1)
    watcher = QuizFileWatcher(path)
    first = watcher.poll()
    assert first is not None and first.ok
    assert watcher.poll() is None

    _save(path, good.replace("correct = true", "correct = 1"), 2)
    broken = watcher.poll()
    assert broken is not None and not broken.ok
    assert broken.problems[0].line is not None

    _save(path, good.replace("correct = true", "correct = 1"), 3)
    assert watcher.poll() is None  # touched, same bytes

    _save(path, good, 4)
    fixed = watcher.poll()
    assert fixed is not None and fixed.ok


def test_a_missing_file_is_a_problem_then_recovers(tmp_path: Path) -> None:
    path = tmp_path / "later.toml"
    watcher = QuizFileWatcher(path)
    missing = watcher.poll()
    assert missing is not None and missing.problems[0].message == "no such file"
    assert watcher.poll() is None
    _save(path, scaffold("later", "Later", ["en"], ["numeric"]), 1)
    loaded = watcher.poll()
    assert loaded is not None and loaded.ok
