"""`quizapp take QUIZ --plain`: take a quiz in the line-oriented front end.

QUIZ is a quiz id (from the bundled quizzes or the user's quiz folder) or a path to a
quiz file. The attempt is graded by quizapp.engine and reported to a `Recorder`
(`recorder_for`), which the score store plugs into.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.engine.recording import Recorder
    from quizapp.loading import Catalog


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "take",
        help="take a quiz",
        description="Take a quiz. With --plain, one question at a time on plain text lines "
        "(for screen readers and scripts); end of input submits what was answered.",
    )
    parser.add_argument("quiz", metavar="QUIZ", help="a quiz id, or the path of a quiz file")
    parser.add_argument(
        "--plain", action="store_true", help="plain text questions and answers, one per line"
    )
    parser.add_argument(
        "--mode",
        choices=("practice", "exam", "review"),
        default="practice",
        help="practice (feedback as you go; default), exam (feedback at the end), "
        "review (questions due for review)",
    )
    parser.add_argument("--seed", type=int, help="fix the draw and order (default: random)")
    parser.add_argument("--learner", default="", help="who is taking the quiz")
    parser.add_argument("--lang", help="id or en (default: the quiz's first language)")
    parser.add_argument("--data-dir", help="where scores and your own quizzes are kept")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.engine.attempt import AttemptError, start_attempt, start_review
    from quizapp.plain import run_plain

    if not args.plain:
        print(
            "The full-screen quiz is not available from this command yet; add --plain.",
            file=sys.stderr,
        )
        return 2
    found = find_quiz(args.quiz, args.data_dir)
    if isinstance(found, str):
        print(found, file=sys.stderr)
        return 2
    catalog, quiz_id = found
    quiz = catalog.quizzes[quiz_id]
    lang = args.lang or quiz.languages[0]
    recorder = recorder_for(args)
    try:
        if args.mode == "review":
            attempt = start_review(
                catalog,
                due_items(catalog, quiz_id, args),
                seed=args.seed,
                learner=args.learner,
                recorder=recorder,
            )
        else:
            attempt = start_attempt(
                catalog,
                quiz_id,
                mode=args.mode,
                seed=args.seed,
                learner=args.learner,
                recorder=recorder,
            )
    except AttemptError as exc:
        print(f"Cannot start the quiz: {exc}.", file=sys.stderr)
        return 2
    from quizapp.model.text import localize

    run_plain(attempt, lang, sys.stdin, sys.stdout, title=localize(quiz.quiz.title, lang))
    return 0


def recorder_for(args: argparse.Namespace) -> Recorder:
    """Where this attempt is recorded. Nothing yet: the score store plugs in here."""
    from quizapp.engine.recording import NullRecorder

    return NullRecorder()


def due_items(catalog: Catalog, quiz_id: str, args: argparse.Namespace) -> list[tuple[str, str]]:
    """The (quiz id, question id) pairs to review. Until the score store says which are
    due, every question of the quiz's pool is."""
    return [(entry.quiz_id, entry.question.id) for entry in catalog.pool(quiz_id)]  # type: ignore[attr-defined]


def find_quiz(name: str, data_dir: str | None) -> tuple[Catalog, str] | str:
    """The catalog to take `name` from and its quiz id, or a one-sentence error."""
    from quizapp.loading import load_catalog
    from quizapp.locations import bundled_quizzes_dir, user_quizzes_dir
    from quizapp.locations import data_dir as user_data_dir

    sources: list[Path] = [bundled_quizzes_dir()]
    user_dir = user_quizzes_dir(user_data_dir(data_dir))
    if user_dir.is_dir():
        sources.append(user_dir)
    path = Path(name)
    if path.suffix == ".toml" or path.is_file():
        if not path.is_file():
            return f"No quiz file at {name}."
        # The file comes first so its id wins over a bundled quiz of the same id; the
        # quizzes beside it and the usual folders are there for its includes.
        siblings = sorted(p for p in path.parent.glob("*.toml") if p.resolve() != path.resolve())
        catalog = load_catalog([path, *siblings, *sources])
        result = catalog.results[0]
        if result.quiz is None or not result.ok:
            problems = [str(p) for p in result.problems if p.severity == "error"]
            return "\n".join(problems) or f"{name} is not a valid quiz file."
        quiz_id = result.quiz.id
        own = [p for p in catalog.problems if Path(p.file) == path and p.severity == "error"]
        if own:
            return "\n".join(str(p) for p in own)
        return catalog, quiz_id
    catalog = load_catalog(sources)
    if name in catalog.quizzes:
        return catalog, name
    known = ", ".join(sorted(catalog.quizzes)) or "none"
    return f'No quiz with the id "{name}"; the quizzes are: {known}.'
