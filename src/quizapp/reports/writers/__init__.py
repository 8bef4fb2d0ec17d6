"""Writers per format: each turns any report model into the bytes of a file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

Format = Literal["csv", "json", "md", "html"]
FORMATS: tuple[Format, ...] = ("csv", "json", "md", "html")


def render(report: Any, fmt: str) -> bytes:
    """The file contents of `report` in `fmt` (one of `FORMATS`, else ValueError: it is
    often what a person typed)."""
    return _writer(fmt)(report)


def _writer(fmt: str) -> Callable[[Any], bytes]:
    # Imported on demand: a CSV export need not load the HTML writer.
    if fmt == "csv":
        from quizapp.reports.writers.csv import render_csv

        return render_csv
    if fmt == "json":
        from quizapp.reports.writers.json import render_json

        return render_json
    if fmt == "md":
        from quizapp.reports.writers.markdown import render_markdown

        return render_markdown
    if fmt == "html":
        from quizapp.reports.writers.html import render_html

        return render_html
    raise ValueError(f"unknown report format {fmt!r}")
