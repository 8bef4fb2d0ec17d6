"""`quizapp convert SRC DEST`: Moodle GIFT to a quiz file and back, by the extensions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quizapp.commands.messages import error, fail, language, reason, say, words

GIFT_SUFFIXES = (".gift", ".txt")
TOML_SUFFIXES = (".toml",)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convert",
        description="convert_about",
    )
    parser.add_argument("source", metavar="SRC")
    parser.add_argument("dest", metavar="DEST", help="convert_dest")
    parser.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        help="convert_lang",
    )
    parser.add_argument("--id", dest="quiz_id", help="convert_id")
    parser.add_argument("--title", help="convert_title")
    parser.add_argument("--force", action="store_true", help="convert_force")
    parser.set_defaults(run=run)


def _fail(key: str, lang: str, /, **values: object) -> int:
    """Say the message `cli.<key>` after the command's name on stderr; exit status 1."""
    fail("convert_failed", lang, reason=words(key, lang, **values))
    return 1


def run(args: argparse.Namespace) -> int:
    from quizapp.authoring.convert import MAX_GIFT_BYTES, gift_to_toml, toml_to_gift
    from quizapp.authoring.gift import GiftError
    from quizapp.authoring.scaffold import ensure_schema
    from quizapp.fileio import OutputExistsError, check_output, read_regular, write_output
    from quizapp.loading import MAX_FILE_BYTES

    lang = language(args)
    source, dest = Path(args.source), Path(args.dest)
    src_kind = source.suffix.lower()
    dest_kind = dest.suffix.lower()
    if src_kind in GIFT_SUFFIXES and dest_kind in TOML_SUFFIXES:
        direction = "gift-to-toml"
    elif src_kind in TOML_SUFFIXES and dest_kind in GIFT_SUFFIXES:
        direction = "toml-to-gift"
    elif src_kind in GIFT_SUFFIXES + TOML_SUFFIXES and args.dest == "-":
        direction = "gift-to-toml" if src_kind in GIFT_SUFFIXES else "toml-to-gift"
    else:
        return _fail("convert_which_way", lang, source=source.name, dest=dest.name)
    try:
        check_output(args.dest, force=args.force)
    except OutputExistsError:
        return _fail("convert_exists", lang, path=dest)
    except OSError as exc:
        return _fail("convert_cannot_write", lang, path=dest, reason=reason(exc, lang))
    limit = MAX_GIFT_BYTES if direction == "gift-to-toml" else MAX_FILE_BYTES
    try:
        text = read_regular(source, limit).decode("utf-8-sig")
    except FileNotFoundError:
        return _fail("convert_no_source", lang, path=source)
    except UnicodeDecodeError:
        return _fail("convert_not_utf8", lang, path=source)
    except OSError as exc:
        return _fail("convert_cannot_read", lang, path=source, reason=reason(exc, lang))

    try:
        if direction == "gift-to-toml":
            converted = gift_to_toml(
                text,
                quiz_id=args.quiz_id or dest.stem,
                title=args.title,
                default_title=source.stem.replace("_", " ").replace("-", " "),
                lang=getattr(args, "lang", None) or "en",
                origin=source.name,
            )
        else:
            converted = toml_to_gift(text, name=str(source), lang=getattr(args, "lang", None))
    except GiftError as exc:
        for problem in exc.errors:
            # An error placed on a line is told with the file's name before it.
            placed = problem.startswith("line ")
            said = error(problem, lang)
            print(f"{source}: {said}" if placed else said, file=sys.stderr)
        return _fail("convert_problems", lang, n=len(exc.errors))

    schema_notes: list[str] = []
    try:
        written = write_output(args.dest, converted.text, force=args.force, mkdir=True)
        schema = (
            ensure_schema(dest.parent, schema_notes)
            if direction == "gift-to-toml" and written is not None
            else None
        )
    except OutputExistsError:
        return _fail("convert_exists", lang, path=dest)
    except OSError as exc:
        path = exc.filename or dest
        return _fail("convert_cannot_write", lang, path=path, reason=reason(exc, lang))
    # Notes go to stderr when the file itself goes to stdout.
    out = sys.stderr if written is None else sys.stdout
    for note in converted.notes:
        if note.startswith("line "):
            print(f"{source}: {error(note, lang)}", file=out)
        else:
            say("note", lang, file=out, note=error(note, lang))
    for note in schema_notes:
        say("note", lang, file=out, note=error(note, lang))
    if written is not None:
        say("wrote", lang, path=dest)
    if schema:
        say("convert_wrote_schema", lang, path=schema)
    return 0
