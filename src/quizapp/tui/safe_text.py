"""Textual shows every control character visibly (`quizapp.model.terminal`).

Textual and Rich already drop a few control characters (bell, backspace, carriage
return...) from every text they are given, through one table each; ESC and the rest go
through to the terminal, where a quiz title could set the window title, write the
clipboard or wipe the screen. `install` widens those two tables to every C0 and C1
control (newline and tab aside), shown as `model.terminal.visible` shows them, so every
string any widget, title or notification shows passes the one sanitizer, and its width is
counted as shown. Called when the tui package is imported, before any widget exists.
"""

from __future__ import annotations

from quizapp.model.terminal import VISIBLE_TABLE


def install() -> None:
    """Make Textual's `Content` and Rich's `Text` show control characters visibly."""
    import rich.control
    import textual.content

    # Both functions take their table as a default argument: updated in place.
    for table in (
        textual.content._CONTROL_STRIP_TRANSLATE,
        rich.control._CONTROL_STRIP_TRANSLATE,
    ):
        table.update(VISIBLE_TABLE)  # type: ignore[arg-type]  # declared dict[int, None] (strip only); str.translate takes str values too
