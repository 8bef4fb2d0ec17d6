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
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Button, Input, SelectionList, Static

from quizapp import cldr
from quizapp.engine.numbers import unit_goes_first
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
from quizapp.tui.widgets.navigator import Cell, Navigator, QuestionGrid, QuietFocus
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


FOOTER_SPARES = ("move(-1)", "command_palette", "leave", "toggle_language")
"""Keys the quiz footer leaves out, in this order, when its keys do not fit the width
(at 80 columns: only in an exam); "previous" goes first, as the navigator (Ctrl+L)
reaches every question. The question's and the exam's other keys always stay, and F1
lists every key."""


def _shown(bindings: dict[str, ActiveBinding], action: str, show: bool) -> dict[str, ActiveBinding]:
    """`bindings` with the key for `action` shown in the footer, or not."""
    return {
        key: active._replace(binding=dataclasses.replace(active.binding, show=show))
        if active.binding.action == action
        else active
        for key, active in bindings.items()
    }


def points_text(value: float, lang: str = "en") -> str:
    """Points as the interface language writes them: 0,67 in Indonesian, 0.67 in English."""
    from quizapp.engine import format_number

    return format_number(round(value, 2), lang, scale=False)


LOW_TIME = 300
"""At most this many seconds left (or a fifth of the limit, if less, but never under a
minute) turns the clock to the warning colour."""
LAST_MINUTE = 60
"""From here the clock is in the error colour, and a notice says so, once."""


def time_style(left: int, limit: int | None) -> str:
    """The clock's colour: "" while time is ample, then "$warning", then "$error"."""
    if left <= LAST_MINUTE:
        return "$error"
    low = max(LAST_MINUTE, min(LOW_TIME, (limit or 0) // 5))
    return "$warning" if left <= low else ""


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
        Binding("ctrl+l", "navigator", "questions_key", priority=True),
        Binding("ctrl+g", "finish", "finish", priority=True),
        # Practice only: the question's hint, at no cost (docs/tui.md).
        Binding("f3", "hint", "hint_key"),
    ]

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As Textual's, without repainting the whole screen on each focus change (the
    navigator moves the focus on every opening and closing): the widgets that gain and
    lose the focus repaint themselves, and the footer follows the new keys."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.checked = False
        """Practice and review: the current answer was checked; feedback is showing."""
        self.retrying = False
        """Practice: a wrong answer may be tried again; the right one is not shown yet."""
        self._message: Callable[[str], str] | None = None
        """The message under the answer, per language (an empty or unreadable answer)."""
        self._refused = False
        """The message says why the answer in the box was refused: editing clears it."""
        self.hint_shown = False
        """Practice: the learner asked for this question's hint."""
        self._warned = False
        """The one-minute notice was given (once per attempt)."""
        self._timed_out = False
        """Time ran out and the attempt was submitted: nothing more happens here."""

    @property
    def exam(self) -> bool:
        return self.session.mode == "exam"

    def compose(self) -> ComposeResult:
        yield Static(id="quiz-bar", classes="title-bar")
        with VerticalScroll(id="question-area"):
            yield Static(id="prompt")
            yield Static(id="how", classes="hint")
            yield Static(id="hint-text")
            yield Vertical(id="answer-slot")
            yield Static(id="message")
            yield Static(id="feedback")
            with Horizontal(id="feedback-buttons"):
                yield Button(id="try-again", variant="primary", compact=True)
                yield Button(id="continue", compact=True)
        # The palette key is shown in line with the others, and only when they all fit
        # (see `active_bindings`): an exam's question keys come first at 80 columns.
        if self.exam:
            with Navigator(id="navigator"):
                yield Static(id="nav-title")
                yield QuestionGrid(id="nav-grid")
                yield Static(id="nav-legend", classes="hint")
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        if self.session.attempt.deadline is not None:
            if self.session.attempt.overdue():
                # Time ran out while the learner was away: never reopen at 0:00.
                self.call_after_refresh(self._time_up)
            self.set_interval(1, self._tick)
        self._show_question()

    def on_unmount(self) -> None:
        # Quitting (or leaving) with text in the box: kept as a draft for the next time.
        self._keep_draft()

    # -- drawing ---------------------------------------------------------------------------

    def relabel(self) -> None:
        # Keep what the learner was doing: the answer not yet submitted, and the focus.
        slot = self.query_one("#answer-slot")
        focused = self.focused
        in_answer = focused is not None and slot in focused.ancestors
        widget = self._show_question(keep_pending=True)
        if self._navigator_open:
            self._set("#nav-title", self.quiz_app.t("navigator_title"))
            self._set("#nav-legend", self.quiz_app.t("navigator_legend"))
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
                points=points_text(item.question.points, app.lang),
            ),
        ]
        if self.exam:
            parts.append(app.t("answered_n", n=session.answered_count()))
        if session.flagged(session.index):
            parts.append("⚑ " + app.t("flagged"))
        line = Content("  ·  ").join(Content(p) for p in parts)
        left = session.seconds_left()
        if left is not None:
            # The clock first, and coloured as time runs low.
            style = time_style(left, session.attempt.started_record.time_limit_seconds)
            clock = app.t("time_left", time=clock_text(left))
            shown = styled(f"[b {style}]$c[/]" if style else "$c", c=clock)
            line = shown + Content("  ·  ") + line
        self.query_one("#quiz-bar", Static).update(
            styled(
                "[b]$title[/b]  [dim]$mode[/dim]\n",
                title=session.title(app.lang),
                # A review's title already says "Review".
                mode=app.t(session.mode) if session.quiz is not None else "",
            )
            + line
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
        given = session.response(session.index)
        clean = getattr(self, "_clean_try", False)
        if clean:
            given = None  # another try starts clean: the wrong answer is not kept on screen
        draft = session.attempt.states[session.index].draft
        previous = draft if draft is not None and not clean else given
        highlighted: Any = None
        current = slot.children[0] if slot.children else None
        if keep_pending and current is not None and hasattr(current, "pending"):
            # A redraw in another language: what is ticked, typed or moved stays.
            previous = current.pending()
            highlighted = getattr(current, "highlighted", None)
        widget, how = self._answer_widget(question, list(item.order), previous, highlighted, given)
        self._set("#how", how)
        self._show_hint()
        current = slot.children[0] if slot.children else None
        if type(widget) is ChoiceAnswer and type(current) is ChoiceAnswer:
            # One choice after another (the common case): reuse the list in place.
            at = widget.values[highlighted] if isinstance(highlighted, int) else None
            current.replace(widget.labels, widget.values, given, at)
            widget = current
        else:
            slot.remove_children()
            slot.mount(widget)
        if not keep_pending:
            self._message = None
            if draft is not None and not clean and not self.checked:
                self._message = lambda lang: t("draft_kept", lang)
        self._show_message()
        self._show_feedback()
        if not self.checked and not self.retrying and not self._navigator_open:
            widget.focus()  # (under the navigator it is focused once that closes)
        return widget

    def _show_hint(self) -> None:
        question = self.session.current.question
        hint = getattr(question, "hint", None)
        static = self.query_one("#hint-text", Static)
        static.display = self.hint_shown
        if self.hint_shown:
            lang = self.quiz_app.lang
            text = t("hint", lang, text=localize(hint, lang)) if hint else t("no_hint", lang)
            static.update(Content(text))

    def action_hint(self) -> None:
        self.hint_shown = True
        self._show_hint()

    def _say(self, message: Callable[[str], str] | None) -> None:
        """Show a message under the answer (given per language, so a switch redraws it)."""
        self._message = message
        self._refused = False
        self._show_message()

    def _show_message(self) -> None:
        message = self._message
        self._set("#message", message(self.quiz_app.lang) if message else "")

    def _set(self, selector: str, text: str) -> None:
        """Update a Static only when its text changes (an update costs a layout)."""
        static = self.query_one(selector, Static)
        if getattr(static, "_quiz_text", None) != text:
            static._quiz_text = text  # type: ignore[attr-defined]  # our cache on the widget, unknown to Static
            static.update(Content(text))

    def _answer_widget(
        self,
        question: Any,
        order: list[int],
        previous: Any,
        highlighted: int | None = None,
        given: Any = None,
    ) -> tuple[Any, str]:
        """The answer widget showing `previous` (what is on screen: a draft, or the answer
        `given`), with the cursor on `highlighted`."""
        app = self.quiz_app
        lang = app.lang
        kind = question.type
        if kind in ("single", "true_false"):
            if kind == "single":
                labels = [localize(question.choices[i].text, lang) for i in order]
                values: list[Any] = order
            else:
                labels, values = [app.t("true"), app.t("false")], [True, False]
            at = values[highlighted] if highlighted is not None else None
            return (
                ChoiceAnswer(labels, values, given, marks=True, highlighted=at),
                app.t("choose_one"),
            )
        if kind == "multiple":
            labels = [localize(question.choices[i].text, lang) for i in order]
            return (
                MultiAnswer(labels, order, previous or [], highlighted or 0),
                app.t("choose_many"),
            )
        if kind in ("short_answer", "numeric"):
            value = "" if previous is None else str(previous)
            if kind == "numeric":
                unit = localize(question.unit, lang) if question.unit else ""
                hint = app.t("number_hint", examples=", ".join(app.number_examples(lang)))
                answer = TextAnswer(value, hint, unit, unit_first=unit_goes_first(unit))
                return answer, app.t("type_answer")
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
            pct = cldr.percent(credit, lang)
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
            # Exactly what is left: the next try's number and the most it can earn.
            from quizapp.engine import MAX_TRIES, RETRY_PENALTY

            tries = session.attempt.states[session.index].tries
            best = max(0.0, 1 - RETRY_PENALTY * tries)
            parts.append(
                Content(
                    app.t("retry_left", n=tries + 1, max=MAX_TRIES, pct=cldr.percent(best, lang))
                )
            )
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
        if self._navigator_open:
            return  # the list is over the question: its keys are the list's
        refusal = empty_answer(self.session.current.question, response)
        if refusal is not None:
            # Nothing given yet: say so at no cost (in an exam, Skip leaves a question out).
            self._say(lambda lang: t(refusal, lang))
            self._refused = True
            return
        if self.session.attempt.overdue():
            # Enter pressed as time ran out (before the clock's tick): what was on the
            # page at the deadline counts, as the tick would have kept it.
            self.session.attempt.set_draft(self.session.index, response)
            self._time_up()
            return
        try:
            outcome = self.session.attempt.answer(self.session.index, response)
        except TimeUp:
            # Submitted by the engine, with this answer: one notice, then the results.
            if not self._timed_out:
                self._timed_out = True
                self.notify(self.quiz_app.t("times_up"), severity="warning")
                self._show_results()
            return
        except AttemptError:
            return
        if isinstance(outcome, Unreadable):
            # Unreadable answers cost nothing: say why and let the learner try again.
            examples = self.quiz_app.number_examples
            self._say(lambda lang: outcome.message(lang, examples(lang)))
            self._refused = True
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

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _typed(self) -> None:
        if self._refused:
            # Being edited, the answer is no longer the one refused: nor is the message.
            self._refused = False
            self._say(None)
        # Kept as a draft half a second after the last key (a crash loses at most that):
        # one small durable write per pause in typing, none per key.
        timer = getattr(self, "_draft_timer", None)
        if timer is not None:
            timer.stop()
        self._draft_timer = self.set_timer(0.5, self._keep_draft)

    def _after_exam_answer(self) -> None:
        session = self.session
        unanswered = session.attempt.unanswered()
        if not unanswered:
            self._bar()  # the count behind the dialog includes this answer
            self.action_finish()
            return
        later = [i for i in unanswered if i > session.index]
        self._go((later or unanswered)[0])

    @on(Button.Pressed, "#try-again")
    def _try_again(self) -> None:
        self.retrying = False
        self._clean_try = True
        try:
            self._show_question()
        finally:
            self._clean_try = False

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
        self._keep_draft()
        self.session.index = index
        self.checked = not self.exam and self.session.done(index)
        self.retrying = False
        self.hint_shown = False
        self._close_navigator()
        self._show_question()
        self._refresh_footer()

    def _answer_now(self) -> Any:
        slot = self.query("#answer-slot > *")
        return slot.first() if slot else None

    def _keep_draft(self) -> None:
        """Keep what is typed (ticked, matched, moved) and not given as the question's
        draft: shown again on return, given as the answer if time runs out."""
        session = self.session
        if session.attempt.finished or self.checked or not self.is_attached:
            return
        widget = self._answer_now()
        if widget is None or not hasattr(widget, "draft"):
            return
        session.attempt.set_draft(session.index, widget.draft(session.response(session.index)))

    def _refresh_footer(self) -> None:
        # Rebuilding the footer costs more than drawing a question: only when keys change.
        state = (self.session.answered(self.session.index), self.checked, self.retrying)
        if state != getattr(self, "_footer_state", None):
            self._footer_state = state
            self.refresh_bindings()

    # -- exam actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "flag", "finish", "navigator"):
            return self.exam
        if action == "hint":
            return self.session.mode == "practice"
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
        if self._navigator_open:
            self._fill_navigator()

    # -- the navigator ---------------------------------------------------------------------

    _navigator_open = False
    """The navigator is showing (in place of the question). A flag, not a query: the
    footer asks `check_action` once per key."""

    _focus_before_navigator: Widget | None = None

    _keys_before_navigator: dict[str, ActiveBinding] | None = None
    """The footer's keys while the navigator is open: the question's, as they were, with
    the grid's own for the keys it takes (Enter, Esc). The footer then stays as it is (a
    footer rebuilt on each opening and closing cost more than drawing the grid)."""

    def chain_bindings(self) -> dict[str, ActiveBinding]:
        if self._navigator_open and self._keys_before_navigator is not None:
            return self._keys_before_navigator
        return super().chain_bindings()

    def _keys_with_navigator(self) -> dict[str, ActiveBinding]:
        """The keys shown now, with the grid's binding on each key it takes (shown if the
        key was: Enter shows "Select" where it showed "Submit", Esc stays "Back")."""
        grid_keys = {b.key: b for b in Navigator.BINDINGS if isinstance(b, Binding)}
        keys = super().chain_bindings()
        for key, active in keys.items():
            mine = grid_keys.get(key)
            if mine is not None:
                shown = dataclasses.replace(mine, show=active.binding.show and mine.show)
                keys[key] = active._replace(binding=shown)
        return keys

    def _fill_navigator(self) -> None:
        session = self.session
        cells = [
            Cell(session.answered(i), session.flagged(i), i == session.index)
            for i in range(len(session.items))
        ]
        grid = self.query_one("#nav-grid", QuestionGrid)
        grid.show(cells, grid.cursor if self._navigator_open else session.index)

    def action_navigator(self) -> None:
        """Show every question with its state; Enter opens one (exam only)."""
        if self._navigator_open:
            self._close_navigator()
            return
        app = self.quiz_app
        self._set("#nav-title", app.t("navigator_title"))
        self._set("#nav-legend", app.t("navigator_legend"))
        self._fill_navigator()
        self._keys_before_navigator = self._keys_with_navigator()
        self._navigator_open = True
        # In place of the question: less to draw than the list over it. The grid takes
        # the keys, typed letters included (they must not reach the hidden answer box);
        # focused before the question hides, so the answer is not blurred on the way.
        self._focus_before_navigator = before = self.focused
        if isinstance(before, QuietFocus) and before.has_focus:
            before.hidden_by_navigator = True  # looks focused while hidden (QuietFocus)
        self.query_one("#navigator").display = True
        self.set_focus(self.query_one("#navigator", Navigator), scroll_visible=False)
        self.query_one("#question-area").display = False

    def _close_navigator(self) -> None:
        if not self._navigator_open:
            return
        self._navigator_open = False
        self._keys_before_navigator = None
        self.query_one("#question-area").display = True
        before, self._focus_before_navigator = self._focus_before_navigator, None
        # The focus back at once, before the grid hides (hiding it would blur it first).
        self._refocus(before)
        self.query_one("#navigator").display = False

    def _refocus(self, before: Widget | None) -> None:
        """After the navigator: the focus where it was, or on the answer when a jump
        replaced the widget that had it."""
        if before is not None and before.is_attached and before.focusable:
            self.set_focus(before, scroll_visible=False)
            return
        if isinstance(before, QuietFocus) and before.is_attached:
            before.restyle()
        slot = self.query_one("#answer-slot")
        for widget in slot.query("*"):
            if widget.focusable:
                self.set_focus(widget, scroll_visible=False)
                return
        self.set_focus(None)

    @on(QuestionGrid.Jump)
    def _jump(self, event: QuestionGrid.Jump) -> None:
        self._close_navigator()
        self._go(event.index)

    @on(QuestionGrid.Close)
    def _navigator_closed(self) -> None:
        self._close_navigator()

    # -- finishing, leaving, time ------------------------------------------------------------

    def action_finish(self) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "submit":
                self._finish_now()
            elif choice == "navigator" and not self._navigator_open:
                self.action_navigator()

        self._keep_draft()
        self.app.push_screen(FinishDialog(self.session), chosen)

    def _tick(self) -> None:
        if self._timed_out:
            return
        self._bar()
        dialog = self.app.screen
        if isinstance(dialog, Confirm) and dialog.live:
            # Counted down at the bar's tick, so both show the same time left.
            dialog.ask_again()
        left = self.session.seconds_left()
        if left is not None and 0 < left <= LAST_MINUTE and not self._warned:
            self._warned = True
            self.notify(self.quiz_app.t("one_minute_left"), severity="warning")
        if self.session.attempt.overdue():
            self._time_up()

    def _time_up(self) -> None:
        """Submit with what is on the page, whatever dialog is open; say so once."""
        if self._timed_out or self.session.attempt.finished:
            return
        self._timed_out = True
        self._keep_draft()  # the answer being typed counts
        while self.app.screen is not self and self in self.app.screen_stack:
            self.app.pop_screen()  # a dialog over the exam: its question is moot now
        self.session.attempt.submit("time_up")
        self.notify(self.quiz_app.t("times_up"), severity="warning")
        self._show_results()

    def _finish_now(self) -> None:
        self.session.attempt.submit("submitted")
        self._show_results()

    def _show_results(self) -> None:
        from quizapp.tui.screens.results import ResultsScreen

        self.app.switch_screen(ResultsScreen(self.session))

    def action_leave(self) -> None:
        # The attempt stays open (and recorded): home offers to resume it. One left
        # before any answer (or draft) is forgotten instead (see `QuizApp.left_attempt`).
        self._keep_draft()
        left = self.session.seconds_left()
        if left is None:
            self.quiz_app.left_attempt(self.session.attempt)
            self.dismiss()
            return

        def answered(yes: bool | None) -> None:
            if yes and self.is_attached and not self._timed_out:
                self.quiz_app.left_attempt(self.session.attempt)
                self.dismiss()

        self._ask_leaving_timed(answered)

    def confirm_quit(self) -> bool:
        """True when quitting should ask first (a timed exam is open); asks, and quits on yes."""
        if self.session.seconds_left() is None or self._timed_out:
            return False
        self._keep_draft()

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self._ask_leaving_timed(answered)
        return True

    def _ask_leaving_timed(self, answered: Callable[[bool | None], None]) -> None:
        # A timed exam's clock runs on while the learner is away: say so first, with the
        # time left counting down in the dialog.
        self.app.push_screen(
            Confirm(
                lambda lang: t(
                    "leave_timed", lang, time=clock_text(self.session.seconds_left() or 0)
                ),
                live=True,
            ),
            answered,
        )


class FinishDialog(AppModal):
    """Submit the exam? Says how many are unanswered and flagged; going back is the
    default (Enter, Esc, n), `y` submits, `ctrl+l` (or `l`) opens the navigator.
    Dismisses with "back", "submit" or "navigator"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "choose('back')", "back"),
        Binding("ctrl+l,l", "choose('navigator')", "questions_key"),
        Binding("y", "choose('submit')", "submit_exam"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="finish"):
            yield Static(id="finish-question")
            with Horizontal(classes="buttons"):
                yield Button(id="back", variant="primary")
                yield Button(id="finish-list")
                yield Button(id="submit")

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#back").focus()

    def relabel(self) -> None:
        app = self.quiz_app
        attempt = self.session.attempt
        total = len(attempt.slots)
        unanswered = len(attempt.unanswered())
        flagged = sum(1 for s in attempt.states if s.flagged)
        counts = (
            app.t("finish_counts", unanswered=unanswered, total=total, flagged=flagged)
            if unanswered
            else app.t("finish_all", total=total, flagged=flagged)
        )
        self.query_one("#finish-question", Static).update(
            styled("[b]$q[/b]\n$counts", q=app.t("finish_title"), counts=counts)
        )
        _relabel_button(self.query_one("#back", Button), app.t("go_back"))
        _relabel_button(self.query_one("#finish-list", Button), app.t("questions_key"))
        _relabel_button(self.query_one("#submit", Button), app.t("submit_exam"))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = {"back": "back", "finish-list": "navigator", "submit": "submit"}
        self.dismiss(choice.get(event.button.id or "", "back"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class Confirm(AppModal):
    """A yes-or-no question.

    The question is a string, or a function of the interface language so that a
    language switch (F2) while the dialog is open redraws it. A `live` question is asked
    again by the screen under it at each tick of its clock (leaving a timed exam: the
    time left counts down with the exam's own).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "yes"),
        Binding("escape,n", "answer(False)", "no"),
    ]

    def __init__(self, question: str | Callable[[str], str], live: bool = False) -> None:
        super().__init__()
        self.question = question
        self.live = live

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

    def ask_again(self) -> None:
        question = self.question
        text = question if isinstance(question, str) else question(self.quiz_app.lang)
        static = self.query_one("#confirm-question", Static)
        if getattr(static, "_confirm_text", None) != text:
            static._confirm_text = text  # type: ignore[attr-defined]  # our cache on the widget, unknown to Static
            static.update(Content(text))

    def relabel(self) -> None:
        app = self.quiz_app
        self.ask_again()
        _relabel_button(self.query_one("#yes", Button), app.t("yes"))
        _relabel_button(self.query_one("#no", Button), app.t("no"))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
