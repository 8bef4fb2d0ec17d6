"""`quizapp class`: the trainer's watch view of a served class (`class watch`), and the
app a served browser tab runs (`class app`, started by `quizapp serve` only)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from quizapp.commands.messages import error, fail, language


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "class",
        help="class",
        description="class_about",
    )
    actions = parser.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    watch = actions.add_parser("watch", help="class_watch")
    watch.add_argument("--class", dest="class_name", metavar="NAME", help="class_class")
    watch.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="class_data_dir"
    )
    watch.set_defaults(run=run_watch)
    # Started by the class server for each joined browser tab; not for people.
    app = actions.add_parser("app")
    app.add_argument("--class", dest="class_name", required=True)
    app.add_argument("--learner-id", type=int, required=True)
    app.add_argument("--data-dir", default=argparse.SUPPRESS)
    app.set_defaults(run=run_app)


def newest_class(base: Path) -> str | None:
    """The class whose store changed last, under `base`/classes; on one database named
    by `--database`, the class made last there."""
    from quizapp import locations
    from quizapp.store import StoreError, open_store

    if os.environ.get(locations.DATABASE_URL_ENV):
        try:
            with open_store(locations.database_target(base)) as store:
                names = store.class_names()
        except StoreError:
            return None  # the caller's own opening says why
        return names[-1] if names else None
    folder = base / "classes"
    if not folder.is_dir():
        return None
    found = [
        (p.stat().st_mtime, p.parent.name) for p in folder.glob("*/scores.sqlite3") if p.is_file()
    ]
    return max(found)[1] if found else None


def _class_store(args: argparse.Namespace) -> tuple[Path, str, Any] | None:
    from quizapp import locations
    from quizapp.store import StoreError, open_store
    from quizapp.store.classes import valid_class_name

    lang = language(args)
    base = locations.data_dir(args.data_dir)
    name = args.class_name or newest_class(base)
    if name is None:
        fail("class_none_served", lang)
        return None
    target = locations.class_database_target(base, name) if valid_class_name(name) else None
    if target is None or (isinstance(target, Path) and not target.exists()):
        fail("class_no_such", lang, name=repr(name))
        return None
    try:
        store = open_store(target)
    except StoreError as exc:
        print(error(exc, lang), file=sys.stderr)
        return None
    if store.class_info(name) is None:  # one database holds every class
        store.close()
        fail("class_no_such", lang, name=repr(name))
        return None
    return base, name, store


def run_watch(args: argparse.Namespace) -> int:
    found = _class_store(args)
    if found is None:
        return 1
    base, name, store = found
    from quizapp.commands.report import _catalog
    from quizapp.tui.watch import WatchApp

    WatchApp(store, name, _catalog(base), lang=language(args)).run()
    return 0


def run_app(args: argparse.Namespace) -> int:
    found = _class_store(args)
    if found is None:
        return 1
    base, name, store = found
    from quizapp.tui.classroom import make_class_app

    app = make_class_app(base, name, args.learner_id, store=store)
    app.run()
    return app.return_code or 0
