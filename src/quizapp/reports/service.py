"""One entry point for front ends: build any report from the store or from export files,
then save it. The command line and the TUI call the same two functions; the TUI runs
`build_report` in a worker thread and feeds `progress` to its progress bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from quizapp.i18n import Message, MessageError, message_of
from quizapp.reports.analysis import Progress
from quizapp.reports.i18n import Note, language

if TYPE_CHECKING:
    from quizapp.reports.models import Report


class ReportError(MessageError):
    """The report asked for cannot be made; the message is one sentence for the user
    (`report.err.*`, worded where it is shown: `quizapp.i18n.explain`)."""


@dataclass(slots=True)
class ReportRequest:
    """What to report on. Exactly one scope: an attempt, a learner, or a class (a quiz on
    this machine, or the export files in `class_files`, which `quiz`, `learner` or
    `attempt` may narrow)."""

    attempt: str | None = None
    """The store's attempt number, or an attempt's id (UUID)."""
    learner: str | None = None
    quiz: str | None = None
    class_files: Sequence[str | Path] = ()
    which: Literal["first", "all"] = "first"
    """Which attempts the item analysis uses."""
    lang: str | None = None
    """Report language; default: the learner's for attempt and learner reports, else en."""
    class_stores: Sequence[Path | str] = ()
    """Stores of classes served with `quizapp serve` (`--class-name`), merged with
    `class_files` as if each learner in them had exported: a class's own SQLite file, or
    the one PostgreSQL database that holds `class_name` among other classes."""
    class_name: str | None = None


@dataclass(slots=True)
class BuiltReport:
    report: Report
    warnings: list[str] = field(default_factory=list)
    """Sentences for the user: files that could not be used, repeats counted once. They
    read as English (the command line's language); a class report carries them among its
    notes in the report's language."""


def build_report(
    request: ReportRequest,
    database: Path | str | None = None,
    catalog: Any = None,
    progress: Progress | None = None,
    modules: Any = None,
) -> BuiltReport:
    """Build the report `request` asks for. `database` is the score store's file (needed
    unless `class_files` are given); `catalog` the loaded quizzes, used to show question
    texts for the versions whose files are at hand; `modules` the learning modules, which
    name the questions' tags."""
    if request.class_files or request.class_stores:
        return _from_files(request, progress, catalog, modules)
    if not (request.attempt or request.learner or request.quiz):
        raise ReportError(Message("report.err.what"))
    if database is None:
        raise ReportError(Message("report.err.no_database"))
    report = _from_store(request, database, catalog, modules, _phase(progress, 0.0, 1.0))
    if progress is not None:
        progress(STEPS, STEPS)
    return BuiltReport(report)


def learner_progress(
    database: Path | str, learner: str, lang: str, catalog: Any = None, modules: Any = None
) -> Any:
    """A learner's `LearnerFigures` from the store, read exactly as the learner report
    reads them: the progress screen shows these, so screen and report agree."""
    from quizapp.reports.build import learner_figures
    from quizapp.reports.source import SourceError, StoreReader

    try:
        with StoreReader(database) as reader:
            versions = reader.versions(describer(database, catalog, modules))
            found = reader.learner(learner)
            attempts = reader.attempts(found.name, versions=versions) if found else []
    except SourceError as exc:
        raise ReportError(message_of(exc) or str(exc)) from None
    return learner_figures(attempts, versions, language(lang))


def describer(database: Path | str, catalog: Any = None, modules: Any = None) -> Any:
    """How reports describe quiz versions: from the catalog's quiz files when they are
    that version, else from the version kept in the data folder when it was taken."""
    from quizapp.locations import data_dir, is_postgres_url, kept_quizzes_dir
    from quizapp.reports.kept import kept_describer
    from quizapp.reports.questions import catalog_describer

    first = catalog_describer(catalog, modules) if catalog else None
    # An SQLite file sits in its data folder, beside the kept versions; a server's
    # database has none, so they are this run's data folder's.
    base = data_dir() if is_postgres_url(database) else Path(database).parent
    return kept_describer(kept_quizzes_dir(base), first)


def save_report(report: Any, fmt: str, path: str | Path, force: bool = False) -> Path:
    """Write `report` as `fmt` (csv, json, md, html) to `path`, atomically, never over an
    existing file unless `force`."""
    from quizapp.reports.files import write_atomic
    from quizapp.reports.writers import render

    # Always a file: "-" would mean stdout, the terminal the app draws on (the command
    # line writes to stdout itself).
    target = Path(path)
    if str(target) == "-":
        target = target.absolute()
    saved = write_atomic(target, render(report, fmt), force=force)
    assert saved is not None, "a file path is never stdout"
    return saved


STEPS = 1000
"""Progress is reported as (done, STEPS) across all phases of a report, so a bar only
moves forward."""


def _phase(progress: Progress | None, start: float, share: float) -> Progress | None:
    """A callback for one phase, mapped onto its share of the whole."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        fraction = start + share * (done / total if total else 1.0)
        progress(min(STEPS, round(fraction * STEPS)), STEPS)

    return report


def _match_name(name: str, learners: Any) -> str:
    """The merged learner `name` means: their name as reports show it ("Sari (2)" when
    several learners are called Sari), or their name when nobody else has it."""
    wanted = name.strip().casefold()
    for shown in learners:
        if shown.casefold() == wanted:
            return str(shown)
    namesakes = [str(s) for s, rec in learners.items() if rec.name.casefold() == wanted]
    if namesakes:
        raise ReportError(
            Message(
                "report.err.namesakes",
                n=len(namesakes),
                name=repr(name.strip()),
                which=", ".join(repr(n) for n in namesakes),
            )
        )
    from quizapp.names import no_such_learner_message

    raise ReportError(no_such_learner_message(name, [str(k) for k in learners]))


def _from_files(
    request: ReportRequest, progress: Progress | None, catalog: Any = None, modules: Any = None
) -> BuiltReport:
    from quizapp.reports.build import (
        attempt_report,
        class_report,
        learner_report,
        rows_from_records,
    )
    from quizapp.reports.export import merge_files

    # Reading the files is most of the work; the analysis takes the rest.
    exports = []
    for database in request.class_stores:
        from quizapp.reports.classes import class_store_exports
        from quizapp.reports.source import SourceError

        try:
            # A store named by --database may hold many classes: only this one's members.
            name = request.class_name or Path(database).parent.name
            only = request.class_name
            exports.extend(class_store_exports(database, catalog, modules, name, only_class=only))
        except SourceError as exc:
            raise ReportError(message_of(exc) or str(exc)) from None
    merged = merge_files(
        list(request.class_files), progress=_phase(progress, 0.0, 0.7), exports=exports
    )
    warnings = list(merged.problems) + merged.namesakes
    if merged.files_read == 0:
        raise ReportError(Message("report.err.no_exports"))
    if merged.duplicates:
        n = merged.duplicates
        warnings.append(Note("note_duplicates", n=n))
    if request.attempt:
        found = next((a for a in merged.attempts if a.id == request.attempt), None)
        if found is None:
            raise ReportError(Message("report.err.no_attempt_in_files", id=request.attempt))
        learner = merged.learners.get(found.learner)
        lang = request.lang or (learner.language if learner else "en")
        version = merged.quiz_versions.get((found.quiz_id, found.quiz_sha256))
        siblings = [
            a for a in merged.attempts if a.learner == found.learner and a.quiz_id == found.quiz_id
        ]
        report: Report = attempt_report(found, version, language(lang), siblings=siblings)
        if progress is not None:
            progress(STEPS, STEPS)
        return BuiltReport(report, warnings)
    if request.learner:
        name = _match_name(request.learner, merged.learners)
        lang = request.lang or merged.learners[name].language
        attempts = [a for a in merged.attempts if request.quiz in (None, a.quiz_id)]
        report = learner_report(
            name,
            attempts,
            merged.quiz_versions,
            language(lang),
            progress=_phase(progress, 0.7, 0.3),
        )
        return BuiltReport(report, warnings)
    report = class_report(
        rows_from_records(merged.attempts),
        merged.quiz_versions,
        language(request.lang or "en"),
        which=request.which,
        quiz_id=request.quiz,
        notes=warnings,
        progress=_phase(progress, 0.7, 0.3),
    )
    if not report.sections:
        raise ReportError(
            Message("report.err.no_quiz_in_files", quiz=request.quiz)
            if request.quiz
            else Message("report.err.no_attempts_in_files")
        )
    return BuiltReport(report, warnings)


def _from_store(
    request: ReportRequest,
    database: Path | str,
    catalog: Any,
    modules: Any,
    progress: Progress | None,
) -> Any:
    from quizapp.reports.build import attempt_report, class_report_from_counts, learner_report
    from quizapp.reports.source import SourceError, StoreReader

    try:
        with StoreReader(database) as reader:
            versions = reader.versions(describer(database, catalog, modules))
            if request.attempt:
                key = request.attempt.strip()
                local = int(key) if key.isdecimal() else reader.local_attempt_id(key)
                found = reader.attempts(attempt_id=local, versions=versions) if local else []
                if not found:
                    raise ReportError(Message("report.err.no_attempt", id=key))
                attempt = found[0]
                learner = reader.learner(attempt.learner)
                lang = request.lang or (learner.language if learner else "en")
                version = versions.get((attempt.quiz_id, attempt.quiz_sha256))
                siblings = reader.attempts(attempt.learner, attempt.quiz_id, versions=versions)
                return attempt_report(attempt, version, language(lang), siblings=siblings)
            if request.learner:
                learner = reader.learner(request.learner)
                if learner is None:
                    from quizapp.names import no_such_learner_message

                    known = [r.name for r in reader.learners()]
                    raise ReportError(no_such_learner_message(request.learner, known))
                attempts = reader.attempts(learner.name, request.quiz, versions=versions)
                return learner_report(
                    learner.name,
                    attempts,
                    versions,
                    language(request.lang or learner.language),
                    progress=progress,
                )
            report = class_report_from_counts(
                reader.class_counts(request.quiz, request.which, versions),
                versions,
                language(request.lang or "en"),
                which=request.which,
                progress=progress,
            )
    except SourceError as exc:
        raise ReportError(message_of(exc) or str(exc)) from None
    if not report.sections:
        raise ReportError(Message("report.err.nobody_finished", quiz=request.quiz))
    return report
