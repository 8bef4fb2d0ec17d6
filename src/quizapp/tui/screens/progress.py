"""Progress: score over time, mastery per tag, weakest questions, due reviews."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quizapp.model import localize
from quizapp.model.content import tag_label
from quizapp.tui.history import AttemptSummary, QuestionStat
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.footer import KeysFooter
from quizapp.tui.widgets.text import styled


@dataclasses.dataclass(frozen=True, slots=True)
class ProgressData:
    """Everything the progress screen shows, read in one worker."""

    attempts: list[AttemptSummary]
    mastery: dict[str, float]
    weakest: list[QuestionStat]
    due: list[tuple[str, str]]


class ProgressLoaded(Message):
    def __init__(self, data: ProgressData) -> None:
        super().__init__()
        self.data = data


def bar(fraction: float, width: int = 12) -> str:
    """A text bar for a fraction from 0 to 1."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


class ProgressScreen(AppScreen):
    """How the learner is doing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("v", "app.review", "review"),
        Binding("x", "export", "export"),
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
        yield KeysFooter()

    def on_mount(self) -> None:
        self.data: ProgressData | None = None
        self.relabel()
        self.query_one("#progress-body").focus()
        self.load()

    def catalog_ready(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="progress")
    def load(self) -> None:
        app = self.quiz_app
        history = app.history
        if history is None:
            return
        learner = app.learner
        data = ProgressData(
            history.attempts(learner),
            history.mastery(learner),
            history.weakest(learner),
            history.due(learner),
        )
        self.post_message(ProgressLoaded(data))

    @on(ProgressLoaded)
    def _loaded(self, message: ProgressLoaded) -> None:
        self.data = message.data
        self.relabel()
        self.refresh_bindings()

    def relabel(self) -> None:
        app = self.quiz_app
        learner = app.learner
        data = self.data or ProgressData([], {}, [], [])
        attempts = data.attempts
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
        mastery = data.mastery
        lines = [styled("[b]$t[/b]", t=app.t("mastery"))]
        if self.data is None:
            lines.append(Content(app.t("loading")))
        elif not mastery and not attempts:
            lines.append(Content(app.t("no_history")))
        for tag, fraction in mastery.items():
            # Named by a loaded module, else as the quiz wrote it.
            name = tag_label(app.content, tag, app.lang) or tag
            lines.append(Content(f"{bar(fraction)} {round(fraction * 100):>3}%  {name}"))
        self.query_one("#mastery", Static).update(Content("\n").join(lines))
        lines = [styled("[b]$t[/b]", t=app.t("weakest"))]
        for stat in data.weakest:
            lines.append(
                Content(f"{round(stat.accuracy * 100):>3}%  ")
                + Content(self._question_label(stat.quiz_id, stat.question_id))
            )
        self.query_one("#weakest", Static).update(Content("\n").join(lines))
        due = data.due
        self.query_one("#due", Static).update(
            styled("[b]$t[/b]\n", t=app.t("due_reviews"))
            + Content(app.t("due_n", n=len(due)) if due else app.t("nothing_due"))
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            from quizapp.tui.exporting import can_export

            return can_export(self.quiz_app) and bool(self.data and self.data.attempts)
        return True

    def action_export(self) -> None:
        from quizapp.tui.screens.export import open_export

        learner = self.quiz_app.learner
        open_export(self, {"learner": learner}, f"learner-{learner}")

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
