"""The `quizapp` command line: one subcommand per module in `quizapp.commands`.

Each command module has `register(subparsers)` and keeps heavy imports inside its run
function, so `quizapp validate` never pays for loading Textual.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp import __version__, i18n

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


def build_parser(lang: str = i18n.SOURCE_LANGUAGE) -> argparse.ArgumentParser:
    """The command line's parser, its help and usage errors in `lang` (the help texts
    are catalog keys, put into words only when printed: `quizapp.commands.parsing`)."""
    from quizapp.commands.parsing import Parser

    parser = Parser(prog="quizapp", description="quizapp_about", lang=lang)
    parser.add_argument(
        "--version", action="version", version=f"quizapp {__version__}", help="version"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data_dir",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database",
    )
    parser.add_argument(
        "--lang",
        type=i18n.language_argument,
        metavar="LANG",
        help="lang",
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
    from quizapp.commands.parsing import argv_language

    # Chosen from the arguments and the environment: `--help` opens no score store.
    parser = build_parser(argv_language(sys.argv[1:] if argv is None else argv))
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
