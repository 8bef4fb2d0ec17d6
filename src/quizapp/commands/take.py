"""`quizapp take QUIZ --plain`: take a quiz in the line-oriented front end.

QUIZ is a quiz id (from the bundled quizzes or the user's quiz folder) or a path to a
quiz file. The attempt is graded by quizapp.engine and recorded as it goes in the score
store of the data directory (`--data-dir`, `$QUIZAPP_DATA_DIR` or the platform's data
folder), for the learner named by `--learner` (case does not matter; an unknown name is
refused with the list of known ones, and `--new-learner` creates it; default: the
computer's user name, made on first use). The interface speaks `--lang`, else the
learner's own language (kept in the score store) when the quiz has it.

An attempt interrupted by anything (a closed terminal, a crash, `kill -9`) stays in the
store: the next `take` of the same quiz says so, and `--resume` continues it at the first
unanswered question, in the same order. `--mode review` asks the learner's questions due
for review across every quiz (or only QUIZ's, when one is named), most overdue first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.commands.messages import error, fail, invalid_name, language, say, words

if TYPE_CHECKING:
    from datetime import datetime

    from quizapp.loading import Catalog


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "take",
        help="take",
        description="take_about",
    )
    parser.add_argument(
        "quiz",
        metavar="QUIZ",
        nargs="?",
        help="take_quiz",
    )
    parser.add_argument("--plain", action="store_true", help="take_plain")
    parser.add_argument(
        "--mode",
        choices=("practice", "exam", "review"),
        default="practice",
        help="take_mode",
    )
    parser.add_argument("--seed", type=int, help="take_seed")
    parser.add_argument(
        "--learner",
        help="take_learner",
    )
    parser.add_argument(
        "--new-learner",
        action="store_true",
        help="take_new_learner",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="take_resume",
    )
    parser.add_argument(
        "--move-aside",
        action="store_true",
        help="take_move_aside",
    )
    parser.add_argument("--lang", default=argparse.SUPPRESS, help="take_lang")
    parser.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="take_data_dir",
    )
    parser.set_defaults(run=run)


REVIEW_SIZE = 20
"""How many due questions one review asks at most (the most overdue)."""


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from quizapp.engine.attempt import AttemptError, start_attempt, start_review
    from quizapp.model.text import localize
    from quizapp.plain import run_plain
    from quizapp.store import StoreCorrupt, StoreError

    lang = language(args)
    if args.quiz is None and args.mode != "review":
        fail("take_name_quiz", lang)
        return 2
    found = find_quiz(args.quiz, args.data_dir, lang) if args.quiz else all_quizzes(args.data_dir)
    if isinstance(found, str):
        print(found, file=sys.stderr)
        return 2
    catalog, quiz_id = found
    if not args.plain:
        return open_app(args, catalog, quiz_id)
    # A learner made now without --lang speaks the quiz's own first language.
    first = catalog.quizzes[quiz_id].languages[0] if quiz_id else None
    opened = open_recorder(args, first)
    if isinstance(opened, str):
        print(opened, file=sys.stderr)
        return 2
    recorder = opened
    learner = recorder.learner.name
    # From here the learner is known: their own language, unless --lang says otherwise.
    lang = language(args, recorder.learner.language)
    attempt = None
    ended = None
    try:
        waiting = recorder.interrupted(None if args.mode == "review" else quiz_id)
        for warning in recorder.store.warnings:
            print(error(warning, lang), file=sys.stderr)
        if waiting and args.resume:
            try:
                attempt = recorder.resume(catalog, waiting[0])
            except AttemptError as exc:
                fail("take_cannot_resume", lang, reason=error(exc, lang))
                return 2
            done = len(attempt.slots) - len(attempt.unanswered())
            say("take_resuming", lang, n=done)
        elif waiting:
            say("take_unfinished", lang, when=_when(waiting[0].started_at))
        elif args.resume:
            say("take_nothing_to_resume", lang)
        if attempt is None and args.mode == "review":
            due = due_items(catalog, quiz_id, recorder)
            if not due:
                say("take_nothing_due", lang, learner=learner)
                return 0
            attempt = start_review(catalog, due, seed=args.seed, learner=learner, recorder=recorder)
        elif attempt is None:
            assert quiz_id is not None  # named: checked above unless reviewing
            attempt = start_attempt(
                catalog,
                quiz_id,
                mode=args.mode,
                seed=args.seed,
                learner=learner,
                recorder=recorder,
            )
    except AttemptError as exc:
        fail("take_cannot_start", lang, reason=error(exc, lang))
        return 2
    except StoreError as exc:
        recorder.store.close()
        print(_store_advice(exc, lang), file=sys.stderr)
        return 2
    try:
        quiz = attempt.quiz
        quiz_lang = args.lang or recorder.learner.language
        if quiz is not None and quiz_lang not in quiz.languages:
            quiz_lang = quiz.languages[0]
        title = localize(quiz.quiz.title, quiz_lang) if quiz else words("take_review", quiz_lang)
        ended = run_plain(attempt, quiz_lang, sys.stdin, sys.stdout, title=title).reason
    except StoreError as exc:
        # Damage found, the attempt taken over elsewhere, a full disk: said once; every
        # earlier answer is saved, and nothing more is written into a damaged file.
        print(f"\n{_store_advice(exc, lang)}", file=sys.stderr)
        if not isinstance(exc, StoreCorrupt):
            fail("take_answers_saved", lang)
        return 1
    except sqlite3.Error as exc:
        # A full disk, a file pulled away: say which, once; every earlier answer is saved.
        print(file=sys.stderr)
        fail("take_cannot_record", lang, path=recorder.store.path, reason=exc)
        return 1
    finally:
        # Ended before a single answer (Ctrl+D or Ctrl+C at once): nothing to resume, no
        # score of 0 either. A `:submit` with nothing answered is kept: it was asked for.
        if ended in (None, "end_of_input") and not any(s.tries for s in attempt.states):
            stored = recorder.store.attempt_by_uid(attempt.id)
            if stored is not None and recorder.store.discard_attempt(stored.id):
                say("take_discarded", lang)
        recorder.store.close()
    return 0


def open_app(args: argparse.Namespace, catalog: Catalog, quiz_id: str | None) -> int:
    """The full-screen app, opened on the quiz (or the review) at once."""
    from quizapp.loading.content import load_modules
    from quizapp.locations import bundled_content_dir, data_dir, settings_path
    from quizapp.tui.prefs import load_prefs
    from quizapp.tui.run import run_app

    if args.learner:
        from quizapp.names import InvalidName, clean_learner_name

        try:  # a name nobody could have: said here, never a traceback from the app
            clean_learner_name(args.learner)
        except InvalidName as exc:
            print(invalid_name(exc, language(args)), file=sys.stderr)
            return 2
    content = bundled_content_dir()
    modules = load_modules([content]).modules if content.exists() else {}
    prefs = load_prefs(settings_path(data_dir(args.data_dir)))
    if args.learner:
        # This run's learner; a new name keeps the language chosen for this run.
        prefs.learners.setdefault(args.learner, args.lang or prefs.language or "id")
        prefs.learner = args.learner
    return run_app(
        data_dir=args.data_dir,
        lang=args.lang,
        seed=args.seed,
        catalog=catalog,
        content=modules,
        prefs=prefs,
        database=getattr(args, "database", None),
        # --resume: home, where the unfinished attempt is offered (r), not a new one.
        start=None if args.resume else (quiz_id if args.mode != "review" else None, args.mode),
    )


def _store_advice(exc: Exception, lang: str) -> str:
    from quizapp.store import StoreCorrupt

    if isinstance(exc, StoreCorrupt):
        return f"{error(exc, lang)} {words('take_move_aside', lang)}"
    return error(exc, lang)


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def open_recorder(args: argparse.Namespace, new_language: str | None = None) -> Any:
    """The store recorder for the data directory and learner, or a one-sentence error.
    An unreadable database is named and left alone, or renamed with --move-aside.
    (Before the learner is known: the messages' language is --lang's or the
    environment's.)"""
    import getpass
    from pathlib import Path

    from quizapp.locations import data_dir, database_target
    from quizapp.store import StoreCorrupt, StoreError, open_store
    from quizapp.store.recorder import StoreRecorder
    from quizapp.store.repair import rescue

    lang = language(args)
    path = database_target(data_dir(args.data_dir), getattr(args, "database", None))
    try:
        store = open_store(path)
    except StoreCorrupt as exc:
        # Moving aside is for a file; a server's database is its administrator's to repair.
        if not args.move_aside or not isinstance(path, Path):
            return _store_advice(exc, lang)
        try:
            moved, recovery = rescue(path)
            say("take_moved_aside", lang, path=moved)
            print(error(recovery.summary(), lang))
            store = open_store(path)
        except (StoreError, OSError) as again:
            return error(again, lang)
    except StoreError as exc:
        return error(exc, lang)
    from quizapp.names import InvalidName, clean_learner_name, no_such_learner

    name = args.learner
    create = getattr(args, "new_learner", False) or not name
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = "learner"
    try:
        learner = store.find_learner(name)
        if learner is None:
            clean_learner_name(name)  # a name nobody could have: say why first
        if learner is None and not create:
            known = [found.name for found in store.learners()]
            store.close()
            return f"{no_such_learner(name, known, lang)} {words('take_add_new_learner', lang)}"
        if learner is None:
            learner = store.learner(name, args.lang or new_language or "en")
    except InvalidName as exc:
        store.close()
        return invalid_name(exc, lang)
    except StoreError as exc:  # damage found, a read-only file: said in one sentence
        store.close()
        return _store_advice(exc, lang)
    from quizapp.locations import kept_quizzes_dir
    from quizapp.reports.kept import keeper

    # The quiz version is kept for reports: a quiz taken by path is in no catalog later.
    keep = keeper(kept_quizzes_dir(data_dir(args.data_dir)))
    return StoreRecorder(store, learner, keep)


def due_items(catalog: Catalog, quiz_id: str | None, recorder: Any) -> list[tuple[str, str]]:
    """The learner's (quiz id, question id) pairs due for review, most overdue first: of
    every quiz in the catalog, or only of `quiz_id`'s pool."""
    if quiz_id is not None:
        wanted = {(e.quiz_id, e.question.id) for e in catalog.pool(quiz_id)}
    else:
        wanted = {(q.id, question.id) for q in catalog.quizzes.values() for question in q.questions}
    due = recorder.store.due_cards(recorder.learner.id)
    return [(c.quiz_id, c.question_id) for c in due if (c.quiz_id, c.question_id) in wanted][
        :REVIEW_SIZE
    ]


def all_quizzes(data_dir: str | None) -> tuple[Catalog, None] | str:
    """Every quiz: the bundled ones and the user's own."""
    from quizapp.loading.cache import load_catalog_cached as load_catalog
    from quizapp.locations import bundled_quizzes_dir, user_quizzes_dir
    from quizapp.locations import data_dir as user_data_dir

    sources: list[Path] = [bundled_quizzes_dir()]
    user_dir = user_quizzes_dir(user_data_dir(data_dir))
    if user_dir.is_dir():
        sources.append(user_dir)
    return load_catalog(sources), None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def find_quiz(name: str, data_dir: str | None, lang: str) -> tuple[Catalog, str] | str:
    """The catalog to take `name` from and its quiz id, or a one-sentence error in
    `lang`."""
    from quizapp.loading.cache import load_catalog_cached as load_catalog
    from quizapp.locations import bundled_quizzes_dir, user_quizzes_dir
    from quizapp.locations import data_dir as user_data_dir

    sources: list[Path] = [bundled_quizzes_dir()]
    user_dir = user_quizzes_dir(user_data_dir(data_dir))
    if user_dir.is_dir():
        sources.append(user_dir)
    path = Path(name)
    if path.suffix == ".toml" or path.is_file():
        if not path.is_file():
            from quizapp.fileio import skipped_reason

            why = skipped_reason(path)
            if why is None or why == "no such file":
                return words("take_no_quiz_file", lang, path=name)
            return words("take_not_a_file", lang, path=name, reason=error(why, lang))
        # The file comes first so its id wins over a bundled quiz of the same id. Only a
        # quiz that includes others needs the quizzes beside it (one of them may be the
        # quiz it includes); any other is taken without reading them.
        from quizapp.loading import load_quiz

        alone = load_quiz(path)
        siblings: list[Path] = []
        if alone.quiz is not None and alone.quiz.quiz.include:
            siblings = sorted(
                p for p in path.parent.glob("*.toml") if not p.is_dir() and not _same(p, path)
            )
        catalog = load_catalog([path, *siblings, *sources])
        for skipped in catalog.results[1 : 1 + len(siblings)]:
            for problem in skipped.problems:
                if problem.message.startswith("skipped:"):
                    print(problem.render(lang), file=sys.stderr)
        result = catalog.results[0]
        if result.quiz is None or not result.ok:
            problems = [p.render(lang) for p in result.problems if p.severity == "error"]
            return "\n".join(problems) or words("take_invalid_quiz", lang, path=name)
        quiz_id = result.quiz.id
        own = [p for p in catalog.problems if Path(p.file) == path and p.severity == "error"]
        if own:
            return "\n".join(p.render(lang) for p in own)
        return catalog, quiz_id
    catalog = load_catalog(sources)
    if name in catalog.quizzes:
        return catalog, name
    if not catalog.quizzes:
        return words("take_no_quizzes", lang, id=name)
    known = ", ".join(sorted(catalog.quizzes))
    import difflib

    close = difflib.get_close_matches(name, list(catalog.quizzes), n=1)
    if close:
        return words("take_no_such_quiz_close", lang, id=name, close=close[0], known=known)
    return words("take_no_such_quiz", lang, id=name, known=known)
