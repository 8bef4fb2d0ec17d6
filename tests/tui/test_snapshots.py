"""Snapshots of every screen at 80x24 and 120x40, in Indonesian and English.

Deterministic: a fixed seed and clock, animations and cursor blink off, no clock text.
Update with `pytest tests/tui/test_snapshots.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot


async def settle(pilot: Any) -> None:
    """Let thread workers (loading, database reads) finish and their messages land."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


SIZES = [(80, 24), (120, 40)]
LANGS = ["id", "en"]


async def _home(pilot: Pilot) -> None:
    await settle(pilot)


async def _mode_picker(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def _lesson(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)


async def _practice_question(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "practice")
    await settle(pilot)
    await pilot.press("enter")  # empty answer: the message shows


async def _practice_feedback(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "practice")
    await settle(pilot)
    await pilot.press("1", "5", "0", "enter")
    await settle(pilot)


async def _choice_question(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "practice")
    await settle(pilot)
    await pilot.press(*"147", "enter", "enter")
    await settle(pilot)


async def _exam_multiple(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    await pilot.press("ctrl+t", "pagedown", "pagedown")
    await settle(pilot)


async def _exam_ordering(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    for _ in range(5):
        await pilot.press("pagedown")
    await pilot.press("shift+down")
    await settle(pilot)


async def _exam_matching(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    for _ in range(6):
        await pilot.press("pagedown")
    await pilot.press("2")
    await settle(pilot)


async def _finish_confirm(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    await pilot.press("ctrl+g")
    await settle(pilot)


async def _results(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    await pilot.press(*"147", "enter")
    await settle(pilot)
    await pilot.press("ctrl+g", "y")
    await settle(pilot)


async def _progress(pilot: Pilot) -> None:
    for answer in ("147", "150"):
        pilot.app.start_quiz("tour", "exam")
        await settle(pilot)
        await pilot.press(*answer, "enter")
        await settle(pilot)
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    await pilot.press("g")
    await settle(pilot)


async def _review(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    await pilot.press(*"147", "enter")
    await pilot.press("ctrl+g", "y")
    await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)


async def _help(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("f1")
    await settle(pilot)


async def _hostile_question(pilot: Pilot) -> None:
    pilot.app.start_quiz("hostile", "practice")
    await settle(pilot)
    await pilot.press("1")
    await settle(pilot)


async def _switch_learner(pilot: Pilot) -> None:
    await pilot.press("s")
    await settle(pilot)


async def _review_question(pilot: Pilot) -> None:
    await _review(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def _export_dialog(pilot: Pilot) -> None:
    from textual.widgets import Input

    from quizapp.tui.screens.export import ExportDialog

    await _results(pilot)
    # Opened directly: the snapshots run without a score store, which hides the key.
    attempt = pilot.app.screen.session.attempt
    await pilot.app.push_screen(ExportDialog({"attempt": attempt.id}, "tour-Ana"))
    await settle(pilot)
    # The default path lies under each test's own tmp_path; show a fixed one.
    pilot.app.screen.query_one("#path", Input).value = "/home/ana/tour-Ana-2026-01-05-0930.html"
    await settle(pilot)


SCENES: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "home": _home,
    "mode_picker": _mode_picker,
    "lesson": _lesson,
    "numeric_question": _practice_question,
    "practice_feedback": _practice_feedback,
    "single_question": _choice_question,
    "exam_multiple": _exam_multiple,
    "exam_ordering": _exam_ordering,
    "exam_matching": _exam_matching,
    "finish_confirm": _finish_confirm,
    "results": _results,
    "export_dialog": _export_dialog,
    "progress": _progress,
    "review": _review,
    "help": _help,
    "switch_learner": _switch_learner,
    "review_question": _review_question,
    "hostile_feedback": _hostile_question,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare: Any, build_app: Any, scene: str, lang: str, size: Any) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await SCENES[scene](pilot)
        await settle(pilot)

    assert snap_compare(build_app(lang), run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_first_run(snap_compare: Any, build_app: Any, lang: str, size: Any) -> None:
    async def typed(pilot: Pilot) -> None:
        await settle(pilot)
        if lang == "en":
            await pilot.press("f2")
        await pilot.press(*"Siti")
        await settle(pilot)

    assert snap_compare(build_app(learner=None), run_before=typed, terminal_size=size)


# -- issue 19: the exam's navigator, the results that teach, time running low -------------


async def _navigator(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    await pilot.press("ctrl+t", *"147", "enter")  # 1 flagged and answered
    await settle(pilot)
    await pilot.press("pagedown", "ctrl+t", "ctrl+l")  # 3 flagged; the list over it
    await settle(pilot)


async def _results_explained(pilot: Pilot) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    await pilot.press(*"150", "enter")  # wrong: its explanation shows first
    await settle(pilot)
    await pilot.press("ctrl+g", "y")
    await settle(pilot)


async def _low_time(pilot: Pilot) -> None:
    from datetime import timedelta

    pilot.app.start_quiz("timed", "exam")
    await settle(pilot)
    pilot.app.test_clock.now += timedelta(seconds=75)  # 45 s left
    await pilot.pause(1.3)
    await settle(pilot)


class _Clock:
    def __init__(self) -> None:
        from datetime import UTC, datetime

        self.now = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)

    def __call__(self) -> object:
        return self.now


EXAM_SCENES: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "navigator": _navigator,
    "results_explained": _results_explained,
    "low_time": _low_time,
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scene", list(EXAM_SCENES))
def test_exam_screen(snap_compare: Any, build_app: Any, scene: str, lang: str) -> None:
    clock = _Clock()
    app = build_app(lang, clock=clock)
    app.test_clock = clock  # type: ignore[attr-defined]

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await EXAM_SCENES[scene](pilot)
        await settle(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
