"""Quiz versions kept for reports: what a report shows of each question of a quiz version
a learner took, saved as a `QuizVersionRecord` (JSON) when an attempt starts.

A quiz taken by its path (`quizapp take path/to/quiz.toml`) is not in the catalog a later
report or export loads, and a quiz file edited since is another version: without these
records, exports would carry no questions and class reports would show keys, not prompts.
One file per version (`<quiz id>-<first 16 hex digits of its hash>.json`); a quiz that
draws questions gains the ones each attempt draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from quizapp.reports.records import QuizVersionRecord

Describe = Callable[[str, str], QuizVersionRecord | None]


def _path(folder: Path, quiz_id: str, sha256: str) -> Path:
    return folder / f"{quiz_id}-{sha256[:16]}.json"


def keeper(folder: Path, modules: Mapping[str, Any] | None = None) -> Callable[[Any], None]:
    """A `StoreRecorder` `keep` hook writing each started attempt's quiz version to `folder`."""

    def keep(attempt: Any) -> None:
        from quizapp.reports.files import write_atomic
        from quizapp.reports.questions import quiz_version_record

        quiz, sha = attempt.quiz, attempt.started_record.quiz_sha256
        if quiz is None or not sha:
            return
        path = _path(folder, quiz.id, sha)
        known = _read(path, quiz.id, sha)
        have = {q.key for q in known.questions} if known else set()
        new = [(slot.key, slot.question) for slot in attempt.slots if slot.key not in have]
        if known is not None and not new:
            return
        record = quiz_version_record(quiz, sha, new, modules)
        if known is not None:
            record = known.model_copy(
                update={
                    "questions": [*known.questions, *record.questions],
                    "tag_names": {**record.tag_names, **known.tag_names},
                }
            )
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, record.model_dump_json().encode("utf-8"), force=True)

    return keep


def _read(path: Path, quiz_id: str, sha256: str) -> QuizVersionRecord | None:
    try:
        record = QuizVersionRecord.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None
    return record if (record.quiz_id, record.sha256) == (quiz_id, sha256) else None


def kept_describer(folder: Path, first: Describe | None = None) -> Describe:
    """A `describe(quiz_id, sha256)` for `StoreReader.versions`: `first`'s answer (the
    catalog's, for quiz files at hand), else the version kept in `folder`."""

    def describe(quiz_id: str, sha256: str) -> QuizVersionRecord | None:
        found = first(quiz_id, sha256) if first is not None else None
        if found is not None:
            return found
        return _read(_path(folder, quiz_id, sha256), quiz_id, sha256)

    return describe
