"""Unknown keys figure: a table of many unknown keys validates in linear time.

A file with 100,000 unknown keys in one table took 55 s when each key's message looked
up the model's type hints; the figure is the time per key at 100,000 keys as a ratio to
the time per key at 10,000 (1 is linear; quadratic would be 10).
"""

from __future__ import annotations

from benchmarks.common import Figure, compare
from quizapp.loading import load_quiz_text


def _file(n: int) -> str:
    keys = "".join(f"k{i} = 1\n" for i in range(n))
    return (
        f'[quiz]\nid = "big"\ntitle = "Big"\n{keys}\n'
        '[[questions]]\nid = "q"\ntype = "true_false"\nprompt = "p"\nanswer = true\n'
    )


def linearity(small: int = 10_000, large: int = 100_000) -> Figure:
    few, many = _file(small), _file(large)
    assert len(load_quiz_text(few).problems) == small
    t_small, t_large = compare([lambda: load_quiz_text(few), lambda: load_quiz_text(many)], 2)
    ratio = (t_large / large) / (t_small / small)
    return Figure(
        f"validate time per unknown key, {large:,} keys / {small:,} keys",
        ratio,
        2.0,
        detail=f"{t_large:.1f} s for {large:,} keys, {t_small:.2f} s for {small:,}",
    )


def run() -> list[Figure]:
    return [linearity()]
