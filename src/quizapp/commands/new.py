"""`quizapp new [ID]`: scaffold a quiz file with one example of each chosen question type."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizapp.commands.messages import error, fail, language, reason, say, words


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new",
        help="new",
        description="new_about",
    )
    parser.add_argument("id", nargs="?", metavar="ID", help="new_id")
    parser.add_argument("--title", help="new_title")
    parser.add_argument("--languages", metavar="LIST", help="new_languages")
    parser.add_argument("--module", metavar="ID", help="new_module")
    parser.add_argument(
        "--types",
        metavar="LIST",
        help="new_types",
    )
    parser.add_argument("-o", "--output", metavar="PATH", help="new_output")
    parser.add_argument("--force", action="store_true", help="new_force")
    # SUPPRESS: a missing sub-option must not hide `quizapp --data-dir DIR new`.
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="new_data_dir")
    parser.set_defaults(run=run)


def _ask(
    question: str, default: str, lang: str, check: Callable[[str], object] | None = None
) -> str:
    """Ask until the answer passes `check` (which raises ValueError with the reason,
    said in `lang`)."""
    while True:
        try:
            answer = input(f"{question} [{default}]: " if default else f"{question}: ").strip()
        except EOFError:
            answer = ""
        answer = answer or default
        if check is None:
            return answer
        try:
            check(answer)
        except ValueError as exc:
            print(f"  {error(exc, lang)}.")
            continue
        return answer


def run(args: argparse.Namespace) -> int:
    from quizapp import locations
    from quizapp.authoring.gift import slug
    from quizapp.authoring.scaffold import (
        ScaffoldError,
        check_choices,
        ensure_schema,
        parse_list,
        scaffold,
    )
    from quizapp.model.quiz import QUESTION_TYPES

    lang = language(args)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    title = args.title
    quiz_id = args.id
    if interactive:
        if title is None:
            title = _ask(
                words("new_ask_title", lang),
                quiz_id.replace("-", " ").capitalize() if quiz_id else "",
                lang,
            )
        if quiz_id is None:
            quiz_id = _ask(
                words("new_ask_id", lang),
                slug(title or "") or "my-quiz",
                lang,
                lambda a: check_choices(a, ["en"], ["single"], None),
            )
        languages = args.languages or _ask(
            words("new_ask_languages", lang),
            "en",
            lang,
            lambda a: check_choices("q", parse_list(a), ["single"], None),
        )
        module = args.module
        if module is None:
            module = _ask(
                words("new_ask_module", lang),
                "",
                lang,
                lambda a: check_choices("q", ["en"], ["single"], a or None),
            )
        types = args.types or _ask(
            words("new_ask_types", lang, types=", ".join(QUESTION_TYPES)),
            ",".join(QUESTION_TYPES),
            lang,
            lambda a: check_choices("q", ["en"], parse_list(a), None),
        )
    else:
        languages = args.languages or "en"
        module = args.module or ""
        types = args.types or ",".join(QUESTION_TYPES)
    if quiz_id is None:
        quiz_id = slug(title or "") or "my-quiz"
    if not title:
        title = quiz_id.replace("-", " ").replace("_", " ").capitalize()

    try:
        check_choices(quiz_id, parse_list(languages), parse_list(types), module or None)
        text = scaffold(quiz_id, title, parse_list(languages), parse_list(types), module or None)
    except ScaffoldError as exc:
        fail("new_error", lang, reason=error(exc, lang))
        return 2

    from quizapp.fileio import OutputExistsError, write_output

    if args.output == "-":
        sys.stdout.write(text)
        return 0
    if args.output:
        target = Path(args.output).expanduser()
        if target.is_dir() or args.output.endswith(("/", "\\")):
            target = target / f"{quiz_id}.toml"
    else:
        base = locations.data_dir(getattr(args, "data_dir", None))
        target = locations.user_quizzes_dir(base) / f"{quiz_id}.toml"
    notes: list[str] = []
    try:
        write_output(target, text, force=args.force, mkdir=True)
        schema = ensure_schema(target.parent, notes)
    except OutputExistsError:
        fail("new_exists", lang, path=target)
        return 1
    except OSError as exc:
        fail("new_cannot_write", lang, path=target, reason=reason(exc, lang))
        return 1
    say("wrote", lang, path=target)
    if schema:
        say("new_wrote_schema", lang, path=schema)
    for note in notes:
        say("note", lang, note=error(note, lang))
    say("new_next", lang, path=target)
    return 0
