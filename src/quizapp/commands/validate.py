"""`quizapp validate [PATH...]`: check quiz files and say what is wrong, where."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check quiz files",
        description="Check quiz files (or folders of them). Exits 0 when all are valid, "
        "1 otherwise.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled quizzes)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.loading import load_catalog, quiz_files
    from quizapp.locations import bundled_quizzes_dir

    paths = args.paths or [bundled_quizzes_dir()]
    files = quiz_files(paths)
    catalog = load_catalog(paths)
    bad_files = {p.file for p in catalog.problems if p.severity == "error"}
    errors = sum(1 for p in catalog.problems if p.severity == "error")
    warnings = len(catalog.problems) - errors

    if args.format == "json":
        report: dict[str, Any] = {
            "valid": errors == 0 and bool(files),
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
                for p in catalog.problems
            ],
        }
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0 if report["valid"] else 1

    for problem in catalog.problems:
        print(problem)
    if not files:
        print(f"No quiz files (*.toml) found in {', '.join(map(str, paths))}.")
        return 1
    questions = sum(len(q.questions) for q in catalog.quizzes.values())
    n = len(files)
    summary = f"Checked {n} file{'s' if n != 1 else ''} ({questions} questions): "
    if errors == 0:
        summary += "all valid"
        if warnings:
            summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
    else:
        summary += (
            f"{n - len(bad_files)} valid, {len(bad_files)} with "
            f"{errors} problem{'s' if errors != 1 else ''}"
        )
    print(summary + ".")
    return 0 if errors == 0 else 1
