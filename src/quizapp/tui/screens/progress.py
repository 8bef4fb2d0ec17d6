"""Progress: score over time, mastery per tag, weakest questions, due reviews."""

from __future__ import annotations

import dataclasses
import textwrap
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quizapp import cldr
from quizapp.model import localize
from quizapp.model.content import tag_label
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.footer import KeysFooter
from quizapp.tui.widgets.text import styled


@dataclasses.dataclass(frozen=True, slots=True)
class ProgressData:
    """Everything the progress screen shows, read in one worker."""

    figures: Any
    """The learner report's `LearnerFigures`: timeline, grades, mastery, weakest."""
    due: list[tuple[str, str]]
    lang: str
    """The language the figures' titles and prompts were read in."""


class ProgressLoaded(Message):
    def __init__(self, data: ProgressData) -> None:
        super().__init__()
        self.data = data


def bar(fraction: float, width: int = 12) -> str:
    """A text bar for a fraction from 0 to 1."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def hanging(prefix: str, text: str, width: int) -> str:
    """`prefix` then `text`, wrapped to `width` with the lines after the first indented
    under the text, so a long name wraps beside its figure instead of under it."""
    room = width - len(prefix)
    if room < 12:  # too narrow to indent usefully (or not laid out yet): let it wrap
        return prefix + text
    lines = textwrap.wrap(text, room) or [""]
    return "\n".join([prefix + lines[0], *(" " * len(prefix) + line for line in lines[1:])])


SERIES_COLOURS = ("blue", "red", "green", "magenta", "cyan", "yellow")
"""One colour per quiz on the chart, the same in its legend (plotext and Textual names)."""
SHOWN_WEAKEST = 5


def short_date(when: Any, lang: str) -> str:
    """A chart tick: "1 Dec" / "1 Des", in this computer's time zone (CLDR)."""
    return cldr.day_month(when, lang)


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
            yield Static(id="chart-legend")
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
        learner, lang = app.learner, app.lang
        data = ProgressData(
            history.figures(learner, lang, app.catalog, app.content), history.due(learner), lang
        )
        self.post_message(ProgressLoaded(data))

    @on(ProgressLoaded)
    def _loaded(self, message: ProgressLoaded) -> None:
        self.data = message.data
        self.relabel()
        self.refresh_bindings()

    def relabel(self) -> None:
        app = self.quiz_app
        if self.data is not None and self.data.lang != app.lang:
            # Quiz titles and prompts come worded in the figures: read them again in
            # the new language (F2), and show these until they come.
            self.load()
        learner = app.learner
        figures = self.data.figures if self.data else None
        timeline = figures.timeline if figures else []
        self.query_one("#progress-bar", Static).update(
            styled("[b]$p[/b]  ·  $name", p=app.t("progress"), name=learner)
        )
        self.query_one("#chart-label", Static).update(
            styled("[b]$t[/b]", t=app.t("score_over_time"))
        )
        chart = self.query_one("#chart")
        chart.display = bool(timeline)
        if figures and timeline:
            self._plot(chart, figures)
        self.query_one("#chart-legend", Static).update(self._legend(figures))
        lines = [styled("[b]$t[/b]", t=app.t("mastery"))]
        if self.data is None:
            lines.append(Content(app.t("loading")))
        elif not timeline:
            lines.append(Content(app.t("no_history")))
        for m in figures.mastery if figures else []:
            # Named by a loaded module, else as the quiz wrote it.
            name = tag_label(app.content, m.tag, app.lang) or m.name or m.tag
            prefix = f"{bar(m.percent / 100)} {cldr.percent(m.percent / 100, app.lang):>4}  "
            lines.append(Content(hanging(prefix, name, self._width("#mastery"))))
        self.query_one("#mastery", Static).update(Content("\n").join(lines))
        lines = [styled("[b]$t[/b]", t=app.t("weakest"))]
        for w in figures.weakest[:SHOWN_WEAKEST] if figures else []:
            label = self._question_label(w.quiz_id, w.key, w.prompt)
            prefix = f"{cldr.percent(w.percent / 100, app.lang):>4}  "
            lines.append(Content(hanging(prefix, label, self._width("#weakest"))))
        self.query_one("#weakest", Static).update(Content("\n").join(lines))
        due = self.data.due if self.data else []
        self.query_one("#due", Static).update(
            styled("[b]$t[/b]\n", t=app.t("due_reviews"))
            + Content(app.t("due_n", n=len(due)) if due else app.t("nothing_due"))
        )

    def _series(self, figures: Any) -> dict[str, tuple[str, Any]]:
        """Each quiz on the chart: its colour and its summary, in order of first attempt."""
        summaries = {q.quiz_id: q for q in figures.quizzes}
        order = list(dict.fromkeys(p.quiz_id for p in figures.timeline))
        return {
            quiz_id: (SERIES_COLOURS[i % len(SERIES_COLOURS)], summaries.get(quiz_id))
            for i, quiz_id in enumerate(order)
        }

    def _width(self, selector: str) -> int:
        return self.query_one(selector).content_region.width

    def on_resize(self) -> None:
        self.call_after_refresh(self.relabel)  # the lists' wrapping follows the width

    def _legend(self, figures: Any) -> Content:
        """Under the chart, wrapping rather than cut: each quiz in its colour with its
        pass mark and latest score, what the two markers mean, and that reviews are not
        counted."""
        app = self.quiz_app
        if figures is None or not figures.timeline:
            return Content("")
        parts = []
        last = {point.quiz_id: point.percent for point in figures.timeline}
        for quiz_id, (colour, summary) in self._series(figures).items():
            title = summary.quiz_title if summary else quiz_id
            pct = cldr.percent((summary.pass_mark if summary else 50.0) / 100, app.lang)
            # The latest score in figures: the chart's rows are a tenth of the scale or
            # more, so a 57% just under a 60% pass mark is drawn on its line.
            latest = cldr.percent(last[quiz_id] / 100, app.lang)
            parts.append(
                Content.styled("━━ ", colour)
                + Content(title)
                + Content(f" ({app.t('chart_pass', pct=pct)} · {app.t('chart_last', pct=latest)})")
            )
        parts.append(
            Content(f"{app.t('chart_exam')}   {app.t('chart_practice')}   ── ")
            + Content(app.t("chart_pass", pct="").strip())
        )
        parts.append(Content(app.t("chart_reviews")))
        return Content("\n").join(parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            from quizapp.tui.exporting import can_export

            return can_export(self.quiz_app) and bool(self.data and self.data.figures.timeline)
        return True

    def action_export(self) -> None:
        from quizapp.tui.screens.export import open_export

        learner = self.quiz_app.learner
        open_export(self, {"learner": learner}, f"learner-{learner}")

    def _plot(self, chart: Any, figures: Any) -> None:
        """One series per quiz (its colour in the legend), every attempt in time order
        along x, labelled with dates; y in percent; each pass mark as a dotted line;
        exam attempts as ●, practice as ○."""
        app = self.quiz_app
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        timeline = figures.timeline
        xs = list(range(1, len(timeline) + 1))
        series = self._series(figures)
        for pass_mark in sorted({s.pass_mark for _, s in series.values() if s is not None}):
            plt.hline(pass_mark, "gray")
        for quiz_id, (colour, _) in series.items():
            mine = [(x, p) for x, p in zip(xs, timeline, strict=True) if p.quiz_id == quiz_id]
            if len(mine) > 1:
                plt.plot([x for x, _ in mine], [p.percent for _, p in mine], color=colour)
            for marker, wanted in (("●", True), ("○", False)):
                dots = [(x, p.percent) for x, p in mine if (p.mode == "exam") == wanted]
                if dots:
                    plt.scatter(
                        [x for x, _ in dots], [y for _, y in dots], marker=marker, color=colour
                    )
        plt.ylim(0, 100)
        # Each pass mark labelled where its line is (the chart's rows are coarse), and
        # 0, 50 and 100 where no pass mark is near.
        marks = sorted({round(s.pass_mark) for _, s in series.values() if s is not None})
        # Pass marks too close to get rows of their own share one label ("50%/60%").
        groups: list[list[int]] = []
        for mark in marks:
            if groups and mark - groups[-1][0] <= 15:
                groups[-1].append(mark)
            else:
                groups.append([mark])
        labels = {
            sum(g) / len(g): "/".join(cldr.percent(m / 100, app.lang) for m in g) for g in groups
        }
        for v in (0, 50, 100):
            if all(abs(v - m) > 15 for m in marks):
                labels[v] = cldr.percent(v / 100, app.lang)
        ticks = sorted(labels)
        plt.yticks(ticks, [labels[v] for v in ticks])
        plt.xlim(0.5, len(xs) + 0.5)
        # At most six date labels, spread evenly, so they never run into each other.
        step = max(1, -(-len(xs) // 6))
        dated = xs[::step]
        plt.xticks(dated, [short_date(timeline[x - 1].date, app.lang) for x in dated])
        plt.xlabel(app.t("chart_axis"))
        chart.refresh()

    def _question_label(self, quiz_id: str, key: str, prompt: str = "") -> str:
        app = self.quiz_app
        # An included question's key names the quiz it is written in: `other-quiz/id`.
        home, _, question_id = key.rpartition("/")
        catalog = app.catalog
        quiz = catalog.quizzes.get(home or quiz_id) if catalog else None
        question = quiz.question(question_id) if quiz else None
        if question is None:
            return prompt if prompt and prompt != key else f"{quiz_id}/{key}"
        return localize(question.prompt, app.lang)
