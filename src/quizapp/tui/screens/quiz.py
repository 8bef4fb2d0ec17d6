"""Taking a quiz: one question at a time, in practice, exam or review mode."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from quizapp.model import localize
from quizapp.tui.lessons import key_point_heading
from quizapp.tui.screens.base import AppModal, AppScreen
from quizapp.tui.screens.home import clock_text
from quizapp.tui.session import Session, matching_rights, right_answer_text
from quizapp.tui.widgets.answers import (
    AnswerGiven,
    ChoiceAnswer,
    MatchingAnswer,
    MultiAnswer,
    OrderingAnswer,
    TextAnswer,
)
from quizapp.tui.widgets.footer import KeysFooter
from quizapp.tui.widgets.text import authored, styled


def footer_width(app: Any, bindings: dict[str, ActiveBinding]) -> int:
    """Columns the footer's keys take: " key description" each (see app.tcss)."""
    width = 0
    seen: set[str] = set()
    for active in bindings.values():
        binding = active.binding
        if binding.show and binding.action not in seen:
            seen.add(binding.action)
            label = Content(f"{app.get_key_display(binding)}{binding.description}")
            width += 2 + label.cell_length
    return width


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
        """Practice and review: the current answer was checked; feedback is showing."""
        self.retrying = False
        """Practice: a wrong answer may be tried again; the right one is not shown yet."""

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
            with Horizontal(id="feedback-buttons"):
                yield Button(id="try-again", variant="primary", compact=True)
                yield Button(id="continue", compact=True)
        # The palette key is left out here so the question keys fit in 80 columns.
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        if self.session.attempt.deadline is not None:
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
        left = session.seconds_left()
        if left is not None:
            parts.append(app.t("time_left", time=clock_text(left)))
        if self.exam:
            parts.append(app.t("answered_n", n=session.answered_count()))
        if session.flagged(session.index):
            parts.append("⚑ " + app.t("flagged"))
        self.query_one("#quiz-bar", Static).update(
            styled(
                "[b]$title[/b]  [dim]$mode[/dim]\n$parts",
                title=session.title(app.lang),
                # A review's title already says "Review".
                mode=app.t(session.mode) if session.quiz is not None else "",
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
        previous = session.response(session.index)
        widget, how = self._answer_widget(question, list(item.order), previous, typed)
        self._set("#how", how)
        current = slot.children[0] if slot.children else None
        if type(widget) is ChoiceAnswer and type(current) is ChoiceAnswer:
            # One choice after another (the common case): reuse the list in place.
            current.replace(widget.labels, widget.values, previous)
            widget = current
        else:
            slot.remove_children()
            slot.mount(widget)
        self._set("#message", "")
        self._show_feedback()
        if not self.checked:
            widget.focus()

    def _set(self, selector: str, text: str) -> None:
        """Update a Static only when its text changes (an update costs a layout)."""
        static = self.query_one(selector, Static)
        if getattr(static, "_quiz_text", None) != text:
            static._quiz_text = text  # type: ignore[attr-defined]
            static.update(Content(text))

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
        buttons = self.query_one("#feedback-buttons")
        shown = self.checked or self.retrying
        feedback.display = shown
        buttons.display = shown
        self.query_one("#answer-slot").disabled = self.checked
        if not shown:
            return
        session = self.session
        grade = session.grade(session.index)
        assert grade is not None
        question = session.current.question
        credit = session.attempt.states[session.index].credit
        if credit >= 1 - 1e-9:
            verdict = styled("[b $success]✔ $v[/]", v=app.t("correct"))
            feedback.set_classes("right")
        elif credit > 0:
            pct = f"{round(credit * 100)}%"
            verdict = styled("[b $warning]◐ $v[/]", v=app.t("partly_correct", pct=pct))
            feedback.set_classes("partly")
        else:
            verdict = styled("[b $error]✘ $v[/]", v=app.t("wrong"))
            feedback.set_classes("wrong")
        parts = [verdict]
        parts.extend(authored(text, lang) for text in grade.feedback)
        try_again = self.query_one("#try-again", Button)
        go_on = self.query_one("#continue", Button)
        try_again.display = self.retrying
        if self.retrying:
            # Moodle's interactive mode: a second go for reduced credit, answer unseen.
            parts.append(Content(app.t("retry_hint")))
            try_again.label = Content(app.t("try_again"))
            go_on.label = Content(app.t("show_answer"))
            feedback.update(Content("\n").join(parts))
            return
        go_on.label = Content(app.t("continue"))
        if grade.credit < 1 - 1e-9:
            parts.append(Content(app.t("right_answer", answer=right_answer_text(question, lang))))
        if question.explanation:
            parts.append(styled("[b]$h[/b]", h=app.t("explanation")))
            parts.append(authored(question.explanation, lang))
        heading = key_point_heading(app.content, question.source, lang)
        if heading:
            parts.append(styled("[dim]$t[/dim]", t=app.t("taught_in", point=heading)))
        feedback.update(Content("\n").join(parts))
        # After this refresh: hiding "Try again" (if it had focus) must not steal it back.
        self.call_after_refresh(go_on.focus)
        self.query_one("#question-area", VerticalScroll).scroll_end(animate=False)

    # -- answering -------------------------------------------------------------------------

    @on(AnswerGiven)
    def _answered(self, event: AnswerGiven) -> None:
        from quizapp.engine import AttemptError, TimeUp, Unreadable

        app = self.quiz_app
        response = event.response
        if isinstance(response, str) and not response.strip():
            self._set("#message", app.t("empty_answer"))
            return
        try:
            outcome = self.session.attempt.answer(self.session.index, response)
        except TimeUp:
            self._show_results()
            return
        except AttemptError:
            return
        if isinstance(outcome, Unreadable):
            # Unreadable answers cost nothing: say why and let the learner try again.
            self._set("#message", outcome.message(app.lang))
            return
        self._set("#message", "")
        if self.exam:
            self._after_exam_answer()
        else:
            self.retrying = outcome.retry_allowed
            self.checked = not self.retrying
            self._show_feedback()
            if self.retrying:
                self.call_after_refresh(self.query_one("#try-again", Button).focus)
            self._refresh_footer()

    def _after_exam_answer(self) -> None:
        session = self.session
        unanswered = session.attempt.unanswered()
        if not unanswered:
            self.action_finish()
            return
        later = [i for i in unanswered if i > session.index]
        self._go((later or unanswered)[0])

    @on(Button.Pressed, "#try-again")
    def _try_again(self) -> None:
        self.retrying = False
        self._show_question()

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        if self.retrying:
            # "Show the answer": give up the remaining tries.
            self.session.attempt.move_on(self.session.index)
            self.retrying = False
            self.checked = True
            self._show_feedback()
            return
        self.checked = False
        following = self.session.index + 1
        if following < len(self.session.items):
            self._go(following)
        else:
            self._finish_now()

    def _go(self, index: int) -> None:
        self.session.index = index
        self.checked = not self.exam and self.session.done(index)
        self.retrying = False
        self._show_question()
        self._refresh_footer()

    def _refresh_footer(self) -> None:
        # Rebuilding the footer costs more than drawing a question: only when keys change.
        state = (self.session.answered(self.session.index), self.checked, self.retrying)
        if state != getattr(self, "_footer_state", None):
            self._footer_state = state
            self.refresh_bindings()

    # -- exam actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "flag", "finish"):
            return self.exam
        return True

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        if footer_width(self.app, bindings) <= self.size.width:
            return bindings
        # Too many keys for the width (an exam's ordering question at 80 columns, above all
        # in Indonesian): the language key leaves the footer; it still works, F1 lists it.
        return {
            key: active._replace(binding=dataclasses.replace(active.binding, show=False))
            if active.node is self.app and active.binding.action == "toggle_language"
            else active
            for key, active in bindings.items()
        }

    def on_resize(self) -> None:
        self.refresh_bindings()  # whether the language key fits depends on the width

    def binding_label(self, binding: Any) -> str:
        # The next-question key; the ordering widget's keys are "reorder", not "move".
        if binding.action == "move(1)" and not self.session.answered(self.session.index):
            return "skip"
        return str(binding.description)

    def action_move(self, step: int) -> None:
        to = self.session.index + step
        if 0 <= to < len(self.session.items):
            self._go(to)

    def action_flag(self) -> None:
        self.session.toggle_flag(self.session.index)
        self._bar()

    def action_finish(self) -> None:
        unanswered = len(self.session.attempt.unanswered())

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._finish_now()

        self.app.push_screen(
            Confirm(self.quiz_app.t("confirm_finish", unanswered=unanswered)), confirmed
        )

    def _tick(self) -> None:
        self._bar()
        if self.session.attempt.overdue() and self.is_current:
            self.notify(self.quiz_app.t("times_up"))
            self.session.attempt.submit("time_up")
            self._show_results()

    def _finish_now(self) -> None:
        self.session.attempt.submit("submitted")
        self._show_results()

    def _show_results(self) -> None:
        from quizapp.tui.screens.results import ResultsScreen

        self.app.switch_screen(ResultsScreen(self.session))

    def action_leave(self) -> None:
        # The attempt stays open (and recorded): home offers to resume it.
        self.dismiss()


class Confirm(AppModal):
    """A yes-or-no question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "yes"),
        Binding("escape,n", "answer(False)", "no"),
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
