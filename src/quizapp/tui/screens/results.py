"""Results: score, pass or fail, the band's feedback, and every question reviewed."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from quizapp.model import localize
from quizapp.tui.history import AnswerRecord, AttemptSummary
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.session import Session, response_text, right_answer_text
from quizapp.tui.widgets.text import authored, styled


def record_session(app: Any, session: Session) -> None:
    """Hand a finished attempt to the history (the score store when there is one)."""
    answers = [
        AnswerRecord(
            item.quiz_id,
            item.key,
            tuple(item.question.tags),
            session.grades[i].fraction if i in session.grades else 0.0,
        )
        for i, item in enumerate(session.items)
    ]
    summary = AttemptSummary(
        session.quiz.id if session.quiz else None, session.mode, session.fraction, app.clock()
    )
    app.history.record(app.learner, summary, answers)


def _points(value: float) -> str:
    return f"{value:g}"


class ResultsScreen(AppScreen):
    """The end of an attempt."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "app.home", "home"),
        Binding("w", "retry", "retry_wrong"),
        Binding("g", "app.progress", "progress"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="results-bar", classes="title-bar")
        with VerticalScroll(id="results-body"):
            yield Static(id="summary")
            yield Static(id="answers")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#results-body").focus()

    def relabel(self) -> None:
        app = self.quiz_app
        lang = app.lang
        session = self.session
        quiz = session.quiz
        self.query_one("#results-bar", Static).update(
            styled(
                "[b]$results[/b]  ·  $title",
                results=app.t("results"),
                title=session.title(lang),
            )
        )
        if session.passed is None:
            verdict = Content("")
        elif session.passed:
            verdict = styled("[b $success]$v[/]", v=app.t("passed"))
        else:
            verdict = styled("[b $error]$v[/]", v=app.t("failed"))
        score = app.t(
            "score_line",
            points=_points(round(session.earned, 2)),
            total=_points(session.total_points),
            pct=f"{round(session.fraction * 100)}%",
        )
        summary = styled("[b]$score[/b]  ", score=score) + verdict
        band = quiz.grade_feedback(session.fraction) if quiz else None
        if band:
            summary += Content("\n") + authored(band, lang)
        self.query_one("#summary", Static).update(summary)
        blocks: list[Content] = []
        for i, item in enumerate(session.items):
            question = item.question
            grade = session.grades.get(i)
            fraction = grade.fraction if grade else 0.0
            mark = "✔" if fraction >= 1 - 1e-9 else ("◐" if fraction > 0 else "✘")
            style = "$success" if mark == "✔" else ("$warning" if mark == "◐" else "$error")
            credit = app.t(
                "credit",
                credit=_points(round(grade.credit, 2) if grade else 0),
                points=_points(question.points),
            )
            block = styled(
                f"[b {style}]$mark[/] [b]$n.[/b] $prompt  [dim]$credit[/dim]",
                mark=mark,
                n=i + 1,
                prompt=localize(question.prompt, lang),
                credit=credit,
            )
            given = response_text(question, session.responses.get(i), lang) or app.t("no_answer")
            block += Content("\n   " + app.t("your_answer", answer=given))
            if mark != "✔":
                block += Content(
                    "\n   " + app.t("right_answer", answer=right_answer_text(question, lang))
                )
            blocks.append(block)
        self.query_one("#answers", Static).update(Content("\n\n").join(blocks))

    def action_retry(self) -> None:
        wrong = self.session.wrong_keys()
        if not wrong:
            self.notify(self.quiz_app.t("nothing_wrong"))
            return
        app = self.quiz_app
        session = self.session
        self.dismiss()
        if session.quiz is None:
            app.start_review(
                [(item.quiz_id, item.key) for item in session.items if item.key in wrong]
            )
        else:
            app.start_quiz(session.quiz.id, "practice", only=wrong)
