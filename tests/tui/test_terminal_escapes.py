"""Every string the app shows has its control characters made visible (issue 13).

The escapes quiz carries a window-title sequence, a clipboard write, a screen wipe, an
8-bit CSI, DEL, CR and backspace in every text field. On each screen the test renders
the whole screen to the strips Textual sends to the terminal and looks for any raw
control character in their text: a quiz title in the header, prompts, choices, feedback,
results, notifications, the preview.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.widgets import Button

from quizapp.loading import load_catalog
from quizapp.tui.preview import PreviewApp
from quizapp.tui.screens.results import ResultsScreen

DATA = Path(__file__).parent.parent / "data" / "tui"
ESCAPES = DATA.parent / "escapes" / "escapes.toml"
PAYLOAD = "\x1b]2;PWNED\x07\x1b]52;c;SGFja2Vk\x07\x1b[2J\x9b31m\x7f\r\b"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def screen_text(app: Any) -> str:
    """The text of every segment the current screen would send to the terminal."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def assert_clean(app: Any, where: str) -> str:
    text = screen_text(app)
    found = RAW.search(text)
    assert found is None, f"{where}: raw {found.group()!r} near {text[found.start() - 40 :][:80]!r}"
    return text


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_every_screen_shows_escapes_visibly(build_app: Any, tmp_path: Path) -> None:
    catalog = load_catalog([ESCAPES, DATA / "tour.toml"])
    assert catalog.ok, catalog.problems
    app = build_app(catalog=catalog, learner="Ana")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "Title ␛]2;PWNED" in assert_clean(app, "home")
        app.notify("Note " + PAYLOAD, title="Toast " + PAYLOAD)
        await pilot.pause(0.3)
        assert "Note ␛]2;PWNED" in assert_clean(app, "notification")
        app.start_quiz("escapes", "practice")
        await settle(pilot)
        seen = 0
        for _ in range(7):
            screen = app.screen
            question = screen.session.current.question
            assert "␛]2;PWNED" in assert_clean(app, f"question {question.id}")
            kind = question.type
            if kind in ("single", "true_false"):
                await pilot.press("2")
            elif kind == "multiple":
                await pilot.press("2", "enter")
            elif kind == "short_answer":
                await pilot.press(*"x", "enter")
            elif kind == "numeric":
                await pilot.press("7", "enter")
            elif kind == "ordering":
                await pilot.press("enter")
            else:
                await pilot.press("1", "1", "ctrl+s")
            await settle(pilot)
            if screen.retrying:
                screen.query_one("#continue", Button).press()
                await pilot.pause(0.3)
            assert_clean(app, f"feedback of {question.id}")
            seen += 1
            await pilot.press("enter")
            await settle(pilot)
        assert seen == 7
        assert isinstance(app.screen, ResultsScreen)
        assert "␛]2;PWNED" in assert_clean(app, "results")
        await pilot.press("g")  # progress: the chart's legend names the quiz
        await settle(pilot)
        assert "Title ␛]2;PWNED" in assert_clean(app, "progress")


async def test_preview_shows_escapes_visibly(tmp_path: Path) -> None:
    path = tmp_path / "live.toml"
    path.write_bytes(ESCAPES.read_bytes())
    app = PreviewApp(path, interval=0.05, lang="en")
    async with app.run_test(size=(120, 60)) as pilot:
        for _ in range(200):
            if app.screen.loads:
                break
            await pilot.pause(0.02)
        assert "Single ␛]2;PWNED" in assert_clean(app, "preview")
