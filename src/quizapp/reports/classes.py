"""A served class's store as learner exports, so `report --class-name NAME` goes through
the same merge as `--class FILE...` (and both can be given at once)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quizapp.reports.export import LearnerExport


def class_store_exports(
    database: Path | str,
    catalog: Any = None,
    modules: Any = None,
    label: str = "",
    only_class: str | None = None,
) -> list[tuple[LearnerExport, str]]:
    """One export per learner of the class's store, each with `label` as its source.
    `only_class`: the store holds many classes (one PostgreSQL database), so only that
    class's members are read; an unknown class raises `SourceError`."""
    from quizapp import __version__
    from quizapp.reports.questions import catalog_describer
    from quizapp.reports.source import StoreReader

    now = datetime.now(UTC)
    out = []
    members = None if only_class is None else _member_names(database, only_class)
    with StoreReader(database) as reader:
        versions = reader.versions(catalog_describer(catalog, modules) if catalog else None)
        for learner in reader.learners():
            if members is not None and learner.name.casefold() not in members:
                continue
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


def _member_names(database: Path | str, class_name: str) -> set[str]:
    """The casefolded names of the class's members in a store of many classes."""
    from quizapp.i18n import Message
    from quizapp.locations import describe_target
    from quizapp.reports.source import SourceError
    from quizapp.store import StoreError, open_store

    try:
        with open_store(database) as store:
            info = store.class_info(class_name)
            if info is None:
                where = describe_target(database)
                raise SourceError(
                    Message("report.err.no_class", name=repr(class_name), where=where)
                )
            return {m.name.casefold() for m in store.class_members(info.id)}
    except StoreError as exc:
        raise SourceError(exc.message or str(exc)) from None
