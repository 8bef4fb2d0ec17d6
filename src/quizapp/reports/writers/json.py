"""JSON writer: the report model as it is; its schema is `quizapp.reports.models.report_schema`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel


def render_json(report: BaseModel) -> bytes:
    return (report.model_dump_json(indent=2) + "\n").encode("utf-8")
