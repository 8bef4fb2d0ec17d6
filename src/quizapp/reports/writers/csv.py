"""CSV writer: UTF-8 with a byte-order mark, so spreadsheets open Indonesian and other
non-ASCII text correctly; tables one after another, each with a title row, a header row
and a blank row after it.

A text cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
a tab or a carriage return, after any white space) is neutralised by a leading
apostrophe, as OWASP advises.
Numbers are written as numbers, so a negative discrimination index stays a number.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from quizapp.reports.writers.tables import Cell, report_tables

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet will show, never evaluate. Leading white space does not hide a
    formula: some spreadsheets trim it on import (` =1+1`, `\n@SUM(A1)`)."""
    live = text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)
    return "'" + text if live else text


def cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # One rule: four decimal places at most, no trailing zeros, a decimal point.
        return f"{round(value, 4) + 0.0:.4f}".rstrip("0").rstrip(".")
    return neutralise(str(value))


def render_csv(report: Any) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for i, table in enumerate(report_tables(report, human=False)):
        if i:
            writer.writerow([])
        writer.writerow([neutralise(table.title)])
        writer.writerow([neutralise(h) for h in table.headers])
        for row in table.rows:
            writer.writerow([cell(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")
