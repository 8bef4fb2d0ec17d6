"""The app on a score database with a damaged page (issue 13): no crash, never a write
into it, the move-aside recovers what can be read; damage found mid-quiz stops the
writing and says so."""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path
from typing import Any

from quizapp.store import Store
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.store_history import StoreHistory

sys.path.insert(0, str(Path(__file__).parent.parent / "unit"))
from test_store_damage import make_store


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _damage(path: Path, page: int) -> str:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    with path.open("r+b") as f:
        f.seek((page - 1) * size)
        f.write(random.Random(page).randbytes(size))
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_damaged_page_is_offered_for_recovery(build_app: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "scores.sqlite3"
    answers = make_store(db)
    pages = db.stat().st_size // 1024
    before = _damage(db, pages // 2)
    app = build_app(store=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # not written
        assert "cannot be read" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert isinstance(app.history, StoreHistory)
        assert app.is_running
    (moved,) = [p for p in data.iterdir() if p.name.endswith("Z")]
    assert hashlib.sha256(moved.read_bytes()).hexdigest() == before
    with Store(db) as store:
        (kept,) = store._con.execute("SELECT count(*) FROM answers").fetchone()
    assert 0 < kept <= answers


async def test_damage_found_mid_quiz_stops_writing(build_app: Any, tmp_path: Path) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        store = await _exam_on_a_store_about_to_fail(pilot)
        await pilot.press("1")
        # The answer's write finds the damage, not the draft's: on a loaded machine the
        # draft timer could fire first, and Enter would then answer the dialog it opened.
        app.screen._draft_timer.stop()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert store.damaged is not None, app.screen
        assert app.is_running
        assert "cannot be read" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running


async def _exam_on_a_store_about_to_fail(pilot: Any) -> Any:
    """An exam open on the tour, its store's next write failing as SQLite reports a
    damaged page: the store."""
    app = pilot.app
    await settle(pilot)
    store = app.history.store
    app.start_quiz("tour", "exam")
    await settle(pilot)
    assert isinstance(app.screen, QuizScreen)
    import sqlite3

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.DatabaseError("database disk image is malformed")

    store._con = _Failing(store._con, broken)
    return store


class _Failing:
    """A connection whose statements fail as SQLite does on a damaged page."""

    def __init__(self, con: Any, fail: Any) -> None:
        self._con = con
        self.execute = fail
        self.cursor = lambda: _Cursor(fail)
        self.in_transaction = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


class _Cursor:
    def __init__(self, fail: Any) -> None:
        self.execute = fail


async def test_a_draft_saved_after_damage_is_told_not_raised(
    build_app: Any, tmp_path: Path
) -> None:
    """The draft timer saves what is typed; damage found by then goes to the learner
    (the move-aside offer), never out of the screen as an exception."""
    app = build_app(store=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        store = await _exam_on_a_store_about_to_fail(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("1")
        screen._keep_draft()  # what the timer does: it must not raise
        await settle(pilot)
        assert store.damaged is not None
        assert "cannot be read" in str(app.screen.query_one("#confirm-question").render())
        assert app.is_running
