"""`quizapp build`: write the generated question banks from the learning modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "build",
        help="generate question banks from the learning modules",
        description="Turn each learning module's facts into a generated quiz bank "
        "(generated-<module>.toml). The output is the same, byte for byte, for the same "
        "module. Exits 1 when a module has problems, or with --check when a bank is out "
        "of date.",
    )
    parser.add_argument(
        "--content",
        metavar="PATH",
        action="append",
        help="a module file or folder (default: the bundled content folder); repeatable",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="where to write the banks (default: the bundled quizzes folder)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a generated bank differs from what build would write",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.authoring.build import build_banks
    from quizapp.fileio import read_regular, reason, write_output
    from quizapp.loading import MAX_FILE_BYTES
    from quizapp.loading.content import load_modules, module_files
    from quizapp.locations import bundled_content_dir, bundled_quizzes_dir

    content = [Path(p) for p in args.content] if args.content else [bundled_content_dir()]
    out_dir = Path(args.output) if args.output else bundled_quizzes_dir()
    if not module_files(content):
        print(f"No module files (*.toml) found in {', '.join(map(str, content))}.")
        return 1
    loaded = load_modules(content)
    for problem in loaded.problems:
        print(problem)
    if not loaded.ok:
        print("Nothing built: fix the module problems above first.")
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
                print(f"{bank.path}: out of date; run `quizapp build`")
            continue
        if up_to_date:
            print(f"{bank.path}: up to date")
            continue
        try:
            # A generated bank is replaced (that is what build is for), but atomically and
            # never through a link or over something that is not a regular file. Bytes, not
            # text: no newline translation, so the file is identical everywhere.
            write_output(bank.path, bank.text.encode("utf-8"), force=True, mkdir=True)
        except OSError as exc:
            print(f"{bank.path}: cannot write: {reason(exc)}", file=sys.stderr)
            return 1
        print(f"{bank.path}: written")
    if args.check:
        if stale == 0:
            print(f"All {len(banks)} generated bank{'s' if len(banks) != 1 else ''} up to date.")
        return 1 if stale else 0
    return 0


def _shown(path: Path) -> str:
    """The module's path as the header shows it: relative to the repo's content folder."""
    return f"content/{path.name}"
