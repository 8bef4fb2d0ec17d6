"""A problem found in a file: where it is and what is wrong, in one sentence."""

from __future__ import annotations

from typing import Literal

from quizapp.model.deferred import dataclass as frozen_dataclass

Path = tuple[str | int, ...]


# A plain dataclass (frozen as the models are, without the stdlib's compiled methods: a
# warm start imports it): only quizapp makes problems, and a cached catalog's problems are
# read back without importing pydantic.
@frozen_dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one file, located as precisely as the file allows."""

    file: str
    """The file as the user named it."""
    message: str
    """What is wrong, in plain words, without the location."""
    line: int | None = None
    """1-based line, when known."""
    column: int | None = None
    """1-based column, when known."""
    question: int | None = None
    """1-based position of the question in the file, when the problem is in one."""
    question_id: str | None = None
    """The question's id, when it has a readable one."""
    field: str | None = None
    """The field, as a path within the question or the [quiz] table, e.g. `choices[2].text`."""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        subject = ""
        if self.question is not None:
            subject = f"question {self.question}"
            if self.question_id:
                subject += f' ("{self.question_id}")'
        elif self.field is not None and self.field.startswith("quiz"):
            subject = "[quiz]"
        if self.field:
            shown = self.field.removeprefix("quiz.") if subject == "[quiz]" else self.field
            if shown and shown != "quiz":
                subject += f"{', ' if subject else ''}field {shown}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{subject + ': ' if subject else ''}{self.message}"


def field_path(path: Path) -> str:
    """Show a key path for humans: list positions 1-based, as questions are numbered."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out
