"""The quiz screen's rough edges found by a new learner: a language switch mid-feedback and
in a dialog, answers submitted empty, the retry verdict, Maximize, ticks without colour,
and the footer's keys in every state."""

from __future__ import annotations

from typing import Any

import pytest
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets._footer import FooterKey

from quizapp.tui.app import QuizApp
from quizapp.tui.screens.quiz import FinishDialog, QuizScreen
from quizapp.tui.session import empty_answer
from quizapp.tui.widgets.answers import MatchingAnswer, MultiAnswer
from quizapp.tui.widgets.footer import KeysFooter


async def settle(pilot: Any) -> None:
    """Let thread workers finish, their messages land and focus moves run."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def text_of(app: QuizApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def footer_keys(app: QuizApp) -> list[FooterKey]:
    return list(app.screen.query_one(KeysFooter).query(FooterKey))


async def start_at(pilot: Any, mode: str, kind: str) -> QuizScreen:
    """Start the tour quiz in `mode` and go to its question of type `kind`."""
    app = pilot.app
    await settle(pilot)
    app.start_quiz("tour", mode)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    index = next(s.position for s in screen.session.items if s.question.type == kind)
    screen._go(index)
    await settle(pilot)
    return screen


OTHER = {"id": "en", "en": "id"}
TRY_AGAIN = {"id": "Coba lagi", "en": "Try again"}
SHOW_ANSWER = {"id": "Lihat jawaban", "en": "Show the answer"}


def assert_button_fits(button: Button, label: str) -> None:
    assert str(button.label) == label
    # A compact button is its label and one column either side (at least its min-width):
    # nothing cut off, and no room kept from a longer label before.
    min_width = button.styles.min_width
    least = int(min_width.value) if min_width is not None else 0
    wanted = max(Content(label).cell_length + 2, least)
    assert button.region.width == wanted, (label, button.region)


# -- 1. F2 while practice feedback is shown ---------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_language_switch_keeps_focus_on_try_again_and_sizes_buttons(
    build_app: Any, lang: str
) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, "practice", "numeric")
        await pilot.press(*"150", "enter")
        await settle(pilot)
        try_again = screen.query_one("#try-again", Button)
        show = screen.query_one("#continue", Button)
        assert try_again.has_focus
        await pilot.press("f2")
        await settle(pilot)
        new = OTHER[lang]
        assert app.lang == new
        assert try_again.has_focus, screen.focused
        assert_button_fits(try_again, TRY_AGAIN[new])
        assert_button_fits(show, SHOW_ANSWER[new])
        assert screen.session.attempt.states[screen.session.index].tries == 1
        await pilot.press("enter")  # "Try again": the answer box again, no try spent
        await settle(pilot)
        typed = screen.query_one("#typed", Input)
        assert typed.has_focus
        assert typed.value == ""  # a new try starts clean
        assert screen.session.attempt.states[screen.session.index].tries == 1


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_language_switch_keeps_focus_on_show_the_answer(build_app: Any, lang: str) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, "practice", "numeric")
        await pilot.press(*"150", "enter")
        await settle(pilot)
        await pilot.press("tab")
        show = screen.query_one("#continue", Button)
        assert show.has_focus
        await pilot.press("f2")
        await settle(pilot)
        assert show.has_focus, screen.focused
        assert_button_fits(show, SHOW_ANSWER[OTHER[lang]])
        await pilot.press("enter")
        await settle(pilot)
        assert screen.session.done(screen.session.index)
        assert "147" in text_of(app, "#feedback")


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_language_switch_in_the_answer_box_during_a_retry_keeps_focus_there(
    build_app: Any, lang: str
) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, "practice", "numeric")
        await pilot.press(*"150", "enter")
        await settle(pilot)
        await pilot.click("#typed")
        await settle(pilot)
        assert screen.query_one("#typed", Input).has_focus
        await pilot.press("f2")
        await settle(pilot)
        typed = screen.query_one("#typed", Input)
        assert typed.has_focus, screen.focused
        assert typed.value == "150"


async def test_language_switch_keeps_what_is_ticked_but_not_submitted(build_app: Any) -> None:
    app = build_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, "exam", "multiple")
        await pilot.press("1", "3")
        before = screen.query_one(MultiAnswer).pending()
        assert len(before) == 2
        await pilot.press("f2")
        await settle(pilot)
        widget = screen.query_one(MultiAnswer)
        assert widget.pending() == before
        assert widget.has_focus
        assert not screen.session.answered(screen.session.index)


# -- 2. F2 while a dialog is open -------------------------------------------------------


FINISH = {
    "id": "Kumpulkan ujian?\n7 dari 7 soal belum dijawab · 0 ditandai.",
    "en": "Submit the exam?\n7 of 7 unanswered · 0 flagged.",
}
FINISH_BUTTONS = {
    "id": ["Kembali ke soal", "Daftar", "Kumpulkan"],
    "en": ["Back to the questions", "List", "Submit"],
}
FINISH_KEYS = {"id": ["Kembali", "Daftar", "Kumpulkan"], "en": ["Back", "List", "Submit"]}
QUIZ_KEYS = {"id": "Selesai", "en": "Finish"}


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_language_switch_in_a_dialog_relabels_it_and_the_screen_beneath(
    build_app: Any, lang: str
) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        quiz = app.screen
        await pilot.press("ctrl+g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FinishDialog)
        assert str(dialog.query_one("#finish-question", Static).render()) == FINISH[lang]
        await pilot.press("f2")
        await settle(pilot)
        new = OTHER[lang]
        assert app.lang == new
        assert app.screen is dialog  # still open
        assert str(dialog.query_one("#finish-question", Static).render()) == FINISH[new]
        assert [str(b.label) for b in dialog.query(Button)] == FINISH_BUTTONS[new]
        assert [key.description for key in footer_keys(app)] == FINISH_KEYS[new]
        assert dialog.query_one("#back", Button).has_focus  # the default is to go back
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is quiz
        assert quiz.query_one("#typed", Input).has_focus  # back where it was
        bar = text_of(app, "#quiz-bar")
        assert ("Ujian" if new == "id" else "Exam") in bar
        assert QUIZ_KEYS[new] in [key.description for key in footer_keys(app)]


# -- 3. Submitting nothing ----------------------------------------------------------------


def test_empty_answer_rule(catalog: Any) -> None:
    questions = {q.type: q for q in catalog.quizzes["tour"].questions}
    assert empty_answer(questions["short_answer"], "  ") == "empty_answer"
    assert empty_answer(questions["numeric"], "") == "empty_answer"
    assert empty_answer(questions["short_answer"], "J&T") is None
    assert empty_answer(questions["multiple"], []) == "empty_multiple"
    assert empty_answer(questions["multiple"], [2]) is None
    assert empty_answer(questions["matching"], [None, None, None]) == "empty_matching"
    assert empty_answer(questions["matching"], [None, 1, None]) is None  # partly matched
    assert empty_answer(questions["ordering"], [2, 0, 1]) is None
    assert empty_answer(questions["single"], 0) is None
    assert empty_answer(questions["true_false"], False) is None


NOTHING_TICKED = {"id": "Belum ada yang ditandai", "en": "Nothing is ticked yet"}
NOTHING_MATCHED = {"id": "Belum ada yang dipasangkan", "en": "Nothing is matched yet"}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("mode", ["practice", "exam"])
async def test_nothing_ticked_is_refused_gently(build_app: Any, mode: str, lang: str) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, mode, "multiple")
        index = screen.session.index
        await pilot.press("enter")
        await settle(pilot)
        assert NOTHING_TICKED[lang] in text_of(app, "#message")
        assert not screen.session.answered(index)
        assert screen.session.attempt.states[index].tries == 0
        assert screen.session.index == index  # still on the question
        assert not screen.query_one("#feedback").display
        # The message follows a language switch.
        await pilot.press("f2")
        await settle(pilot)
        assert NOTHING_TICKED[OTHER[lang]] in text_of(app, "#message")
        if mode == "exam":
            await pilot.press("pagedown")  # skipping still works
            await settle(pilot)
            assert screen.session.index != index
            assert not screen.session.answered(index)
        else:
            await pilot.press("1")  # a tick: the message goes
            await settle(pilot)
            assert text_of(app, "#message") == ""
            await pilot.press("enter")  # a real answer is taken
            await settle(pilot)
            assert screen.session.answered(index)


@pytest.mark.parametrize("mode", ["practice", "exam"])
async def test_nothing_matched_is_refused_gently(build_app: Any, mode: str) -> None:
    app = build_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, mode, "matching")
        index = screen.session.index
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert NOTHING_MATCHED["en"] in text_of(app, "#message")
        assert not screen.session.answered(index)
        screen.query_one(MatchingAnswer).query_one("#rows", OptionList).highlighted = 0
        await pilot.press("1", "ctrl+s")  # one row matched: an answer, graded
        await settle(pilot)
        assert screen.session.answered(index)


# -- 4. The verdict of a right answer on a later try --------------------------------------


@pytest.mark.parametrize(
    ("lang", "verdict"),
    [
        ("id", "Benar pada percobaan berikutnya (nilai dikurangi: 67%)."),
        ("en", "Right on a later try (for reduced credit: 67%)."),
    ],
)
async def test_right_on_the_second_try_says_so(build_app: Any, lang: str, verdict: str) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_at(pilot, "practice", "numeric")
        await pilot.press(*"150", "enter")
        await settle(pilot)
        await pilot.press("enter", "ctrl+u", *"147", "enter")
        await settle(pilot)
        feedback = text_of(app, "#feedback")
        assert verdict in feedback
        assert "Sebagian" not in feedback and "Partly" not in feedback


# -- 5. Maximize --------------------------------------------------------------------------


async def test_maximize_is_not_offered_on_the_quiz_screen(build_app: Any) -> None:
    app = build_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, "practice", "numeric")
        focused = screen.focused
        assert focused is not None and focused.allow_maximize  # Textual would offer it
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Maximize" not in titles
        assert "Screenshot" in titles  # only Maximize is taken out here
        for kind in ("multiple", "ordering", "matching"):
            screen._go(next(s.position for s in screen.session.items if s.question.type == kind))
            await settle(pilot)
            actions = {a.binding.action for a in screen.active_bindings.values()}
            assert not any("maximize" in action for action in actions), actions
        assert screen.maximized is None


# -- 6. Ticks that read without colour -----------------------------------------------------


async def test_ticked_and_unticked_boxes_differ_without_colour(build_app: Any) -> None:
    app = build_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, "practice", "multiple")
        widget = screen.query_one(MultiAnswer)
        await pilot.press("2")
        lines = [widget.render_line(y).text for y in range(len(widget.values))]
        assert lines[0].startswith("▐ ▌ "), lines[0]
        assert lines[1].startswith("▐X▌ "), lines[1]
        assert all(line.startswith("▐ ▌ ") for n, line in enumerate(lines) if n != 1)


# -- 7. The footer's keys ------------------------------------------------------------------


KINDS = ["numeric", "single", "multiple", "true_false", "short_answer", "ordering", "matching"]
ALWAYS = {"leave", "help", "toggle_language", "command_palette"}


def assert_all_fit(app: QuizApp) -> None:
    for key in footer_keys(app):
        assert key.region.width > 0, key.description
        assert key.region.right <= app.size.width, key.description


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_practice_footer_shows_leave_and_palette_in_every_state(
    build_app: Any, lang: str
) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "practice")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for kind in KINDS:
            screen._go(next(s.position for s in screen.session.items if s.question.type == kind))
            await settle(pilot)
            actions = {key.action for key in footer_keys(app)}
            assert actions >= ALWAYS, (kind, actions)
            assert_all_fit(app)
        # Feedback with a retry (buttons focused), then after "Show the answer".
        screen._go(next(s.position for s in screen.session.items if s.question.type == "numeric"))
        await settle(pilot)
        await pilot.press(*"150", "enter")
        await settle(pilot)
        assert {key.action for key in footer_keys(app)} >= ALWAYS
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert screen.checked
        assert {key.action for key in footer_keys(app)} >= ALWAYS
        assert_all_fit(app)


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_exam_footer_shows_leave_and_palette_when_they_fit(build_app: Any, lang: str) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_at(pilot, "exam", "single")
        actions = {key.action for key in footer_keys(app)}
        assert {"leave", "help"} <= actions
        assert "command_palette" in actions or lang == "id"
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        for kind in KINDS:
            screen._go(next(s.position for s in screen.session.items if s.question.type == kind))
            await settle(pilot)
            assert {key.action for key in footer_keys(app)} >= ALWAYS, kind
            assert_all_fit(app)
