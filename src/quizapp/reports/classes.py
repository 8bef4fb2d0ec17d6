"""A served class's store as learner exports, so `report --class-name NAME` goes through
the same merge as `--class FILE...` (and both can be given at once)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quizapp.reports.export import LearnerExport


def class_store_exports(
    database: Path, catalog: Any = None, modules: Any = None, label: str = ""
) -> list[tuple[LearnerExport, str]]:
    """One export per learner of the class's store, each with `label` as its source."""
    from quizapp import __version__
    from quizapp.reports.questions import catalog_describer
    from quizapp.reports.source import StoreReader

    now = datetime.now(UTC)
    out = []
    with StoreReader(database) as reader:
        versions = reader.versions(catalog_describer(catalog, modules) if catalog else None)
        for learner in reader.learners():
            attempts = reader.attempts(learner.name, versions=versions)
            used = dict.fromkeys((a.quiz_id, a.quiz_sha256) for a in attempts)
            export = LearnerExport(
                exported_at=now,
                app_version=__version__,
                learner=learner,
                quiz_versions=[versions[k] for k in used if k in versions],
                attempts=attempts,
            )
            out.append((export, label or str(database)))
    return out
