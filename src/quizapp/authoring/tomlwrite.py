"""A small, careful TOML writer for quiz data.

Our own rather than tomli-w because quiz files are read by people: questions go in
`[[questions]]` tables, choices in one inline table per line, translations inline, and
multi-line text as multi-line strings. Every string is escaped so that `tomli` reads back
exactly what was written (a property test checks arbitrary Unicode).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\f": "\\f", "\r": "\\r"}


def key(name: str) -> str:
    """A key, bare when TOML allows it, quoted otherwise."""
    return name if _BARE_KEY.fullmatch(name) else string(name)


def _escape(text: str, keep_newlines: bool) -> str:
    out: list[str] = []
    for ch in text:
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ch == "\n":
            out.append("\n" if keep_newlines else "\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def string(text: str, *, multiline: bool = False) -> str:
    """A basic string; a multi-line one when asked and the text has a line break."""
    if multiline and "\n" in text:
        # The newline right after the opening quotes is trimmed by TOML readers.
        return '"""\n' + _escape(text, keep_newlines=True) + '"""'
    return '"' + _escape(text, keep_newlines=False) + '"'


def value(obj: Any, *, multiline: bool = False) -> str:
    """Any value of quiz data as inline TOML."""
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise ValueError(f"TOML quiz files hold finite numbers only, not {obj!r}")
        text = repr(obj)
        return text if any(c in text for c in ".eE") else text + ".0"
    if isinstance(obj, str):
        return string(obj, multiline=multiline)
    if isinstance(obj, Mapping):
        if not obj:
            return "{}"
        inner = ", ".join(f"{key(k)} = {value(v)}" for k, v in obj.items())
        return "{ " + inner + " }"
    if isinstance(obj, Sequence):
        return "[" + ", ".join(value(v) for v in obj) + "]"
    raise TypeError(f"cannot write {type(obj).__name__} as TOML")


def _is_table_list(obj: Any) -> bool:
    return (
        isinstance(obj, Sequence)
        and not isinstance(obj, str)
        and bool(obj)
        and all(isinstance(v, Mapping) for v in obj)
    )


def table_body(table: Mapping[str, Any]) -> list[str]:
    """The `key = value` lines of one table; lists of tables as one inline table a line."""
    lines: list[str] = []
    for name, item in table.items():
        if item is None:
            continue
        if _is_table_list(item):
            lines.append(f"{key(name)} = [")
            lines.extend(f"  {value(v)}," for v in item)
            lines.append("]")
        else:
            lines.append(f"{key(name)} = {value(item, multiline=True)}")
    return lines


def dumps_quiz(
    quiz: Mapping[str, Any],
    questions: Sequence[Mapping[str, Any]],
    *,
    header: Sequence[str] = (),
    question_comments: Sequence[Sequence[str]] | None = None,
) -> str:
    """A whole quiz file: `header` comment lines, `[quiz]`, then one `[[questions]]` each.

    Lists of tables inside `[quiz]` (feedback bands, includes) become `[[quiz.NAME]]`.
    `question_comments[i]` are comment lines written above question i.
    """
    lines = [f"# {c}" if c and not c.startswith("#") else (c or "#") for c in header]
    if lines:
        lines.append("")
    plain = {k: v for k, v in quiz.items() if not _is_table_list(v)}
    lines.append("[quiz]")
    lines.extend(table_body(plain))
    for name, item in quiz.items():
        if _is_table_list(item):
            for entry in item:
                lines.append("")
                lines.append(f"[[quiz.{key(name)}]]")
                lines.extend(table_body(entry))
    for i, question in enumerate(questions):
        lines.append("")
        if question_comments and i < len(question_comments):
            lines.extend(f"# {c}" if c else "#" for c in question_comments[i])
        lines.append("[[questions]]")
        lines.extend(table_body(question))
    return "\n".join(lines) + "\n"
