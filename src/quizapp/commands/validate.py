"""`quizapp validate [PATH...]`: check quiz files and learning modules, and say what is
wrong, where; every question's `source` must name a key point of a loaded module.

With no paths it checks what the app loads: the bundled quizzes and the user's own quiz
folder (`--data-dir`, `$QUIZAPP_DATA_DIR` or the user data folder)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from quizapp.commands.inputs import add_arguments, read
from quizapp.commands.messages import language, say, words

if TYPE_CHECKING:
    from quizapp.loading.problems import Problem


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="validate",
        description="validate_about",
    )
    add_arguments(parser, "validate_paths")
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="validate_verbose",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.loading.catalog import check_sources

    lang = language(args)
    inputs = read(args)
    paths, files, module_paths = inputs.paths, inputs.files, inputs.module_paths
    modules, catalog = inputs.modules, inputs.catalog
    header = None
    if inputs.bundled is not None and inputs.own is not None:
        # The header says which folders, so a trainer knows theirs was read.
        bundled, own = inputs.bundled, inputs.own
        key = "validate_header" if own.is_dir() else "validate_header_no_own"
        header = words(key, lang, bundled=bundled, own=own)
    catalog.problems.extend(check_sources(catalog, modules.modules))
    # The cheap item-quality checks of `quizapp lint`, as warnings: found on the loaded
    # models, then placed by reading only the files that have one.
    from quizapp.authoring.lint import cheap_problems

    catalog.problems.extend(cheap_problems(catalog))
    problems = [*modules.problems, *catalog.problems]
    bad_files = {p.file for p in problems if p.severity == "error"}
    bad_quiz_files = {p.file for p in catalog.problems if p.severity == "error"}
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors

    if args.format == "json":
        report: dict[str, Any] = {
            "valid": errors == 0 and bool(files or module_paths),
            "paths": [str(p) for p in paths],
            "files": [
                {
                    "path": r.path,
                    "valid": r.path not in bad_files,
                    "quiz": r.quiz.id if r.quiz else None,
                    "questions": len(r.quiz.questions) if r.quiz else None,
                    "sha256": r.sha256,
                }
                for r in catalog.results
            ],
            "modules": [
                {
                    "path": r.path,
                    "valid": r.path not in bad_files,
                    "module": r.module.id if r.module else None,
                    "points": len(r.module.points) if r.module else None,
                    "sha256": r.sha256,
                }
                for r in modules.results
            ],
            "problems": [
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column,
                    "question": p.question,
                    "question_id": p.question_id,
                    "field": p.field,
                    "severity": p.severity,
                    "message": p.message,
                    "text": str(p),
                }
                for p in problems
            ],
        }
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0 if report["valid"] else 1

    if header:
        print(header)
    # -v lists every problem; otherwise a file's first `MAX_SHOWN`, then a count.
    for line in problems if args.verbose else _capped(_grouped(problems, lang), lang):
        print(line if isinstance(line, str) else line.render(lang))
    # The bundled module is always loaded to check `source` fields, but a trainer who
    # validates only their own quiz need not hear about it unless something is wrong.
    bad_module_files = {r.path for r in modules.results} & bad_files
    show_modules = not args.paths or args.content or module_paths or bad_module_files
    if modules.results and show_modules:
        n_modules = len(modules.results)
        bad_modules = sum(1 for r in modules.results if r.path in bad_files)
        points = sum(len(m.points) for m in modules.modules.values())
        facts = sum(len(m.facts()) for m in modules.modules.values())
        counts: dict[str, Any] = {
            "modules": words("count_modules", lang, n=n_modules),
            "points": words("count_key_points", lang, n=points),
            "facts": words("count_facts", lang, n=facts),
        }
        if bad_modules:
            say("validate_modules_bad", lang, bad=bad_modules, **counts)
        else:
            say("validate_modules_valid", lang, **counts)
    if not files:
        if module_paths:
            return 0 if errors == 0 else 1
        say("no_quiz_files", lang, paths=", ".join(map(str, paths)))
        return 1
    quiz_errors = sum(1 for p in catalog.problems if p.severity == "error")
    questions = sum(len(q.questions) for q in catalog.quizzes.values())
    n = len(files)
    shown: dict[str, Any] = {
        "files": words("count_files", lang, n=n),
        "questions": words("count_questions", lang, n=questions),
        "warnings": words("count_warnings", lang, n=warnings),
        "problems": words("count_problems", lang, n=quiz_errors),
    }
    # Questions are only counted in files that load, so the count is shown when all do.
    key = "validate_summary_valid" if quiz_errors == 0 else "validate_summary_bad"
    say(
        f"{key}_warnings" if warnings else key,
        lang,
        valid=n - len(bad_quiz_files),
        bad=len(bad_quiz_files),
        **shown,
    )
    return 0 if errors == 0 else 1


MAX_SHOWN = 50
"""Problems printed per file; the rest are counted in one line (-v and --format json list
every one)."""


def _capped(lines: list[Any], lang: str) -> list[Any]:
    """At most `MAX_SHOWN` problems of each file, then how many more there are."""
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    out: list[Any] = []
    for line in lines:
        file = getattr(line, "file", None)
        if file is None:
            out.append(line)
            continue
        shown[file] = shown.get(file, 0) + 1
        if shown[file] <= MAX_SHOWN:
            out.append(line)
            continue
        if file not in hidden:
            hidden[file] = 0
            out.append(file)  # where the count goes, filled in below
        hidden[file] += 1
    return [
        words("validate_more_problems", lang, file=line, n=hidden[line])
        if isinstance(line, str) and line in hidden
        else line
        for line in out
    ]


def _grouped(problems: list[Any], lang: str) -> list[Any]:
    """`problems` in their order, a file's placeholder warnings told in one line.

    A fresh `quizapp new` file holds dozens of placeholder texts; one warning each would
    bury a real error. The line stands where the file's first placeholder would, keeping
    reading order.
    """
    from quizapp.loading.rules import PLACEHOLDER_WARNING

    def is_placeholder(problem: Problem) -> bool:
        return problem.severity == "warning" and problem.message.startswith(PLACEHOLDER_WARNING)

    counts: dict[str, int] = {}
    for problem in problems:
        if is_placeholder(problem):
            counts[problem.file] = counts.get(problem.file, 0) + 1
    out: list[Any] = []
    told: set[str] = set()
    for problem in problems:
        count = counts.get(problem.file, 0)
        if count < 2 or not is_placeholder(problem):
            out.append(problem)
        elif problem.file not in told:
            told.add(problem.file)
            where = ":".join(
                str(part) for part in (problem.file, problem.line, problem.column) if part
            )
            out.append(words("validate_placeholders", lang, where=where, n=count))
    return out
