"""`quizapp lint [PATH...]`: item-quality warnings for quiz files (docs/authoring.md).

Warnings only: the exit status is 0 unless `--strict` is given and something was found.
With no paths it checks what `quizapp validate` checks: the bundled quizzes and the
user's own quiz folder."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from quizapp.commands.inputs import add_arguments, read
from quizapp.commands.messages import error, fail, language, say, words


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "lint",
        help="lint",
        description="lint_about",
    )
    add_arguments(
        parser,
        "lint_paths",
    )
    parser.add_argument("--strict", action="store_true", help="lint_strict")
    parser.add_argument(
        "--check",
        metavar="NAME",
        action="append",
        help="lint_check",
    )
    parser.add_argument("--list", action="store_true", help="lint_list")
    # The default lives with the checks (quizapp.authoring.lint), loaded only by `run`.
    parser.add_argument(
        "--max-share",
        type=float,
        default=None,
        metavar="FRACTION",
        help="lint_max_share",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.authoring.lint import CHECKS, DEFAULT_MAX_SHARE, lint

    lang = language(args)
    if args.list:
        for name, what in CHECKS.items():
            print(f"{name:18} {error(what, lang)}")
        return 0
    unknown = [c for c in args.check or () if c not in CHECKS]
    if unknown:
        fail("lint_unknown_check", lang, check=repr(unknown[0]), known=", ".join(CHECKS))
        return 2
    inputs = read(args)
    modules, catalog = inputs.modules, inputs.catalog
    errors = [p for p in [*modules.problems, *catalog.problems] if p.severity == "error"]
    report = lint(
        catalog,
        modules.modules,
        checks=args.check,
        max_share=DEFAULT_MAX_SHARE if args.max_share is None else args.max_share,
        module_paths=modules.paths,
    )
    if args.format == "json":
        out = {
            "warnings": [
                {
                    "check": w.check,
                    "file": w.problem.file,
                    "line": w.problem.line,
                    "column": w.problem.column,
                    "question": w.problem.question,
                    "question_id": w.problem.question_id,
                    "field": w.problem.field,
                    "message": w.problem.text(lang),
                    "text": w.render(lang),
                }
                for w in report.warnings
            ],
            "errors": [str(p) for p in errors],
            "quizzes": [
                {
                    "quiz": c.quiz_id,
                    "questions": c.questions,
                    "types": c.types,
                    "levels": c.levels,
                    "questions_without_feedback": c.without_feedback,
                    "wrong_choices": c.wrong_choices,
                    "wrong_choices_with_feedback": c.wrong_with_feedback,
                }
                for c in report.quizzes
            ],
            "facts": report.facts,
        }
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for problem in errors:
            print(problem.render(lang))
        for warning in report.warnings:
            print(warning.render(lang))
        # A module loaded by default only because a quiz might cite it: no line for it
        # when none of the linted quizzes does ("0 of 36 facts asked" says nothing).
        cited_only = bool(args.paths) and not inputs.module_paths and not args.content
        _print_coverage(report, lang, cited_only=cited_only)
    if errors:
        return 2
    return 1 if args.strict and report.warnings else 0


def _print_coverage(report: Any, lang: str, *, cited_only: bool = False) -> None:
    # Question types and Bloom levels are the format's own names (`single`, `remember`).
    for c in report.quizzes:
        if not c.questions:  # a quiz made of includes: no make-up of its own to show
            say("lint_coverage_drawn", lang, quiz=c.quiz_id)
            continue
        types = ", ".join(f"{n} {t}" for t, n in sorted(c.types.items(), key=lambda x: -x[1]))
        levels = ", ".join(
            words("lint_level_unset", lang, n=n) if lvl == "unset" else f"{n} {lvl}"
            for lvl, n in c.levels.items()
        )
        say(
            "lint_coverage",
            lang,
            quiz=c.quiz_id,
            questions=words("count_questions", lang, n=c.questions),
            types=types,
            levels=levels,
            explained=c.wrong_with_feedback,
            n=c.wrong_choices,
        )
    for module_id, table in report.facts.items():
        unasked = [key for key, n in table.items() if n == 0]
        if cited_only and len(unasked) == len(table):
            continue
        say(
            "lint_facts_unasked" if unasked else "lint_facts",
            lang,
            module=module_id,
            asked=len(table) - len(unasked),
            n=len(table),
            unasked=", ".join(unasked),
        )
    say("lint_warnings", lang, n=len(report.warnings))
