"""`quizapp export --learner NAME -o FILE`: a learner's results as one portable JSON file."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quizapp.commands.messages import error, fail, language, reason, say


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export",
        description="export_about",
    )
    parser.add_argument("--learner", metavar="NAME", help="export_learner")
    parser.add_argument("-o", "--output", metavar="FILE", help="export_output")
    parser.add_argument("--force", action="store_true", help="export_force")
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="export_data_dir"
    )
    parser.add_argument("--schema", action="store_true", help="export_schema")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from quizapp.reports.export import export_schema

    if args.schema:
        sys.stdout.write(json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n")
        return 0
    lang = language(args)
    if not args.learner or not args.output:
        fail("export_usage", lang)
        return 1

    from quizapp.fileio import OutputExistsError, check_output, write_output
    from quizapp.locations import data_dir
    from quizapp.reports.export import dump_export
    from quizapp.reports.source import SourceError

    try:
        check_output(args.output, force=args.force)  # before the work; - is stdout
        export = learner_export(data_dir(args.data_dir), args.learner, lang)
        if isinstance(export, str):
            print(export, file=sys.stderr)
            return 1
        learner, attempts = export.learner, export.attempts
        write_output(args.output, dump_export(export), force=args.force)
    except OutputExistsError as exc:
        fail("exists", lang, path=exc.path)
        return 1
    except SourceError as exc:
        print(error(exc, lang), file=sys.stderr)
        return 1
    except OSError as exc:
        fail("cannot_write", lang, path=args.output, reason=reason(exc, lang))
        return 1
    # The learner exporting is known now: their own language, unless --lang says otherwise.
    lang = language(args, learner.language)
    n = len(attempts)
    if args.output == "-":
        say("export_wrote_stdout", lang, file=sys.stderr, n=n, learner=learner.name)
    else:
        say("export_wrote", lang, file=sys.stderr, path=args.output, n=n, learner=learner.name)
    return 0


def learner_export(base: Path, name: str, lang: str = "en") -> Any:
    """Everything of the learner `name` in the score store of data folder `base`, as a
    `LearnerExport`; or the one sentence (in `lang`) saying there is no such learner,
    listing those there are. Also what `quizapp learner remove` keeps before it deletes."""
    from quizapp import __version__
    from quizapp.commands.report import _catalog, _modules
    from quizapp.locations import database_target
    from quizapp.names import no_such_learner
    from quizapp.reports.export import LearnerExport
    from quizapp.reports.service import describer
    from quizapp.reports.source import StoreReader

    database = database_target(base)
    with StoreReader(database) as reader:
        learner = reader.learner(name)
        if learner is None:
            return no_such_learner(name, [r.name for r in reader.learners()], lang)
        versions = reader.versions(describer(database, _catalog(base), _modules()))
        attempts = reader.attempts(learner.name, versions=versions)
    used = dict.fromkeys((a.quiz_id, a.quiz_sha256) for a in attempts)
    return LearnerExport(
        exported_at=datetime.now(UTC),
        app_version=__version__,
        learner=learner,
        quiz_versions=[versions[k] for k in used if k in versions],
        attempts=attempts,
    )
