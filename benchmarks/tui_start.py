"""Start-up: `quizapp` to its first drawn home screen and to its quiz list, in a real
pseudo-terminal, as ratios to a bare one-widget Textual app started the same way in
the same run; and the resident memory of the app at home.

The quiz list is timed twice: with the catalog cache warm (every start after the first)
and on a first run ever (an empty cache folder, so every file is parsed and validated).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure
from benchmarks.pty_app import PYTHON, PtyApp

MARK = "Hello, Bench"
LISTED = "questions"
"""On screen once the quiz list is: each quiz says how many questions it asks."""

BARE = f"""
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static({MARK!r})

Bare().run()
"""


def _time_to(argv: list[str], env: dict[str, str] | None, mark: str) -> float:
    app = PtyApp(argv, env)
    try:
        started = app.start()
        return app.wait_for(mark) - started
    finally:
        app.stop()


def _fill_cache(argv: list[str], env: dict[str, str], folder: Path) -> None:
    """Run the app until it has written its catalog cache (after the list is drawn)."""
    app = PtyApp(argv, env)
    try:
        app.start()
        app.wait_for(LISTED)
        deadline = time.perf_counter() + 30
        while not (folder / "catalog.pickle").exists():
            if time.perf_counter() > deadline:
                raise TimeoutError("the app never wrote its catalog cache")
            time.sleep(0.02)
    finally:
        app.stop()


def _resident(pid: int) -> int:
    """The process's resident set size in bytes."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def _settled_memory(argv: list[str], env: dict[str, str] | None, mark: str) -> int:
    """Resident memory once `mark` is on screen and the process has stopped growing
    (the score store and the scores load after the list)."""
    app = PtyApp(argv, env)
    try:
        app.start()
        app.wait_for(mark)
        last, steady = _resident(app.pid), 0
        deadline = time.perf_counter() + 5
        while steady < 5 and time.perf_counter() < deadline:
            time.sleep(0.05)
            now = _resident(app.pid)
            steady = steady + 1 if now == last else 0
            last = now
        return last
    finally:
        app.stop()


def run(rounds: int = 7) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        (data / "settings.json").write_text(
            json.dumps({"learner": "Bench", "learners": {"Bench": "en"}}), encoding="utf-8"
        )
        # Both start as installed: Textual's bytecode was compiled by pip, so ours is too
        # (the warm-up run writes it), rather than recompiled from source on every start.
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cache = Path(tmp) / "cache"
        warm = dict(base, QUIZAPP_DATA_DIR=str(data), QUIZAPP_CACHE_DIR=str(cache))
        bare = [PYTHON, "-c", BARE]
        ours = [PYTHON, "-m", "quizapp"]
        # Warm the disk cache and the catalog cache once, then interleave so a busy
        # moment hits both alike.
        _time_to(bare, base, MARK)
        _fill_cache(ours, warm, cache)
        bare_times, home_times, warm_times, first_times = [], [], [], []
        for n in range(rounds):
            first = dict(warm, QUIZAPP_CACHE_DIR=str(Path(tmp) / f"first-{n}"))
            bare_times.append(_time_to(bare, base, MARK))
            home_times.append(_time_to(ours, warm, MARK))
            warm_times.append(_time_to(ours, warm, LISTED))
            first_times.append(_time_to(ours, first, LISTED))
        bare_memory = _settled_memory(bare, base, MARK)
        our_memory = _settled_memory(ours, warm, LISTED)
    bare_best = min(bare_times)
    home, listed, first_run = min(home_times), min(warm_times), min(first_times)
    mb = 1024 * 1024
    return [
        Figure(
            "start to the home screen drawn / bare one-widget Textual app",
            home / bare_best,
            1.15,
            detail=f"{home * 1000:.0f} ms vs {bare_best * 1000:.0f} ms",
        ),
        Figure(
            "start to the quiz list, catalog cache warm / bare one-widget Textual app",
            listed / bare_best,
            1.4,
            detail=f"{listed * 1000:.0f} ms",
        ),
        Figure(
            "start to the quiz list, first run ever / bare one-widget Textual app",
            first_run / bare_best,
            2.5,
            detail=f"{first_run * 1000:.0f} ms; every file parsed and validated",
        ),
        Figure(
            "resident memory of the app at home, beyond the bare Textual app",
            (our_memory - bare_memory) / mb,
            30.0,
            unit="MB",
            detail=f"{our_memory / mb:.1f} MB vs {bare_memory / mb:.1f} MB",
        ),
    ]
