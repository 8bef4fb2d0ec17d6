"""`quizapp convert SRC DEST`: Moodle GIFT to a quiz file and back, by the extensions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

GIFT_SUFFIXES = (".gift", ".txt")
TOML_SUFFIXES = (".toml",)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convert between Moodle GIFT and quiz files",
        description="Convert a Moodle GIFT file (.gift or .txt) to a quiz file (.toml), or "
        "a quiz file to GIFT. The direction follows from the extensions. Says what it "
        "skipped or left out.",
    )
    parser.add_argument("source", metavar="SRC")
    parser.add_argument("dest", metavar="DEST")
    parser.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        help="GIFT to TOML: the language of the GIFT text (default en); "
        "TOML to GIFT: which translation to write (default the quiz's first)",
    )
    parser.add_argument(
        "--id", dest="quiz_id", help="GIFT to TOML: the quiz id (default DEST's name)"
    )
    parser.add_argument("--title", help="GIFT to TOML: the quiz title (default SRC's name)")
    parser.add_argument("--force", action="store_true", help="overwrite DEST if it exists")
    parser.set_defaults(run=run)


def _fail(message: str) -> int:
    print(f"quizapp convert: {message}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    from quizapp.authoring.convert import gift_to_toml, toml_to_gift
    from quizapp.authoring.gift import GiftError
    from quizapp.authoring.scaffold import ensure_schema

    source, dest = Path(args.source), Path(args.dest)
    src_kind = source.suffix.lower()
    dest_kind = dest.suffix.lower()
    if src_kind in GIFT_SUFFIXES and dest_kind in TOML_SUFFIXES:
        direction = "gift-to-toml"
    elif src_kind in TOML_SUFFIXES and dest_kind in GIFT_SUFFIXES:
        direction = "toml-to-gift"
    else:
        return _fail(
            f"cannot tell which way to convert {source.name} to {dest.name}: one must end in "
            ".gift (or .txt) and the other in .toml."
        )
    if dest.exists() and not args.force:
        return _fail(f"{dest} already exists; pass --force to overwrite it.")
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return _fail(f"{source}: no such file.")
    except UnicodeDecodeError:
        return _fail(f"{source} is not UTF-8 text; save it as UTF-8 and try again.")
    except OSError as exc:
        return _fail(f"cannot read {source}: {exc.strerror or exc}.")

    try:
        if direction == "gift-to-toml":
            converted = gift_to_toml(
                text,
                quiz_id=args.quiz_id or dest.stem,
                title=args.title or source.stem.replace("_", " ").replace("-", " "),
                lang=getattr(args, "lang", None) or "en",
                origin=source.name,
            )
        else:
            converted = toml_to_gift(text, name=str(source), lang=getattr(args, "lang", None))
    except GiftError as exc:
        for error in exc.errors:
            print(f"{source}: {error}" if error.startswith("line ") else error, file=sys.stderr)
        n = len(exc.errors)
        return _fail(f"{n} problem{'s' if n != 1 else ''}; nothing was written.")

    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(converted.text, encoding="utf-8")
        schema = ensure_schema(dest.parent) if direction == "gift-to-toml" else None
    except OSError as exc:
        return _fail(f"cannot write {dest}: {exc.strerror or exc}.")
    for note in converted.notes:
        print(f"{source}: {note}" if note.startswith("line ") else f"note: {note}")
    print(f"Wrote {dest}")
    if schema:
        print(f"Wrote {schema} (the JSON Schema that the #:schema line points to)")
    return 0
