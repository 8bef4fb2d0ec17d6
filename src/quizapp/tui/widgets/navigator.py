"""The exam's question navigator: every question's number and state in a grid, as in
Moodle's quiz navigation, but keyboard-first (arrows choose, Enter opens, Esc closes).

It lives on the quiz screen, hidden until asked for: showing it is a redraw of that
screen, not a new screen. It takes the focus while open, so every key is its own (a
letter typed meanwhile goes nowhere, not into the hidden answer box). The footer keeps the
question's keys (they all still work; Enter says "Select" if it was shown), so it is not
redrawn. So it opens about as fast as the next question is drawn.

Neither its box nor the answer widget it hides is restyled when the focus moves to it and
back (`Navigator.watch_has_focus`, `QuietFocus`): no rule styles the navigator by the
focus, and the hidden answer shows again focused, as it was. Its box is as high as what it
holds, not the whole screen: fewer lines to draw when it shows.

The focus goes to the navigator's box (`Navigator`), not to the grid: a widget gaining or
losing the focus is drawn again, and the box is drawn anyway when it shows, while the grid
(some 80 styled pieces) is then drawn only when a cell or the cursor changes.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

CELL = 7
"""Columns per question: " ▸12●⚑ " (current mark, number, state, flag)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Cell:
    """One question as the navigator shows it."""

    answered: bool
    flagged: bool
    current: bool


def cell_text(n: int, cell: Cell) -> str:
    """A cell's plain text: the same characters with or without colours."""
    return (
        ("▸" if cell.current else " ")
        + f"{n:>2}"
        + ("●" if cell.answered else "○")
        + ("⚑" if cell.flagged else " ")
    )


if TYPE_CHECKING:
    _Mixin = Widget
else:
    # A plain mixin at run time: a Widget subclass would set its own `can_focus` (False)
    # ahead of the option list's or the input's in the method order.
    _Mixin = object


class QuietFocus(_Mixin):
    """An answer widget that the navigator hides while it holds the focus: it looks as it
    did when the focus comes back, so the focus going and coming restyles nothing (Textual
    restyles a widget, an option list with all its parts, on each change of its focus).

    The quiz screen sets `hidden_by_navigator` as the navigator takes the focus from it,
    and restyles it itself if the focus does not come back to it (see `restyle`)."""

    hidden_by_navigator = False

    def watch_has_focus(self, has_focus: bool) -> None:
        if self.hidden_by_navigator:
            if has_focus:
                self.hidden_by_navigator = False  # back, and styled as it was
            return
        super().watch_has_focus(has_focus)

    def restyle(self) -> None:
        """The navigator closed and the focus went elsewhere: look unfocused now."""
        if self.hidden_by_navigator:
            self.hidden_by_navigator = False
            self.update_node_styles()


class QuestionGrid(Widget):
    """The grid; posts `Jump` with the chosen question's index, or `Close`. Its keys are
    the navigator box's (`Navigator`), which has the focus."""

    DEFAULT_CSS = """
    QuestionGrid { height: auto; width: 1fr; }
    """

    class Jump(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Close(Message):
        pass

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cells: list[Cell] = []
        self.cursor = 0

    def show(self, cells: list[Cell], cursor: int) -> None:
        if cells == self.cells and cursor == self.cursor:
            return  # drawn as it was: no need to draw it again
        # Its height changes only with the number of questions: a repaint otherwise.
        resized = len(cells) != len(self.cells)
        self.cells = cells
        self.cursor = cursor
        self.refresh(layout=resized)

    @property
    def columns(self) -> int:
        return max(1, self.size.width // CELL) if self.size.width else 10

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        per_row = max(1, width // CELL)
        return max(1, -(-len(self.cells) // per_row))

    def render(self) -> Content:
        per_row = self.columns
        lines: list[Content] = []
        gap = Content(" ")
        for start in range(0, len(self.cells), per_row):
            parts: list[Content] = []
            for i in range(start, min(start + per_row, len(self.cells))):
                cell = self.cells[i]
                style = "$success" if cell.answered else "$text-muted"
                if cell.flagged:
                    style = "$warning"
                if cell.current:
                    style += " bold"
                if i == self.cursor:
                    style += " reverse"
                # Styled directly, not as markup: the grid is drawn on every key.
                parts.append(Content.styled(cell_text(i + 1, cell), style))
            lines.append(gap.join(parts))
        return Content("\n").join(lines)

    def _move(self, to: int) -> None:
        if self.cells:
            self.cursor = max(0, min(len(self.cells) - 1, to))
            self.refresh()

    def action_step(self, step: int) -> None:
        self._move(self.cursor + step)

    def action_row(self, step: int) -> None:
        self._move(self.cursor + step * self.columns)

    def action_to(self, index: int) -> None:
        self._move(index if index >= 0 else len(self.cells) - 1)

    def action_jump(self) -> None:
        if self.cells:
            self.post_message(self.Jump(self.cursor))

    def action_close(self) -> None:
        self.post_message(self.Close())


class Navigator(Vertical, can_focus=True):
    """The navigator's box (title, grid, legend): it takes the focus and the grid's keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
        Binding("up", "row(-1)", show=False),
        Binding("down", "row(1)", show=False),
        Binding("home", "to(0)", show=False),
        Binding("end", "to(-1)", show=False),
        # In the footer in place of the answer's Enter and the screen's Esc, where those
        # are shown (see `QuizScreen.chain_bindings`); Esc goes back to the question.
        Binding("enter", "jump", "navigator_open"),
        Binding("escape", "close", "back"),
    ]

    @property
    def grid(self) -> QuestionGrid:
        return self.query_one(QuestionGrid)

    def watch_has_focus(self, has_focus: bool) -> None:
        """Nothing to restyle: no rule styles the navigator, or what it holds, by the
        focus (`tests/tui/test_exam.py` holds it so). Textual's watcher would restyle the
        box and everything in it each time it opens and closes."""

    def action_step(self, step: int) -> None:
        self.grid.action_step(step)

    def action_row(self, step: int) -> None:
        self.grid.action_row(step)

    def action_to(self, index: int) -> None:
        self.grid.action_to(index)

    def action_jump(self) -> None:
        self.grid.action_jump()

    def action_close(self) -> None:
        self.grid.action_close()
