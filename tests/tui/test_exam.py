"""Issue 19's exam and results: the navigator, the finish dialog, leaving a timed exam,
time running low and out, drafts, the answer marker, hints, and results that teach."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Button, Input, OptionList, Static

from quizapp.tui.app import QuizApp
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.lesson import LessonScreen
from quizapp.tui.screens.quiz import Confirm, FinishDialog, QuizScreen
from quizapp.tui.screens.results import QuestionRow, ResultsScreen
from quizapp.tui.widgets.navigator import Navigator, QuestionGrid, cell_text

NOW = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
DATA_TOUR = Path(__file__).parent.parent / "data" / "tui" / "tour.toml"


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(app: QuizApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def start(pilot: Any, quiz: str = "tour", mode: str = "exam") -> QuizScreen:
    await settle(pilot)
    pilot.app.start_quiz(quiz, mode)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    return screen


async def go_to(pilot: Any, screen: QuizScreen, kind: str) -> Any:
    index = next(s.position for s in screen.session.items if s.question.type == kind)
    screen._go(index)
    await settle(pilot)
    return screen.session.items[index]


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


# -- the number box gives nothing away --------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_number_box_examples_are_not_the_answer(build_app: Any, lang: str) -> None:
    app = build_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, mode="practice")
        await go_to(pilot, screen, "numeric")
        hint = str(screen.query_one("TextAnswer .hint", Static).render())
        assert "147" not in hint  # the tour's answer (the old hint's first example)
        assert ("14,7" if lang == "id" else "14.7") not in hint  # a tour matching fact
        for example in app.number_examples(lang):
            assert example in hint


# -- the navigator -----------------------------------------------------------------------


async def test_navigator_shows_each_state_and_enter_jumps(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+t")  # flag 1
        await pilot.press(*"147", "enter")  # answer 1: moves to 2
        await settle(pilot)
        assert screen.session.index == 1
        await pilot.press("ctrl+l")
        await settle(pilot)
        grid = screen.query_one(QuestionGrid)
        assert screen.query_one("#navigator").display
        rendered = str(grid.render())
        assert cell_text(1, grid.cells[0]) == "  1●⚑"  # answered and flagged
        assert cell_text(2, grid.cells[1]) == "▸ 2○ "  # this one, not answered
        assert "  1●⚑" in rendered and "▸ 2○ " in rendered and "  7○ " in rendered
        await pilot.press("3")  # a number key does not answer the question beneath
        await settle(pilot)
        assert not screen.session.answered(1) and screen.query_one("#navigator").display
        await pilot.press("right", "right", "right", "enter")  # to question 5
        await settle(pilot)
        assert screen.session.index == 4
        assert not screen.query_one("#navigator").display
        # F2 while it is open: it speaks the other language at once.
        await pilot.press("ctrl+l", "f2")
        await settle(pilot)
        assert "Daftar soal" in text_of(app, "#nav-title")
        await pilot.press("f2", "escape")
        await settle(pilot)
        # Esc closes it without moving; the exam is still on screen.
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("left", "escape")
        await settle(pilot)
        assert screen.session.index == 4 and app.screen is screen


async def test_closing_the_navigator_gives_the_answer_box_its_focus_back(
    build_app: Any,
) -> None:
    """Found in tmux: after Ctrl+L then Esc, typed digits went nowhere (the hidden answer
    box had lost the focus). Esc, and a jump to the same question, keep typing working."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        box = screen.query_one("#answer-slot Input", Input)
        assert app.focused is box
        await pilot.press("1")
        for keys in (("ctrl+l", "escape"), ("ctrl+l", "enter")):
            await pilot.press(*keys)
            await settle(pilot)
            assert not screen.query_one("#navigator").display
            await pilot.press("4")
            await settle(pilot)
        box = screen.query_one("#answer-slot Input", Input)
        assert box.value == "144" and app.focused is box


async def test_letters_typed_in_the_navigator_do_not_reach_the_answer_box(
    build_app: Any,
) -> None:
    """The answer box is hidden under the navigator: what is typed there goes nowhere,
    and the box has its focus and its text as they were once the navigator closes."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("1")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.focused, Navigator)
        await pilot.press(*"x9 ", "backspace")
        await settle(pilot)
        assert screen.query_one("#navigator").display
        await pilot.press("escape")
        await settle(pilot)
        box = screen.query_one("#answer-slot Input", Input)
        assert box.value == "1" and app.focused is box


async def test_the_footer_keeps_its_keys_while_the_navigator_is_open(build_app: Any) -> None:
    """Opening and closing the navigator moves the focus (to it and back), which
    used to rebuild the footer each time; its keys stay the same widgets, and a shown
    Enter says what it does in the grid."""
    from textual.widgets._footer import FooterKey

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await go_to(pilot, screen, "multiple")  # its Enter ("Submit") is in the footer
        keys = list(screen.query(FooterKey))
        labels = [k.description for k in keys]
        assert "Submit" in labels
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.focused, Navigator)
        assert list(screen.query(FooterKey)) == keys
        assert [k.description for k in keys] == [
            "Select" if label == "Submit" else label for label in labels
        ]
        await pilot.press("escape")
        await settle(pilot)
        assert list(screen.query(FooterKey)) == keys
        assert [k.description for k in keys] == labels


def _rules(widget: Any) -> list[dict[str, object]]:
    """The CSS rules in force on a widget and all it holds, as last applied."""
    return [dict(node._css_styles.get_rules()) for node in widget.walk_children(with_self=True)]


@pytest.mark.parametrize("kind", ["single", "multiple", "numeric", "ordering", "matching"])
async def test_opening_the_navigator_restyles_nothing(build_app: Any, kind: str) -> None:
    """The focus goes to the navigator and back, and neither it nor the hidden answer is
    restyled (Textual restyles a widget and all it holds on each focus change: most of
    the time the navigator took to open). Both look as a restyle would make them."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await go_to(pilot, screen, kind)
        answer = app.focused
        assert answer is not None
        # Once first: a typed answer's box marks itself valid on its first blur.
        await pilot.press("ctrl+l", "escape")
        await settle(pilot)
        restyled: list[Any] = []
        update_styles = app.update_styles

        def counted(node: Any, animate: bool = True) -> None:
            restyled.append(node)
            update_styles(node, animate)

        app.update_styles = counted  # type: ignore[method-assign]  # counts, then restyles
        await pilot.press("ctrl+l")
        await settle(pilot)
        navigator = screen.query_one(Navigator)
        assert app.focused is navigator
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is answer
        assert restyled == []
        # As a restyle would make them: the navigator (no rule styles it by the focus),
        # and the answer, focused as it was.
        for widget in (answer, navigator):
            before = _rules(widget)
            update_styles(widget)
            assert _rules(widget) == before
        await pilot.press("ctrl+l")
        await settle(pilot)
        before = _rules(navigator)
        update_styles(navigator)
        assert _rules(navigator) == before


async def test_navigator_opens_from_the_finish_dialog(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, FinishDialog)
        await pilot.press("l")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#navigator").display
        await pilot.press("end", "enter")
        await settle(pilot)
        assert screen.session.index == 6


# -- the finish dialog -----------------------------------------------------------------


async def test_the_bar_counts_the_last_answer_under_the_finish_dialog(build_app: Any) -> None:
    """The last answer opens the finish dialog ("All 7 answered"): the bar behind it
    says 7 answered too, not the 6 it said before that answer."""
    from quizapp.engine.scoring import right_answer

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        numeric = await go_to(pilot, screen, "numeric")
        for item in screen.session.items:
            if item.position != numeric.position:
                screen.session.attempt.answer(item.position, right_answer(item.question))
        await pilot.press(*"147", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FinishDialog)
        assert "7 answered" in str(screen.query_one("#quiz-bar", Static).render())


async def test_finish_dialog_counts_and_defaults_to_going_back(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+t", "pagedown", "ctrl+t")  # flag 1 and 2
        await pilot.press("ctrl+g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FinishDialog)
        text = str(dialog.query_one("#finish-question", Static).render())
        assert "7 of 7 unanswered · 2 flagged." in text
        assert dialog.query_one("#back", Button).has_focus
        buttons = list(dialog.query(Button))
        assert len(buttons) == 3 and all(b.region.width > 0 for b in buttons)  # all shown
        await pilot.press("enter")  # the default: back to the questions
        await settle(pilot)
        assert app.screen is screen and not screen.session.attempt.finished


# -- the answer given, unmistakable --------------------------------------------------------


async def test_going_back_marks_the_chosen_choice(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        slot = await go_to(pilot, screen, "single")
        choices = screen.query_one("ChoiceAnswer", OptionList)
        before = [str(choices.get_option_at_index(i).prompt) for i in range(4)]
        assert all("●" not in line and "○" in line for line in before)  # looks unanswered
        await pilot.press("3")  # answers and moves on
        await settle(pilot)
        screen._go(slot.position)
        await settle(pilot)
        choices = screen.query_one("ChoiceAnswer", OptionList)
        after = [str(choices.get_option_at_index(i).prompt) for i in range(4)]
        assert [("●" in line) for line in after] == [False, False, True, False]
        assert choices.highlighted == 2


# -- leaving a timed exam ----------------------------------------------------------------


async def test_leaving_a_timed_exam_asks_and_says_the_clock_runs(build_app: Any) -> None:
    clock = Clock()
    app = build_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "timed")
        await pilot.press("escape")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, Confirm)
        question = str(dialog.query_one("#confirm-question", Static).render())
        assert "clock keeps running (2:00 left)" in question
        # The time left counts down while the dialog waits for an answer.
        clock.now += timedelta(seconds=5)
        await pilot.pause(1.2)
        question = str(dialog.query_one("#confirm-question", Static).render())
        assert "clock keeps running (1:55 left)" in question
        # The dialog counts down at the exam clock's own tick: the two never disagree.
        bar = screen.query_one("#quiz-bar", Static)
        clock.now += timedelta(seconds=1)
        for _ in range(40):
            if "1:54 left" in str(bar.render()):
                break
            await pilot.pause(0.05)
        assert "1:54 left" in str(bar.render())
        question = str(dialog.query_one("#confirm-question", Static).render())
        assert "clock keeps running (1:54 left)" in question
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("ctrl+q")  # quitting asks too
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and app.is_running
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_an_untimed_exam_leaves_at_once(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_home_shows_the_time_left_and_a_timeout_while_away(build_app: Any) -> None:
    clock = Clock()
    app = build_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "timed")
        await pilot.press("1")  # question 1 answered (right)
        await settle(pilot)
        await pilot.press("escape", "y")
        await settle(pilot)
        clock.now += timedelta(seconds=30)
        app.screen.load_stats()
        await settle(pilot)
        banner = text_of(app, "#resume-banner")
        assert "A timed exam (1 / 2), 1:30 left; the clock is running." in banner
        # The quiz's own detail says the same, not "not taken yet", and counts down.
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.query_one("#quizzes", OptionList).highlighted = home._ids.index("timed")
        await settle(pilot)
        detail = text_of(app, "#detail")
        assert "1 of 2 answered, not finished · 1:30 left" in detail
        assert "not taken yet" not in detail
        clock.now += timedelta(seconds=5)
        await pilot.pause(1.2)
        assert "1:25 left" in text_of(app, "#detail")
        clock.now += timedelta(minutes=5)  # away too long
        app.screen.load_stats()
        await settle(pilot)
        banner = text_of(app, "#resume-banner")
        assert "time ran out while you were away" in banner
        await pilot.press("r")
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)  # never the questions at 0:00
        assert results.session.result is not None
        assert results.session.result.reason == "time_up"
        assert "Score 1 / 2 (50%)" in text_of(app, "#summary")


async def test_an_attempt_out_of_time_opens_as_results(build_app: Any) -> None:
    clock = Clock()
    app = build_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "timed")
        attempt = screen.session.attempt
        await pilot.press("escape", "y")
        await settle(pilot)
        clock.now += timedelta(minutes=3)
        app.open_session(attempt)  # as a resume from a stale list would
        await settle(pilot)
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)


# -- time running low, and out -----------------------------------------------------------


async def test_low_time_colours_the_clock_and_warns_once(build_app: Any) -> None:
    clock = Clock()
    app = build_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, "timed")
        bar = screen.query_one("#quiz-bar", Static)

        def clock_style() -> str:
            content = bar.render()
            spans = [s for s in content.spans if "left" in content.plain[s.start : s.end]]
            return str(spans[0].style) if spans else ""

        assert clock_style() == ""
        clock.now += timedelta(seconds=65)  # 55 s left: the last minute
        await pilot.pause(1.2)
        assert "$error" in clock_style()
        clock.now += timedelta(seconds=5)
        await pilot.pause(1.2)
        notes = [n.message for n in app._notifications]
        assert notes.count("One minute left.") == 1


async def test_time_up_keeps_the_typed_answer_and_says_so_once(build_app: Any) -> None:
    clock = Clock()
    app = build_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        # The tour has no limit: give this attempt one, as a timed quiz would.
        screen.session.attempt.started_record.__dict__["time_limit_seconds"] = 120
        screen.set_interval(1, screen._tick)
        await go_to(pilot, screen, "numeric")
        await pilot.press(*"147")  # typed, not given
        await pilot.press("ctrl+g")  # the finish dialog is open when time runs out
        await settle(pilot)
        clock.now += timedelta(minutes=3)
        await pilot.pause(1.3)
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        result = app.screen.session.result
        numeric = next(q for q in result.questions if q.question_type == "numeric")
        assert numeric.response == "147" and numeric.status == "correct"
        notes = [n.message for n in app._notifications]
        assert notes.count("Time is up: the quiz was submitted.") == 1


async def test_keys_that_arrive_together_apply_in_order(build_app: Any) -> None:
    """A burst (a paste without bracketed paste, tmux, a busy served class): the box's
    bound keys (ctrl+u, arrows, Enter) apply where they were typed, not after the
    characters that followed them (textual#6605)."""
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        slot = await go_to(pilot, screen, "numeric")
        await pilot.press(*"abc")
        burst = [("ctrl+u", None), ("1", "1"), ("7", "7"), ("left", None), ("4", "4")]
        for key, character in [*burst, ("enter", "\r"), ("9", "9")]:
            app.post_message(events.Key(key, character))  # no wait between keys
        await settle(pilot)
        given = screen.session.attempt.states[slot.position].response
        assert given == "147"  # ctrl+u cleared "abc" before 17 came; 9 came after Enter


# -- drafts --------------------------------------------------------------------------------


async def test_typed_answer_survives_moving_on_and_esc(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await go_to(pilot, screen, "numeric")
        await pilot.press(*"15")
        await pilot.press("pagedown", "pageup")
        await settle(pilot)
        assert screen.query_one("#typed", Input).value == "15"
        assert "Not given yet" in text_of(app, "#message")
        assert not screen.session.answered(screen.session.index)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, QuizScreen)
        await go_to(pilot, again, "numeric")
        assert again.query_one("#typed", Input).value == "15"


async def test_draft_survives_quitting_with_the_store(build_app: Any) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await go_to(pilot, screen, "short_answer")
        await pilot.press(*"J&T")
        await pilot.pause(0.7)  # a pause in typing: the draft is written
    # The app stops (as after a crash): the draft is in the store.
    again = build_app(store=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, QuizScreen)
        await go_to(pilot, screen, "short_answer")
        assert screen.query_one("#typed", Input).value == "J&T"


# -- hints -------------------------------------------------------------------------------


async def test_hint_in_practice_on_f3_not_in_an_exam(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, mode="practice")
        await go_to(pilot, screen, "single")
        hint = screen.query_one("#hint-text", Static)
        assert not hint.display
        await pilot.press("f3")
        await settle(pilot)
        assert hint.display
        assert str(hint.render()) == "Hint: The city is known for its West Lake."
        await pilot.press("escape")
        await settle(pilot)
        exam = await start(pilot)
        await go_to(pilot, exam, "single")
        await pilot.press("f3")
        await settle(pilot)
        assert not exam.query_one("#hint-text", Static).display


# -- results that teach ----------------------------------------------------------------------


async def finish_exam(pilot: Any, screen: QuizScreen, answers: dict[str, str]) -> ResultsScreen:
    for kind, typed in answers.items():
        await go_to(pilot, screen, kind)
        await pilot.press(*typed, "enter")
        await settle(pilot)
    await pilot.press("ctrl+g", "y")
    await settle(pilot)
    results = pilot.app.screen
    assert isinstance(results, ResultsScreen)
    return results


async def test_results_teach_not_right_first(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        results = await finish_exam(
            pilot, screen, {"short_answer": "J&T Expres", "numeric": "0,147 ribu"}
        )
        rows = list(results.query(QuestionRow))
        statuses = [results.session.result.questions[r.position].status for r in rows]
        assert statuses[-2:] == ["correct", "correct"]  # the right ones last
        assert "correct" not in statuses[:-2]
        text = results.answers_text()
        assert "Your answer: J&T Expres — accepted, spelled: J&T Express" in text
        assert "Your answer: 0,147 ribu people (read as 147)" in text or (
            "Your answer: 0,147 ribu (read as 147)" in text
        )
        assert "Why: The training was held at Xixi Park" in text
        assert "Taught in:" in text
        # f: only those not right.
        await pilot.press("f")
        await settle(pilot)
        assert len(results._rows()) == 5
        assert "J&T Expres" not in results.answers_text()


async def test_results_open_the_lesson_at_the_key_point(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        results = await finish_exam(pilot, screen, {})
        assert results._rows()[0].has_focus
        # Down to the matching question: its key point is far into the lesson.
        rows = results._rows()
        at = next(
            i
            for i, r in enumerate(rows)
            if results.session.items[r.position].question.source.endswith("#whos-who")
        )
        for _ in range(at):
            await pilot.press("down")
        await settle(pilot)  # focus moves in a callback: let it land under load too
        assert rows[at].has_focus
        await pilot.press("l")
        await settle(pilot)
        lesson = app.screen
        assert isinstance(lesson, LessonScreen)
        assert lesson.point == "whos-who"
        scroll = lesson.query_one("#lesson-scroll")
        for _ in range(40):  # the lesson is laid out, then scrolled (slower under load)
            if scroll.scroll_y > 0:
                break
            await pilot.pause(0.1)
        assert scroll.scroll_y > 0  # at its key point


async def test_results_use_the_decimal_comma_and_a_points_column(build_app: Any) -> None:
    app = build_app("id")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        item = await go_to(pilot, screen, "ordering")  # shown out of order: part credit
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        row = next(r for r in results.query(QuestionRow) if r.position == item.position)
        points = str(row.query_one(".points", Static).render())
        assert "," in points and "." not in points, points  # 0,5 / 1, not 0.5
        # Every row's text starts in the same column, however long its points.
        lefts = {r.query_one(".body", Static).region.x for r in results._rows()}
        assert len(lefts) == 1


# -- quizapp take QUIZ, without --plain ------------------------------------------------------


async def test_the_app_opens_on_the_quiz_it_was_started_with(build_app: Any) -> None:
    app = build_app(start=("tour", "exam"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert screen.session.quiz.id == "tour" and screen.exam
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # home is beneath, as usual


def test_take_without_plain_opens_the_app(monkeypatch: Any, tmp_path: Any) -> None:
    import quizapp.tui.run
    from quizapp.cli import main

    seen: dict[str, Any] = {}

    def run_app(**options: Any) -> int:
        seen.update(options)
        return 0

    monkeypatch.setattr(quizapp.tui.run, "run_app", run_app)
    quiz = tmp_path / "tour.toml"
    quiz.write_text((DATA_TOUR).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["take", str(quiz), "--mode", "exam", "--seed", "3"]) == 0
    assert seen["start"] == ("tour", "exam")
    assert seen["seed"] == 3
    assert "tour" in seen["catalog"].quizzes


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_results_footer_fits_80_columns_with_export(build_app: Any, lang: str) -> None:
    from textual.widgets._footer import FooterKey

    from quizapp.tui.widgets.footer import KeysFooter

    app = build_app(lang, store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await finish_exam(pilot, screen, {"numeric": "147"})
        keys = list(app.screen.query_one(KeysFooter).query(FooterKey))
        assert "export" in {k.action for k in keys}
        assert all(k.region.width > 0 and k.region.right <= 80 for k in keys), [
            (k.description, k.region) for k in keys
        ]
