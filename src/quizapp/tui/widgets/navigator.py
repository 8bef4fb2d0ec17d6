"""The exam's question navigator: every question's number and state in a grid, as in
Moodle's quiz navigation, but keyboard-first (arrows choose, Enter opens, Esc closes).

It lives on the quiz screen, hidden until asked for: showing it is a redraw of that
screen, not a new screen, so it opens as fast as the next question is drawn.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from quizapp.tui.widgets.text import styled

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


class QuestionGrid(Widget, can_focus=True):
    """The grid; posts `Jump` with the chosen question's index, or `Close`."""

    DEFAULT_CSS = """
    QuestionGrid { height: auto; width: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", "open", show=False),
        Binding("escape", "close", "back"),
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
        Binding("up", "row(-1)", show=False),
        Binding("down", "row(1)", show=False),
        Binding("home", "to(0)", show=False),
        Binding("end", "to(-1)", show=False),
    ]

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
        self.cells = cells
        self.cursor = cursor
        self.refresh(layout=True)

    @property
    def columns(self) -> int:
        return max(1, self.size.width // CELL) if self.size.width else 10

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        per_row = max(1, width // CELL)
        return max(1, -(-len(self.cells) // per_row))

    def render(self) -> Content:
        per_row = self.columns
        lines: list[Content] = []
        for start in range(0, len(self.cells), per_row):
            line = Content("")
            for i in range(start, min(start + per_row, len(self.cells))):
                cell = self.cells[i]
                style = "$success" if cell.answered else "$text-muted"
                if cell.flagged:
                    style = "$warning"
                if cell.current:
                    style += " bold"
                if i == self.cursor and self.has_focus:
                    style += " reverse"
                line += styled(f"[{style}]$t[/]", t=cell_text(i + 1, cell)) + Content(" ")
            lines.append(line)
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

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
