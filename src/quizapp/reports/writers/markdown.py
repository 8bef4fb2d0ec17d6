"""Markdown writer: titled tables; quiz and learner text escaped so it shows as written
(no markup, no raw HTML) wherever the Markdown is rendered."""

from __future__ import annotations

import re
from typing import Any

from quizapp.reports.writers.tables import Cell, fmt, report_tables

# Only what is markup inside a line: emphasis (* _ ~), code (`), links ([ ]), the table's
# cell separator (|) and the escape itself. Text never starts a line here (cells sit after
# "| ", titles after "## "), so list and heading markers need no escape, and with "[" and
# "]" escaped, "(", ")" and "!" can no longer make a link or an image.
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape_md(text: str) -> str:
    """Text as literal Markdown: punctuation backslash-escaped, HTML characters as entities,
    line breaks as spaces so a table row stays one line."""
    # "&" only where it would start an entity, so "J&T" stays readable in the raw file.
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return " ".join(text.splitlines())


def _cell(value: Cell, lang: str) -> str:
    return escape_md(fmt(value)) if isinstance(value, str) else fmt(value, lang)


def render_markdown(report: Any) -> bytes:
    lines: list[str] = []
    for table in report_tables(report):
        lines += [f"## {escape_md(table.title)}", ""]
        if table.headers:
            lines.append("| " + " | ".join(escape_md(h) or " " for h in table.headers) + " |")
            lines.append(
                "|"
                + "|".join(
                    "---:" if i in table.numeric else "---" for i in range(len(table.headers))
                )
                + "|"
            )
            for row in table.rows:
                lines.append("| " + " | ".join(_cell(v, report.language) for v in row) + " |")
        lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
