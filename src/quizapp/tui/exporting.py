"""Saving reports from the app: where a report goes by default, and the blocking work
(the reports service) that the export dialog runs in a thread worker.

An attempt report from the results screen, a learner report from the progress screen,
in any of the service's formats, to a path the learner chose.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypedDict

from quizapp.i18n import explain

FORMATS = ("html", "md", "csv", "json")
"""The report formats, in the order the dialog offers them (HTML first: it prints)."""


class Scope(TypedDict, total=False):
    """What a report from the app covers (one key): an attempt, or a learner's attempts."""

    attempt: str
    learner: str


def can_export(app: Any) -> bool:
    """Reports read the score store: only when the app has one (and never in a served
    class, where a path would be on the server)."""
    if getattr(app, "class_mode", False):
        return False
    from quizapp.tui.store_history import StoreHistory

    return isinstance(app.history, StoreHistory)


def slug(text: str) -> str:
    """`text` as a safe piece of a file name: letters and digits kept, the rest `-`."""
    kept = "".join(c if c.isalnum() else "-" for c in text.strip())
    return "-".join(part for part in kept.split("-") if part)[:40] or "report"


def default_path(folder: Path, stem: str, when: datetime, fmt: str) -> Path:
    """`folder/stem-YYYY-MM-DD-HHMM.fmt`: sortable, and two exports a minute apart differ."""
    return folder / f"{slug(stem)}-{when:%Y-%m-%d-%H%M}.{fmt}"


def with_format(path: str, fmt: str) -> str:
    """`path` with its report extension swapped for `fmt` (left alone if it has none)."""
    stem, dot, ext = path.rpartition(".")
    if dot and ext.lower() in FORMATS and "/" not in ext:
        return f"{stem}.{fmt}"
    return path


def write_report(
    app: Any,
    scope: Scope,
    fmt: str,
    path: Path,
    *,
    force: bool,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Build and save a report (blocking: call it from a worker). Raises `ExportError`
    with one sentence for the learner."""
    from quizapp import locations
    from quizapp.reports.files import OutputExistsError
    from quizapp.reports.service import ReportError, ReportRequest, build_report, save_report

    try:
        if path.parent == app.settings.data_dir / "reports":
            # Our own default folder; a folder the learner typed must already exist.
            path.parent.mkdir(parents=True, exist_ok=True)
        built = build_report(
            ReportRequest(lang=app.lang, **scope),
            database=app.settings.database or locations.database_path(app.settings.data_dir),
            catalog=app.catalog,
            progress=progress,
            modules=app.content,
        )
        return save_report(built.report, fmt, path, force=force)
    except OutputExistsError:
        values = {"path": str(path)}
        raise ExportError(app.t("export_exists", **values), "export_exists", **values) from None
    except ReportError as exc:
        problem = ExportError(str(exc))
        problem.said = exc
        raise problem from None
    except OSError as exc:
        problem = ExportError("", "export_failed", path=str(path))
        problem.oserror = exc
        problem.args = (problem.text(app.lang),)
        raise problem from None


class ExportError(Exception):
    """A report could not be written; the message is one sentence. `key` and `values`
    word it in any interface language (no key: the report service's own sentence)."""

    def __init__(self, message: str, key: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values
        self.oserror: OSError | None = None
        """The system's reason, worded in the interface language as `{reason}`."""
        self.said: Exception | None = None
        """The report service's error, worded in the interface language (no key)."""

    def text(self, lang: str) -> str:
        from quizapp.tui.i18n import t
        from quizapp.tui.oserrors import os_reason

        values = dict(self.values)
        if self.oserror is not None:
            values["reason"] = os_reason(self.oserror, lang)
        if self.key:
            return t(self.key, lang, **values)
        return explain(self.said, lang) if self.said is not None else str(self)
