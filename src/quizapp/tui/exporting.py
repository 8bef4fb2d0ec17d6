"""Saving reports from the app: the reports service, run in a thread worker.

An attempt report from the results screen, a learner report from the progress screen,
both as one self-contained HTML file in `DATA_DIR/reports/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message


class ReportSaved(Message):
    """A report was written (or could not be: `error` says why in one sentence)."""

    def __init__(self, path: Path | None, error: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.error = error


def can_export(app: Any) -> bool:
    """Reports read the score store: only when the app has one."""
    from quizapp.tui.store_history import StoreHistory

    return isinstance(app.history, StoreHistory)


def save_html_report(app: Any, name: str, **scope: str) -> ReportSaved:
    """Build and save a report (blocking: call it from a worker)."""
    from quizapp import locations
    from quizapp.reports.service import ReportError, ReportRequest, build_report, save_report

    folder = app.settings.data_dir / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        built = build_report(
            ReportRequest(lang=app.lang, **scope),
            database=locations.database_path(app.settings.data_dir),
            catalog=app.catalog,
        )
        path = save_report(built.report, "html", folder / f"{name}.html", force=True)
    except (ReportError, OSError) as exc:
        return ReportSaved(None, str(exc))
    return ReportSaved(path)
