"""A snapshot of the trainer's watch view: learners under way, done, and a hostile name;
the item analysis with where wrong answers went. Fixed clock, fixed store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.tui.test_classroom import legacy_member

from quizapp.loading import load_catalog
from quizapp.store import Store
from quizapp.tui.watch import WatchApp

DATA = Path(__file__).parent.parent / "data" / "tui"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _class(path: Path) -> Store:
    clock = [T0]
    store = Store(path, clock=lambda: clock[0])
    info = store.open_class("monday", ["tour"])
    version = store.quiz_version("tour", "h", "Tour")
    people = {}
    for name in ("Siti", "Budi"):
        people[name] = store.join_class(info.id, name, "1234").learner_id
    legacy_member(store, info.id, "[b]Boss[/b] \x1b[2J")
    order = ["city", "platforms", "two-days"]
    started = {"time_limit_seconds": 600}
    a = store.start_attempt(people["Siti"], version.id, "exam", 1, order, started_record=started)
    store.record_answer(a.id, "city", 0, credit=1, points=1)
    store.record_answer(a.id, "platforms", [0, 2], credit=0.5, points=0.5)
    store.set_flagged(a.id, ["two-days"])
    b = store.start_attempt(people["Budi"], version.id, "exam", 2, order, started_record=started)
    store.record_answer(b.id, "city", 1, credit=0, points=0)
    store.record_answer(b.id, "platforms", [0, 1], credit=1, points=1)
    store.finish_attempt(b.id, score=1, max_score=3)
    store.extend_time(info.id, 300, learner_id=people["Siti"])
    clock[0] = T0 + timedelta(minutes=3)
    return store


def test_watch_view(snap_compare: Any, tmp_path: Path) -> None:
    catalog = load_catalog([DATA / "tour.toml"])
    store = _class(tmp_path / "scores.sqlite3")

    async def settle(pilot: Any) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = WatchApp(store, "monday", catalog, clock=lambda: T0 + timedelta(minutes=3), interval=3600)
    assert snap_compare(app, run_before=settle, terminal_size=(120, 30))
