"""Key press to the next question drawn, and Ctrl+L to the question navigator drawn, in
a real pseudo-terminal, each as a ratio to the same keys in a bare Textual app whose key
press swaps an OptionList's options and a label.

The app runs an exam on a generated quiz of single-choice questions, so `1` answers
and moves on; each answer is committed to the score store before the next is drawn.
Then the navigator is opened (Ctrl+L) and closed (Esc) again and again.

The bare app answers Ctrl+L and Esc too, with the same swap as `1` (its label then reads
as the navigator's title), and is timed by the same loop: Esc reaches an app only after
the terminal's escape delay (Textual waits 100 ms for the rest of a sequence), so the frame
that draws it finds Textual's 60 Hz frame timer idle and runs at once, and Textual then
schedules the next frame one to two frames later, for any app. Measured against the bare
app's `1` (pressed as soon as the last frame is drawn, so always one frame), a Ctrl+L that
does nothing but change a label measures 1.7 to 2 times the bare app.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
from pathlib import Path

from benchmarks.common import Figure
from benchmarks.pty_app import PYTHON, PtyApp

QUESTIONS = 40
OPENINGS = 30
NAVIGATOR = "arrows choose, Enter opens"
"""The navigator's title (English), on screen once it is drawn."""

BARE = """
from textual.app import App
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

class Bare(App):
    n = 1

    def compose(self):
        yield Static("Bench question 001?", id="prompt")
        yield OptionList(*(Option(f"{i}  choice {i}") for i in range(1, 5)))

    def on_key(self, event):
        if event.character == "1":
            self.n += 1
            self.swap(f"Bench question {self.n:03d}?")
        elif event.key == "ctrl+l":  # the navigator's keys, with the same work as `1`
            self.swap("arrows choose, Enter opens")
        elif event.key == "escape":
            self.swap(f"Bench question {self.n:03d}?")

    def swap(self, label):
        self.query_one("#prompt", Static).update(label)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(f"{i}  choice {i} of {self.n}") for i in range(1, 5)])

Bare().run()
"""


def _quiz() -> str:
    lines = [
        "[quiz]",
        'id = "aaa-bench"',
        'title = "Bench"',
        'module = "aaa-bench"',
        "",
    ]
    for n in range(1, QUESTIONS + 1):
        lines += [
            "[[questions]]",
            f'id = "q{n:03d}"',
            'type = "single"',
            f'prompt = "Bench question {n:03d}?"',
            'choices = [{ text = "right", correct = true }, { text = "wrong" }, '
            '{ text = "other" }, { text = "another" }]',
            "",
        ]
    return "\n".join(lines)


def _latencies(app: PtyApp, first_mark: str | None, presses: int) -> list[float]:
    if first_mark is not None:
        app.wait_for(first_mark)
    times = []
    for n in range(2, presses + 2):
        sent = app.send(b"1")
        times.append(app.wait_for(f"Bench question {n:03d}?") - sent)
    return times


def _start_exam(app: PtyApp) -> None:
    """`e`: an exam on the first quiz (the bench quiz sorts first). The score store opens
    just after the list is drawn, and a quiz starts only once it is open: ask again until
    the first question shows."""
    for _ in range(50):
        app.send(b"e")
        try:
            app.wait_for("Bench question 001?", timeout=0.5)
        except TimeoutError:
            continue
        return
    raise TimeoutError("the bench exam never started")


def _navigator_latencies(app: PtyApp, openings: int) -> list[float]:
    times = []
    for _ in range(openings):
        sent = app.send(b"\x0c")  # Ctrl+L
        times.append(app.wait_for(NAVIGATOR) - sent)
        app.send(b"\x1b")  # Esc closes it; the question is drawn again
        app.wait_for("Bench question")
    return times


def run(presses: int = QUESTIONS - 2) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        (data / "quizzes").mkdir()
        (data / "quizzes" / "bench.toml").write_text(_quiz(), encoding="utf-8")
        (data / "settings.json").write_text(
            json.dumps({"learner": "Bench", "learners": {"Bench": "en"}}), encoding="utf-8"
        )
        env = dict(os.environ, QUIZAPP_DATA_DIR=str(data))
        bare = PtyApp([PYTHON, "-c", BARE])
        ours = PtyApp([PYTHON, "-m", "quizapp"], env)
        try:
            bare.start()
            bare_times = _latencies(bare, "Bench question 001?", presses)
            bare_nav_times = _navigator_latencies(bare, OPENINGS)
            ours.start()
            ours.wait_for("aaa-bench")  # the quiz list, once the catalog is in
            _start_exam(ours)
            our_times = _latencies(ours, None, presses)
            nav_times = _navigator_latencies(ours, OPENINGS)
        finally:
            bare.stop()
            ours.stop()
    bare_median = statistics.median(bare_times)
    our_median = statistics.median(our_times)
    nav_median = statistics.median(nav_times)
    bare_nav_median = statistics.median(bare_nav_times)
    return [
        Figure(
            "key press to next question drawn / bare OptionList app (medians)",
            our_median / bare_median,
            1.5,
            detail=f"{our_median * 1000:.1f} ms vs {bare_median * 1000:.1f} ms",
        ),
        # Both apps wait for Textual's next frame (60 Hz), so the absolute time has a floor
        # of up to a frame; what is ours is the time beyond the bare app's.
        Figure(
            "key press to next question drawn, beyond the bare app (medians)",
            max(0.0, our_median - bare_median) * 1000,
            8,
            unit="ms",
            detail=f"{our_median * 1000:.1f} ms in all; a frame at 60 Hz is 16.7 ms",
        ),
        Figure(
            "Ctrl+L to the question navigator drawn / bare OptionList app (medians)",
            nav_median / bare_nav_median,
            1.5,
            detail=f"{nav_median * 1000:.1f} ms vs {bare_nav_median * 1000:.1f} ms, the same keys",
        ),
        # The bare app's own Ctrl+L against its `1`: what Textual's frame timer adds after
        # an Esc (see the module's docstring), the same for every app.
        Figure(
            "bare app: Ctrl+L after Esc / its key press 1 (medians)",
            bare_nav_median / bare_median,
            None,
            detail=f"{bare_nav_median * 1000:.1f} ms vs {bare_median * 1000:.1f} ms",
        ),
    ]
