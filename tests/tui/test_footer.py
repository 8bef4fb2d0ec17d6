"""The footer: every key fits 80 columns in both languages, and a dialog shows its own keys."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets._footer import FooterKey

from quizapp.tui.app import QuizApp
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.widgets.footer import KeysFooter


async def settle(pilot: Any) -> None:
    """Let thread workers (loading, database reads) finish and their messages land."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def footer_keys(app: QuizApp) -> list[FooterKey]:
    """The keys in the top screen's own footer, left to right."""
    return list(app.screen.query_one(KeysFooter).query(FooterKey))


def assert_all_fit(app: QuizApp) -> None:
    width = app.size.width
    for key in footer_keys(app):
        label = f"{key.key_display} {key.description}"
        assert key.region.width > 0, f"{label!r} has no room"
        assert key.region.right <= width, f"{label!r} is cut off at {width} columns"


# "previous" may leave the footer at 80 columns (PgUp still works): the navigator, which
# must stay, reaches every question.
EXAM_KEYS = {"navigator", "move(1)", "flag", "finish", "help"}


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_every_exam_footer_fits_80_columns(build_app: Any, lang: str) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        kinds = set()
        for index in range(len(screen.session.items)):
            screen.action_move(index - screen.session.index)
            await settle(pilot)
            kinds.add(screen.session.current.question.type)
            actions = {key.action for key in footer_keys(app)}
            assert actions >= EXAM_KEYS, (screen.session.current.question.type, actions)
            assert_all_fit(app)
            if screen.session.current.question.type == "ordering":
                assert {"reorder(-1)", "submit"} <= actions
                # Answered, "Skip" becomes the longer "Next" ("Berikutnya"): still fits.
                await pilot.press("enter")
                screen.action_move(index - screen.session.index)
                await settle(pilot)
                labels = [key.description for key in footer_keys(app)]
                assert ("Berikutnya" if lang == "id" else "Next") in labels
                assert_all_fit(app)
        assert "ordering" in kinds


async def test_the_language_key_leaves_the_footer_only_when_it_does_not_fit(
    build_app: Any,
) -> None:
    app = build_app("id")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert "toggle_language" in {key.action for key in footer_keys(app)}  # a number
        ordering = next(s.position for s in screen.session.items if s.question.type == "ordering")
        screen.action_move(ordering)
        await settle(pilot)
        assert "toggle_language" not in {key.action for key in footer_keys(app)}
        await pilot.press("f2")  # it still works
        await settle(pilot)
        assert app.lang == "en"
        # In English the ordering keys fit with the language key.
        assert "toggle_language" in {key.action for key in footer_keys(app)}
        await pilot.resize_terminal(120, 30)
        await pilot.press("f2")
        await settle(pilot)
        assert app.lang == "id"
        assert "toggle_language" in {key.action for key in footer_keys(app)}


# -- dialogs ------------------------------------------------------------------------------


async def _finish_confirm(pilot: Any) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    await pilot.press("ctrl+g")


async def _mode_picker(pilot: Any) -> None:
    await pilot.press("enter")


async def _help(pilot: Any) -> None:
    await pilot.press("f1")


async def _match_picker(pilot: Any) -> None:
    pilot.app.start_quiz("tour", "exam")
    await settle(pilot)
    screen = pilot.app.screen
    matching = next(s.position for s in screen.session.items if s.question.type == "matching")
    screen.action_move(matching)
    await settle(pilot)
    await pilot.press("enter")


DIALOGS = {
    "finish_confirm": (_finish_confirm, ["Back", "List", "Submit"], "Flag"),
    "mode_picker": (_mode_picker, ["Back"], "Progress"),
    "help": (_help, ["Back"], "Progress"),
    "match_picker": (_match_picker, ["Back"], "Flag"),
}


@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_a_dialog_shows_its_own_keys(build_app: Any, dialog: str) -> None:
    opening, own, beneath = DIALOGS[dialog]
    app = build_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        under = app.screen
        await opening(pilot)
        await settle(pilot)
        assert app.screen is not under and app.screen.is_modal
        assert [key.description for key in footer_keys(app)] == own
        # What is drawn on the bottom row is the dialog's footer, not the screen beneath.
        drawn, _region = app.screen.get_widget_at(1, 23)
        assert isinstance(drawn.parent, KeysFooter) and drawn.screen is app.screen
        assert beneath not in app.export_screenshot()
