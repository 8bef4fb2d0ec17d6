"""`quizapp store`: the score store itself. `store copy` moves a whole store, or one
learner's part, between SQLite and PostgreSQL (see docs/store.md); `store check` reports
a store's schema version and whether it is sound."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "store",
        help="copy or check a score store (SQLite or PostgreSQL)",
        description="The score store: an SQLite file or a postgresql:// database. "
        "See docs/store.md.",
    )
    actions = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    copy = actions.add_parser(
        "copy",
        help="copy a store, or one learner, to another store",
        description="Copy every learner (or one) with their attempts, answers, review cards "
        "and classes from one store to another, SQLite or PostgreSQL either way. Rows already "
        "there are matched, not doubled: running it again writes nothing. Ends with the rows "
        "and a checksum of each table on both sides.",
    )
    copy.add_argument("--from", dest="source", metavar="URL", required=True, help="copy from")
    copy.add_argument("--to", dest="dest", metavar="URL", required=True, help="copy to")
    copy.add_argument("--learner", metavar="NAME", help="copy only this learner's results")
    copy.set_defaults(run=run_copy)
    check = actions.add_parser(
        "check",
        help="the schema version and integrity of a store",
        description="Open the store (default: --database, $QUIZAPP_DATABASE_URL or the data "
        "folder's) and report its schema version and whether it is sound.",
    )
    check.add_argument("target", nargs="?", metavar="URL", help="a path or postgresql:// URL")
    check.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the scores are kept"
    )
    check.set_defaults(run=run_check)


def _target(value: str) -> Path | str:
    from quizapp.locations import is_postgres_url

    return value if is_postgres_url(value) else Path(value).expanduser()


def _prepare(target: Path | str, *, must_exist: bool) -> str | None:
    """Open (creating or migrating) the store at `target` the normal way, so both sides of
    a copy have the current schema; one sentence when it cannot be."""
    from quizapp.locations import describe_target
    from quizapp.store import StoreError, open_store

    if must_exist and isinstance(target, Path) and not target.is_file():
        return f"There is no score database at {target}."
    try:
        open_store(target).close()
    except StoreError as exc:
        return str(exc) or f"The score database {describe_target(target)} cannot be opened."
    return None


def run_copy(args: argparse.Namespace) -> int:
    from quizapp.commands.store_copy import CopyError, Side, copy_store
    from quizapp.locations import describe_target

    source, dest = _target(args.source), _target(args.dest)
    same = (
        source.resolve() == dest.resolve()
        if isinstance(source, Path) and isinstance(dest, Path)
        else source == dest
    )
    if same:
        print("--from and --to name the same store.", file=sys.stderr)
        return 2
    for target, must_exist in ((source, True), (dest, False)):
        problem = _prepare(target, must_exist=must_exist)
        if problem:
            print(problem, file=sys.stderr)
            return 1
    ends: list[Side] = []
    try:
        ends.append(Side(source, describe_target(source)))
        ends.append(Side(dest, describe_target(dest)))
        checks = copy_store(ends[0], ends[1], args.learner)
    except CopyError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # a driver's error (connection lost, a constraint): one line
        print(f"The copy failed and nothing was changed: {_first_line(exc)}", file=sys.stderr)
        return 1
    finally:
        for end in ends:
            end.close()
    what = f"{args.learner}'s results" if args.learner else "the whole store"
    print(f"Copied {what} from {describe_target(source)} to {describe_target(dest)}.")
    _print_checks(checks)
    bad = [c.table for c in checks if not c.same]
    if bad:
        print(
            f"The copy was undone: {', '.join(bad)} differ after writing.",
            file=sys.stderr,
        )
        return 1
    written = sum(c.written for c in checks)
    print(
        f"Every table matches; {written} row{'s' if written != 1 else ''} written"
        + (" (they were all there already)." if written == 0 else ".")
    )
    return 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _print_checks(checks: list[Any]) -> None:
    print(
        f"{'table':<14} {'source':>9} {'dest':>9} {'written':>8} {'also in dest':>12}  "
        "checksum source / dest"
    )
    for c in checks:
        mark = "same" if c.same else "DIFFERENT"
        print(
            f"{c.table:<14} {c.source_rows:>9} {c.dest_rows:>9} {c.written:>8} "
            f"{c.dest_other:>12}  {c.source_sum[:16]} / {c.dest_sum[:16]}  {mark}"
        )


def run_check(args: argparse.Namespace) -> int:
    from quizapp import locations
    from quizapp.store import SCHEMA_VERSION, StoreError, open_store

    if args.target:
        target = _target(args.target)
    else:
        target = locations.database_target(locations.data_dir(args.data_dir))
    shown = locations.describe_target(target)
    if isinstance(target, Path) and not target.is_file():
        print(f"There is no score database at {shown}.", file=sys.stderr)
        return 1
    try:
        store = open_store(target)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    with store:
        try:
            result = store.check()
        except StoreError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        findings = list(result.findings)
        backend = "SQLite" if isinstance(target, Path) else "PostgreSQL"
        print(f"Store:          {shown} ({backend})")
        print(f"Schema version: {result.schema_version} (this quizapp writes {SCHEMA_VERSION})")
        if findings:
            print(f"Integrity:      {len(findings)} problem{'s' if len(findings) != 1 else ''}")
            for finding in findings:
                print(f"  - {finding}")
            return 1
        print("Integrity:      sound")
    return 0
