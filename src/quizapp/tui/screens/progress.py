"""Progress: score over time, mastery per tag, weakest questions, due reviews."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from quizapp.model import localize
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.text import styled


def bar(fraction: float, width: int = 12) -> str:
    """A text bar for a fraction from 0 to 1."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


class ProgressScreen(AppScreen):
    """How the learner is doing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("v", "app.review", "review"),
    ]

    def compose(self) -> ComposeResult:
        # Deferred: plotext is only needed on this screen.
        from textual_plotext import PlotextPlot

        yield Static(id="progress-bar", classes="title-bar")
        with VerticalScroll(id="progress-body"):
            yield Static(id="chart-label", classes="side-label")
            yield PlotextPlot(id="chart")
            with Horizontal(id="progress-lists"):
                with Vertical():
                    yield Static(id="mastery")
                with Vertical():
                    yield Static(id="weakest")
            yield Static(id="due")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#progress-body").focus()

    def relabel(self) -> None:
        app = self.quiz_app
        learner = app.learner
        history = app.history
        attempts = history.attempts(learner)
        self.query_one("#progress-bar", Static).update(
            styled("[b]$p[/b]  ·  $name", p=app.t("progress"), name=learner)
        )
        self.query_one("#chart-label", Static).update(
            styled("[b]$t[/b]", t=app.t("score_over_time"))
        )
        chart = self.query_one("#chart")
        chart.display = bool(attempts)
        if attempts:
            self._plot(chart, [round(a.fraction * 100) for a in attempts])
        mastery = history.mastery(learner)
        lines = [styled("[b]$t[/b]", t=app.t("mastery"))]
        if not mastery and not attempts:
            lines.append(Content(app.t("no_history")))
        for tag, fraction in mastery.items():
            lines.append(Content(f"{bar(fraction)} {round(fraction * 100):>3}%  {tag}"))
        self.query_one("#mastery", Static).update(Content("\n").join(lines))
        lines = [styled("[b]$t[/b]", t=app.t("weakest"))]
        for stat in history.weakest(learner):
            lines.append(
                Content(f"{round(stat.accuracy * 100):>3}%  ")
                + Content(self._question_label(stat.quiz_id, stat.question_id))
            )
        self.query_one("#weakest", Static).update(Content("\n").join(lines))
        due = history.due(learner)
        self.query_one("#due", Static).update(
            styled("[b]$t[/b]\n", t=app.t("due_reviews"))
            + Content(app.t("due_n", n=len(due)) if due else app.t("nothing_due"))
        )

    def _plot(self, chart: Any, scores: list[int]) -> None:
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        xs = list(range(1, len(scores) + 1))
        plt.plot(xs, scores, marker="braille")
        plt.scatter(xs, scores)
        plt.ylim(0, 100)
        plt.yticks([0, 25, 50, 75, 100])
        plt.xticks(xs)
        plt.xlabel(self.quiz_app.t("attempt_n"))
        chart.refresh()

    def _question_label(self, quiz_id: str, question_id: str) -> str:
        app = self.quiz_app
        catalog = app.catalog
        quiz = catalog.quizzes.get(quiz_id) if catalog else None
        question = quiz.question(question_id) if quiz else None
        if question is None:
            return f"{quiz_id}/{question_id}"
        return localize(question.prompt, app.lang)
