"""`quizapp store`: the score store itself. `store copy` moves a whole store, or one
learner's part, between SQLite and PostgreSQL (see docs/store.md); `store check` reports
a store's schema version and whether it is sound."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quizapp.commands.messages import error, fail, language, say, words


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "store",
        help="store",
        description="store_about",
    )
    actions = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    copy = actions.add_parser(
        "copy",
        help="store_copy",
        description="store_copy_about",
    )
    copy.add_argument("--from", dest="source", metavar="URL", required=True, help="store_from")
    copy.add_argument("--to", dest="dest", metavar="URL", required=True, help="store_to")
    copy.add_argument("--learner", metavar="NAME", help="store_learner")
    copy.set_defaults(run=run_copy)
    check = actions.add_parser(
        "check",
        help="store_check",
        description="store_check_about",
    )
    check.add_argument("target", nargs="?", metavar="URL", help="store_target")
    check.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="store_data_dir"
    )
    check.set_defaults(run=run_check)


def _target(value: str) -> Path | str:
    from quizapp.locations import is_postgres_url

    return value if is_postgres_url(value) else Path(value).expanduser()


def _prepare(target: Path | str, lang: str, *, must_exist: bool) -> str | None:
    """Open (creating or migrating) the store at `target` the normal way, so both sides of
    a copy have the current schema; one sentence when it cannot be."""
    from quizapp.locations import describe_target
    from quizapp.store import StoreError, open_store

    if must_exist and isinstance(target, Path) and not target.is_file():
        return words("store_none_at", lang, target=target)
    try:
        open_store(target).close()
    except StoreError as exc:
        return error(exc, lang) or words("store_cannot_open", lang, target=describe_target(target))
    return None


def run_copy(args: argparse.Namespace) -> int:
    from quizapp.commands.store_copy import CopyError, Side, copy_store
    from quizapp.locations import describe_target

    lang = language(args)
    source, dest = _target(args.source), _target(args.dest)
    same = (
        source.resolve() == dest.resolve()
        if isinstance(source, Path) and isinstance(dest, Path)
        else source == dest
    )
    if same:
        fail("store_same", lang)
        return 2
    for target, must_exist in ((source, True), (dest, False)):
        problem = _prepare(target, lang, must_exist=must_exist)
        if problem:
            print(problem, file=sys.stderr)
            return 1
    ends: list[Side] = []
    try:
        ends.append(Side(source, describe_target(source)))
        ends.append(Side(dest, describe_target(dest)))
        checks = copy_store(ends[0], ends[1], args.learner, lang)
    except CopyError as exc:
        print(error(exc, lang), file=sys.stderr)
        return 1
    except Exception as exc:  # a driver's error (connection lost, a constraint): one line
        fail("store_copy_failed", lang, reason=_first_line(exc))
        return 1
    finally:
        for end in ends:
            end.close()
    ends_shown: dict[str, Any] = {"source": describe_target(source), "dest": describe_target(dest)}
    if args.learner:
        say("store_copied_learner", lang, learner=args.learner, **ends_shown)
    else:
        say("store_copied", lang, **ends_shown)
    _print_checks(checks, lang)
    bad = [c.table for c in checks if not c.same]
    if bad:
        fail("store_copy_undone", lang, tables=", ".join(bad))
        return 1
    written = sum(c.written for c in checks)
    say("store_all_match" if written else "store_all_there", lang, n=written)
    return 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _print_checks(checks: list[Any], lang: str) -> None:
    # Table names are the store's own. A column is as wide as its heading in the language.
    keys = ("table", "source", "dest", "written", "also_in_dest")
    heads = [words(f"store_column_{key}", lang) for key in keys]
    widths = [max(w, len(h)) for w, h in zip((14, 9, 9, 8, 12), heads, strict=True)]
    print(
        f"{heads[0]:<{widths[0]}} "
        + " ".join(f"{h:>{w}}" for h, w in zip(heads[1:], widths[1:], strict=True))
        + f"  {words('store_column_checksums', lang)}"
    )
    for c in checks:
        mark = words("store_same_rows" if c.same else "store_different_rows", lang)
        figures = (c.source_rows, c.dest_rows, c.written, c.dest_other)
        print(
            f"{c.table:<{widths[0]}} "
            + " ".join(f"{n:>{w}}" for n, w in zip(figures, widths[1:], strict=True))
            + f"  {c.source_sum[:16]} / {c.dest_sum[:16]}  {mark}"
        )


def run_check(args: argparse.Namespace) -> int:
    from quizapp import locations
    from quizapp.store import SCHEMA_VERSION, StoreError, open_store

    if args.target:
        target = _target(args.target)
    else:
        target = locations.database_target(locations.data_dir(args.data_dir))
    shown = locations.describe_target(target)
    lang = language(args)
    if isinstance(target, Path) and not target.is_file():
        fail("store_none_at", lang, target=shown)
        return 1
    try:
        store = open_store(target)
    except StoreError as exc:
        print(error(exc, lang), file=sys.stderr)
        return 1
    with store:
        try:
            result = store.check()
        except StoreError as exc:
            print(error(exc, lang), file=sys.stderr)
            return 1
        findings = list(result.findings)
        backend = "SQLite" if isinstance(target, Path) else "PostgreSQL"
        say("store_check_store", lang, target=shown, backend=backend)
        say(
            "store_check_schema",
            lang,
            version=result.schema_version,
            current=SCHEMA_VERSION,
        )
        if findings:
            say("store_check_problems", lang, n=len(findings))
            for finding in findings:
                print(f"  - {finding}")
            return 1
        say("store_check_sound", lang)
    return 0
