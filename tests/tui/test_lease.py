"""The app and a second quizapp on one attempt (issue 13): resuming an attempt that is
open elsewhere is refused with the reason; once it is free, it resumes."""

from __future__ import annotations

from typing import Any

from quizapp import locations
from quizapp.store import Store
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_resuming_an_attempt_open_elsewhere_is_refused(build_app: Any) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await pilot.press(*"147", "enter")
        await settle(pilot)
        await pilot.press("ctrl+q")
    # Another quizapp, alive, takes the attempt over and keeps it.
    other = Store(locations.database_path(locations.data_dir()))
    (waiting,) = other.interrupted(other.learner("Ana").id)
    other.take_lease(waiting.id)
    again = build_app(store=True)
    async with again.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(again.screen, HomeScreen)
        notes = [str(n.message) for n in again._notifications]
        assert any("open in another quizapp" in n for n in notes), notes
    other.close()  # released: now it resumes
    third = build_app(store=True)
    async with third.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(third.screen, QuizScreen)
