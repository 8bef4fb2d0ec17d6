"""A class member's app and the trainer's watch view (class mode, issue 15)."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from quizapp import locations
from quizapp.store import Store
from quizapp.tui.classroom import ClassApp, ClassCatalog, make_class_app
from quizapp.tui.watch import WatchApp


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return tmp_path / "trainer"


@pytest.fixture
def store(base: Path) -> Store:
    with Store(locations.class_database_path(base, "monday")) as s:
        s.open_class("monday", ["tour"])
        yield s


def _member(store: Store, name: str) -> int:
    info = store.class_info("monday")
    assert info is not None
    joined = store.join_class(info.id, name, "1234")
    assert joined.learner_id is not None
    return joined.learner_id


ANY_ANSWER: dict[str, Any] = {
    "single": lambda q: 0,
    "multiple": lambda q: [0],
    "true_false": lambda q: True,
    "numeric": lambda q: "147",
    "short_answer": lambda q: "Hangzhou",
    "ordering": lambda q: list(range(len(q.items))),
    "matching": lambda q: list(range(len(q.pairs))),
}
"""A readable response of each type (right or wrong does not matter here)."""


async def _settle(app: Any, pilot: Any) -> None:
    for _ in range(3):
        # A poll started by hand replaces one its timer started (exclusive workers):
        # the replaced one reports itself cancelled, the newer one reads the store.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()


async def test_a_member_sees_only_the_class_quizzes_and_their_own_data(
    base: Path, store: Store
) -> None:
    siti = _member(store, "Siti")
    budi = _member(store, "Budi")
    # Budi's finished attempt must never show in Siti's app.
    version = store.quiz_version("tour", "x", "Tour")
    other = store.start_attempt(budi, version.id, "exam", 1, ["city"])
    store.finish_attempt(other.id, score=1, max_score=1)
    app = make_class_app(base, "monday", siti, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        assert isinstance(app.catalog, ClassCatalog)
        assert list(app.catalog.quizzes) == ["tour"]
        assert len(app.catalog.full.quizzes) > 1  # the bundled banks hold more
        assert app.learner == "Siti"
        assert app.history is not None and app.history.attempts("Siti") == []
        # No way to become someone else, save a file or take a screenshot on the server.
        for action in ("switch_learner", "screenshot", "export"):
            assert app.check_action(action, ()) is False
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not any("creenshot" in t or "angkapan" in t for t in titles)
        from quizapp.tui.exporting import can_export

        assert can_export(app) is False


async def test_closing_a_quiz_and_extra_time_reach_the_app(base: Path, store: Store) -> None:
    siti = _member(store, "Siti")
    info = store.class_info("monday")
    assert info is not None
    app = make_class_app(base, "monday", siti, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        app.start_quiz("tour", "exam")
        await pilot.pause()
        attempt = app.screen.session.attempt  # type: ignore[attr-defined]
        store.extend_time(info.id, 300, quiz_id="tour")
        store.extend_time(info.id, 60, learner_id=siti)
        store.set_quiz_open(info.id, "tour", False)
        app.poll_class()
        await _settle(app, pilot)
        assert attempt.extra_time == timedelta(seconds=360)
        assert list(app.catalog.quizzes) == []  # type: ignore[union-attr]
        app.start_quiz("tour", "exam")  # closed: nothing starts
        await pilot.pause()
        assert app.screen.session.attempt is attempt  # type: ignore[attr-defined]


async def test_a_dropped_session_resumes_where_it_was(base: Path, store: Store) -> None:
    siti = _member(store, "Siti")
    first = make_class_app(base, "monday", siti, store=store)
    async with first.run_test(size=(80, 24)) as pilot:
        await _settle(first, pilot)
        first.start_quiz("tour", "exam")
        await pilot.pause()
        session = first.screen.session  # type: ignore[attr-defined]
        question = session.attempt.slots[0].question
        session.attempt.answer(0, ANY_ANSWER[question.type](question))
    (waiting,) = store.interrupted(siti)
    assert len(store.answers(waiting.id)) == 1
    again = make_class_app(base, "monday", siti, store=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await _settle(again, pilot)
        assert type(again.screen).__name__ == "QuizScreen"
        resumed = again.screen.session  # type: ignore[attr-defined]
        assert resumed.attempt.id == session.attempt.id
        assert resumed.index == 1  # the first question still open
        # Keys go to the answer, not to the home screen beneath.
        answer_slot = again.screen.query_one("#answer-slot")
        assert again.focused is not None and answer_slot in again.focused.ancestors


async def test_the_class_ending_closes_the_app(base: Path, store: Store) -> None:
    siti = _member(store, "Siti")
    app: ClassApp = make_class_app(base, "monday", siti, store=store)
    app.ended_grace = 3600  # closing is checked below, apart
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        app.start_quiz("tour", "exam")
        await pilot.pause()
        attempt = app.screen.session.attempt  # type: ignore[attr-defined]
        question = attempt.slots[0].question
        attempt.answer(0, ANY_ANSWER[question.type](question))
        store.end_class(store.class_info("monday").id)  # type: ignore[union-attr]
        app.poll_class()
        await _settle(app, pilot)
        assert app._ended
        # Said in the learner's language, from the catalog.
        assert app.t("class_ended") in [n.message for n in app._notifications]
        # Pens down: the attempt under way is handed in with what it has.
        (stored,) = store.attempts(siti)
        assert stored.status == "submitted" and stored.max_score
        app.action_home()
        await pilot.pause()
        app.start_quiz("tour", "practice")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


HOSTILE = "[b]Boss[/b] \x1b[2J[red]x"


def legacy_member(store: Store, class_id: int, name: str) -> int:
    """A member whose name predates the name rules (the store refuses it today): the
    watch view must still draw it as text."""
    with store._write() as cur:
        cur.execute(
            "INSERT INTO learners (name, language, created_ms) VALUES (?, 'en', 0)", (name,)
        )
        learner_id = cur.lastrowid
        cur.execute(
            "INSERT INTO class_members (class_id, learner_id, pin_hash, joined_ms, seen_ms) "
            "VALUES (?, ?, NULL, 0, 0)",
            (class_id, learner_id),
        )
    assert learner_id is not None
    return learner_id


async def test_watch_shows_hostile_names_as_text(store: Store) -> None:
    info = store.class_info("monday")
    assert info is not None
    # The server refuses control characters; a name in the store is still drawn as text.
    legacy_member(store, info.id, HOSTILE)
    app = WatchApp(store, "monday", None, interval=60)
    async with app.run_test(size=(120, 30)) as pilot:
        await _settle(app, pilot)
        table = app.query_one("#learners", DataTable)
        cell = table.get_row_at(0)[0]
        assert cell.plain == "[b]Boss[/b] ?[2J[red]x"
        svg = app.export_screenshot()
        assert "[b]Boss[/b]" in svg.replace("&#160;", " ")
        assert "\x1b" not in svg


async def test_watch_actions_write_the_store(store: Store) -> None:
    info = store.class_info("monday")
    assert info is not None
    siti = _member(store, "Siti")
    app = WatchApp(store, "monday", None, interval=60)
    async with app.run_test(size=(120, 30)) as pilot:
        await _settle(app, pilot)
        await pilot.press("t")
        await _settle(app, pilot)
        assert store.extra_time(info.id, siti, "tour") == 300
        await pilot.press("p")
        await _settle(app, pilot)
        assert not store.class_members(info.id)[0].has_pin
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("enter")
        await _settle(app, pilot)
        assert store.class_info("monday").quizzes[0].extra_seconds == 300  # type: ignore[union-attr]
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")
        await _settle(app, pilot)
        assert store.class_info("monday").open_quizzes == []  # type: ignore[union-attr]
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("y")
        await _settle(app, pilot)
        assert store.class_info("monday").ended_at is not None  # type: ignore[union-attr]
        assert "ENDED" in str(app.query_one("#summary").render())


async def test_the_app_closes_after_the_class_ends(base: Path, store: Store) -> None:
    siti = _member(store, "Siti")
    app: ClassApp = make_class_app(base, "monday", siti, store=store)
    app.ended_grace = 0.2
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        store.end_class(store.class_info("monday").id)  # type: ignore[union-attr]
        app.poll_class()
        for _ in range(100):
            await pilot.pause(0.05)
            if not app.is_running:
                break
    assert not app.is_running
