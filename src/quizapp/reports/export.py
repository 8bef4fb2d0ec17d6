"""The portable learner export: one JSON file per learner, merged into a class.

Format (version 1), documented in docs/reports.md; its JSON Schema is `export_schema()`:

    {"format": "quizapp-learner-export", "version": 1, "exported_at": "...",
     "learner": {...}, "quiz_versions": [...], "attempts": [...]}

A reader accepts any version up to its own and says plainly when a file is newer, foreign
or damaged. Merging keys attempts by their globally unique id, so the same attempt found in
two files (a learner who exported twice) counts once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from quizapp.reports.analysis import Progress
from quizapp.reports.records import AttemptRecord, LearnerRecord, QuizVersionRecord

FORMAT = "quizapp-learner-export"
VERSION = 1
MAX_EXPORT_BYTES = 64 * 1024 * 1024
"""A learner's file is kilobytes; refuse anything absurd rather than fill memory."""


class LearnerExport(BaseModel):
    """A learner's results, portable between machines."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="quizapp learner export")

    format: Literal["quizapp-learner-export"] = FORMAT
    """Always "quizapp-learner-export": tells this file from any other JSON."""
    version: Literal[1] = VERSION
    """The format version; a newer quizapp may write a higher one."""
    exported_at: datetime
    app_version: str = ""
    """The quizapp that wrote the file."""
    learner: LearnerRecord
    quiz_versions: list[QuizVersionRecord] = Field(default_factory=list)
    """Every quiz version the attempts were taken on."""
    attempts: list[AttemptRecord] = Field(default_factory=list)


def export_schema() -> dict[str, Any]:
    """The JSON Schema of the export file."""
    schema = LearnerExport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def dump_export(export: LearnerExport) -> str:
    return export.model_dump_json(indent=2) + "\n"


class ExportFileError(Exception):
    """A file given as a learner export that cannot be read as one; the message is one
    sentence naming the file."""


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


def parse_export(data: bytes, name: str) -> LearnerExport:
    """Read an export from bytes; `name` is how errors name the file."""
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ExportFileError(f"{name} is not a text file, so not a learner export.") from None
    except json.JSONDecodeError as exc:
        raise ExportFileError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ExportFileError(
            f'{name} is not a quizapp learner export (it lacks "format": "{FORMAT}").'
        )
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ExportFileError(
            f"{name} was written by a newer quizapp (format version {version}); "
            "update quizapp to read it."
        )
    try:
        return LearnerExport.model_validate(raw)
    except ValidationError as exc:
        raise ExportFileError(f"{name} is damaged ({_first_error(exc)}).") from None


def read_export(path: str | Path) -> LearnerExport:
    """Read one export file; every failure is an `ExportFileError` naming it."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_EXPORT_BYTES + 1)
    except FileNotFoundError:
        raise ExportFileError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise ExportFileError(f"{path} is a folder, not a learner export file.") from None
    except OSError as exc:
        raise ExportFileError(f"{path} cannot be read ({exc.strerror}).") from None
    if len(data) > MAX_EXPORT_BYTES:
        raise ExportFileError(
            f"{path} is larger than {MAX_EXPORT_BYTES // (1024 * 1024)} MB, "
            "far more than a learner export."
        )
    return parse_export(data, str(path))


@dataclass(slots=True)
class MergedClass:
    """Learner exports merged: each attempt once, quiz versions kept apart."""

    learners: dict[str, LearnerRecord] = field(default_factory=dict)
    quiz_versions: dict[tuple[str, str], QuizVersionRecord] = field(default_factory=dict)
    """Keyed by (quiz id, sha256)."""
    attempts: list[AttemptRecord] = field(default_factory=list)
    files_read: int = 0
    duplicates: int = 0
    """Attempts seen again (same id) and counted once."""
    problems: list[str] = field(default_factory=list)
    """One sentence per file that could not be used."""

    def add(self, export: LearnerExport, seen: set[str]) -> None:
        self.files_read += 1
        self.learners.setdefault(export.learner.name, export.learner)
        for version in export.quiz_versions:
            key = (version.quiz_id, version.sha256)
            known = self.quiz_versions.get(key)
            # Keep the fullest record: a file may lack question texts its quiz file lost.
            if known is None or len(version.questions) > len(known.questions):
                self.quiz_versions[key] = version
        for attempt in export.attempts:
            if attempt.id in seen:
                self.duplicates += 1
                continue
            seen.add(attempt.id)
            self.attempts.append(attempt)
            self.learners.setdefault(attempt.learner, LearnerRecord(name=attempt.learner))

    def versions_of(self) -> dict[str, list[str]]:
        """For each quiz with attempts, its versions' hashes, oldest attempt first."""
        first_seen: dict[tuple[str, str], datetime] = {}
        for a in self.attempts:
            key = (a.quiz_id, a.quiz_sha256)
            if key not in first_seen or a.started_at < first_seen[key]:
                first_seen[key] = a.started_at
        out: dict[str, list[str]] = {}
        for (quiz_id, sha), _ in sorted(first_seen.items(), key=lambda kv: kv[1]):
            out.setdefault(quiz_id, []).append(sha)
        return out


def merge_exports(
    exports: Iterable[LearnerExport], progress: Progress | None = None, total: int = 0
) -> MergedClass:
    """Merge already-read exports."""
    merged = MergedClass()
    seen: set[str] = set()
    for i, export in enumerate(exports, 1):
        merged.add(export, seen)
        if progress is not None:
            progress(i, total or i)
    return merged


def merge_files(paths: Sequence[str | Path], progress: Progress | None = None) -> MergedClass:
    """Read and merge export files; a file that cannot be used is named in `problems` and
    the others still count."""
    merged = MergedClass()
    seen: set[str] = set()
    for i, path in enumerate(paths, 1):
        try:
            merged.add(read_export(path), seen)
        except ExportFileError as exc:
            merged.problems.append(str(exc))
        if progress is not None:
            progress(i, len(paths))
    return merged
