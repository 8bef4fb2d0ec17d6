"""`quizapp build`: write the generated question banks from the learning modules."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from quizapp.commands.messages import fail, language, reason, say


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build",
        description="build_about",
    )
    parser.add_argument(
        "--content",
        metavar="PATH",
        action="append",
        help="build_content",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="build_output",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="build_check",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.authoring.build import build_banks
    from quizapp.fileio import read_regular, write_output
    from quizapp.loading import MAX_FILE_BYTES
    from quizapp.loading.content import load_modules, module_files
    from quizapp.locations import bundled_content_dir, bundled_quizzes_dir

    lang = language(args)
    content = [Path(p) for p in args.content] if args.content else [bundled_content_dir()]
    out_dir = Path(args.output) if args.output else bundled_quizzes_dir()
    if not module_files(content):
        say("build_no_modules", lang, paths=", ".join(map(str, content)))
        return 1
    loaded = load_modules(content)
    for problem in loaded.problems:
        print(problem.render(lang))
    if not loaded.ok:
        say("build_nothing_built", lang)
        return 1
    pairs = [
        (module, _shown(loaded.paths[module_id])) for module_id, module in loaded.modules.items()
    ]
    banks = build_banks(pairs, out_dir)
    stale = 0
    for bank in banks:
        try:
            current = read_regular(bank.path, MAX_FILE_BYTES)
        except OSError:
            current = None
        up_to_date = current == bank.text.encode("utf-8")
        if args.check:
            if not up_to_date:
                stale += 1
                say("build_out_of_date", lang, path=bank.path)
            continue
        if up_to_date:
            say("build_up_to_date", lang, path=bank.path)
            continue
        try:
            # A generated bank is replaced (that is what build is for), but atomically and
            # never through a link or over something that is not a regular file. Bytes, not
            # text: no newline translation, so the file is identical everywhere.
            write_output(bank.path, bank.text.encode("utf-8"), force=True, mkdir=True)
        except OSError as exc:
            fail("build_cannot_write", lang, path=bank.path, reason=reason(exc, lang))
            return 1
        say("build_written", lang, path=bank.path)
    if args.check:
        if stale == 0:
            say("build_all_up_to_date", lang, n=len(banks))
        return 1 if stale else 0
    return 0


def _shown(path: Path) -> str:
    """The module's path as the header shows it: relative to the repo's content folder."""
    return f"content/{path.name}"
