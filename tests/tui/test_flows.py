"""Pilot tests of every flow: first run, practice, exam, review, resume, language switch."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.widgets import Input, OptionList, Static
from textual.widgets._markdown import MarkdownBlock

from quizapp.tui.app import QuizApp
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.results import ResultsScreen


async def settle(pilot: Any) -> None:
    """Let thread workers (loading, database reads) finish and their messages land."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(app: QuizApp, selector: str) -> str:
    """The plain text a Static shows."""
    return str(app.screen.query_one(selector, Static).render())


# Right answers for the tour quiz, as keys pressed; choices are found by their text
# since the seed shuffles them.
async def answer_right(pilot: Any, app: QuizApp) -> None:
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    item = screen.session.current
    question = item.question
    kind = question.type
    if kind == "single":
        right = next(i for i, c in enumerate(question.choices) if c.correct)
        await pilot.press(str(item.order.index(right) + 1))
    elif kind == "multiple":
        for i, choice in enumerate(question.choices):
            if choice.correct:
                await pilot.press(str(item.order.index(i) + 1))
        await pilot.press("enter")
    elif kind == "true_false":
        await pilot.press("1" if question.answer else "2")
    elif kind == "short_answer":
        await pilot.press(*question.answers[0].text, "enter")
    elif kind == "numeric":
        await pilot.press(*str(question.accepted()[0].value).removesuffix(".0"), "enter")
    elif kind == "ordering":
        # Sort by moving items up: a bubble sort from the keyboard.
        widget = screen.query_one("OrderingAnswer")
        for _ in range(len(widget.order)):
            for pos in range(len(widget.order) - 1):
                if widget.order[pos] > widget.order[pos + 1]:
                    widget.highlighted = pos + 1
                    await pilot.press("shift+up")
        await pilot.press("enter")
    elif kind == "matching":
        widget = screen.query_one("MatchingAnswer")
        for left in range(len(question.pairs)):
            widget.query_one("#rows", OptionList).highlighted = left
            await pilot.press(str(widget.order.index(left) + 1))
        await pilot.press("ctrl+s")
    await settle(pilot)


async def test_first_run_asks_name_and_language(build_app: Any, tmp_path: Path) -> None:
    app = build_app(learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#name", Input).has_focus
        await pilot.press("enter")  # no name yet: said so, and the name box keeps the focus
        assert "name" in text_of(app, "#error").lower() or "nama" in text_of(app, "#error")
        assert app.screen.query_one("#name", Input).has_focus
        await pilot.press("space", "space", "enter")  # only spaces: the same
        assert app.screen.query_one("#name", Input).has_focus
        await pilot.press("backspace", "backspace", *"Sam", "enter", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.lang == "en"
        assert text_of(app, "#home-title") == "Hello, Sam"
    # The language is kept with the learner in the score store (the history here); the
    # settings file only remembers what the next first frame speaks.
    assert app.history.language("sam") == "en"
    saved = json.loads((tmp_path / "data" / "settings.json").read_text())
    assert saved["learner"] == "Sam" and saved["lang"] == "en"
    assert "learners" not in saved


async def test_later_runs_go_straight_home(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("#quizzes", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("A quick tour" in p and "7 questions" in p for p in prompts)


async def test_practice_end_to_end_all_right(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz("tour", "practice")
        await settle(pilot)
        for n in range(7):
            assert f"{n + 1} / 7" in text_of(app, "#quiz-bar")
            await answer_right(pilot, app)
            assert "Correct!" in text_of(app, "#feedback"), app.screen.session.current.key
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        summary = text_of(app, "#summary")
        assert "Score 7 / 7 (100%)" in summary
        assert "PASSED" in summary
        assert "Very well done!" in summary
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "best 100%" in text_of(app, "#detail")


async def test_practice_wrong_answer_retry_then_answer_and_key_point(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz("tour", "practice")
        await settle(pilot)
        screen = app.screen
        assert screen.session.current.question.id == "delegates"
        await pilot.press(*"abc", "enter")
        assert "is not a number" in text_of(app, "#message")
        assert not screen.session.answered(0)
        await pilot.press("backspace")
        await settle(pilot)
        # Being edited, the answer is no longer the one refused: nor is the message.
        assert text_of(app, "#message") == ""
        await pilot.press("enter")  # "ab", refused in turn
        assert "is not a number" in text_of(app, "#message")
        await pilot.press("ctrl+u", *"150", "enter")
        await settle(pilot)
        feedback = text_of(app, "#feedback")
        assert "Not quite." in feedback
        # Exactly what is left: the next try's number and the most it can earn.
        assert "Try 2 of 3: at most 67%" in feedback
        assert "147" not in feedback  # the answer stays hidden while a try is left
        await pilot.press("enter")  # "Try again" has the focus
        await settle(pilot)
        typed = screen.query_one("#typed", Input)
        assert typed.has_focus
        assert typed.value == ""  # the wrong answer is cleared for the new try
        await pilot.press(*"147", "enter")
        await settle(pilot)
        feedback = text_of(app, "#feedback")
        # Right on the second try: said as the results say it, with the reduced credit.
        assert "Right on a later try (for reduced credit: 67%)." in feedback
        assert "Partly correct" not in feedback
        assert "Taught in: Who was trained" in feedback


async def test_practice_show_answer_gives_up_the_try(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz("tour", "practice")
        await settle(pilot)
        await pilot.press(*"150", "enter")
        await settle(pilot)
        await pilot.click("#continue")
        await pilot.pause(0.3)
        feedback = text_of(app, "#feedback")
        assert "The right answer: 147 people" in feedback
        assert "147 delegates" in feedback
        assert app.screen.session.done(0)


async def test_exam_skip_flag_change_and_finish(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz("tour", "exam")
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+t")  # flag the first
        assert "flagged" in text_of(app, "#quiz-bar")
        await pilot.press("pagedown")  # skip it
        assert "2 / 7" in text_of(app, "#quiz-bar")
        await answer_right(pilot, app)  # answering moves on, no feedback
        assert "3 / 7" in text_of(app, "#quiz-bar")
        assert not screen.query_one("#feedback").display
        await pilot.press("pageup")
        assert "2 / 7" in text_of(app, "#quiz-bar")
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        summary = text_of(app, "#summary")
        assert "Score 1 / 7 (14%)" in summary
        assert "NOT PASSED" in summary
        answers = app.screen.answers_text()
        assert "(not answered)" in answers
        assert "The right answer: 147 people" in answers
        # Retry the wrong ones: a practice attempt on the six missed questions.
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert "1 / 6" in text_of(app, "#quiz-bar")


async def test_leave_and_resume(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await answer_right(pilot, app)
        await answer_right(pilot, app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "2 / 7" in text_of(app, "#resume-banner")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert "3 / 7" in text_of(app, "#quiz-bar")
        assert app.screen.session.answered_count() == 2


async def test_review_goes_through_missed_questions(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await answer_right(pilot, app)
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "6 due for review" in text_of(app, "#home-title")
        await pilot.press("v")
        await settle(pilot)
        assert "Review: 6 questions" in text_of(app, "#review-bar")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.mode == "review"
        for _ in range(6):
            await answer_right(pilot, app)
            assert "Correct!" in text_of(app, "#feedback")
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert "Score 6 / 6 (100%)" in text_of(app, "#summary")


async def test_language_switch_everywhere(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        assert app.lang == "id"
        assert text_of(app, "#home-title") == "Halo, Ana"
        assert "Tur singkat" in text_of(app, "#detail")
        app.start_quiz("tour", "practice")
        await settle(pilot)
        assert "jumlah delegasi" in text_of(app, "#prompt")
        assert "Latihan" in text_of(app, "#quiz-bar")
        await pilot.press("f2")
        assert "How many" in text_of(app, "#prompt")
        assert "Practice" in text_of(app, "#quiz-bar")


async def test_palette_starts_an_exam(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"quiz tour exam")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.mode == "exam"
        assert app.screen.session.quiz.id == "tour"


async def test_lesson_shows_key_points_and_starts_quiz(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        shown = [str(block._content) for block in app.screen.query(MarkdownBlock)]
        assert "Learning e-commerce from Alibaba (2019)" in shown
        assert "Who was trained" in shown
        assert any("147 delegates" in text for text in shown)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)


async def test_hostile_lesson_shows_text_as_written(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_lesson("hostile-module")
        await settle(pilot)
        shown = [str(block._content) for block in app.screen.query(MarkdownBlock)]
        assert "Markup [TODO] module [/b]" in shown
        assert "First [/b] point [TODO]" in shown
        assert any("[TODO] and [@click=app.quit]quit[/]." in text for text in shown)
        assert "Markup [TODO] module [/b]" in text_of(app, "#lesson-bar")


async def test_progress_after_attempts(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):
            app.start_quiz("tour", "exam")
            await settle(pilot)
            await answer_right(pilot, app)
            await pilot.press("ctrl+g", "y")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        mastery = text_of(app, "#mastery")
        assert "training" in mastery and "figures" in mastery
        assert "6 due for review" in text_of(app, "#due")
        assert "Which logistics company" in text_of(app, "#weakest")


async def test_progress_chart_has_a_series_per_quiz_with_a_legend(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for quiz, keys in (("tour", ["1", "4", "7", "enter"]), ("timed", ["1"])):
            app.start_quiz(quiz, "exam")
            await settle(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            await pilot.press("ctrl+g", "y")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        figures = app.screen.data.figures
        assert [p.quiz_id for p in figures.timeline] == ["tour", "timed"]
        legend = text_of(app, "#chart-legend")
        # One legend line per quiz, each with its pass mark and its latest score (the
        # chart's coarse rows can draw a score just under the pass mark on its line);
        # the markers; reviews.
        tour, timed = (f"{p.percent:.0f}%" for p in figures.timeline)
        assert f"━━ A quick tour: the Hangzhou training (pass 60% · last {tour})" in legend
        assert f"━━ A timed exam (pass 50% · last {timed})" in legend
        await pilot.press("f2")  # the titles come worded in the figures: read again
        await settle(pilot)
        legend = text_of(app, "#chart-legend")
        assert f"━━ Tur singkat: pelatihan di Hangzhou (lulus 60% · terakhir {tour})" in legend
        await pilot.press("f2")
        await settle(pilot)
        legend = text_of(app, "#chart-legend")
        assert "● exam (graded)" in legend and "○ practice (not graded)" in legend
        assert "Review sessions are not counted here" in legend
        chart = app.screen.query_one("#chart")
        plotted = "\n".join(
            "".join(s.text for s in chart.render_line(y)) for y in range(chart.size.height)
        )
        # A % axis with both pass marks (one row apart: one label) and 0 and 100.
        assert "50%/60%" in plotted and "100%" in plotted and " 0%" in plotted
        assert "5 Jan" in plotted  # dates along the bottom


async def test_timed_exam_shows_time_left_and_submits_when_it_runs_out(build_app: Any) -> None:
    from datetime import timedelta

    now = [datetime(2026, 1, 5, 9, 30, tzinfo=UTC)]
    app = build_app(clock=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz("timed", "exam")
        await settle(pilot)
        assert "2:00 left" in text_of(app, "#quiz-bar")
        await pilot.press("1")  # true: right
        await settle(pilot)
        now[0] += timedelta(seconds=75)
        await pilot.pause(1.2)  # the screen ticks every second
        assert "0:45 left" in text_of(app, "#quiz-bar")
        now[0] += timedelta(seconds=60)
        for _ in range(100):  # the next tick (every second) submits; a loaded machine lags
            await pilot.pause(0.1)
            if isinstance(app.screen, ResultsScreen) and app.screen.is_mounted:
                break
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        summary = text_of(app, "#summary")
        assert "Score 1 / 2 (50%)" in summary
        assert "Time is up" in summary


async def test_switch_learner_and_palette_language(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("tab", *"Budi", "enter", "enter")  # English, as highlighted
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.learner == "Budi"
        assert text_of(app, "#home-title") == "Hello, Budi"
        await pilot.press("ctrl+p")
        await pilot.press(*"bahasa indonesia")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.lang == "id"
        assert text_of(app, "#home-title") == "Halo, Budi"
        await settle(pilot)
        assert app.history.learners() == {"Ana": "en", "Budi": "id"}


async def test_ordering_keys_read_move_and_matching_numbers_advance(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        for _ in range(5):
            await pilot.press("pagedown")
        await settle(pilot)
        ordering = app.screen.query_one("OrderingAnswer")
        labels = {k: b.binding.description for k, b in app.screen.active_bindings.items()}
        # The reorder keys say what they do; only PgDn (unanswered) is "Skip". Both
        # directions are one footer key, "⇧↑↓ Move", so an exam's keys fit 80 columns.
        assert labels["shift+down"] == labels["shift+up"] == "Move"
        assert app.screen.active_bindings["shift+up"].binding.show
        assert not app.screen.active_bindings["shift+down"].binding.show
        assert labels["pagedown"] == "Skip"
        before = list(ordering.order)
        await pilot.press("shift+down")
        assert ordering.order == [before[1], before[0], *before[2:]]
        assert app.screen.session.index == 5  # moved an item, not to the next question
        await pilot.press("pagedown")
        await settle(pilot)
        matching = app.screen.query_one("MatchingAnswer")
        rows = matching.query_one("#rows", OptionList)
        assert rows.highlighted == 0
        # A number sets the chosen row's match and moves to the next row.
        await pilot.press("2")
        assert matching.chosen[0] == matching.order[1]
        assert rows.highlighted == 1
        await pilot.press("1")
        assert matching.chosen[1] == matching.order[0]
        assert rows.highlighted == min(2, len(matching.lefts) - 1)
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "then the next row is chosen" in shown


async def test_home_says_loading_until_the_catalog_arrives(
    build_app: Any, catalog: Any, content: Any, monkeypatch: Any
) -> None:
    import threading

    release = threading.Event()

    def slow_loader(self: QuizApp) -> tuple[Any, Any]:
        assert release.wait(10)
        return catalog, content

    monkeypatch.setattr(QuizApp, "_default_loader", slow_loader)
    app = build_app(catalog=None)
    async with app.run_test() as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert text_of(app, "#home-loading") == "Loading…"
        assert not home.query("#quizzes")
        assert home.selected_quiz is None
        await pilot.press("p")  # nothing to start yet: no error, no screen
        assert app.screen is home
        await pilot.press("f2")
        assert text_of(app, "#home-loading") == "Memuat…"
        release.set()
        await settle(pilot)
        assert not home.query("#home-loading")
        quizzes = home.query_one("#quizzes", OptionList)
        assert quizzes.has_focus
        assert home.selected_quiz == "tour"
        assert "Tur singkat" in text_of(app, "#detail")


async def test_home_never_times_out_the_exam_open_over_it(build_app: Any) -> None:
    # Home reloads its figures (a worker) while an exam is open over it; an exam found
    # overdue there is the exam screen's to submit and show, not home's (it once was
    # submitted behind the exam screen's back, which then never showed its results).
    from datetime import timedelta

    now = [datetime(2026, 1, 5, 9, 30, tzinfo=UTC)]
    app = build_app(clock=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_quiz("timed", "exam")
        await settle(pilot)
        home = app.screen_stack[-2]
        assert isinstance(home, HomeScreen) and isinstance(app.screen, QuizScreen)
        now[0] += timedelta(minutes=5)
        home.load_stats()
        await app.workers.wait_for_complete()
        for _ in range(100):
            await pilot.pause(0.1)
            if isinstance(app.screen, ResultsScreen):
                break
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert "Time is up" in text_of(app, "#summary")
