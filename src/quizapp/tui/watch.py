"""`quizapp class watch`: the trainer's live view of a class.

Who joined, where each learner is (answered / flagged / time left), scores as attempts
finish, and the item analysis per question (facility, where wrong answers went), read
from the class's store every second. Keys: open or close a quiz, extra time for one
learner or for everyone on a quiz, reset a learner's PIN, end the class.

Learner names and quiz text are data: every cell is a `rich.text.Text` (never parsed
as markup) with control characters replaced.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.classroom.live import ClassSnapshot, snapshot

EXTRA_STEP = 5 * 60
"""Seconds one press of `t` or `T` adds."""


def printable(text: str) -> str:
    """`text` with control characters (escape sequences included) made visible as `?`."""
    return "".join("?" if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in text)


def cell(value: object) -> Text:
    return Text(printable(str(value)), no_wrap=True, overflow="ellipsis")


def _clock(seconds: int | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds // 60}:{seconds % 60:02d}"


class Snapshot(Message):
    def __init__(self, data: ClassSnapshot | None) -> None:
        super().__init__()
        self.data = data


class QuizPicker(ModalScreen[str | None]):
    """Pick one of the class's quizzes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "back")]

    def __init__(self, title: str, quizzes: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.quizzes = quizzes

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content(self.title_text))
            yield OptionList(*(Option(Content(label), id=q) for q, label in self.quizzes))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ConfirmEnd(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "yes"),
        Binding("n,escape", "dismiss(False)", "no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(
                Content(
                    "End the class? Nobody can join any more and every learner's app "
                    "closes. Answers stay in the store.  y / n"
                )
            )


class WatchApp(App[None]):
    """The trainer's live view."""

    TITLE = "quizapp class watch"
    CSS = """
    #summary { height: auto; padding: 0 1; }
    #learners { height: 1fr; }
    #questions { height: 1fr; }
    #picker { width: 70; height: auto; max-height: 80%; background: $panel; padding: 1 2;
              border: round $accent; }
    QuizPicker, ConfirmEnd { align: center middle; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "toggle_quiz", "open/close quiz"),
        Binding("t", "extend_learner", "+5 min learner"),
        Binding("T", "extend_quiz", "+5 min all"),
        Binding("p", "reset_pin", "reset PIN"),
        Binding("E", "end_class", "end class"),
        Binding("tab", "focus_next", "next table", show=False),
        Binding("q", "quit", "quit"),
    ]

    def __init__(
        self,
        store: Any,
        class_name: str,
        catalog: Any,
        *,
        clock: Any = None,
        interval: float = 1.0,
    ) -> None:
        super().__init__()
        self.store = store
        self.class_name = class_name
        self.catalog = catalog
        self.clock = clock or (lambda: datetime.now(UTC))
        self.interval = interval
        self.data: ClassSnapshot | None = None

    def get_system_commands(self, screen: Any) -> Any:
        # Served in a browser too: a screenshot would be a file on the server.
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        learners: DataTable[Any] = DataTable(id="learners", cursor_type="row")
        learners.add_columns(
            "Learner", "Quiz", "Answered", "Flagged", "Time left", "Last score", "Done", "Extra"
        )
        yield learners
        questions: DataTable[Any] = DataTable(id="questions", cursor_type="row")
        questions.add_columns("Quiz", "Question", "Answers", "Facility", "Wrong answers went to")
        yield questions
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        self.set_interval(self.interval, self.refresh_data)

    @work(thread=True, exclusive=True, group="watch")
    def refresh_data(self) -> None:
        self.post_message(
            Snapshot(snapshot(self.store, self.class_name, self.catalog, self.clock()))
        )

    @on(Snapshot)
    def _show(self, message: Snapshot) -> None:
        self.data = data = message.data
        summary = self.query_one("#summary", Static)
        if data is None:
            summary.update(Content(f"No class called {self.class_name} in this store."))
            return
        info = data.info
        quizzes = "  ".join(
            f"{q.quiz_id} ({'open' if q.open else 'closed'}"
            + (f", +{q.extra_seconds // 60} min" if q.extra_seconds else "")
            + ")"
            for q in info.quizzes
        )
        state = "ENDED" if info.ended_at else f"{len(data.learners)} joined"
        summary.update(Content(printable(f"Class {info.name} · {state} · {quizzes}")))
        learners = self.query_one("#learners", DataTable)
        row = learners.cursor_row
        learners.clear()
        for r in data.learners:
            learners.add_row(
                cell(r.name),
                cell(r.quiz_id or "—"),
                cell(f"{r.answered}/{r.questions}" if r.quiz_id else "—"),
                cell(r.flagged if r.in_progress else "—"),
                cell(_clock(r.seconds_left)),
                cell("—" if r.last_score is None else f"{r.last_score:.0%}"),
                cell(r.finished),
                cell(f"+{r.extra_seconds // 60} min" if r.extra_seconds else ""),
                key=str(r.learner_id),
            )
        if data.learners:
            learners.move_cursor(row=min(row, len(data.learners) - 1))
        questions = self.query_one("#questions", DataTable)
        qrow = questions.cursor_row
        questions.clear()
        for q in data.questions:
            wrong = ", ".join(f"{text} ×{n}" for text, n in q.wrong) or "—"
            questions.add_row(
                cell(q.quiz_id),
                cell(q.text),
                cell(q.answered),
                cell(f"{q.facility:.2f}"),
                cell(wrong),
            )
        if data.questions:
            questions.move_cursor(row=min(qrow, len(data.questions) - 1))

    # -- actions -------------------------------------------------------------------------

    def _selected_learner(self) -> Any:
        if self.data is None or not self.data.learners:
            return None
        row = self.query_one("#learners", DataTable).cursor_row
        return self.data.learners[min(row, len(self.data.learners) - 1)]

    def _pick_quiz(self, title: str, then: Any) -> None:
        if self.data is None:
            return
        choices = [
            (q.quiz_id, f"{q.quiz_id} ({'open' if q.open else 'closed'})")
            for q in self.data.info.quizzes
        ]
        self.push_screen(QuizPicker(title, choices), then)

    def action_toggle_quiz(self) -> None:
        def toggle(quiz_id: str | None) -> None:
            if quiz_id is None or self.data is None:
                return
            now_open = next(q.open for q in self.data.info.quizzes if q.quiz_id == quiz_id)
            self.store.set_quiz_open(self.data.info.id, quiz_id, not now_open)
            self.notify(f"{quiz_id}: {'closed' if now_open else 'open'}", markup=False)
            self.refresh_data()

        self._pick_quiz("Open or close which quiz?", toggle)

    def action_extend_quiz(self) -> None:
        def extend(quiz_id: str | None) -> None:
            if quiz_id is None or self.data is None:
                return
            self.store.extend_time(self.data.info.id, EXTRA_STEP, quiz_id=quiz_id)
            self.notify(f"{quiz_id}: +5 min for everyone", markup=False)
            self.refresh_data()

        self._pick_quiz("Five more minutes for everyone on which quiz?", extend)

    def action_extend_learner(self) -> None:
        learner = self._selected_learner()
        if learner is None or self.data is None:
            return
        self.store.extend_time(self.data.info.id, EXTRA_STEP, learner_id=learner.learner_id)
        self.notify(f"{printable(learner.name)}: +5 min", markup=False)
        self.refresh_data()

    def action_reset_pin(self) -> None:
        learner = self._selected_learner()
        if learner is None or self.data is None:
            return
        self.store.reset_pin(self.data.info.id, learner.learner_id)
        self.notify(
            f"{printable(learner.name)}: PIN reset; their next join sets a new one.",
            markup=False,
        )
        self.refresh_data()

    def action_end_class(self) -> None:
        def end(yes: bool | None) -> None:
            if yes and self.data is not None:
                self.store.end_class(self.data.info.id)
                self.notify("The class has ended.")
                self.refresh_data()

        self.push_screen(ConfirmEnd(), end)
