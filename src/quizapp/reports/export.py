"""The portable learner export: one JSON file per learner, merged into a class.

Format (version 2), documented in docs/reports.md; its JSON Schema is `export_schema()`:

    {"format": "quizapp-learner-export", "version": 2, "exported_at": "...",
     "learner": {...}, "quiz_versions": [...], "attempts": [...]}

A reader accepts any version up to its own and says plainly when a file is newer, foreign
or damaged. Merging keys attempts by their globally unique id, so the same attempt found in
two files (a learner who exported twice) counts once.

Merging keeps people apart by the learner's id (format 2), not by name: two learners called
Sari on two laptops are two rows, shown as "Sari (1)" and "Sari (2)", and a note says which
files each came from. A format 1 file has no learner id; its learner is the same person as
another file's when the two share an attempt (an attempt has one learner), else its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from quizapp.fileio import RefusedPath, TooLargeError, read_regular, reason
from quizapp.reports.analysis import Progress
from quizapp.reports.i18n import Note
from quizapp.reports.received import Damaged, impossible_figure, load_json
from quizapp.reports.records import AttemptRecord, LearnerRecord, QuizVersionRecord

FORMAT: Final = "quizapp-learner-export"
VERSION: Final = 2
"""2 added the learner's id (`learner.id`, `attempts[].learner_id`); 1 is still read."""
MAX_EXPORT_BYTES = 64 * 1024 * 1024
"""A learner's file is kilobytes; refuse anything absurd rather than fill memory."""


class LearnerExport(BaseModel):
    """A learner's results, portable between machines."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="quizapp learner export")

    format: Literal["quizapp-learner-export"] = FORMAT
    """Always "quizapp-learner-export": tells this file from any other JSON."""
    version: Literal[1, 2] = VERSION
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
    sentence naming the file (`note`, which a report says in its own language)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.note = Note(key, **params)
        super().__init__(self.note)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


def parse_export(data: bytes, name: str) -> LearnerExport:
    """Read an export from bytes; `name` is how errors name the file.

    A received file is data from anyone: nesting is bounded, NaN and Infinity are
    refused, and every figure must be possible (see `quizapp.reports.received`).
    """
    try:
        raw = load_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ExportFileError("file_not_text", name=name) from None
    except json.JSONDecodeError as exc:
        raise ExportFileError(
            "file_not_json", name=name, line=exc.lineno, column=exc.colno, detail=exc.msg
        ) from None
    except Damaged as exc:
        raise ExportFileError("file_damaged", name=name, detail=str(exc)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ExportFileError("file_foreign", name=name, format=FORMAT)
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ExportFileError("file_newer", name=name, version=version)
    try:
        export = LearnerExport.model_validate(raw)
    except ValidationError as exc:
        raise ExportFileError("file_damaged", name=name, detail=_first_error(exc)) from None
    problem = impossible_figure(export)
    if problem:
        raise ExportFileError("file_damaged", name=name, detail=problem)
    return export


def read_export(path: str | Path) -> LearnerExport:
    """Read one export file; every failure is an `ExportFileError` naming it.

    Only a regular file is read (a named pipe would block, a device never ends), and
    the size limit counts the bytes actually read.
    """
    path = Path(path)
    try:
        data = read_regular(path, MAX_EXPORT_BYTES)
    except TooLargeError:
        raise ExportFileError(
            "file_too_large", name=str(path), mb=MAX_EXPORT_BYTES // 2**20
        ) from None
    except RefusedPath as exc:
        if exc.reason.startswith("a folder"):
            raise ExportFileError("file_folder", name=str(path)) from None
        raise ExportFileError("file_unreadable", name=str(path), detail=exc.reason) from None
    except FileNotFoundError:
        raise ExportFileError("file_missing", name=str(path)) from None
    except IsADirectoryError:
        raise ExportFileError("file_folder", name=str(path)) from None
    except OSError as exc:
        raise ExportFileError("file_unreadable", name=str(path), detail=reason(exc)) from None
    return parse_export(data, str(path))


@dataclass(slots=True)
class MergedClass:
    """Learner exports merged: each attempt once, quiz versions kept apart, and each
    person once. Call `finish()` after the last `add`."""

    learners: dict[str, LearnerRecord] = field(default_factory=dict)
    """By the name reports show: the learner's name, or "Sari (2)" when several different
    learners share it. After `finish()`, every attempt's `learner` is one of these keys."""
    quiz_versions: dict[tuple[str, str], QuizVersionRecord] = field(default_factory=dict)
    """Keyed by (quiz id, sha256)."""
    attempts: list[AttemptRecord] = field(default_factory=list)
    files_read: int = 0
    duplicates: int = 0
    """Attempts seen again (same id) and counted once."""
    problems: list[str] = field(default_factory=list)
    """One sentence per file that could not be used (a `Note`: English, and said in a
    report's language by the report)."""
    namesakes: list[str] = field(default_factory=list)
    """One sentence per name that different learners share, saying who is who (a `Note`)."""
    _owner: dict[str, str] = field(default_factory=dict)
    """Attempt id -> the key of the person it was first found under."""
    _people: dict[str, tuple[LearnerRecord, list[str]]] = field(default_factory=dict)
    """Person key -> their learner record and the files they were found in."""
    _same: dict[str, str] = field(default_factory=dict)
    """Union-find over person keys: files that turn out to be one person."""

    def _root(self, key: str) -> str:
        while (up := self._same.get(key, key)) != key:
            self._same[key] = self._same.get(up, up)
            key = up
        return key

    def _person(self, key: str, learner: LearnerRecord, source: str) -> str:
        known = self._people.get(key)
        if known is None:
            self._people[key] = (learner, [source])
        elif source not in known[1]:
            known[1].append(source)
        return key

    def add(self, export: LearnerExport, source: str = "") -> None:
        """Add one file's contents; `source` names the file in the note about namesakes."""
        self.files_read += 1
        source = source or f"file {self.files_read}"
        me = export.learner
        # Format 1 files carry no id: the file stands for its learner until an attempt it
        # shares with another file shows whose it is.
        mine = self._person(f"id:{me.id}" if me.id else f"file:{self.files_read}", me, source)
        for version in export.quiz_versions:
            version_key = (version.quiz_id, version.sha256)
            known = self.quiz_versions.get(version_key)
            # Keep the fullest record: a file may lack question texts its quiz file lost.
            if known is None or len(version.questions) > len(known.questions):
                self.quiz_versions[version_key] = version
        for attempt in export.attempts:
            if attempt.learner_id:
                ours = attempt.learner_id == me.id
                key = f"id:{attempt.learner_id}"
            else:
                ours = attempt.learner.casefold() == me.name.casefold()
                key = f"name:{attempt.learner.casefold()}"
            # An attempt by someone else than the file's learner: no front end writes one,
            # but a hand-made file may, and it must not be credited to the wrong person.
            who = mine if ours else self._person(key, LearnerRecord(name=attempt.learner), source)
            first = self._owner.get(attempt.id)
            if first is not None:
                self.duplicates += 1
                a, b = self._root(first), self._root(who)
                if a != b:  # one attempt, one learner: the two are the same person
                    self._same[b] = a
                continue
            self._owner[attempt.id] = who
            self.attempts.append(attempt)

    def finish(self) -> None:
        """Settle who is who: one entry in `learners` per person, namesakes numbered in
        the order their first file was read, and every attempt named accordingly."""
        groups: dict[str, list[str]] = {}
        for key in self._people:  # in the order first seen
            groups.setdefault(self._root(key), []).append(key)
        by_name: dict[str, list[str]] = {}
        for root in groups:
            by_name.setdefault(self._people[root][0].name.casefold(), []).append(root)
        label: dict[str, str] = {}
        self.learners = {}
        self.namesakes = []
        for roots in by_name.values():
            for n, root in enumerate(roots, 1):
                record = self._people[root][0]
                name = f"{record.name} ({n})" if len(roots) > 1 else record.name
                for key in groups[root]:
                    label[key] = name
                self.learners[name] = record
            if len(roots) > 1:
                who = tuple(
                    Note(
                        "note_namesake",
                        label=label[root],
                        files=", ".join(
                            dict.fromkeys(f for key in groups[root] for f in self._people[key][1])
                        ),
                    )
                    for root in roots
                )
                self.namesakes.append(
                    Note(
                        "note_namesakes",
                        n=len(roots),
                        name=self._people[roots[0]][0].name,
                        who=who,
                    )
                )
        self.attempts = [
            a
            if a.learner == label[self._owner[a.id]]
            else a.model_copy(update={"learner": label[self._owner[a.id]]})
            for a in self.attempts
        ]

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
    for i, export in enumerate(exports, 1):
        merged.add(export)
        if progress is not None:
            progress(i, total or i)
    merged.finish()
    return merged


def merge_files(
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    exports: Sequence[tuple[LearnerExport, str]] = (),
) -> MergedClass:
    """Read and merge export files; a file that cannot be used is named in `problems` and
    the others still count. `exports` (already read, with their sources) come first."""
    merged = MergedClass()
    for export, source in exports:
        merged.add(export, source)
    for i, path in enumerate(paths, 1):
        try:
            merged.add(read_export(path), str(path))
        except ExportFileError as exc:
            merged.problems.append(exc.note)
        if progress is not None:
            progress(i, len(paths))
    merged.finish()
    return merged
