"""Results: score, pass or fail, the band's feedback, and every question reviewed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quizapp.model import localize
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.session import Session, response_text, right_answer_text
from quizapp.tui.widgets.footer import KeysFooter
from quizapp.tui.widgets.text import authored, styled

MARKS = {
    "correct": ("✔", "$success"),
    "partial": ("◐", "$warning"),
    "wrong": ("✘", "$error"),
    "unanswered": ("–", "$error"),
}


def _points(value: float) -> str:
    return f"{round(value, 2):g}"


class ResultsScreen(AppScreen):
    """The end of an attempt."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "app.home", "home"),
        Binding("w", "retry", "retry_wrong"),
        Binding("g", "app.progress", "progress"),
        Binding("x", "export", "export"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="results-bar", classes="title-bar")
        with VerticalScroll(id="results-body"):
            yield Static(id="summary")
            yield Static(id="next-review")
            yield Static(id="answers")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#results-body").focus()
        from quizapp.tui.next_review import load_next_review

        load_next_review(self)

    def on_next_review_loaded(self, message: object) -> None:
        self._next_review = message.found  # type: ignore[attr-defined]
        self._show_next_review()

    def _show_next_review(self) -> None:
        # "7 questions due in 10 minutes": when what this quiz scheduled comes back.
        from quizapp.tui.next_review import next_review_text

        app = self.quiz_app
        found = getattr(self, "_next_review", None)
        text = next_review_text(found, app.clock(), app.lang)
        line = self.query_one("#next-review", Static)
        line.display = bool(text)
        line.update(Content(text))

    def relabel(self) -> None:
        app = self.quiz_app
        lang = app.lang
        session = self.session
        result = session.result
        assert result is not None, "results are shown for a submitted attempt"
        self.query_one("#results-bar", Static).update(
            styled(
                "[b]$results[/b]  ·  $title",
                results=app.t("results"),
                title=session.title(lang),
            )
        )
        score = app.t(
            "score_line",
            points=_points(result.points),
            total=_points(result.max_points),
            pct=f"{round(result.fraction * 100)}%",
        )
        summary = styled("[b]$score[/b]  ", score=score)
        if result.passed is not None:
            summary += styled(
                "[b $success]$v[/]" if result.passed else "[b $error]$v[/]",
                v=app.t("passed" if result.passed else "failed"),
            )
        if result.reason == "time_up":
            summary += Content("\n" + app.t("times_up"))
        if result.feedback:
            summary += Content("\n") + authored(result.feedback, lang)
        self.query_one("#summary", Static).update(summary)
        self._show_next_review()
        blocks: list[Content] = []
        for n, (slot, outcome) in enumerate(zip(session.items, result.questions, strict=True), 1):
            question = slot.question
            mark, style = MARKS[outcome.status]
            block = styled(
                f"[b {style}]$mark[/] [b]$n.[/b] $prompt  [dim]$credit[/dim]",
                mark=mark,
                n=n,
                prompt=localize(question.prompt, lang),
                credit=app.t(
                    "credit",
                    credit=_points(outcome.points),
                    points=_points(outcome.max_points),
                ),
            )
            given = response_text(question, outcome.response, lang) or app.t("no_answer")
            block += Content("\n   " + app.t("your_answer", answer=given))
            raw = session.grade(n - 1)
            if raw is not None and raw.credit >= 1 - 1e-9 and outcome.tries > 1:
                block += Content("\n   " + app.t("right_after_retry"))
            elif outcome.status != "correct":
                block += Content(
                    "\n   " + app.t("right_answer", answer=right_answer_text(question, lang))
                )
            blocks.append(block)
        self.query_one("#answers", Static).update(Content("\n\n").join(blocks))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            from quizapp.tui.exporting import can_export

            return can_export(self.quiz_app)
        return True

    def action_export(self) -> None:
        from quizapp.tui.screens.export import open_export

        attempt = self.session.attempt
        stem = f"{attempt.quiz_id or 'review'}-{self.quiz_app.learner}"
        open_export(self, {"attempt": attempt.id}, stem)

    def action_retry(self) -> None:
        wrong = self.session.wrong_keys()
        if not wrong:
            self.notify(self.quiz_app.t("nothing_wrong"))
            return
        app = self.quiz_app
        self.dismiss()
        # The missed questions again, as a review: the store reschedules each one.
        app.start_review(wrong)
