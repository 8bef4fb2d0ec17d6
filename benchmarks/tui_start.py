"""Start-up: `quizapp` to its first drawn home screen and to its quiz list, in a real
pseudo-terminal, as ratios to a bare one-widget Textual app started the same way in
the same run; and the resident memory of the app at home.

The quiz list is timed twice: with the catalog cache warm (every start after the first)
and on a first run ever (an empty cache folder, so every file is parsed and validated).

Each round starts the bare app and then each of ours, one after the other, so a busy
moment of the shared machine slows the starts of one round alike. A figure is the median
over the rounds of each round's start against that round's bare start; the ratio of the
fastest starts of each kind over all rounds (this benchmark's figure before) is given
beside it. The minima can come from different rounds, minutes apart on a machine whose
load changes: on a quiet machine both agree, on a busy one the paired median moves less.
"""

from __future__ import annotations

import json
import os
import statistics
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


CPU: dict[str, list[float]] = {}
"""CPU seconds each kind of start used until it was stopped at its mark: on a shared,
busy machine a steadier figure than the wall clock, given beside it."""


def _time_to(argv: list[str], env: dict[str, str] | None, mark: str, kind: str = "") -> float:
    app = PtyApp(argv, env)
    try:
        started = app.start()
        return app.wait_for(mark) - started
    finally:
        app.stop()
        if kind:
            CPU.setdefault(kind, []).append(app.cpu)


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


def _paired(ours: list[float], bare: list[float]) -> float:
    """The median over rounds of each round's start against the same round's bare one."""
    return statistics.median(o / b for o, b in zip(ours, bare, strict=True))


def run(rounds: int = 11) -> list[Figure]:
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
            bare_times.append(_time_to(bare, base, MARK, "bare"))
            home_times.append(_time_to(ours, warm, MARK, "home"))
            warm_times.append(_time_to(ours, warm, LISTED, "warm"))
            first_times.append(_time_to(ours, first, LISTED, "first"))
        bare_memory = _settled_memory(bare, base, MARK)
        our_memory = _settled_memory(ours, warm, LISTED)
    bare_best = min(bare_times)
    home, listed, first_run = min(home_times), min(warm_times), min(first_times)
    mb = 1024 * 1024

    def cpu(kind: str) -> str:
        ours, theirs = min(CPU[kind]), min(CPU["bare"])
        return f"CPU {ours * 1000:.0f} ms vs {theirs * 1000:.0f} ms, {ours / theirs:.2f}x"

    def fastest(best: float) -> str:
        return f"fastest/fastest {best / bare_best:.2f}x"

    return [
        Figure(
            "start to the home screen drawn / bare one-widget Textual app",
            _paired(home_times, bare_times),
            1.15,
            detail=f"{home * 1000:.0f} ms vs {bare_best * 1000:.0f} ms, {fastest(home)}; "
            f"{cpu('home')}",
        ),
        Figure(
            "start to the quiz list, catalog cache warm / bare one-widget Textual app",
            _paired(warm_times, bare_times),
            1.4,
            detail=f"{listed * 1000:.0f} ms, {fastest(listed)}; {cpu('warm')}",
        ),
        Figure(
            "start to the quiz list, first run ever / bare one-widget Textual app",
            _paired(first_times, bare_times),
            2.5,
            detail=f"{first_run * 1000:.0f} ms, {fastest(first_run)}, every file parsed and "
            f"validated; {cpu('first')}",
        ),
        Figure(
            "resident memory of the app at home, beyond the bare Textual app",
            (our_memory - bare_memory) / mb,
            30.0,
            unit="MB",
            detail=f"{our_memory / mb:.1f} MB vs {bare_memory / mb:.1f} MB",
        ),
    ]
