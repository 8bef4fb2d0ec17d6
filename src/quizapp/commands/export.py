"""`quizapp export --learner NAME -o FILE`: a learner's results as one portable JSON file."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a learner's results to a file for the trainer",
        description="Write a learner's attempts, answers and quiz versions as one JSON file "
        "(see docs/reports.md). A trainer merges many with  quizapp report --class FILE...",
    )
    parser.add_argument("--learner", metavar="NAME", help="whose results")
    parser.add_argument("-o", "--output", metavar="FILE", help="the file to write")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the scores are kept"
    )
    parser.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of export files and exit"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from quizapp.reports.export import export_schema

    if args.schema:
        sys.stdout.write(json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n")
        return 0
    if not args.learner or not args.output:
        print("Say whose results and where: --learner NAME -o FILE.", file=sys.stderr)
        return 1

    from quizapp import __version__
    from quizapp.commands.report import _catalog, _modules
    from quizapp.locations import data_dir, database_path
    from quizapp.reports.export import LearnerExport, dump_export
    from quizapp.reports.files import OutputExistsError, write_atomic
    from quizapp.reports.service import describer
    from quizapp.reports.source import SourceError, StoreReader

    try:
        if Path(args.output).exists() and not args.force:
            raise OutputExistsError(f"{args.output} already exists; use --force to replace it.")
        base = data_dir(args.data_dir)
        with StoreReader(database_path(base)) as reader:
            learner = reader.learner(args.learner)
            if learner is None:
                from quizapp.reports.service import unknown_learner

                known = [rec.name for rec in reader.learners()]
                print(unknown_learner(args.learner, known), file=sys.stderr)
                return 1
            describe = describer(database_path(base), _catalog(base), _modules())
            versions = reader.versions(describe)
            attempts = reader.attempts(learner.name, versions=versions)
        used = dict.fromkeys((a.quiz_id, a.quiz_sha256) for a in attempts)
        export = LearnerExport(
            exported_at=datetime.now(UTC),
            app_version=__version__,
            learner=learner,
            quiz_versions=[versions[k] for k in used if k in versions],
            attempts=attempts,
        )
        write_atomic(args.output, dump_export(export).encode("utf-8"), force=args.force)
    except (OutputExistsError, SourceError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Cannot write {args.output}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    n = len(attempts)
    print(
        f"Wrote {args.output}: {n} attempt{'s' if n != 1 else ''} by {learner.name}.",
        file=sys.stderr,
    )
    return 0
