"""Answer inputs, one per kind of question, all usable from the keyboard alone.

Each posts `AnswerGiven` with a response in the contract of `quizapp.model.response`
(authored-order indexes), whatever order the items are shown in.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Button, Checkbox, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.widgets.selection_list import Selection

from quizapp.tui.screens.base import AppModal
from quizapp.tui.widgets.inputs import InOrderInput
from quizapp.tui.widgets.navigator import QuietFocus
from quizapp.tui.widgets.text import styled


class AnswerGiven(Message):
    """The learner gave an answer (not yet checked)."""

    def __init__(self, response: Any) -> None:
        super().__init__()
        self.response = response


def _numbered(n: int, text: str) -> Content:
    return styled("[b]$n[/b]  $text", n=n, text=text)


def _digit(character: str | None, count: int) -> int | None:
    """The 0-based index a number key picks, if it picks one."""
    if character and character.isdigit() and character != "0":
        index = int(character) - 1
        return index if index < count else None
    return None


class ChoiceAnswer(QuietFocus, OptionList):
    """One choice: arrows and Enter, a number key, or a click.

    With `marks`, each choice reads `○`, and the answer given `●`: going back to an
    answered question shows what was chosen, not only where the cursor is."""

    def __init__(
        self,
        labels: list[str],
        values: list[Any],
        chosen: Any = None,
        *,
        marks: bool = False,
        highlighted: Any = None,
    ) -> None:
        self.marks = marks
        super().__init__(*self._choice_options(labels, values, chosen), classes="answer")
        self.labels = labels
        self.values = values
        self.chosen = chosen
        self._start_at = chosen if highlighted is None else highlighted

    def _choice_options(self, labels: list[str], values: list[Any], chosen: Any) -> list[Option]:
        if not self.marks:
            return [Option(_numbered(i + 1, label)) for i, label in enumerate(labels)]
        return [
            Option(
                styled("[b]$n[/b] [b]●[/b] [b]$text[/b]", n=i + 1, text=label)
                if value == chosen and chosen is not None
                else styled("[b]$n[/b] ○ $text", n=i + 1, text=label)
            )
            for i, (label, value) in enumerate(zip(labels, values, strict=True))
        ]

    def on_mount(self) -> None:
        if self._start_at in self.values:
            self.highlighted = self.values.index(self._start_at)

    def replace(
        self, labels: list[str], values: list[Any], chosen: Any = None, highlighted: Any = None
    ) -> None:
        """Show another question's choices in place: cheaper than a new widget."""
        self.values = values
        self.chosen = chosen
        self.clear_options()
        self.add_options(self._choice_options(labels, values, chosen))
        at = chosen if highlighted is None else highlighted
        self.highlighted = values.index(at) if at in values else 0

    def pending(self) -> Any:
        """The value highlighted now (kept when the screen is redrawn in another language)."""
        at = self.highlighted
        return self.values[at] if at is not None and at < len(self.values) else None

    def draft(self, given: Any = None) -> Any:
        """A choice is given when it is chosen: nothing is ever half-given."""
        return None

    def on_key(self, event: Any) -> None:
        index = _digit(event.character, len(self.values))
        if index is not None:
            event.stop()
            self.highlighted = index
            self.action_select()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerGiven(self.values[event.option_index]))


class MultiAnswer(QuietFocus, SelectionList[int]):
    """Several choices: Space or a number key toggles, Enter submits.

    A ticked box reads `▐X▌` and an empty one `▐ ▌`: the state shows without colour
    (Textual's own box draws `X` in both states and tells them apart by colour only).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "submit", show=True)]

    TICKED = Checkbox.BUTTON_INNER
    UNTICKED = " " * len(Checkbox.BUTTON_INNER)

    def __init__(
        self, labels: list[str], values: list[int], selected: list[int], highlighted: int = 0
    ) -> None:
        super().__init__(
            *(
                Selection(_numbered(i + 1, label), value, value in selected)
                for i, (label, value) in enumerate(zip(labels, values, strict=True))
            ),
            classes="answer",
        )
        self.values = values
        self._start_at = highlighted

    def on_mount(self) -> None:
        if 0 < self._start_at < len(self.values):
            self.highlighted = self._start_at

    def pending(self) -> list[int]:
        """The ticks not yet submitted (kept when the screen is redrawn)."""
        return sorted(self.selected)

    def draft(self, given: Any = None) -> list[int] | None:
        """Ticks changed and not submitted (other than the answer `given`), or None."""
        ticks = sorted(self.selected)
        return ticks if ticks and ticks != sorted(given or []) else None

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        try:
            value = self.get_option_at_index(self.scroll_offset.y + y).value
        except OptionDoesNotExist:  # a line below the last choice: no box on it
            return strip
        # The box is the first three segments: left side, inner mark, right side.
        if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        inner = self.TICKED if value in self._selected else self.UNTICKED
        segments[1] = segments[1]._replace(text=inner)
        return Strip(segments, strip.cell_length)

    def on_key(self, event: Any) -> None:
        index = _digit(event.character, len(self.values))
        if index is not None:
            event.stop()
            self.highlighted = index
            self.toggle(self.values[index])

    def action_submit(self) -> None:
        self.post_message(AnswerGiven(sorted(self.selected)))


class _TypedAnswer(QuietFocus, InOrderInput):
    """The box of a typed answer."""


class _MatchRows(QuietFocus, OptionList):
    """The rows of a matching question."""


class TextAnswer(Vertical):
    """A typed answer (short or numeric), submitted with Enter."""

    DEFAULT_CSS = """
    TextAnswer { height: auto; }
    TextAnswer Horizontal { height: auto; }
    TextAnswer Input { width: 1fr; }
    TextAnswer .unit { width: auto; padding: 1 1 0 1; }
    """

    def __init__(self, value: str, hint: str, unit: str = "", *, unit_first: bool = False) -> None:
        super().__init__(classes="answer")
        self._value = value
        self._hint = hint
        self._unit = unit
        # "Rp" stands before the box, as it is written before the number.
        self._unit_first = unit_first

    def compose(self) -> ComposeResult:
        with Horizontal():
            if self._unit and self._unit_first:
                yield Label(Content(self._unit), classes="unit")
            typed = _TypedAnswer(self._value, id="typed", select_on_focus=False)
            # Blink off when animations are (snapshot tests need a still cursor).
            typed.cursor_blink = self.app.animation_level != "none"
            yield typed
            if self._unit and not self._unit_first:
                yield Label(Content(self._unit), classes="unit")
        yield Static(Content(self._hint), classes="hint")

    def focus(self, scroll_visible: bool = True) -> TextAnswer:
        # Asked before compose ran: focus the input as soon as it exists.
        found = self.query(Input)
        if found:
            found.first().focus(scroll_visible)
        else:
            self._wants_focus = True
        return self

    def on_mount(self) -> None:
        if getattr(self, "_wants_focus", False):
            self.query_one(Input).focus()

    def pending(self) -> str:
        """The text typed so far (kept when the screen is redrawn)."""
        found = self.query(Input)
        return found.first().value if found else self._value

    def draft(self, given: Any = None) -> str | None:
        """Text typed and not submitted (other than the answer `given`), or None."""
        text = self.pending()
        return text if text.strip() and text != (None if given is None else str(given)) else None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerGiven(event.value))


class OrderingAnswer(QuietFocus, OptionList):
    """Put items in order: arrows pick one, Shift+arrows or [ and ] move it, Enter submits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not "move": the quiz screen's own move(1) (next question) reads "Skip" when unanswered.
        # One footer key for both directions ("⇧↑↓ Move"): an exam's keys must fit 80 columns.
        Binding("shift+up,left_square_bracket,minus", "reorder(-1)", "reorder", key_display="⇧↑↓"),
        Binding("shift+down,right_square_bracket,plus", "reorder(1)", "reorder", show=False),
        Binding("enter", "submit", "submit", show=True),
    ]

    def __init__(self, labels: list[str], order: list[int]) -> None:
        super().__init__(classes="answer")
        self.labels = labels
        """Item text by authored index."""
        self.order = list(order)
        """Authored indexes in the order shown."""

    def on_mount(self) -> None:
        self._redraw(0)

    def _redraw(self, highlighted: int) -> None:
        self.clear_options()
        self.add_options(
            [Option(_numbered(n + 1, self.labels[i])) for n, i in enumerate(self.order)]
        )
        self.highlighted = highlighted

    def pending(self) -> list[int]:
        """The order shown now, submitted or not (kept when the screen is redrawn)."""
        return list(self.order)

    def draft(self, given: Any = None) -> list[int] | None:
        """The order as moved and not submitted, or None when nothing was moved."""
        moved = getattr(self, "_moved", False)
        return list(self.order) if moved and list(self.order) != given else None

    def action_reorder(self, step: int) -> None:
        at = self.highlighted
        if at is None:
            return
        to = at + step
        if 0 <= to < len(self.order):
            self.order[at], self.order[to] = self.order[to], self.order[at]
            self._moved = True
            self._redraw(to)

    def action_submit(self) -> None:
        self.post_message(AnswerGiven(list(self.order)))


class MatchingAnswer(Vertical):
    """Match each left item: pick a row, press the number of its match; Submit when done."""

    DEFAULT_CSS = """
    MatchingAnswer { height: auto; }
    MatchingAnswer OptionList { height: auto; max-height: 10; }
    MatchingAnswer .legend { height: auto; padding: 0 1; }
    MatchingAnswer Button { margin: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "submit", "submit")]

    def __init__(
        self,
        lefts: list[str],
        rights: list[str],
        order: list[int],
        chosen: list[int | None],
        unmatched: str,
        submit: str,
    ) -> None:
        super().__init__(classes="answer")
        self.lefts = lefts
        self.rights = rights
        """Right items by response index (pairs, then distractors)."""
        self.order = order
        """Response indexes of right items in the order shown (numbered from 1)."""
        self.chosen: list[int | None] = list(chosen) or [None] * len(lefts)
        self._unmatched = unmatched
        self._submit = submit

    def compose(self) -> ComposeResult:
        yield _MatchRows(id="rows")
        legend = Content("\n").join(
            _numbered(n + 1, self.rights[i]) for n, i in enumerate(self.order)
        )
        yield Static(legend, classes="legend")
        yield Button(Content(self._submit), id="submit-matching", compact=True)

    def on_mount(self) -> None:
        self._redraw(0)
        if getattr(self, "_wants_focus", False):
            self.query_one("#rows").focus()

    def focus(self, scroll_visible: bool = True) -> MatchingAnswer:
        # Asked before compose ran: focus the rows as soon as they exist.
        found = self.query("#rows")
        if found:
            found.first().focus(scroll_visible)
        else:
            self._wants_focus = True
        return self

    def pending(self) -> list[int | None]:
        """The matches set so far, submitted or not (kept when the screen is redrawn)."""
        return list(self.chosen)

    def draft(self, given: Any = None) -> list[int | None] | None:
        """Matches set and not submitted, or None."""
        chosen = list(self.chosen)
        if all(c is None for c in chosen) or chosen == given:
            return None
        return chosen

    def _redraw(self, highlighted: int) -> None:
        rows = self.query_one("#rows", OptionList)
        rows.clear_options()
        for left, chosen in zip(self.lefts, self.chosen, strict=True):
            if chosen is None:
                line = styled("$left  →  [dim]$none[/dim]", left=left, none=self._unmatched)
            else:
                n = self.order.index(chosen) + 1
                line = styled(
                    "$left  →  [b]$n[/b] $right", left=left, n=n, right=self.rights[chosen]
                )
            rows.add_option(Option(line))
        rows.highlighted = highlighted

    def on_key(self, event: Any) -> None:
        index = _digit(event.character, len(self.order))
        rows = self.query_one("#rows", OptionList)
        if index is not None and rows.has_focus and rows.highlighted is not None:
            event.stop()
            row = rows.highlighted
            self.chosen[row] = self.order[index]
            self._redraw(min(row + 1, len(self.lefts) - 1))

    @on(OptionList.OptionSelected, "#rows")
    def _row_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = event.option_index

        def picked(index: int | None) -> None:
            if index is not None:
                self.chosen[row] = self.order[index]
                self._redraw(min(row + 1, len(self.lefts) - 1))

        self.app.push_screen(
            MatchPicker(self.lefts[row], [self.rights[i] for i in self.order]), picked
        )

    @on(Button.Pressed, "#submit-matching")
    def action_submit(self) -> None:
        self.post_message(AnswerGiven(list(self.chosen)))


class MatchPicker(AppModal):
    """Choose the right-hand item for one left item."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "back")]

    def __init__(self, left: str, rights: list[str]) -> None:
        super().__init__()
        self.left = left
        self.rights = rights

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(styled("[b]$left[/b]", left=self.left))
            yield ChoiceAnswer(self.rights, list(range(len(self.rights))))

    def on_mount(self) -> None:
        self.query_one(ChoiceAnswer).focus()

    @on(AnswerGiven)
    def _picked(self, event: AnswerGiven) -> None:
        event.stop()
        self.dismiss(event.response)
