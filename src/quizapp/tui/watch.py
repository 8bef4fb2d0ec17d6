"""`quizapp class watch`: the trainer's live view of a class.

Who joined, where each learner is (answered / flagged / time left), scores as attempts
finish, and the item analysis per question (facility, where wrong answers went), read
from the class's store every second. Keys: open or close a quiz, extra time for one
learner or for everyone on a quiz, reset a learner's PIN, end the class.

Learner names and quiz text are data: every cell is a `rich.text.Text` (never parsed
as markup) with control characters replaced. The view's own words are the catalog's
(`app.watch.*`), in the language it is given (`quizapp --lang`; English by default, as
the rest of the trainer's command line); numbers and percentages are CLDR's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from quizapp import cldr, i18n
from quizapp.classroom.live import ClassSnapshot, snapshot
from quizapp.tui.i18n import t
from quizapp.tui.screens.base import _translated

EXTRA_STEP = 5 * 60
"""Seconds one press of `t` or `T` adds."""

_LEARNER_COLUMNS = (
    *("learner", "quiz", "answered", "flagged"),
    *("time_left", "last_score", "done", "extra"),
)
_QUESTION_COLUMNS = ("quiz", "question", "answers", "facility", "wrong_went_to")
"""The tables' columns: the keys of their headings (`app.watch.col_*`)."""


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


class _Translated:
    """A screen whose key descriptions are catalog keys, shown in the view's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found = super().active_bindings  # type: ignore[misc]  # the Screen's, by the MRO
        return _translated(found, getattr(self.app, "lang", i18n.SOURCE_LANGUAGE))  # type: ignore[attr-defined]  # a Screen's app


class _Main(_Translated, Screen[None]):
    """The view's one screen."""


class QuizPicker(_Translated, ModalScreen[str | None]):
    """Pick one of the class's quizzes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "watch.key_back")]

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


class ConfirmEnd(_Translated, ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "watch.key_yes"),
        Binding("n,escape", "dismiss(False)", "watch.key_no"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content(t("watch.confirm_end", self.lang)))


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
        Binding("o", "toggle_quiz", "watch.key_toggle_quiz"),
        Binding("t", "extend_learner", "watch.key_extend_learner"),
        Binding("T", "extend_quiz", "watch.key_extend_quiz"),
        Binding("p", "reset_pin", "watch.key_reset_pin"),
        Binding("E", "end_class", "watch.key_end_class"),
        Binding("tab", "focus_next", "watch.key_next_table", show=False),
        Binding("q", "quit", "watch.key_quit"),
    ]

    def __init__(
        self,
        store: Any,
        class_name: str,
        catalog: Any,
        *,
        clock: Any = None,
        interval: float = 1.0,
        lang: str = i18n.SOURCE_LANGUAGE,
    ) -> None:
        super().__init__()
        self.lang = lang
        """The view's language: its words, numbers and percentages."""
        self.title = t("watch.title", lang)
        self.store = store
        self.class_name = class_name
        self.catalog = catalog
        self.clock = clock or (lambda: datetime.now(UTC))
        self.interval = interval
        self.data: ClassSnapshot | None = None

    def get_default_screen(self) -> Screen[Any]:
        return _Main(id="_default")

    def get_system_commands(self, screen: Any) -> Any:
        # Served in a browser too: a screenshot would be a file on the server.
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        learners: DataTable[Any] = DataTable(id="learners", cursor_type="row")
        learners.add_columns(*(t(f"watch.col_{c}", self.lang) for c in _LEARNER_COLUMNS))
        yield learners
        questions: DataTable[Any] = DataTable(id="questions", cursor_type="row")
        questions.add_columns(*(t(f"watch.col_{c}", self.lang) for c in _QUESTION_COLUMNS))
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
        lang = self.lang
        if data is None:
            summary.update(Content(t("watch.no_class", lang, name=self.class_name)))
            return
        info = data.info
        quizzes = "  ".join(self._quiz_state(q, with_extra=True) for q in info.quizzes)
        joined = t("watch.joined", lang, n=len(data.learners))
        state = t("watch.ended", lang) if info.ended_at else joined
        line = t("watch.summary", lang, name=info.name, state=state, quizzes=quizzes)
        summary.update(Content(printable(line)))
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
                cell("—" if r.last_score is None else cldr.percent(r.last_score, lang)),
                cell(r.finished),
                cell(self._extra(r.extra_seconds)),
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
                cell(cldr.fixed(q.facility, lang, places=2)),
                cell(wrong),
            )
        if data.questions:
            questions.move_cursor(row=min(qrow, len(data.questions) - 1))

    def _quiz_state(self, quiz: Any, *, with_extra: bool = False) -> str:
        """`tour (open)`, `tour (closed, +5 min)`."""
        if with_extra and quiz.extra_seconds:
            key = "watch.quiz_open_extra" if quiz.open else "watch.quiz_closed_extra"
            return t(key, self.lang, quiz=quiz.quiz_id, n=quiz.extra_seconds // 60)
        return t(
            "watch.quiz_open" if quiz.open else "watch.quiz_closed", self.lang, quiz=quiz.quiz_id
        )

    def _extra(self, seconds: int) -> str:
        return t("watch.extra_minutes", self.lang, n=seconds // 60) if seconds else ""

    # -- actions -------------------------------------------------------------------------

    def _selected_learner(self) -> Any:
        if self.data is None or not self.data.learners:
            return None
        row = self.query_one("#learners", DataTable).cursor_row
        return self.data.learners[min(row, len(self.data.learners) - 1)]

    def _pick_quiz(self, title: str, then: Any) -> None:
        if self.data is None:
            return
        choices = [(q.quiz_id, self._quiz_state(q)) for q in self.data.info.quizzes]
        self.push_screen(QuizPicker(title, choices), then)

    def action_toggle_quiz(self) -> None:
        def toggle(quiz_id: str | None) -> None:
            if quiz_id is None or self.data is None:
                return
            now_open = next(q.open for q in self.data.info.quizzes if q.quiz_id == quiz_id)
            self.store.set_quiz_open(self.data.info.id, quiz_id, not now_open)
            key = "watch.now_closed" if now_open else "watch.now_open"
            self.notify(t(key, self.lang, quiz=quiz_id), markup=False)
            self.refresh_data()

        self._pick_quiz(t("watch.pick_toggle", self.lang), toggle)

    def action_extend_quiz(self) -> None:
        def extend(quiz_id: str | None) -> None:
            if quiz_id is None or self.data is None:
                return
            self.store.extend_time(self.data.info.id, EXTRA_STEP, quiz_id=quiz_id)
            minutes = EXTRA_STEP // 60
            self.notify(t("watch.extended_quiz", self.lang, quiz=quiz_id, n=minutes), markup=False)
            self.refresh_data()

        self._pick_quiz(t("watch.pick_extend", self.lang, n=EXTRA_STEP // 60), extend)

    def action_extend_learner(self) -> None:
        learner = self._selected_learner()
        if learner is None or self.data is None:
            return
        self.store.extend_time(self.data.info.id, EXTRA_STEP, learner_id=learner.learner_id)
        self.notify(
            t(
                "watch.extended_learner",
                self.lang,
                name=printable(learner.name),
                n=EXTRA_STEP // 60,
            ),
            markup=False,
        )
        self.refresh_data()

    def action_reset_pin(self) -> None:
        learner = self._selected_learner()
        if learner is None or self.data is None:
            return
        self.store.reset_pin(self.data.info.id, learner.learner_id)
        self.notify(t("watch.pin_reset", self.lang, name=printable(learner.name)), markup=False)
        self.refresh_data()

    def action_end_class(self) -> None:
        def end(yes: bool | None) -> None:
            if yes and self.data is not None:
                self.store.end_class(self.data.info.id)
                self.notify(t("watch.class_ended", self.lang), markup=False)
                self.refresh_data()

        self.push_screen(ConfirmEnd(self.lang), end)
