"""What `quizapp validate` and `quizapp lint` read: the paths named, or by default what
the app loads (the bundled quizzes and the user's own quiz folder), split into quiz files
and module files, with the modules their questions cite."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp import i18n

if TYPE_CHECKING:
    from quizapp.loading.catalog import Catalog
    from quizapp.loading.results import ModuleSet


def add_arguments(parser: Any, paths_help: str) -> None:
    """The options both commands take: PATH..., --content, --format, --lang and --data-dir."""
    parser.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    parser.add_argument(
        "--content",
        metavar="PATH",
        action="append",
        help="inputs_content",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    # SUPPRESS, as --data-dir: `quizapp --lang id lint` is not overridden by a default.
    parser.add_argument(
        "--lang",
        type=i18n.language_argument,
        default=argparse.SUPPRESS,
        metavar="LANG",
        help="inputs_lang",
    )
    # SUPPRESS: a missing sub-option must not hide `quizapp --data-dir DIR validate`.
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="inputs_data_dir",
    )


@dataclass
class Inputs:
    paths: list[str | Path]
    """The paths read: those named, or the default folders."""
    files: list[Path]
    """The quiz files read."""
    module_paths: list[Path]
    """Module files named among the paths (checked as modules, not as broken quizzes)."""
    modules: ModuleSet
    catalog: Catalog
    bundled: Path | None
    """The bundled quizzes' folder when no path was named, else None."""
    own: Path | None
    """The user's own quiz folder when no path was named (read only if it exists)."""


def read(args: argparse.Namespace) -> Inputs:
    from quizapp.loading import load_catalog, quiz_files
    from quizapp.loading.content import is_module_file, load_modules
    from quizapp.locations import (
        bundled_content_dir,
        bundled_quizzes_dir,
        data_dir,
        user_quizzes_dir,
    )

    bundled = own = None
    if args.paths:
        paths: list[str | Path] = list(args.paths)
    else:
        # What the app loads: the bundled quizzes and the user's own, where `quizapp new`
        # writes.
        bundled = bundled_quizzes_dir()
        own = user_quizzes_dir(data_dir(getattr(args, "data_dir", None)))
        paths = [bundled, *([own] if own.is_dir() else [])]
    named = quiz_files(paths)
    module_paths = [p for p in named if is_module_file(p)]
    files = [p for p in named if p not in module_paths]
    # Modules named among the paths replace the bundled ones, so an edited copy of a
    # bundled module is checked alone rather than clashing with the original's id. By
    # default the bundled quizzes are checked, so their modules always are too.
    keep_bundled = not module_paths or not args.paths
    content = args.content or ([bundled_content_dir()] if keep_bundled else [])
    modules = load_modules([*content, *module_paths])
    return Inputs(paths, files, module_paths, modules, load_catalog(files), bundled, own)
