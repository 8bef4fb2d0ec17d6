"""The app on the real score store: scores kept across runs, resume after a kill,
a damaged database moved aside only when the learner agrees."""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from quizapp.store import Store
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.store_history import StoreHistory

NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)  # the clock of conftest's build_app


async def settle(pilot: Any) -> None:
    """Let thread workers (loading, database reads) finish and their messages land."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_scores_and_due_reviews_survive_a_restart(build_app: Any) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.history, StoreHistory)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await pilot.press(*"147", "enter")
        await settle(pilot)
        assert app.screen.session.current.question.id == "city"
        await pilot.press("1")  # Shenzhen, with this seed: wrong
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
    # Eleven minutes on, the missed question and the five left unanswered are due (Again:
    # ten minutes); the one answered right is not (Good graduates it: two days).
    later = build_app(store=True, clock=lambda: NOW + timedelta(minutes=11))
    async with later.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "best 14%" in shown(later, "#detail")
        assert "6 due for review" in shown(later, "#home-title")


async def test_switch_lists_learners_from_the_score_store(build_app: Any, tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from quizapp import locations

    # Citra only ever used the command line (`quizapp take --plain --learner Citra`):
    # she is in the score store, not in settings.json.
    store = Store(locations.database_path(tmp_path / "data"))
    store.learner("Citra", "id")
    store.learner("ana", "en")  # the settings' Ana, as the store spells her
    store.close()
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        known = app.screen.query_one("#known", OptionList)
        names = [str(known.get_option_at_index(i).prompt) for i in range(known.option_count)]
        assert names == ["ana", "Citra"]  # as the store spells them
        assert app.focused is known
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.learner == "Citra"
        assert app.lang == "id"  # her language, from the store


async def test_a_language_chosen_while_the_store_opens_stands(
    build_app: Any, monkeypatch: Any
) -> None:
    """F2 pressed after the loading worker read the learner's language from the store,
    before the app heard of it: the choice is kept (and stored), not undone."""
    from quizapp.tui.app import QuizApp

    read: list[str | None] = []
    original = QuizApp._learner_language

    def racing(self: QuizApp, history: Any) -> str | None:
        lang = original(self, history)  # the store's word, read in the worker...
        read.append(lang)
        self.call_from_thread(self.action_toggle_language)  # ...then F2, before it lands
        return lang

    monkeypatch.setattr(QuizApp, "_learner_language", racing)
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert read and read[0] is not None
        assert app.lang != read[0]  # the learner's choice, not the store's older word
        assert app.history is not None
        assert app.history.language(app.learner) == app.lang
        assert app.learner not in app.prefs.learners


async def test_resume_after_the_app_stops_mid_attempt(build_app: Any) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await pilot.press(*"147", "enter")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        keys = [s.key for s in app.screen.session.items]
    # The first app stopped without submitting: a new one offers the attempt.
    again = build_app(store=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "2 / 7" in shown(again, "#resume-banner")
        await pilot.press("r")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, QuizScreen)
        assert [s.key for s in screen.session.items] == keys
        assert "3 / 7" in shown(again, "#quiz-bar")
        assert screen.session.response(0) == "147"


async def test_flags_survive_quitting_and_resuming(build_app: Any) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await pilot.press(*"147", "enter")  # answer the first, on to the second
        await settle(pilot)
        await pilot.press("ctrl+t")  # flag the second, unanswered
        await pilot.press("pagedown", "ctrl+t", "ctrl+t")  # the third: flagged, then not
        await pilot.press("pageup", "pageup", "ctrl+t")  # the first, after its answer
        assert "flagged" in shown(app, "#quiz-bar")
        await pilot.press("ctrl+q")
    again = build_app(store=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(again.screen, QuizScreen)
        assert "2 / 7" in shown(again, "#quiz-bar")
        assert "⚑ flagged" in shown(again, "#quiz-bar")
        await pilot.press("pagedown")
        assert "3 / 7" in shown(again, "#quiz-bar")
        assert "flagged" not in shown(again, "#quiz-bar")
        await pilot.press("pageup", "pageup")
        assert "1 / 7" in shown(again, "#quiz-bar")
        assert "⚑ flagged" in shown(again, "#quiz-bar")


async def test_damaged_database_is_moved_aside_only_on_yes(build_app: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    broken = data / "scores.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "cannot be read" in str(app.screen.query_one(Static).render())
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert isinstance(app.history, StoreHistory)
    moved = [p for p in data.iterdir() if p.name.startswith("scores.sqlite3.corrupt-")]
    assert len(moved) == 1
    assert moved[0].read_bytes() == b"this is not a database" * 100


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_resume_after_kill_9_in_a_real_terminal(tmp_path: Path) -> None:
    """`quizapp` in a pseudo-terminal, killed with SIGKILL after two answers: the store
    holds both, and the attempt is offered again."""
    import pty

    data = tmp_path / "data"
    env = dict(os.environ, QUIZAPP_DATA_DIR=str(data), TERM="xterm-256color")
    (data).mkdir()
    (data / "settings.json").write_text('{"learner": "Ana", "learners": {"Ana": "en"}}')
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app itself
        os.execve(sys.executable, [sys.executable, "-m", "quizapp"], env)

    def send(keys: bytes, wait: float = 1.0) -> None:
        # Write the keys, then drain the screen output for `wait` seconds.
        os.write(fd, keys)
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    break

    try:
        send(b"", 6.0)  # start-up and catalog load
        store = Store(data / "scores.sqlite3")
        learner = store.learner("Ana")
        # The quiz list starts on the first bundled quiz; `e` starts an exam on it.
        send(b"e", 2.0)
        send(b"1", 1.5)  # a choice, or a digit typed into a text answer
        send(b"\r", 1.5)
        send(b"1", 1.5)
        send(b"\r", 1.5)
        waiting = store.interrupted(learner.id)
        assert len(waiting) == 1
        answered = store.answers(waiting[0].id)
        assert len(answered) >= 1
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    store = Store(data / "scores.sqlite3")
    waiting = store.interrupted(store.learner("Ana").id)
    assert len(waiting) == 1
    assert store.answers(waiting[0].id) == answered


async def test_progress_screen_and_its_report_say_the_same(
    build_app: Any, catalog: Any, tmp_path: Path
) -> None:
    """One definition of mastery, weakest questions and the timeline: the screen shows
    what the learner report (the CSV saved from the screen) says."""
    from quizapp import locations
    from quizapp.engine.attempt import start_attempt
    from quizapp.reports.service import ReportRequest, build_report
    from quizapp.store.recorder import StoreRecorder

    # A practice attempt the day before: one question answered wrong, the rest not.
    store = Store(locations.database_path(tmp_path / "data"), clock=lambda: NOW)
    recorder = StoreRecorder(store, store.learner("Ana", "en"))
    day_before = NOW - timedelta(days=1)
    practice = start_attempt(
        catalog, "tour", mode="practice", seed=3, learner="Ana", recorder=recorder,
        clock=lambda: day_before,
    )  # fmt: skip
    practice.answer(0, "150")
    practice.move_on(0)
    practice.submit()
    store.close()
    app = build_app(store=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await pilot.press(*"147", "enter")
        await settle(pilot)
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        figures = app.screen.data.figures
        # Long names wrap, indented under their text: compare the words.
        mastery = " ".join(shown(app, "#mastery").split())
        weakest = " ".join(shown(app, "#weakest").split())
        legend = shown(app, "#chart-legend")
    built = build_report(
        ReportRequest(learner="Ana", lang="en"),
        database=locations.database_path(tmp_path / "data"),
        catalog=app.catalog,
        modules=app.content,
    ).report
    assert [(p.attempt_id, p.mode) for p in figures.timeline] == [
        (p.attempt_id, p.mode) for p in built.timeline
    ]
    assert [p.mode for p in built.timeline] == ["practice", "exam"]
    assert figures.mastery == built.mastery and built.mastery
    for m in built.mastery:
        assert f"{round(m.percent)}% {m.name}" in mastery
    # Unanswered questions count 0: the exam answered one question of seven.
    assert all(m.percent < 100 for m in built.mastery)
    for w in built.weakest[:5]:
        assert f"{round(w.percent)}% {' '.join(w.prompt.split())}" in weakest
    assert "A quick tour" in legend and "pass 60%" in legend
    assert "Review sessions are not counted" in legend
