"""Dialogs that follow F2, dropping an unfinished quiz, and the preview's own words in
both languages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from tests.tui.test_export import finish_tour
from tests.tui.test_flows import settle
from tests.tui.test_screen_fixes import _leave_two_unfinished, shown
from textual.widgets import Button, Input, OptionList, Static

from quizapp import locations
from quizapp.model import localize
from quizapp.store import Store
from quizapp.tui.i18n import LANGUAGES, other_language, t
from quizapp.tui.preview import PreviewApp, PreviewScreen
from quizapp.tui.screens.home import ResumePicker
from quizapp.tui.screens.quiz import Confirm
from quizapp.tui.screens.results import ResultsScreen

TITLES = {
    "timed": {"id": "Ujian berwaktu", "en": "A timed exam"},
}


def _question(app: Any) -> str:
    return shown(app, "#confirm-question")


# -- dropping an unfinished quiz --------------------------------------------------------------


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_an_unfinished_quiz_can_be_dropped_from_the_picker(
    build_app: Any, tmp_path: Path, lang: str
) -> None:
    app = build_app(lang=lang, store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _leave_two_unfinished(pilot, app)
        await pilot.press("r")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ResumePicker)
        timed, tour = picker.attempts  # newest first: the timed exam, one of two answered
        title = timed.quiz.quiz.title

        def asked(in_lang: str) -> str:
            return t("drop_confirm", in_lang, title=localize(title, in_lang), done=1, total=2)

        # No: nothing is dropped.
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert _question(app) == asked(lang)
        assert TITLES["timed"][lang] in _question(app)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is picker and len(picker.attempts) == 2

        # Yes: asked again, relabelled by F2, then dropped.
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert _question(app) == asked(other_language(lang))
        await pilot.press("f2")
        await settle(pilot)
        assert _question(app) == asked(lang)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is picker
        lines = [str(o.prompt) for o in picker.query_one(OptionList).options]
        assert len(lines) == 1 and lines[0].endswith("(1 / 7)"), lines
        await pilot.press("escape")
        await settle(pilot)
        # The banner beneath now offers the one left.
        assert shown(app, "#resume-banner") == t(
            "interrupted", lang, title=localize(tour.quiz.quiz.title, lang), done=1, total=7
        )

    # In the store: the attempt is abandoned, its answer kept, no score given.
    store = Store(locations.database_path(tmp_path / "data"))
    try:
        ana = store.learner("Ana", lang)
        stored = store.attempt_by_uid(timed.id)
        assert stored is not None and stored.status == "abandoned"
        assert stored.score is None
        assert len(store.answers(stored.id)) == 1
        assert store.score_history(ana.id, "timed").points() == []
        assert [a.uid for a in store.interrupted(ana.id)] == [tour.id]
    finally:
        store.close()

    # A restart offers only the tour.
    again = build_app(lang=lang, store=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown(again, "#resume-banner") == t(
            "interrupted", lang, title=localize(tour.quiz.quiz.title, lang), done=1, total=7
        )


async def test_dropping_the_last_but_one_in_memory_keeps_its_answers(build_app: Any) -> None:
    app = build_app()  # MemoryHistory: what runs when the store cannot open
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _leave_two_unfinished(pilot, app)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("down", "d", "y")  # the tour, one question answered right
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ResumePicker)
        assert [a.quiz.id for a in picker.attempts] == ["timed"]
        assert app.history.mastery("Ana"), "the tour's answer counts as an answer"
        assert app.history.attempts("Ana") == []  # and no score
        await pilot.press("d", "y")
        await settle(pilot)
        # None left: the picker closes and home offers nothing.
        assert not isinstance(app.screen, (ResumePicker, Confirm))
        assert not app.screen.query_one("#resume-banner", Static).display


# -- the export dialog's replace question -------------------------------------------------------


async def test_export_replace_question_follows_f2(build_app: Any, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("keep me", encoding="utf-8")
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(target)
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert _question(app) == t("export_replace", "en", path=str(target))
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "id"
        assert _question(app) == t("export_replace", "id", path=str(target))
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
    assert target.read_text(encoding="utf-8") != "keep me"


async def test_damaged_database_question_follows_f2(build_app: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "scores.sqlite3").write_bytes(b"this is not a database" * 100)
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert "cannot be read" in _question(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "tidak bisa dibaca (ini bukan basis data SQLite)" in _question(app)
        assert t("store_move_aside", "id") in _question(app)
        assert "cannot be read" not in _question(app) and "is not" not in _question(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "cannot be read (it is not an SQLite database)" in _question(app)


# -- the preview's status line and notices ------------------------------------------------------

QUIZ = """\
[quiz]
id = "mini"
languages = ["id", "en"]
title = {{ id = "Kuis mini", en = "Mini quiz" }}

[[questions]]
id = "q1"
type = "true_false"
prompt = {{ id = "Benar?", en = "True?" }}
answer = {answer}
"""

WORDS = {
    "en": ("valid, 1 question · language", "1 problem;", "Fix the problems first", "changed:"),
    "id": ("valid, 1 soal · bahasa", "1 masalah;", "Perbaiki dulu", "berubah:"),
}


async def _load(pilot: Any, screen: PreviewScreen, seen: int) -> None:
    for _ in range(500):
        if screen.loads > seen:
            return
        await pilot.pause(0.02)
    raise AssertionError("the preview did not reload")


def _save(path: Path, text: str, tick: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (1_700_000_000 + tick,) * 2)


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_preview_speaks_the_interface_language(tmp_path: Path, lang: str) -> None:
    valid, problem, fix_first, changed = WORDS[lang]
    path = tmp_path / "mini.toml"
    _save(path, QUIZ.format(answer="true"), 1)
    notices: list[str] = []
    app = PreviewApp(path, interval=0.05, lang=lang)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        original = app.notify

        def notify(message: Any, **kwargs: Any) -> None:
            notices.append(str(message))
            original(message, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        await _load(pilot, screen, 0)
        status = lambda: str(screen.query_one("#status", Static).content)  # noqa: E731
        assert valid in status()

        # F2: the status line follows the interface, though the quiz has both languages.
        await pilot.press("f2")
        await pilot.pause()
        assert WORDS[other_language(lang)][0] in status()
        await pilot.press("f2")
        await pilot.pause()
        assert valid in status()

        await pilot.press("t")  # try it; then the file changes under the author
        await pilot.pause()
        _save(path, QUIZ.format(answer='"yes"'), 2)
        await _load(pilot, screen, 1)
        assert any(changed in n for n in notices), notices
        assert problem in status()
        await pilot.press("t")
        await pilot.pause()
        assert any(fix_first in n for n in notices), notices


async def test_export_errors_follow_f2_and_clear_when_the_name_changes(
    build_app: Any, tmp_path: Path
) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        path = dialog.query_one("#path", Input)
        error = dialog.query_one("#export-error", Static)
        path.value = ""
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert str(error.render()) == t("export_no_path", "en") and error.display
        await pilot.press("f2")
        await pilot.pause()
        assert str(error.render()) == t("export_no_path", "id")
        # Typing a name: the problem no longer applies.
        await pilot.press("a")
        await pilot.pause()
        assert str(error.render()) == "" and not error.display

        wanted = tmp_path / "no" / "such" / "r.html"
        path.value = str(wanted)
        await pilot.press("enter")
        await settle(pilot)
        assert str(error.render()).startswith(f"Tidak bisa menulis {wanted}: ")
        await pilot.press("f2")
        await pilot.pause()
        assert str(error.render()).startswith(f"Could not write {wanted}: ")


async def test_export_buttons_stay_in_view_under_a_two_line_error(build_app: Any) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_tour(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path", Input).value = "/nonexistent-dir/r.html"
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert dialog.query_one("#export-error", Static).region.height == 2
        for button in dialog.query(Button):
            # Drawn, not clipped by the dialog's bottom edge: the button is what is there.
            x, y = button.region.offset
            assert app.screen.get_widget_at(x + 1, y)[0] is button, button.id
