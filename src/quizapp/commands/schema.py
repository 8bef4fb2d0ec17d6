"""`quizapp schema`: the JSON Schema of the quiz (or learning-module) format, for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="write the JSON Schema of the quiz format",
        description="Write the JSON Schema of the quiz file format. Point your editor at it "
        "with a first line like  #:schema ./quiz.schema.json",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument(
        "--content",
        action="store_true",
        help="the learning-module format instead (#:schema ./content.schema.json)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.loading.schema import content_schema_text, quiz_schema_text

    text = content_schema_text() if args.content else quiz_schema_text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
