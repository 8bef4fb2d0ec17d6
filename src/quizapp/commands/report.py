"""`quizapp report`: an attempt, a learner or a class report as CSV, JSON, Markdown or HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

FORMATS = ("csv", "json", "md", "html")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write an attempt, learner or class report",
        description="Write a report. From this machine's scores: --attempt ID, --learner NAME, "
        "or --quiz ID for everyone who took that quiz here. From learners' export files "
        "(quizapp export): --class FILE... for the whole class, optionally with --quiz, "
        "--learner or --attempt to narrow it.",
    )
    parser.add_argument("--learner", metavar="NAME", help="a learner's report")
    parser.add_argument("--quiz", metavar="ID", help="only this quiz")
    parser.add_argument("--attempt", metavar="ID", help="one attempt (its number or its id)")
    parser.add_argument(
        "--class",
        dest="class_files",
        nargs="+",
        metavar="FILE",
        help="learners' export files to merge into a class report",
    )
    parser.add_argument(
        "--attempts",
        choices=("first", "all"),
        default="first",
        help="which attempts the item analysis uses (default: each learner's first)",
    )
    parser.add_argument("--format", choices=FORMATS, help="default: from the -o suffix")
    parser.add_argument("-o", "--output", metavar="FILE", help="the file to write, or - for stdout")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--lang", choices=("en", "id"), help="report language (default: the learner's, or en)"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where the scores are kept")
    parser.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of JSON reports and exit"
    )
    parser.set_defaults(run=run)


class UsageError(Exception):
    """A mistake in how the command was called; the message is one sentence."""


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.output or "").suffix.lower().lstrip(".")
    suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    if suffix in FORMATS:
        return suffix
    raise UsageError("Say which format to write: --format csv, json, md or html.")


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        pct = 100 * done // max(1, total)
        sys.stderr.write(f"\rBuilding the report… {pct:3d}%")
        if done >= total:
            sys.stderr.write("\r" + " " * 30 + "\r")
        sys.stderr.flush()

    return show


def _from_files(args: argparse.Namespace, progress: Any) -> Any:
    from quizapp.reports.build import (
        attempt_report,
        class_report,
        learner_report,
        rows_from_records,
    )
    from quizapp.reports.export import merge_files

    merged = merge_files(args.class_files, progress=progress)
    for problem in merged.problems:
        print(problem, file=sys.stderr)
    if merged.files_read == 0:
        raise UsageError("None of the files given to --class is a learner export.")
    if merged.duplicates:
        print(
            f"{merged.duplicates} attempt{'s' if merged.duplicates != 1 else ''} appeared in "
            "more than one file and counted once.",
            file=sys.stderr,
        )
    if args.attempt:
        found = next((a for a in merged.attempts if a.id == args.attempt), None)
        if found is None:
            raise UsageError(f"No attempt with id {args.attempt} is in those files.")
        learner = merged.learners.get(found.learner)
        lang = args.lang or (learner.language if learner else "en")
        version = merged.quiz_versions.get((found.quiz_id, found.quiz_sha256))
        return attempt_report(found, version, _lang(lang))
    if args.learner:
        name = _match_name(args.learner, merged.learners)
        learner = merged.learners[name]
        lang = args.lang or learner.language
        attempts = [a for a in merged.attempts if args.quiz is None or a.quiz_id == args.quiz]
        return learner_report(name, attempts, merged.quiz_versions, _lang(lang))
    notes = list(merged.problems)
    if merged.duplicates:
        notes.append(f"{merged.duplicates} attempt(s) found in more than one file counted once.")
    report = class_report(
        rows_from_records(merged.attempts),
        merged.quiz_versions,
        _lang(args.lang or "en"),
        which=args.attempts,
        quiz_id=args.quiz,
        notes=notes,
        progress=progress,
    )
    if not report.sections:
        raise UsageError(
            f"No attempts at quiz {args.quiz} are in those files."
            if args.quiz
            else "Those files hold no attempts."
        )
    return report


def _match_name(name: str, names: Any) -> str:
    for known in names:
        if known.casefold() == name.strip().casefold():
            return str(known)
    raise UsageError(f"There is no learner called {name!r} here.")


def _lang(lang: str) -> str:
    from quizapp.reports.i18n import language

    return language(lang)


def _catalog(data_dir: Path) -> Any:
    from quizapp.loading import load_catalog
    from quizapp.locations import bundled_quizzes_dir, user_quizzes_dir

    paths = [p for p in (bundled_quizzes_dir(), user_quizzes_dir(data_dir)) if p.exists()]
    return load_catalog(paths)


def _from_store(args: argparse.Namespace, progress: Any) -> Any:
    from quizapp.locations import data_dir, database_path
    from quizapp.reports.build import attempt_report, class_report_from_counts, learner_report
    from quizapp.reports.questions import catalog_describer
    from quizapp.reports.source import StoreReader

    base = data_dir(args.data_dir)
    if not (args.attempt or args.learner or args.quiz):
        raise UsageError(
            "Say what to report on: --attempt ID, --learner NAME, --quiz ID or --class FILE..."
        )
    with StoreReader(database_path(base)) as reader:
        versions = reader.versions(catalog_describer(_catalog(base)))
        if args.attempt:
            local = int(args.attempt) if args.attempt.isdigit() else None
            if local is None:
                local = reader.local_attempt_id(args.attempt)
            found = reader.attempts(attempt_id=local, versions=versions) if local else []
            if not found:
                raise UsageError(f"There is no finished attempt {args.attempt} here.")
            attempt = found[0]
            learner = reader.learner(attempt.learner)
            lang = args.lang or (learner.language if learner else "en")
            version = versions.get((attempt.quiz_id, attempt.quiz_sha256))
            return attempt_report(attempt, version, _lang(lang))
        if args.learner:
            learner = reader.learner(args.learner)
            if learner is None:
                raise UsageError(f"There is no learner called {args.learner!r} here.")
            attempts = reader.attempts(learner.name, args.quiz, versions=versions)
            return learner_report(
                learner.name,
                attempts,
                versions,
                _lang(args.lang or learner.language),
                progress=progress,
            )
        report = class_report_from_counts(
            reader.class_counts(args.quiz, args.attempts, versions),
            versions,
            _lang(args.lang or "en"),
            which=args.attempts,
            progress=progress,
        )
        if not report.sections:
            raise UsageError(f"Nobody has finished quiz {args.quiz} here.")
        return report


def run(args: argparse.Namespace) -> int:
    if args.schema:
        import json

        from quizapp.reports.models import report_schema

        sys.stdout.write(json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n")
        return 0
    from quizapp.reports.export import ExportFileError
    from quizapp.reports.files import OutputExistsError, write_atomic
    from quizapp.reports.source import SourceError
    from quizapp.reports.writers import render

    try:
        if not args.output:
            raise UsageError("Say where to write the report: -o FILE (or -o - for the screen).")
        fmt = _format(args)
        if args.output != "-" and Path(args.output).exists() and not args.force:
            raise OutputExistsError(f"{args.output} already exists; use --force to replace it.")
        progress = _progress()
        report = _from_files(args, progress) if args.class_files else _from_store(args, progress)
        data = render(report, fmt)  # type: ignore[arg-type]
        if args.output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_atomic(args.output, data, force=args.force)
            print(f"Wrote {args.output}", file=sys.stderr)
    except (UsageError, OutputExistsError, SourceError, ExportFileError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Cannot write {args.output}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    return 0
