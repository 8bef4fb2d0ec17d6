"""Quiz text that looks like markup is shown exactly as written and never crashes."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, OptionList, Static

from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.results import ResultsScreen


async def settle(pilot: Any) -> None:
    """Let thread workers (loading, database reads) finish and their messages land."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def option_texts(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def test_home_and_palette_show_hostile_title(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        texts = option_texts(app.screen.query_one("#quizzes", OptionList))
        assert any("[bold red]Markup[/] quiz [TODO]" in t for t in texts)
        app.screen.query_one("#quizzes", OptionList).highlighted = next(
            i for i, t in enumerate(texts) if "quiz [TODO]" in t
        )
        await settle(pilot)
        detail = shown(app, "#detail")
        assert "[bold red]Markup[/] quiz [TODO]" in detail
        assert "[/b] and links [link=x]here[/link]." in detail
        await pilot.press("ctrl+p")
        await pilot.press(*"markup")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)


async def test_every_hostile_question_renders_exactly(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_quiz("hostile", "practice")
        await settle(pilot)
        screen = app.screen
        seen: dict[str, str] = {}
        for _ in range(7):
            question = screen.session.current.question
            seen[question.id] = shown(app, "#prompt")
            assert shown(app, "#prompt") == question.prompt
            if question.type in ("single", "multiple"):
                texts = option_texts(screen.query_one("#answer-slot OptionList", OptionList))
                for choice in question.choices:
                    assert any(t.endswith(" " + choice.text) for t in texts), texts
                await pilot.press("1")
                if question.type == "multiple":
                    await pilot.press("enter")
            elif question.type == "true_false":
                await pilot.press("1")
            elif question.type == "short_answer":
                await pilot.press(*"[TODO]", "enter")
            elif question.type == "numeric":
                assert "[units]" in [str(label.render()) for label in screen.query(".unit")]
                await pilot.press("3", "enter")
            elif question.type == "ordering":
                texts = option_texts(screen.query_one("OrderingAnswer", OptionList))
                for item in question.items:
                    assert any(t.endswith("  " + item) for t in texts), texts
                await pilot.press("enter")
            elif question.type == "matching":
                rows = option_texts(screen.query_one("#rows", OptionList))
                assert any(r.startswith("[link=x]L2  →") for r in rows), rows
                legend = str(screen.query_one(".legend", Static).render())
                for right in ("[/R1]", "[bold red]R2", "[/]"):
                    assert right in legend
                await pilot.press("1", "1", "ctrl+s")
            await settle(pilot)
            if screen.retrying:
                screen.query_one("#continue", Button).press()  # show the answer
                await pilot.pause(0.3)  # a button ignores Enter while it shows its press
            feedback = shown(app, "#feedback")
            if question.id == "single":
                assert "Explained with [TODO] and [/b] and $var and [@click=app.quit]quit[/]." in (
                    feedback
                )
            if question.id == "short":
                assert "Correct!" in feedback
            if question.id == "truth":
                assert "[b]yes[/b] [/]" in feedback
            await pilot.press("enter")
            await settle(pilot)
        assert len(seen) == 7
        assert isinstance(app.screen, ResultsScreen)
        assert "Band [/b] feedback [TODO]" in shown(app, "#summary")
        answers = app.screen.answers_text()
        assert "Which is [TODO] in [b]bold[/b]?" in answers
        assert "[/R1]" in answers
        assert app.is_running
