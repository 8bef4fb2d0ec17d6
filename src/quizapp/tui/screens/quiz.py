"""Taking a quiz: one question at a time, in practice, exam or review mode."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, SelectionList, Static

from quizapp.model import localize
from quizapp.tui.i18n import t
from quizapp.tui.lessons import key_point_heading
from quizapp.tui.screens.base import AppModal, AppScreen
from quizapp.tui.screens.home import clock_text
from quizapp.tui.session import Session, empty_answer, matching_rights, right_answer_text
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


FOOTER_SPARES = ("command_palette", "leave", "toggle_language")
"""Keys the quiz footer leaves out, in this order, when its keys do not fit the width
(at 80 columns: only in an exam, on questions with keys of their own); the question's
and the exam's own keys always stay, and F1 lists every key."""


def _shown(bindings: dict[str, ActiveBinding], action: str, show: bool) -> dict[str, ActiveBinding]:
    """`bindings` with the key for `action` shown in the footer, or not."""
    return {
        key: active._replace(binding=dataclasses.replace(active.binding, show=show))
        if active.binding.action == action
        else active
        for key, active in bindings.items()
    }


def points_text(value: float) -> str:
    return f"{value:g}"


def _relabel_button(button: Button, text: str) -> None:
    """Set a button's label and let its width follow (a label alone keeps the old width)."""
    if str(button.label) != text:
        button.label = Content(text)
        button.refresh(layout=True)


class QuizScreen(AppScreen):
    """One attempt. Exam mode: answers can change, questions be skipped and flagged."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "back"),
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
        self._message: Callable[[str], str] | None = None
        """The message under the answer, per language (an empty or unreadable answer)."""

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
        # The palette key is shown in line with the others, and only when they all fit
        # (see `active_bindings`): an exam's question keys come first at 80 columns.
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        if self.session.attempt.deadline is not None:
            self.set_interval(1, self._tick)
        self._show_question()

    # -- drawing ---------------------------------------------------------------------------

    def relabel(self) -> None:
        # Keep what the learner was doing: the answer not yet submitted, and the focus.
        slot = self.query_one("#answer-slot")
        focused = self.focused
        in_answer = focused is not None and slot in focused.ancestors
        widget = self._show_question(keep_pending=True)
        if focused is None:
            return
        if in_answer:
            # The answer widget may be a new one: give it the focus the old one had.
            widget.focus()
        elif focused.is_attached and focused.display and not focused.disabled:
            # After the feedback's own focus move (which follows the next refresh).
            self.call_after_refresh(focused.focus)

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

    def _show_question(self, keep_pending: bool = False) -> Any:
        """Draw the current question; return its answer widget."""
        app = self.quiz_app
        lang = app.lang
        session = self.session
        item = session.current
        question = item.question
        self._bar()
        self.query_one("#prompt", Static).update(authored(question.prompt, lang))
        slot = self.query_one("#answer-slot", Vertical)
        previous = session.response(session.index)
        highlighted = 0
        current = slot.children[0] if slot.children else None
        if keep_pending and current is not None and hasattr(current, "pending"):
            # A redraw in another language: what is ticked, typed or moved stays.
            previous = current.pending()
            highlighted = getattr(current, "highlighted", None) or 0
        widget, how = self._answer_widget(question, list(item.order), previous, highlighted)
        self._set("#how", how)
        current = slot.children[0] if slot.children else None
        if type(widget) is ChoiceAnswer and type(current) is ChoiceAnswer:
            # One choice after another (the common case): reuse the list in place.
            current.replace(widget.labels, widget.values, previous)
            widget = current
        else:
            slot.remove_children()
            slot.mount(widget)
        if not keep_pending:
            self._message = None
        self._show_message()
        self._show_feedback()
        if not self.checked and not self.retrying:
            widget.focus()
        return widget

    def _say(self, message: Callable[[str], str] | None) -> None:
        """Show a message under the answer (given per language, so a switch redraws it)."""
        self._message = message
        self._show_message()

    def _show_message(self) -> None:
        message = self._message
        self._set("#message", message(self.quiz_app.lang) if message else "")

    def _set(self, selector: str, text: str) -> None:
        """Update a Static only when its text changes (an update costs a layout)."""
        static = self.query_one(selector, Static)
        if getattr(static, "_quiz_text", None) != text:
            static._quiz_text = text  # type: ignore[attr-defined]
            static.update(Content(text))

    def _answer_widget(
        self, question: Any, order: list[int], previous: Any, highlighted: int = 0
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
            return (
                MultiAnswer(labels, order, previous or [], highlighted),
                app.t("choose_many"),
            )
        if kind in ("short_answer", "numeric"):
            value = "" if previous is None else str(previous)
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
            # Fully right on a later try says so, as the results do, not "partly correct".
            key = "right_after_retry_pct" if grade.credit >= 1 - 1e-9 else "partly_correct"
            verdict = styled("[b $warning]◐ $v[/]", v=app.t(key, pct=pct))
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
            _relabel_button(try_again, app.t("try_again"))
            _relabel_button(go_on, app.t("show_answer"))
            feedback.update(Content("\n").join(parts))
            return
        _relabel_button(go_on, app.t("continue"))
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

        response = event.response
        refusal = empty_answer(self.session.current.question, response)
        if refusal is not None:
            # Nothing given yet: say so at no cost (in an exam, Skip leaves a question out).
            self._say(lambda lang: t(refusal, lang))
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
            self._say(outcome.message)
            return
        self._say(None)
        if self.exam:
            self._after_exam_answer()
        else:
            self.retrying = outcome.retry_allowed
            self.checked = not self.retrying
            self._show_feedback()
            if self.retrying:
                self.call_after_refresh(self.query_one("#try-again", Button).focus)
            self._refresh_footer()

    @on(SelectionList.SelectedChanged)
    def _ticked(self) -> None:
        # "Nothing is ticked yet" no longer holds once something is.
        self._say(None)

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
        # Every working key in the footer: the question's, the exam's, Esc, F1, F2 and the
        # palette (shown in line, so its width is counted with the rest).
        shown = _shown(super().active_bindings, "command_palette", True)
        for action in FOOTER_SPARES:
            if footer_width(self.app, shown) <= self.size.width:
                break
            # Too many keys for the width (an exam's ordering question at 80 columns):
            # the spares leave the footer in turn; they still work, and F1 lists them.
            shown = _shown(shown, action, False)
        return shown

    def on_resize(self) -> None:
        self.refresh_bindings()  # which keys fit depends on the width

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
            Confirm(lambda lang: t("confirm_finish", lang, unanswered=unanswered)), confirmed
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
        # The attempt stays open (and recorded): home offers to resume it. One left
        # before any answer is forgotten instead (see `QuizApp.left_attempt`).
        self.quiz_app.left_attempt(self.session.attempt)
        self.dismiss()


class Confirm(AppModal):
    """A yes-or-no question.

    The question is a string, or a function of the interface language so that a
    language switch (F2) while the dialog is open redraws it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "yes"),
        Binding("escape,n", "answer(False)", "no"),
    ]

    def __init__(self, question: str | Callable[[str], str]) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button(id="yes", variant="primary")
                yield Button(id="no")

    def on_mount(self) -> None:
        # (AppModal's own on_mount runs too: Textual calls each class's handler.)
        self.relabel()
        self.query_one("#yes").focus()

    def relabel(self) -> None:
        app = self.quiz_app
        question = self.question
        text = question if isinstance(question, str) else question(app.lang)
        self.query_one("#confirm-question", Static).update(Content(text))
        _relabel_button(self.query_one("#yes", Button), app.t("yes"))
        _relabel_button(self.query_one("#no", Button), app.t("no"))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
