"""`quizapp learner list|remove`: the learners of this data folder.

Removing a learner first writes their results (every finished attempt with its answers,
the `quizapp export` file) to `DATA_DIR/removed-learners/`, then deletes them, their
attempts and their review cards from the score store; if the copy cannot be written,
nothing is deleted. The app's switch-learner screen removes through `remove_learner` too.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quizapp.commands.messages import error, fail, language, reason, say, words


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "learner",
        help="learner",
        description="learner_about",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="learner_data_dir"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="learner_list")
    remove = actions.add_parser("remove", help="learner_remove")
    remove.add_argument("name", metavar="NAME", help="learner_name")
    remove.add_argument("--yes", action="store_true", help="learner_yes")
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class Removed:
    """A learner removed, and where their results were kept."""

    name: str
    kept: Path | None
    """None when nothing was written: the learner was only in memory."""
    attempts: int


def remove_learner(base: Path, name: str, store: Any, lang: str = "en") -> Removed | str:
    """Save the learner's export file under `removed-learners/`, then delete them from
    `store` (a `Store` on `base`'s database). Returns what was done, or one sentence in
    `lang` saying why nothing was (an unknown name). A file that cannot be written raises
    `OSError` before anything is deleted."""
    from quizapp.commands.export import learner_export
    from quizapp.locations import removed_learners_dir
    from quizapp.names import no_such_learner
    from quizapp.reports.export import dump_export
    from quizapp.reports.files import write_atomic

    learner = store.find_learner(name)
    export = learner_export(base, name, lang)
    if learner is None or isinstance(export, str):
        return export if isinstance(export, str) else no_such_learner(name, [], lang)
    folder = removed_learners_dir(base)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = write_atomic(
        folder / f"{_slug(learner.name)}-{stamp}.json", dump_export(export).encode("utf-8")
    )
    store.remove_learner(learner.id)
    return Removed(learner.name, kept, len(export.attempts))


def _attempts(n: int, lang: str) -> str:
    return words("count_attempts", lang, n=n)


def _slug(name: str) -> str:
    kept = "".join(c if c.isalnum() else "-" for c in name)
    return "-".join(part for part in kept.split("-") if part)[:40] or "learner"


def run(args: argparse.Namespace) -> int:
    from quizapp.locations import data_dir, database_target
    from quizapp.store import StoreError, open_store

    lang = language(args)
    base = data_dir(args.data_dir)
    try:
        store = open_store(database_target(base, getattr(args, "database", None)))
    except StoreError as exc:
        print(error(exc, lang), file=sys.stderr)
        return 1
    with store:
        if args.action == "list":
            return _list(store, lang)
        return _remove(args, base, store, lang)


def _list(store: Any, lang: str) -> int:
    learners = store.learners()
    if not learners:
        say("learner_none", lang)
    for learner in learners:
        finished = sum(1 for a in store.attempts(learner.id) if a.status != "in_progress")
        print(f"{learner.name}\t{learner.language}\t{_attempts(finished, lang)}")
    return 0


def _remove(args: argparse.Namespace, base: Path, store: Any, lang: str) -> int:
    from quizapp.names import no_such_learner

    learner = store.find_learner(args.name)
    if learner is None:
        print(no_such_learner(args.name, [x.name for x in store.learners()], lang), file=sys.stderr)
        return 1
    name = learner.name
    if not args.yes:
        if not sys.stdin.isatty():
            fail("learner_remove_needs_yes", lang, name=name)
            return 2
        attempts = _attempts(len(store.attempts(learner.id)), lang)
        answer = input(words("learner_remove_confirm", lang, name=name, attempts=attempts) + " ")
        # Yes in either language, whichever the question was asked in.
        if answer.strip().casefold() not in ("y", "yes", "ya"):
            say("learner_nothing_removed", lang)
            return 1
    try:
        removed = remove_learner(base, learner.name, store, lang)
    except OSError as exc:
        fail("learner_remove_not_saved", lang, reason=reason(exc, lang))
        return 1
    if isinstance(removed, str):
        print(removed, file=sys.stderr)
        return 1
    say(
        "learner_removed",
        lang,
        name=name,
        attempts=_attempts(removed.attempts, lang),
        path=removed.kept,
    )
    return 0
