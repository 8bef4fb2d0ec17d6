"""Review: the questions due again, spaced by the score store's scheduler."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quizapp.model import localize
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.footer import KeysFooter
from quizapp.tui.widgets.text import styled


class DueLoaded(Message):
    """The due questions, read in a worker."""

    def __init__(self, due: list[tuple[str, str]], next_review: Any = None) -> None:
        super().__init__()
        self.due = due
        self.next_review = next_review
        """With nothing due: (how many, when) of the next review, if any is scheduled."""


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
        yield KeysFooter()

    def on_mount(self) -> None:
        self.due: list[tuple[str, str]] | None = None
        self.relabel()
        self.query_one("#review-body").focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def catalog_ready(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="review")
    def load(self) -> None:
        app = self.quiz_app
        history, catalog = app.history, app.catalog
        if history is None or catalog is None:
            return
        due = [(q, k) for q, k in history.due(app.learner) if q in catalog.quizzes]
        self.post_message(DueLoaded(due, None if due else history.next_review(app.learner)))

    @on(DueLoaded)
    def _loaded(self, message: DueLoaded) -> None:
        self.due = message.due
        self._next = message.next_review
        self.relabel()

    def _due(self) -> list[tuple[str, str]]:
        return self.due or []

    def relabel(self) -> None:
        app = self.quiz_app
        due = self._due()
        self.query_one("#review-bar", Static).update(
            styled("[b]$t[/b]", t=app.t("review_title", n=len(due)))
        )
        if self.due is None:
            self.query_one("#due-list", Static).update(Content(app.t("loading")))
        elif not due:
            from quizapp.tui.next_review import next_review_text

            later = next_review_text(getattr(self, "_next", None), app.clock(), app.lang)
            text = app.t("nothing_due") + (f"\n{later}" if later else "")
            self.query_one("#due-list", Static).update(Content(text))
        else:
            lines = []
            for n, (quiz_id, question_id) in enumerate(due, 1):
                quiz = app.catalog.quizzes[quiz_id]  # type: ignore[union-attr]  # opens only once the catalog is loaded
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
