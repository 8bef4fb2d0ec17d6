"""Taking a quiz: one question at a time, in practice, exam or review mode."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Static

from quizapp.model import localize
from quizapp.tui.lessons import key_point_heading
from quizapp.tui.screens.base import AppModal, AppScreen
from quizapp.tui.screens.home import clock_text
from quizapp.tui.session import (
    NotANumber,
    Session,
    matching_rights,
    right_answer_text,
)
from quizapp.tui.widgets.answers import (
    AnswerGiven,
    ChoiceAnswer,
    MatchingAnswer,
    MultiAnswer,
    OrderingAnswer,
    TextAnswer,
)
from quizapp.tui.widgets.text import authored, styled


def points_text(value: float) -> str:
    return f"{value:g}"


class QuizScreen(AppScreen):
    """One attempt. Exam mode: answers can change, questions be skipped and flagged."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "back", show=False),
        # Priority: lists and inputs have their own PgUp/PgDn, but in an exam these move.
        Binding("pageup,ctrl+b", "move(-1)", "previous", priority=True),
        Binding("pagedown,ctrl+n", "move(1)", "next", priority=True),
        Binding("ctrl+t", "flag", "flag", priority=True),
        Binding("ctrl+g", "finish", "finish", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.checked = False
        """Practice: the current answer was checked and its feedback is showing."""

    @property
    def exam(self) -> bool:
        return self.session.mode == "exam"

    def compose(self) -> ComposeResult:
        yield Static(id="quiz-bar", classes="title-bar")
        with VerticalScroll(id="question-area"):
            yield Static(id="prompt")
            yield Static(id="how", classes="hint")
            yield Vertical(id="answer-slot")
            yield Static(id="message")
            yield Static(id="feedback")
            yield Button(id="continue", variant="primary", compact=True)
        # The palette key is left out here so the question keys fit in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        if self.session.time_limit:
            self.set_interval(1, self._tick)
        self._show_question()

    # -- drawing ---------------------------------------------------------------------------

    def relabel(self) -> None:
        self._show_question(keep_typing=True)

    def _bar(self) -> None:
        app = self.quiz_app
        session = self.session
        item = session.current
        parts = [
            app.t("question_of", n=session.index + 1, total=len(session.items)),
            app.t(
                "point_1" if item.question.points == 1 else "points_n",
                points=points_text(item.question.points),
            ),
        ]
        left = session.seconds_left(app.clock())
        if left is not None:
            parts.append(app.t("time_left", time=clock_text(left)))
        if self.exam:
            parts.append(app.t("answered_n", n=len(session.responses)))
        if session.index in session.flags:
            parts.append("⚑ " + app.t("flagged"))
        self.query_one("#quiz-bar", Static).update(
            styled(
                "[b]$title[/b]  [dim]$mode[/dim]\n$parts",
                title=session.title(app.lang),
                mode=app.t(session.mode if session.mode != "review" else "review"),
                parts="  ·  ".join(parts),
            )
        )

    def _show_question(self, keep_typing: bool = False) -> None:
        app = self.quiz_app
        lang = app.lang
        session = self.session
        item = session.current
        question = item.question
        self._bar()
        self.query_one("#prompt", Static).update(authored(question.prompt, lang))
        typed: str | None = None
        if keep_typing and self.query("#typed"):
            typed = self.query_one("#typed").value  # type: ignore[attr-defined]
        slot = self.query_one("#answer-slot", Vertical)
        slot.remove_children()
        previous = session.responses.get(session.index)
        widget, how = self._answer_widget(question, item.order, previous, typed)
        self.query_one("#how", Static).update(Content(how))
        slot.mount(widget)
        self.query_one("#message", Static).update("")
        self._show_feedback()
        if not self.checked:
            widget.focus()

    def _answer_widget(
        self, question: Any, order: list[int], previous: Any, typed: str | None
    ) -> tuple[Any, str]:
        app = self.quiz_app
        lang = app.lang
        kind = question.type
        if kind == "single":
            labels = [localize(question.choices[i].text, lang) for i in order]
            return ChoiceAnswer(labels, order, previous), app.t("choose_one")
        if kind == "true_false":
            return (
                ChoiceAnswer([app.t("true"), app.t("false")], [True, False], previous),
                app.t("choose_one"),
            )
        if kind == "multiple":
            labels = [localize(question.choices[i].text, lang) for i in order]
            return MultiAnswer(labels, order, previous or []), app.t("choose_many")
        if kind in ("short_answer", "numeric"):
            value = typed if typed is not None else (previous or "")
            if kind == "numeric":
                unit = localize(question.unit, lang) if question.unit else ""
                return TextAnswer(value, app.t("number_hint"), unit), app.t("type_answer")
            return TextAnswer(value, ""), app.t("type_answer")
        if kind == "ordering":
            labels = [localize(text, lang) for text in question.items]
            return OrderingAnswer(labels, previous or order), app.t("ordering_help")
        if kind == "matching":
            return (
                MatchingAnswer(
                    [localize(p.left, lang) for p in question.pairs],
                    [localize(r, lang) for r in matching_rights(question)],
                    order,
                    previous or [],
                    app.t("unmatched"),
                    app.t("submit"),
                ),
                app.t("matching_help"),
            )
        raise ValueError(f"unknown question type {kind!r}")

    def _show_feedback(self) -> None:
        app = self.quiz_app
        lang = app.lang
        feedback = self.query_one("#feedback", Static)
        button = self.query_one("#continue", Button)
        button.label = Content(app.t("continue"))
        shown = self.checked
        feedback.display = shown
        button.display = shown
        self.query_one("#answer-slot").disabled = shown
        if not shown:
            return
        session = self.session
        grade = session.grades[session.index]
        question = session.current.question
        if grade.fraction >= 1 - 1e-9:
            verdict = styled("[b $success]✔ $v[/]", v=app.t("correct"))
            feedback.set_classes("right")
        elif grade.credit > 0:
            pct = f"{round(grade.fraction * 100)}%"
            verdict = styled("[b $warning]◐ $v[/]", v=app.t("partly_correct", pct=pct))
            feedback.set_classes("partly")
        else:
            verdict = styled("[b $error]✘ $v[/]", v=app.t("wrong"))
            feedback.set_classes("wrong")
        parts = [verdict]
        if grade.feedback:
            parts.append(authored(grade.feedback, lang))
        if grade.fraction < 1 - 1e-9:
            parts.append(Content(app.t("right_answer", answer=right_answer_text(question, lang))))
        if question.explanation:
            parts.append(styled("[b]$h[/b]", h=app.t("explanation")))
            parts.append(authored(question.explanation, lang))
        heading = key_point_heading(app.content, question.source, lang)
        if heading:
            parts.append(styled("[dim]$t[/dim]", t=app.t("taught_in", point=heading)))
        feedback.update(Content("\n").join(parts))
        button.focus()
        self.query_one("#question-area", VerticalScroll).scroll_end(animate=False)

    # -- answering -------------------------------------------------------------------------

    @on(AnswerGiven)
    def _answered(self, event: AnswerGiven) -> None:
        app = self.quiz_app
        response = event.response
        message = self.query_one("#message", Static)
        if isinstance(response, str) and not response.strip():
            message.update(Content(app.t("empty_answer")))
            return
        try:
            self.session.answer(self.session.index, response)
        except NotANumber as exc:
            # Unreadable numbers cost nothing: say why and let the learner try again.
            message.update(Content(app.t("not_a_number", why=str(exc))))
            return
        if self.exam:
            self._after_exam_answer()
        else:
            self.checked = True
            self._show_feedback()
            self.refresh_bindings()

    def _after_exam_answer(self) -> None:
        session = self.session
        unanswered = session.unanswered()
        if not unanswered:
            self.action_finish()
            return
        later = [i for i in unanswered if i > session.index]
        self._go((later or unanswered)[0])

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        self.checked = False
        if self.session.index + 1 < len(self.session.items):
            self._go(self.session.index + 1)
        else:
            self._finish_now()

    def _go(self, index: int) -> None:
        self.session.index = index
        self._show_question()
        self.refresh_bindings()

    # -- exam actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "flag", "finish"):
            return self.exam
        return True

    def binding_label(self, binding: Any) -> str:
        if binding.action == "move(1)" and self.session.index not in self.session.responses:
            return "skip"
        return str(binding.description)

    def action_move(self, step: int) -> None:
        to = self.session.index + step
        if 0 <= to < len(self.session.items):
            self._go(to)

    def action_flag(self) -> None:
        self.session.flags ^= {self.session.index}
        self._bar()

    def action_finish(self) -> None:
        unanswered = len(self.session.unanswered())

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._finish_now()

        self.app.push_screen(
            Confirm(self.quiz_app.t("confirm_finish", unanswered=unanswered)), confirmed
        )

    def _tick(self) -> None:
        left = self.session.seconds_left(self.quiz_app.clock())
        self._bar()
        if left == 0:
            self.notify(self.quiz_app.t("times_up"))
            self._finish_now()

    def _finish_now(self) -> None:
        from quizapp.tui.screens.results import ResultsScreen, record_session

        record_session(self.quiz_app, self.session)
        self.app.switch_screen(ResultsScreen(self.session))

    def action_leave(self) -> None:
        # Keep the attempt: home offers to resume it.
        self.quiz_app.paused = self.session
        self.dismiss()


class Confirm(AppModal):
    """A yes-or-no question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "no"),
        Binding("y", "answer(True)", "yes"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        with Vertical(classes="dialog"):
            yield Static(Content(self.question))
            with Horizontal(classes="buttons"):
                yield Button(Content(self.quiz_app.t("yes")), id="yes", variant="primary")
                yield Button(Content(self.quiz_app.t("no")), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
