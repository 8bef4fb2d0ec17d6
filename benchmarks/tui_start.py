"""Cold start: `quizapp` to its first drawn home screen, in a real pseudo-terminal, as a
ratio to a bare one-widget Textual app started the same way in the same run."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from benchmarks.common import Figure
from benchmarks.pty_app import PYTHON, PtyApp

MARK = "Hello, Bench"

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


def run(rounds: int = 7) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        (data / "settings.json").write_text(
            json.dumps({"learner": "Bench", "learners": {"Bench": "en"}}), encoding="utf-8"
        )
        import os

        # Both start as installed: Textual's bytecode was compiled by pip, so ours is too
        # (the warm-up run writes it), rather than recompiled from source on every start.
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = dict(base, QUIZAPP_DATA_DIR=str(data))
        bare = [PYTHON, "-c", BARE]
        ours = [PYTHON, "-m", "quizapp"]
        # Warm the disk cache once, then interleave so a busy moment hits both alike.
        _time_to(bare, base, MARK)
        _time_to(ours, env, MARK)
        bare_times, our_times, loaded_times = [], [], []
        for _ in range(rounds):
            bare_times.append(_time_to(bare, base, MARK))
            our_times.append(_time_to(ours, env, MARK))
            loaded_times.append(_time_to(ours, env, "questions"))
    bare_best, our_best, loaded_best = min(bare_times), min(our_times), min(loaded_times)
    return [
        Figure(
            "cold start to the home screen drawn / bare one-widget Textual app",
            our_best / bare_best,
            1.15,
            detail=f"{our_best * 1000:.0f} ms vs {bare_best * 1000:.0f} ms",
        ),
        Figure(
            "cold start to the quiz list loaded / bare one-widget Textual app",
            loaded_best / bare_best,
            2.0,
            detail=f"{loaded_best * 1000:.0f} ms; catalog and store load in a worker",
        ),
    ]
