"""`quizapp schema`: the JSON Schema of the quiz (or learning-module) format, for editors."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from quizapp.commands.messages import fail, language, reason, say


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="schema",
        description="schema_about",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="schema_output")
    parser.add_argument("--force", action="store_true", help="schema_force")
    parser.add_argument(
        "--content",
        action="store_true",
        help="schema_content",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.fileio import OutputExistsError, write_output
    from quizapp.loading.schema import content_schema_text, quiz_schema_text

    lang = language(args)
    text = content_schema_text() if args.content else quiz_schema_text()
    if args.output and args.output != "-":
        try:
            write_output(args.output, text, force=args.force)
        except OutputExistsError:
            fail("schema_exists", lang, path=args.output)
            return 1
        except OSError as exc:
            fail("schema_cannot_write", lang, path=args.output, reason=reason(exc, lang))
            return 1
        say("wrote", lang, file=sys.stderr, path=args.output)
    else:
        sys.stdout.write(text)
    return 0
