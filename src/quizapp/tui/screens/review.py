"""Review: the questions due again, spaced by the score store's scheduler."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from quizapp.model import localize
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.text import styled


class ReviewScreen(AppScreen):
    """The due questions, and a key to go through them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("enter,space", "start", "start_review"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="review-bar", classes="title-bar")
        with VerticalScroll(id="review-body"):
            yield Static(id="due-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#review-body").focus()

    def on_screen_resume(self) -> None:
        self.relabel()

    def _due(self) -> list[tuple[str, str]]:
        catalog = self.quiz_app.catalog
        if catalog is None:
            return []
        due = self.quiz_app.history.due(self.quiz_app.learner)
        return [(q, k) for q, k in due if q in catalog.quizzes]

    def relabel(self) -> None:
        app = self.quiz_app
        due = self._due()
        self.query_one("#review-bar", Static).update(
            styled("[b]$t[/b]", t=app.t("review_title", n=len(due)))
        )
        if not due:
            self.query_one("#due-list", Static).update(Content(app.t("nothing_due")))
        else:
            lines = []
            for n, (quiz_id, question_id) in enumerate(due, 1):
                quiz = app.catalog.quizzes[quiz_id]  # type: ignore[union-attr]
                question = quiz.question(question_id)
                prompt = localize(question.prompt, app.lang) if question else question_id
                lines.append(
                    styled(
                        "[b]$n.[/b] $prompt\n   [dim]$quiz[/dim]",
                        n=n,
                        prompt=prompt,
                        quiz=localize(quiz.quiz.title, app.lang),
                    )
                )
            self.query_one("#due-list", Static).update(Content("\n").join(lines))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return bool(self._due())
        return True

    def action_start(self) -> None:
        due = self._due()
        if due:
            self.quiz_app.start_review(due)
