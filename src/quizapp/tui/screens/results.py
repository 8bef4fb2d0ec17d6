"""Results: score, pass or fail, the band's feedback, and every question reviewed so that
it teaches: the answer given and the right one, the explanation, the key point that
teaches it (`l` opens the lesson there), the questions not right first (`f`: only those).

Each question is a row: its mark and points in a column on the left, the rest beside it,
so points line up at 80 columns and wrapped text keeps its indent.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quizapp import cldr
from quizapp.model import localize
from quizapp.tui.lessons import key_point_heading
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.screens.quiz import points_text
from quizapp.tui.session import Session, response_text, right_answer_text
from quizapp.tui.widgets.footer import KeysFooter
from quizapp.tui.widgets.text import authored, styled

MARKS = {
    "correct": ("✔", "$success"),
    "partial": ("◐", "$warning"),
    "wrong": ("✘", "$error"),
    "unanswered": ("–", "$error"),
}

POINTS_WIDTH = 12
"""The points column: "✘ 0,67 / 10" and a space."""


class QuestionRow(Horizontal, can_focus=True):
    """One question on the results: focusable, so `l` knows which lesson to open."""

    DEFAULT_CSS = """
    QuestionRow { height: auto; margin-bottom: 1; }
    QuestionRow:focus { background: $boost; }
    QuestionRow .points { width: 12; height: auto; }
    QuestionRow .body { width: 1fr; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Here, not on the screen: the scroll around the rows has its own arrows.
        Binding("down,j", "screen.step(1)", show=False),
        Binding("up,k", "screen.step(-1)", show=False),
    ]

    def __init__(self, position: int, right: bool) -> None:
        super().__init__()
        self.position = position
        self.right = right

    def compose(self) -> ComposeResult:
        yield Static(classes="points")
        yield Static(classes="body")


class ResultsScreen(AppScreen):
    """The end of an attempt."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "app.home", "home"),
        # Said where they apply (each key point's line, the summary), not in the footer:
        # with them it would not fit 80 columns.
        Binding("l,enter", "lesson", "results_lesson_key", show=False),
        Binding("f", "filter", "filter_key", show=False),
        Binding("w", "retry", "retry_wrong"),
        Binding("g", "app.progress", "progress"),
        Binding("x", "export", "export"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.only_not_right = False

    def compose(self) -> ComposeResult:
        result = self.session.result
        assert result is not None, "results are shown for a submitted attempt"
        yield Static(id="results-bar", classes="title-bar")
        with VerticalScroll(id="results-body"):
            yield Static(id="summary")
            yield Static(id="next-review")
            with Vertical(id="answers"):
                # Not right first (wrong, unanswered, partly), then right; numbers stay.
                order = sorted(
                    range(len(result.questions)),
                    key=lambda i: (result.questions[i].status == "correct", i),
                )
                for i in order:
                    yield QuestionRow(i, result.questions[i].status == "correct")
        # The palette (Ctrl+P) still works; its key would not fit beside these at 80 columns.
        yield KeysFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.relabel()
        rows = self.query(QuestionRow)
        if rows:
            rows.first().focus()
        else:
            self.query_one("#results-body").focus()
        from quizapp.tui.next_review import load_next_review

        load_next_review(self)

    def on_next_review_loaded(self, message: object) -> None:
        self._next_review = message.found  # type: ignore[attr-defined]
        self._show_next_review()

    def _show_next_review(self) -> None:
        # "7 questions due in 10 minutes": when what this quiz scheduled comes back.
        from quizapp.tui.next_review import next_review_text

        app = self.quiz_app
        found = getattr(self, "_next_review", None)
        text = next_review_text(found, app.clock(), app.lang)
        line = self.query_one("#next-review", Static)
        line.display = bool(text)
        line.update(Content(text))

    def relabel(self) -> None:
        app = self.quiz_app
        lang = app.lang
        session = self.session
        result = session.result
        assert result is not None
        self.query_one("#results-bar", Static).update(
            styled(
                "[b]$results[/b]  ·  $title",
                results=app.t("results"),
                title=session.title(lang),
            )
        )
        score = app.t(
            "score_line",
            points=points_text(result.points, lang),
            total=points_text(result.max_points, lang),
            pct=cldr.percent(result.fraction, lang),
        )
        summary = styled("[b]$score[/b]  ", score=score)
        if result.passed is not None:
            summary += styled(
                "[b $success]$v[/]" if result.passed else "[b $error]$v[/]",
                v=app.t("passed" if result.passed else "failed"),
            )
        if result.reason == "time_up":
            summary += Content("\n" + app.t("times_up"))
        if result.feedback:
            summary += Content("\n") + authored(result.feedback, lang)
        not_right = sum(1 for q in result.questions if q.status != "correct")
        if not_right and not_right < len(result.questions):
            key = "showing_not_right" if self.only_not_right else "not_right_first"
            summary += styled("\n[dim]$s[/dim]", s=app.t(key, n=not_right))
        self.query_one("#summary", Static).update(summary)
        self._show_next_review()
        for row in self.query(QuestionRow):
            self._fill(row)

    def _fill(self, row: QuestionRow) -> None:
        app = self.quiz_app
        lang = app.lang
        session = self.session
        result = session.result
        assert result is not None
        n = row.position
        outcome = result.questions[n]
        question = session.items[n].question
        mark, style = MARKS[outcome.status]
        credit = app.t(
            "credit",
            credit=points_text(outcome.points, lang),
            points=points_text(outcome.max_points, lang),
        )
        row.query_one(".points", Static).update(
            styled(f"[b {style}]$mark[/] $credit", mark=mark, credit=credit)
        )
        lines = [styled("[b]$n.[/b] $prompt", n=n + 1, prompt=localize(question.prompt, lang))]
        given = response_text(question, outcome.response, lang) or app.t("no_answer")
        reading = _reading(question, outcome, lang)
        lines.append(Content(app.t("your_answer", answer=given) + reading))
        raw = session.grade(n)
        if raw is not None and raw.credit >= 1 - 1e-9 and outcome.tries > 1:
            lines.append(Content(app.t("right_after_retry")))
        elif outcome.status != "correct":
            lines.append(Content(app.t("right_answer", answer=right_answer_text(question, lang))))
        for text in outcome.feedback:
            lines.append(authored(text, lang))
        if question.explanation:
            lines.append(Content(app.t("why", text=localize(question.explanation, lang))))
        heading = key_point_heading(app.content, question.source, lang)
        if heading:
            lines.append(
                styled(
                    "[dim]$t  ·  $k[/dim]",
                    t=app.t("taught_in", point=heading),
                    k=app.t("open_lesson_key"),
                )
            )
        row.query_one(".body", Static).update(Content("\n").join(lines))
        row.display = not (self.only_not_right and row.right)

    @property
    def active_bindings(self) -> dict[str, Any]:
        # As the quiz screen does: F2 leaves the footer when the keys do not fit (at 80
        # columns in Indonesian, with export); it still works, and F1 lists it.
        from quizapp.tui.screens.quiz import _shown, footer_width

        shown = super().active_bindings
        if footer_width(self.app, shown) > self.size.width:
            shown = _shown(shown, "toggle_language", False)
        return shown

    def on_resize(self) -> None:
        self.refresh_bindings()

    def answers_text(self) -> str:
        """Every shown question as plain text, in the order shown (for tests and checks)."""
        return "\n\n".join(
            "\n".join(str(static.render()) for static in row.query(Static)) for row in self._rows()
        )

    # -- keys ----------------------------------------------------------------------------

    def _rows(self) -> list[QuestionRow]:
        return [row for row in self.query(QuestionRow) if row.display]

    def _focused_row(self) -> QuestionRow | None:
        focused = self.focused
        return focused if isinstance(focused, QuestionRow) else None

    def action_step(self, step: int) -> None:
        rows = self._rows()
        if not rows:
            return
        current = self._focused_row()
        at = rows.index(current) + step if current in rows else 0
        if 0 <= at < len(rows):
            rows[at].focus()
        else:
            self.query_one("#results-body", VerticalScroll).scroll_relative(y=step * 3)

    def action_filter(self) -> None:
        self.only_not_right = not self.only_not_right
        self.relabel()
        rows = self._rows()
        if rows and self._focused_row() not in rows:
            rows[0].focus()

    def action_lesson(self) -> None:
        row = self._focused_row()
        if row is None:
            return
        source = self.session.items[row.position].question.source or ""
        module_id, _, point = source.partition("#")
        if module_id in self.quiz_app.content:
            self.quiz_app.open_lesson(module_id, point or None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            from quizapp.tui.exporting import can_export

            return can_export(self.quiz_app)
        if action == "lesson":
            return bool(self.quiz_app.content)
        if action == "filter":
            result = self.session.result
            return result is not None and any(q.status == "correct" for q in result.questions)
        return True

    def action_export(self) -> None:
        from quizapp.tui.screens.export import open_export

        attempt = self.session.attempt
        stem = f"{attempt.quiz_id or 'review'}-{self.quiz_app.learner}"
        open_export(self, {"attempt": attempt.id}, stem)

    def action_retry(self) -> None:
        wrong = self.session.wrong_keys()
        if not wrong:
            self.notify(self.quiz_app.t("nothing_wrong"))
            return
        app = self.quiz_app
        self.dismiss()
        # The missed questions again, as a review: the store reschedules each one.
        app.start_review(wrong)


def _reading(question: Any, outcome: Any, lang: str) -> str:
    """What to add after the answer given: " — accepted, spelled: J&T Express" for a
    short answer taken within its typo allowance, " (read as 158.273.000.000.000)" for
    a number written other than in full."""
    from quizapp.tui.i18n import t

    response = outcome.response
    if not isinstance(response, str):
        return ""
    if question.type == "short_answer" and outcome.credit > 0:
        from quizapp.engine.scoring import accepted_spelling

        spelled = accepted_spelling(question, response)
        return f" — {t('spelled', lang, text=spelled)}" if spelled else ""
    if question.type == "numeric":
        from quizapp.engine import Number, parse_number
        from quizapp.engine.examples import written

        unit = question.unit
        units = [unit] if isinstance(unit, str) else list(unit.values()) if unit else []
        read = parse_number(response, units=units)
        if isinstance(read, Number) and not read.percent:
            full = written(read.value, lang)
            if full != response.strip():
                return f" ({t('read_as', lang, number=full)})"
    return ""
