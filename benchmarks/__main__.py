"""`python -m benchmarks [NAME...]`: print one line per figure with its target.

`serve` (class mode under load: browser sessions and 150 learners through the store) runs
only when named, `python -m benchmarks serve`: it starts dozens of app processes and takes
minutes."""

from __future__ import annotations

import importlib
import sys

MODULES = (
    "loading",
    "engine",
    "store_commit",
    "store_history",
    "reports",
    "gift",
    "unknown_keys",
    "lint",
    "tui_start",
    "tui_keys",
)


def main(argv: list[str]) -> int:
    names = argv or list(MODULES)
    missed = 0
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        for figure in module.run():
            print(figure.line(), flush=True)
            missed += not figure.met
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
