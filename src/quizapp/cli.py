"""The `quizapp` command line: one subcommand per module in `quizapp.commands`.

Each command module has `register(subparsers)` and keeps heavy imports inside its run
function, so `quizapp validate` never pays for loading Textual.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp import __version__

if TYPE_CHECKING:
    import argparse

COMMANDS = (
    "quizapp.commands.validate",
    "quizapp.commands.lint",
    "quizapp.commands.schema",
    "quizapp.commands.take",
    "quizapp.commands.build",
    "quizapp.commands.report",
    "quizapp.commands.export",
    "quizapp.commands.learner",
    "quizapp.commands.new",
    "quizapp.commands.convert",
    "quizapp.commands.preview",
    "quizapp.commands.serve",
    "quizapp.commands.classes",
    "quizapp.commands.store",
)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Learning modules and quizzes in the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where scores and settings live (default: $QUIZAPP_DATA_DIR or the user data folder)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="the score store: an SQLite file or postgresql://user@host/db "
        "(default: $QUIZAPP_DATABASE_URL, else scores.sqlite3 in the data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        help="the interface language of the app (default: the learner's own)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from quizapp.model.terminal import terminal_streams

    # Every message and every byte for a terminal passes the one sanitizer.
    with terminal_streams():
        return _main(argv)


def _use_database(value: str) -> None:
    """`--database` becomes `$QUIZAPP_DATABASE_URL` for the rest of the run: every store
    opening reads it there (`locations.database_target`), and so do the processes this one
    starts (class mode's app per browser tab). A path is made absolute for them."""
    import os

    from quizapp import locations

    if not locations.is_postgres_url(value):
        value = os.path.abspath(os.path.expanduser(value))
    os.environ[locations.DATABASE_URL_ENV] = value


def _main(argv: Sequence[str] | None) -> int:
    if not (sys.argv[1:] if argv is None else argv):
        # `quizapp` alone, the learner's start: straight to the app, without argparse and
        # every command's parser, whose imports the first screen would wait for.
        from quizapp.tui.run import run_app

        return run_app()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.database:
        _use_database(args.database)
    if args.command is None:
        # Deferred: only the app needs Textual; `quizapp validate` never loads it.
        from quizapp.tui.run import run_app

        return run_app(data_dir=args.data_dir, lang=args.lang)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `quizapp validate | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return 0
