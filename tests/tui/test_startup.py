"""Start-up: the quiz list comes before the score store, and nothing asked for in
between is lost."""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import Any

from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen


def held_store(app: Any) -> threading.Event:
    """Keep the app's score store from opening until the returned event is set."""
    release = threading.Event()
    open_store = app._open_store

    def held() -> Any:
        release.wait(10)
        return open_store()

    app._open_store = held
    return release


async def test_a_quiz_started_before_the_store_opens_starts_once_it_has(build_app: Any) -> None:
    app = build_app(store=True)
    release = held_store(app)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        # The list is up (the catalog was given); the store is not open yet.
        assert "tour" in home._ids and app.history is None
        app.start_quiz("tour", "practice")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        release.set()
        for _ in range(1500):  # up to 30 s: a loaded CI machine is slow to start a quiz
            # Pushed is not enough: a screen still composing when the test ends (and the
            # app closes) has its children's mounting skipped, and its on_mount fails.
            if isinstance(app.screen, QuizScreen) and app.screen.is_mounted:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.quiz.id == "tour"


async def test_a_language_change_before_a_new_screen_is_drawn_does_not_crash(
    build_app: Any,
) -> None:
    # The store opening sets the learner's language; under load that can land after a
    # quiz screen is pushed and before it is composed (seen as NoMatches '#prompt').
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # Past start-up: the store's own language, arriving later, would undo the change.
        for _ in range(500):
            if app.ready and app.history is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        app.start_quiz("tour", "practice")  # pushed, not yet mounted
        app.lang = "id"
        for _ in range(500):
            if isinstance(app.screen, QuizScreen) and app.screen.is_mounted:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        # Drawn in the language set while it was being made.
        assert "Latihan" in str(app.screen.query_one("#quiz-bar").render())


FIRST_FRAME_LATER = (
    "quizapp.model.quiz",
    "quizapp.model.content",
    "quizapp.tui.history",
    "quizapp.tui.widgets.footer",
    "textual.widgets._footer",
)
"""Modules the first frame does not need: the models come with the catalog, the scores'
summaries with the store, home's footer once the list is drawn."""


def test_the_first_frame_imports_neither_models_nor_footer() -> None:
    # What `quizapp` alone imports up to drawing home, in a fresh process.
    code = (
        "import sys, quizapp.cli, quizapp.tui.run, quizapp.tui.screens.home\n"
        f"print(sorted(m for m in {FIRST_FRAME_LATER!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
