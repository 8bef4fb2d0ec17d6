"""`quizapp report`: an attempt, a learner or a class report as CSV, JSON, Markdown or HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quizapp import i18n
from quizapp.commands.messages import error, fail, language, reason, say, words

FORMATS = ("csv", "json", "md", "html")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="report",
        description="report_about",
    )
    parser.add_argument("--learner", metavar="NAME", help="report_learner")
    parser.add_argument("--quiz", metavar="ID", help="report_quiz")
    parser.add_argument("--attempt", metavar="ID", help="report_attempt")
    parser.add_argument(
        "--class",
        dest="class_files",
        nargs="+",
        metavar="FILE",
        help="report_class",
    )
    parser.add_argument(
        "--class-name",
        metavar="NAME",
        help="report_class_name",
    )
    parser.add_argument(
        "--attempts",
        choices=("first", "all"),
        default="first",
        help="report_attempts",
    )
    parser.add_argument("--format", choices=FORMATS, help="report_format")
    parser.add_argument("-o", "--output", metavar="FILE", help="report_output")
    parser.add_argument("--force", action="store_true", help="report_force")
    parser.add_argument(
        "--lang",
        type=i18n.language_argument,
        metavar="LANG",
        default=argparse.SUPPRESS,
        help="report_lang",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="report_data_dir"
    )
    parser.add_argument("--schema", action="store_true", help="report_schema")
    parser.set_defaults(run=run)


class UsageError(Exception):
    """A mistake in how the command was called; the message is one sentence."""


def _format(args: argparse.Namespace, lang: str) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.output or "").suffix.lower().lstrip(".")
    suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    if suffix in FORMATS:
        return suffix
    raise UsageError(words("report_which_format", lang))


def _progress(lang: str) -> Any:
    if not sys.stderr.isatty():
        return None
    from quizapp.model.terminal import visible

    # The message is sanitized here: the line goes to the stream under the sanitizer, for
    # its own carriage returns (no data in them). Wiped with at least 30 spaces.
    building = visible(words("report_building", lang))
    err = getattr(sys.stderr, "raw", sys.stderr)

    def show(done: int, total: int) -> None:
        pct = 100 * done // max(1, total)
        line = f"{building} {pct:3d}%"
        err.write(f"\r{line}")
        if done >= total:
            err.write("\r" + " " * max(30, len(line)) + "\r")
        err.flush()

    return show


def _catalog(data_dir: Path) -> Any:
    from quizapp.loading import load_catalog
    from quizapp.locations import bundled_quizzes_dir, user_quizzes_dir

    paths = [p for p in (bundled_quizzes_dir(), user_quizzes_dir(data_dir)) if p.exists()]
    return load_catalog(paths)


def _modules() -> Any:
    """The bundled learning modules: they name the quizzes' tags in reports."""
    from quizapp.loading.content import load_modules
    from quizapp.locations import bundled_content_dir

    return load_modules([bundled_content_dir()]).modules


def _class_store(base: Path, name: str, lang: str) -> Path | str:
    from quizapp.locations import class_database_target
    from quizapp.store.classes import valid_class_name

    target = class_database_target(base, name) if valid_class_name(name) else None
    # On one database (PostgreSQL) the class is looked for when it is read.
    if target is None or (isinstance(target, Path) and not target.is_file()):
        raise UsageError(words("report_no_class", lang, name=repr(name)))
    return target


def run(args: argparse.Namespace) -> int:
    if args.schema:
        import json

        from quizapp.reports.models import report_schema

        sys.stdout.write(json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n")
        return 0
    from quizapp.fileio import check_output
    from quizapp.locations import data_dir, database_target
    from quizapp.reports.files import OutputExistsError
    from quizapp.reports.service import ReportError, ReportRequest, build_report, save_report
    from quizapp.reports.writers import render

    lang = language(args)
    try:
        if not args.output:
            raise UsageError(words("report_where", lang))
        fmt = _format(args, lang)
        # Before the work: a link, a device or an existing file is refused at once.
        check_output(args.output, force=args.force)
        request = ReportRequest(
            attempt=args.attempt,
            learner=args.learner,
            quiz=args.quiz,
            class_files=args.class_files or (),
            which=args.attempts,
            lang=args.lang,
        )
        base = data_dir(args.data_dir)
        if args.class_name:
            request.class_stores = [_class_store(base, args.class_name, lang)]
            request.class_name = args.class_name
        local = (args.class_name or not args.class_files) and (
            args.class_name or args.attempt or args.learner or args.quiz
        )
        built = build_report(
            request,
            database=database_target(base),
            catalog=_catalog(base) if local else None,
            progress=_progress(lang),
            modules=_modules() if local else None,
        )
        for warning in built.warnings:
            print(error(warning, lang), file=sys.stderr)
        if args.output == "-":
            sys.stdout.buffer.write(render(built.report, fmt))
            sys.stdout.flush()
        else:
            save_report(built.report, fmt, args.output, force=args.force)
            say("wrote", lang, file=sys.stderr, path=args.output)
    except OutputExistsError as exc:
        fail("exists", lang, path=exc.path)
        return 1
    except (UsageError, ReportError) as exc:
        print(error(exc, lang), file=sys.stderr)
        return 1
    except OSError as exc:
        fail("cannot_write", lang, path=args.output, reason=reason(exc, lang))
        return 1
    return 0
