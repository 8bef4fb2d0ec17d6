"""The line-oriented front end: one question at a time, one line per answer.

For screen readers, scripts and slow links. It prints plain text (quiz text exactly as
written: there is no markup here to interpret) and reads one line per answer:

- `single`: a choice number; `multiple`: numbers separated by commas (`-` for none);
- `true_false`: `1`/`2`, or t/f, y/n, true/false, benar/salah, b/s;
- `short_answer`, `numeric`: the text;
- `ordering`: the shown numbers in the right order (`2,3,1`);
- `matching`: pairs of a left number and a right letter (`1-b, 2-a`); left items not
  mentioned stay unmatched.

Commands start with a colon: `:skip`, `:flag`, `:back`, `:go N`, `:list`, `:submit`,
`:help` (the prompt says which the mode allows). End of input submits what was answered.
The attempt (quizapp.engine) does the grading and the recording; this module only talks.
"""

from __future__ import annotations

import contextlib
import re
import string
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TextIO

from quizapp import i18n
from quizapp.engine.attempt import Answered, Attempt, AttemptError, Slot, TimeUp
from quizapp.engine.numbers import format_number, format_with_unit
from quizapp.engine.recording import AttemptResult, FinishReason
from quizapp.engine.scoring import Grade, Unreadable
from quizapp.model.terminal import TerminalStream
from quizapp.model.text import localize

MAX_DIGITS = 6
"""The longest number read as a choice or question number; longer is out of range."""


def t(key: str, lang: str, **values: Any) -> str:
    """Plain mode's message `key` (`quizapp.i18n`, keys `plain.*`) in `lang`."""
    return i18n.t("plain." + key, lang, **values)


def ui_language(lang: str) -> str:
    """The interface language for a quiz language: its own when it has a catalog."""
    return i18n.base_language(lang)


# -- reading answers -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Invalid:
    """A line that is not an answer to the question shown; `message` says what to type."""

    message: str


_TRUE = {"1", "t", "true", "y", "yes", "b", "benar", "ya", "betul"}
_FALSE = {"2", "f", "false", "n", "no", "s", "salah", "tidak"}


def _numbers(line: str) -> list[int] | None:
    parts = [p for p in re.split(r"[\s,;]+", line.strip()) if p]
    # More digits than any list has entries is no choice (and int() refuses 4,300 digits).
    if not parts or not all(p.isdecimal() and len(p) <= MAX_DIGITS for p in parts):
        return None
    return [int(p) for p in parts]


def read_response(slot: Slot, line: str, lang: str) -> Any:
    """The response (file order) a line of input gives, or `Invalid`."""
    q = slot.question
    kind = q.type
    text = line.strip()
    if kind in ("short_answer", "numeric"):
        return text if text else Invalid(t("empty", lang))
    if kind == "single":
        n = len(q.choices)
        nums = _numbers(text)
        if not nums or len(nums) != 1 or not 1 <= nums[0] <= n:
            return Invalid(t("bad_number", lang, n=n))
        return slot.order[nums[0] - 1]
    if kind == "multiple":
        n = len(q.choices)
        if text == "-":
            return []
        if not text:  # Enter alone: asked again, as the app does, never graded as none
            return Invalid(t("empty_multiple", lang))
        nums = _numbers(text)
        if not nums or not all(1 <= x <= n for x in nums):
            return Invalid(t("bad_numbers", lang, n=n))
        return sorted({slot.order[x - 1] for x in nums})
    if kind == "true_false":
        word = text.casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        return Invalid(t("bad_true_false", lang))
    if kind == "ordering":
        n = len(q.items)
        nums = _numbers(text)
        if not nums or sorted(nums) != list(range(1, n + 1)):
            return Invalid(t("bad_order", lang, n=n))
        return [slot.order[x - 1] for x in nums]
    # matching
    n, rights = len(q.pairs), len(slot.order)
    last = string.ascii_lowercase[rights - 1]
    if not text:  # Enter alone: asked again, nothing recorded
        return Invalid(t("empty_matching", lang))
    bad = Invalid(t("bad_matching", lang, n=n, last=last))
    response: list[int | None] = [None] * n
    pairs = [p for p in re.split(r"[,;]+", text) if p.strip()]
    if not pairs:
        return bad
    for pair in pairs:
        match = re.fullmatch(r"\s*(\d+)\s*[-=:>\s]*\s*([a-zA-Z])\s*", pair)
        if not match:
            return bad
        left, letter = int(match.group(1)), match.group(2).lower()
        right = string.ascii_lowercase.find(letter)
        if not 1 <= left <= n or not 0 <= right < rights:
            return bad
        response[left - 1] = slot.order[right]
    return response


# -- writing questions and answers ---------------------------------------------------------


def _matching_rights(q: Any) -> list[Any]:
    return [p.right for p in q.pairs] + list(q.distractors)


def question_lines(slot: Slot, lang: str, ui: str) -> list[str]:
    """The question as shown: prompt, numbered choices, how to answer."""
    q = slot.question
    lines = [localize(q.prompt, lang)]
    kind = q.type
    if kind in ("single", "multiple"):
        lines += [
            f"  {d}. {localize(q.choices[i].text, lang)}" for d, i in enumerate(slot.order, 1)
        ]
    elif kind == "true_false":
        lines += [f"  1. {t('true', ui)}", f"  2. {t('false', ui)}"]
    elif kind == "ordering":
        lines += [f"  {d}. {localize(q.items[i], lang)}" for d, i in enumerate(slot.order, 1)]
    elif kind == "matching":
        lines += [f"  {d}. {localize(p.left, lang)}" for d, p in enumerate(q.pairs, 1)]
        rights = _matching_rights(q)
        lines += [
            f"  {string.ascii_lowercase[d]}) {localize(rights[i], lang)}"
            for d, i in enumerate(slot.order)
        ]
    if kind == "numeric" and q.unit is not None:
        lines.append(t("how_numeric_unit", ui, unit=localize(q.unit, lang)))
    else:
        lines.append(t(f"how_{kind}", ui))
    return lines


def describe(question: Any, response: Any, lang: str, ui: str) -> str:
    """A response (file order) in words."""
    kind = question.type
    if kind == "single":
        return localize(question.choices[response].text, lang)
    if kind == "multiple":
        chosen = [localize(question.choices[i].text, lang) for i in response]
        return "; ".join(chosen) if chosen else t("nothing", ui)
    if kind == "true_false":
        return t("true" if response else "false", ui)
    if kind == "ordering":
        return " → ".join(localize(question.items[i], lang) for i in response)
    if kind == "matching":
        rights = _matching_rights(question)
        return "; ".join(
            f"{localize(p.left, lang)} → "
            + (localize(rights[r], lang) if r is not None else t("unmatched", ui))
            for p, r in zip(question.pairs, response, strict=True)
        )
    return str(response)


def describe_right(question: Any, right: Any, lang: str, ui: str) -> str:
    """The right answer in words; numbers in the reader's style, with unit and tolerance."""
    if question.type != "numeric":
        return describe(question, right, lang, ui)
    best = max(question.accepted(), key=lambda v: v.weight)
    # As the content writes it: Rp14,7 triliun, 158,273 miliar RMB.
    unit = localize(question.unit, lang) if question.unit is not None else ""
    text = format_with_unit(best.value, unit, ui)
    if best.tolerance.value:
        tol = best.tolerance
        from quizapp import cldr

        shown = cldr.percent_exact(tol.value, ui) if tol.relative else format_number(tol.value, ui)
        text += f" ({t('tolerance', ui, tol=shown)})"
    return text


def _amount(value: float, ui: str) -> str:
    """Points for display: at most two decimals, in the reader's style."""
    return format_number(round(value, 2) + 0.0, ui)


def _pct(fraction: float, ui: str) -> str:
    """A whole percentage as the interface language writes it (CLDR)."""
    from quizapp import cldr

    return cldr.percent(fraction, ui)


def _clock(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


# -- the loop ------------------------------------------------------------------------------


class PlainSession:
    """One attempt, run over a text stream pair."""

    def __init__(
        self, attempt: Attempt, lang: str, stdin: TextIO, stdout: TextIO, title: str = ""
    ) -> None:
        self.attempt = attempt
        self.lang = lang
        self.ui = ui_language(lang)
        self.stdin = stdin
        self.stdout = stdout
        self.title = title

    # output and input

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    def ask(self) -> str | None:
        """One line of input, or None at the end of input."""
        self.stdout.write("> ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            return None
        # Undecodable bytes (kept as lone surrogates by some streams) become U+FFFD: the
        # answer is still recorded, and the store can encode it.
        line = line.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        return line.rstrip("\r\n")

    def tr(self, key: str, **values: Any) -> str:
        return t(key, self.ui, **values)

    # the session

    def run(self) -> AttemptResult:
        attempt = self.attempt
        mode = attempt.mode
        if self.title:
            self.say(self.title)
        self.say(
            self.tr(f"mode_{mode}"),
            self.tr(
                "count",
                n=len(attempt.slots),
                seed=attempt.seed,
            ),
        )
        if mode != "exam":
            self.say(self.tr("practice_commands"))
        limit = attempt.started_record.time_limit_seconds
        if attempt.deadline is not None and limit is not None:
            self.say(self.tr("time_limit", time=_clock(timedelta(seconds=limit))))
        try:
            reason = self._exam() if mode == "exam" else self._one_by_one()
        except TimeUp:
            reason = "time_up"
        if reason == "time_up":
            self.say("", self.tr("time_up"))
        elif reason == "end_of_input":
            self.say("", self.tr("end_of_input"))
        result = attempt.submit(reason)
        self._results(result)
        return result

    def _show(self, position: int) -> None:
        attempt = self.attempt
        slot = attempt.present(position)
        state = attempt.states[position]
        points = slot.question.points
        head = self.tr("question", i=position + 1, n=len(attempt.slots))
        head += " " + (
            self.tr("point") if points == 1 else self.tr("points", points=_amount(points, self.ui))
        )
        if state.flagged:
            head += " " + self.tr("flagged")
        self.say("", head)
        remaining = attempt.remaining()
        if remaining is not None:
            self.say(self.tr("time_left", time=_clock(remaining)))
        self.say(*question_lines(slot, self.lang, self.ui))
        if attempt.mode == "exam" and state.response is not None:
            answer = describe(slot.question, state.response, self.lang, self.ui)
            self.say(self.tr("current", answer=answer))

    def _one_by_one(self) -> FinishReason:
        """Practice and review: each open question in turn, feedback after each answer."""
        attempt = self.attempt
        start = attempt.first_open()
        if start is None:
            return "submitted"
        for position in range(start, len(attempt.slots)):
            if attempt.states[position].done:
                continue
            self._show(position)
            while True:
                line = self.ask()
                if line is None:
                    return "end_of_input"
                command = line.strip().lower()
                if command == ":submit":
                    return "submitted"
                if command == ":skip":
                    attempt.move_on(position)
                    self._after(position)  # shows nothing when it was never answered
                    break
                if command == ":help":
                    self.say(self.tr("help_practice"))
                    continue
                if command.startswith(":"):
                    self._command_error(command)
                    continue
                if attempt.states[position].tries and not line.strip():
                    attempt.move_on(position)  # Enter after feedback: no retry
                    self._after(position)
                    break
                if not self._answer(position, line):
                    continue
                if attempt.retry_allowed(position):
                    tries = attempt.states[position].tries
                    best = max(0.0, 1 - tries / 3)
                    self.say(self.tr("try_again", pct=_pct(best, self.ui)))
                    continue
                self._after(position)
                break
        return "submitted"

    def _examples(self) -> list[str]:
        """Format examples for an unreadable number, none of them this attempt's answer."""
        from quizapp.engine.examples import number_examples

        if not hasattr(self, "_number_examples"):
            questions = [slot.question for slot in self.attempt.slots]
            self._number_examples = number_examples(questions, self.ui)
        return self._number_examples

    def _answer(self, position: int, line: str) -> bool:
        """Give the line as an answer; say what the mode says; True when it was taken."""
        attempt = self.attempt
        slot = attempt.slots[position]
        response = read_response(slot, line, self.ui)
        if isinstance(response, Invalid):
            self.say(response.message)
            return False
        outcome = attempt.answer(position, response)
        if isinstance(outcome, Unreadable):
            self.say(outcome.message(self.ui, self._examples()))
            return False
        if attempt.mode != "exam":
            self._verdict(outcome)
        return True

    def _verdict(self, outcome: Answered) -> None:
        graded: Grade = outcome.grade
        if graded.status == "correct":
            self.say(self.tr("right"))
        elif graded.status == "partial":
            self.say(self.tr("partly", pct=_pct(graded.credit, self.ui)))
        else:
            self.say(self.tr("wrong"))
        for text in graded.feedback:
            self.say(localize(text, self.lang))

    def _after(self, position: int) -> None:
        """Once a question is closed: the right answer (if missed) and the explanation."""
        slot = self.attempt.slots[position]
        state = self.attempt.states[position]
        graded = state.grade
        if graded is None:
            return
        if graded.status != "correct":
            right = describe_right(slot.question, graded.right_answer, self.lang, self.ui)
            self.say(self.tr("right_answer", answer=right))
        if graded.explanation is not None:
            self.say(self.tr("explanation", text=localize(graded.explanation, self.lang)))

    def _exam(self) -> FinishReason:
        attempt = self.attempt
        n = len(attempt.slots)
        position = attempt.first_open()
        position = 0 if position is None else position
        shown = False
        while True:
            if attempt.overdue():
                raise TimeUp(attempt.submit("time_up"))
            if position >= n:
                if not shown:
                    self.say("", self.tr("at_end", left=len(attempt.unanswered())))
                    shown = True
            elif not shown:
                self._show(position)
                shown = True
            line = self.ask()
            if line is None:
                return "end_of_input"
            command = line.strip().lower()
            if command.startswith(":"):
                word, _, arg = command.partition(" ")
                if word == ":submit":
                    return "submitted"
                if word == ":help":
                    self.say(self.tr("help_exam"))
                elif word == ":list":
                    self._list(position)
                elif word == ":skip" and position < n:
                    position, shown = position + 1, False
                elif word == ":flag" and position < n:
                    # Stays on the question: the next answer is still this one's.
                    flagged = not attempt.states[position].flagged
                    attempt.flag(position, flagged)
                    self.say(self.tr("flag_on" if flagged else "flag_off", i=position + 1))
                elif word == ":back":
                    position, shown = max(0, min(position, n) - 1), False
                elif word in (":go", ":goto", ":jump"):
                    target = arg.strip()
                    if target.isdecimal() and len(target) <= MAX_DIGITS and 1 <= int(target) <= n:
                        position, shown = int(target) - 1, False
                    else:
                        self.say(self.tr("bad_go", n=n))
                else:
                    self._command_error(word)
                continue
            if position >= n:
                self.say(self.tr("at_end", left=len(attempt.unanswered())))
                continue
            if not line.strip():
                position, shown = position + 1, False  # Enter alone: skip
                continue
            if self._answer(position, line):
                position, shown = position + 1, False

    def _list(self, position: int) -> None:
        """Every question's state, as the app's navigator shows it: answered or not,
        flagged, and the one you are on."""
        for i, state in enumerate(self.attempt.states, 1):
            flag = " " + self.tr("flagged") if state.flagged else ""
            if i - 1 == position:
                flag += " " + self.tr("here")
            done = self.tr("answered" if state.response is not None else "unanswered")
            self.say(self.tr("list_line", i=i, state=done, flag=flag))

    def _command_error(self, command: str) -> None:
        known = (":skip", ":flag", ":back", ":go", ":list", ":submit", ":help")
        if command in known:
            self.say(self.tr("not_here", command=command))
        else:
            self.say(self.tr("unknown_command", command=command))

    def _results(self, result: AttemptResult) -> None:
        ui, lang = self.ui, self.lang
        self.say("", self.tr("results"))
        for slot, state, item in zip(
            self.attempt.slots, self.attempt.states, result.questions, strict=True
        ):
            q = slot.question
            self.say(
                self.tr(
                    "result_line",
                    i=item.position + 1,
                    status=self.tr(f"status_{item.status}"),
                    points=_amount(item.points, ui),
                    max=_amount(item.max_points, ui),
                )
            )
            self.say("   " + localize(q.prompt, lang))
            if item.response is not None:
                answer = describe(q, item.response, lang, ui)
                self.say("   " + self.tr("your_answer", answer=answer))
            if state.grade is None or state.grade.status != "correct":
                right = describe_right(q, item.right_answer, lang, ui)
                self.say("   " + self.tr("right_answer", answer=right))
            if self.attempt.mode == "exam":
                for text in item.feedback:
                    self.say("   " + localize(text, lang))
            if item.explanation is not None:
                self.say("   " + self.tr("explanation", text=localize(item.explanation, lang)))
        self.say("")
        if result.feedback is not None:
            self.say(localize(result.feedback, lang))
        if result.pass_mark is not None:
            key = "passed" if result.passed else "failed"
            self.say(self.tr(key, pct=_pct(result.pass_mark, self.ui)))
        self.say(
            self.tr(
                "score",
                points=_amount(result.points, ui),
                max=_amount(result.max_points, ui),
                pct=_pct(result.fraction, ui),
            )
        )


def run_plain(
    attempt: Attempt, lang: str, stdin: TextIO, stdout: TextIO, title: str = ""
) -> AttemptResult:
    """Run `attempt` over `stdin`/`stdout`; return its result (also given to its recorder).
    What is printed has control characters made visible (`model.terminal`); undecodable
    input bytes are read as U+FFFD rather than stopping the attempt."""
    reconfigure = getattr(stdin, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
            reconfigure(errors="replace")
    stdout = TerminalStream.wrap(stdout)
    try:
        return PlainSession(attempt, lang, stdin, stdout, title).run()
    except AttemptError as exc:  # pragma: no cover - the session only asks what is open
        raise SystemExit(str(exc)) from exc
