"""`quizapp preview FILE`: watch one quiz file in the TUI while you edit it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from quizapp.commands.messages import fail, language


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "preview",
        help="preview",
        description="preview_about",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--lang", default=argparse.SUPPRESS, help="preview_lang")
    parser.add_argument(
        "--interval", type=float, default=0.25, metavar="SECONDS", help="preview_interval"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.is_dir():
        fail("preview_folder", language(args), path=path)
        return 2
    if not args.interval > 0:
        fail("preview_interval", language(args))
        return 2
    # Deferred: Textual is only loaded by the commands that open the TUI.
    from quizapp.tui.preview import PreviewApp

    PreviewApp(path, interval=args.interval, lang=getattr(args, "lang", None)).run()
    return 0
