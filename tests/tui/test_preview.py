"""`quizapp preview`: write a quiz, break it, see the problems, fix it, see the quiz."""

from __future__ import annotations

import os
import re
from pathlib import Path

from textual.widgets import Static

from quizapp.authoring.scaffold import scaffold
from quizapp.tui.preview import PreviewApp, PreviewScreen

HOSTILE = "[/b] [link=x]not a link[/link] [TODO]"


def _save(path: Path, text: str, tick: int) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = 1_700_000_000 + tick
    os.utime(path, (stamp, stamp))


def _finished(template: str) -> str:
    """The template with its placeholder marks taken off, as an author would: a finished
    quiz, its untranslated text still tagged "(id)" to tell the languages apart."""
    return re.sub(r"TODO(?:\(([a-z]+)\))?: ", lambda m: f"({m[1]}) " if m[1] else "", template)


def _texts(screen: PreviewScreen, selector: str) -> list[str]:
    return [str(w.content) for w in screen.query(selector).results(Static)]


async def _next_load(pilot, screen: PreviewScreen, seen: int) -> None:
    for _ in range(500):  # up to ~10 s: generous for a loaded machine
        if screen.loads > seen:
            return
        await pilot.pause(0.02)
    raise AssertionError("the preview did not reload")


async def test_preview_follows_the_file_through_breakage_and_repair(tmp_path: Path) -> None:
    path = tmp_path / "live.toml"
    good = _finished(scaffold("live", "Live", ["id", "en"], ["single", "numeric"]))
    good = good.replace("Which planet is closest to the Sun?", f"Closest planet? {HOSTILE}")
    _save(path, good, 1)
    app = PreviewApp(path, interval=0.05, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        await _next_load(pilot, screen, 0)
        status = str(screen.query_one("#status", Static).content)
        assert "valid, 2 questions" in status and "language en" in status
        lines = _texts(screen, ".line")
        # Markup-like quiz text is shown as written, not interpreted.
        assert f"Closest planet? {HOSTILE}" in lines
        assert "  ✓ 366 days" in lines

        _save(path, good.replace("answer = 366", 'answer = "366"'), 2)
        await _next_load(pilot, screen, 1)
        problems = _texts(screen, ".problem")
        assert len(problems) == 1
        assert "live.toml:" in problems[0] and 'question 2 ("example-numeric")' in problems[0]
        assert "field answer" in problems[0]
        assert "1 problem" in str(screen.query_one("#status", Static).content)
        assert _texts(screen, ".line") == []

        _save(path, good, 3)
        await _next_load(pilot, screen, 2)
        assert _texts(screen, ".problem") == []
        assert "  ✓ 366 days" in _texts(screen, ".line")

        await pilot.press("l")
        await pilot.pause()
        assert "language id" in str(screen.query_one("#status", Static).content)
        assert "(id) How many days does a leap year have?" in _texts(screen, ".line")

        # F2 switches the app's language (en to id, then back); the preview follows it.
        await pilot.press("f2", "f2")
        await pilot.pause()
        assert app.lang == "en"
        assert "language en" in str(screen.query_one("#status", Static).content)


async def test_preview_of_a_missing_file_waits_for_it(tmp_path: Path) -> None:
    path = tmp_path / "soon.toml"
    app = PreviewApp(path, interval=0.05)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        await _next_load(pilot, screen, 0)
        # Said in the interface's language (Indonesian here), as the rest of the screen.
        assert app.lang == "id"
        assert any("berkas tidak ditemukan" in p for p in _texts(screen, ".problem"))
        _save(path, scaffold("soon", "Soon", ["en"], ["true_false"]), 1)
        await _next_load(pilot, screen, 1)
        assert "valid, 1 question" in str(screen.query_one("#status", Static).content)


async def test_try_it_runs_the_quiz_and_a_save_brings_the_new_version(tmp_path: Path) -> None:
    from quizapp.tui.screens.quiz import QuizScreen

    path = tmp_path / "try.toml"
    good = _finished(scaffold("try", "Try", ["en"], ["true_false"]))
    _save(path, good, 1)
    app = PreviewApp(path, interval=0.05, lang="en", seed=3, animations=False)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        await _next_load(pilot, screen, 0)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        prompt = str(app.screen.query_one("#prompt", Static).content)
        assert "water boils at 100 °C" in prompt

        _save(path, good.replace("At sea level, water", "On Everest, water"), 2)
        await _next_load(pilot, screen, 1)
        assert app.screen is screen
        assert "  Answer: true" in _texts(screen, ".line")
        assert "On Everest, water boils at 100 °C." in _texts(screen, ".line")

        # A broken file has no quiz to try: the screen says so and stays.
        _save(path, good.replace("answer = true", "answer = maybe"), 3)
        await _next_load(pilot, screen, 2)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is screen


FIXTURE = Path(__file__).parents[1] / "data" / "authoring" / "bilingual.toml"


def _wait_for_load(after: int = 0):
    async def run_before(pilot) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, PreviewScreen)
        await _next_load(pilot, screen, after)
        await pilot.pause()

    return run_before


class TestPreviewSnapshots:
    """The preview at a fixed size, on a relative path so the picture never names tmp_path."""

    def test_valid_quiz(self, snap_compare, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        _save(tmp_path / "live.toml", FIXTURE.read_text(encoding="utf-8"), 1)
        app = PreviewApp(Path("live.toml"), interval=60, lang="en", animations=False)
        assert snap_compare(app, run_before=_wait_for_load(), terminal_size=(100, 30))

    def test_problems(self, snap_compare, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        broken = FIXTURE.read_text(encoding="utf-8").replace("answer = 147", 'answer = "147"')
        broken = broken.replace("typos = 1", 'typos = "one"')
        _save(tmp_path / "live.toml", broken, 1)
        app = PreviewApp(Path("live.toml"), interval=60, lang="en", animations=False)
        assert snap_compare(app, run_before=_wait_for_load(), terminal_size=(100, 30))
