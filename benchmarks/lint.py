"""`quizapp lint` on a large bank: every check, against the time to load the bank."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.banks import generate_bank, prose_vocabulary
from benchmarks.common import Figure, time_pairs
from quizapp.authoring.lint import lint
from quizapp.loading import load_catalog
from quizapp.loading.content import load_modules
from quizapp.locations import bundled_content_dir


def lint_ratio(n: int = 10_000, stress: bool = False) -> Figure:
    """Load and lint (every check, warnings placed) over loading alone, same bank: the
    median of eleven pairs' ratios, each pair timed back to back (see `time_pairs`).

    The bank is the loading benchmark's, written in made-up prose so that phrases repeat
    as rarely as in a real bank. With `stress`, in the loading benchmark's twenty words:
    every short answer then turns up in hundreds of prompts and a third of the questions
    get a warning, a bank no trainer writes; that figure is shown, not held to a target.
    """
    modules = load_modules([bundled_content_dir()])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.toml"
        words = None if stress else prose_vocabulary()
        path.write_text(generate_bank(n, vocabulary=words), encoding="utf-8")
        catalog = load_catalog([path])
        assert catalog.ok, catalog.problems[:3]
        warnings = len(lint(catalog, modules.modules, module_paths=modules.paths).warnings)

        def load() -> object:
            return load_catalog([path])

        def load_and_lint() -> object:
            loaded = load_catalog([path])
            # The catalog is returned too: freeing it is not lint's work, and `compare`
            # frees every function's results after its clock stops (as `load`'s are).
            return loaded, lint(loaded, modules.modules, module_paths=modules.paths)

        timed = time_pairs(load, load_and_lint)
    return Figure(
        f"load+lint / load at {n:,} questions" + (" (stress: twenty-word bank)" if stress else ""),
        timed.ratio,
        float("inf") if stress else 1.5,
        detail=(
            f"medians {timed.other * 1000:.0f} ms vs {timed.base * 1000:.0f} ms, "
            f"best of each {timed.best_ratio:.3g} x, {warnings:,} warnings"
        ),
    )


def run() -> list[Figure]:
    return [lint_ratio(), lint_ratio(stress=True)]
