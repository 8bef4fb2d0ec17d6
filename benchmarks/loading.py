"""Loading figures: validation overhead over bare parsing, and memory per question."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap

import tomli

from benchmarks.banks import generate_bank
from benchmarks.common import Figure, compare
from quizapp.loading import load_quiz_bytes


def load_ratio(n: int = 10_000) -> Figure:
    """load + validate time as a ratio to bare `tomli.loads` of the same bytes."""
    data = generate_bank(n).encode()
    text = data.decode()
    result = load_quiz_bytes(data, "bench.toml", max_bytes=None)
    assert result.ok, result.problems[:3]
    bare, ours = compare(
        [
            lambda: tomli.loads(text),
            lambda: load_quiz_bytes(data, "bench.toml", max_bytes=None),
        ]
    )
    return Figure(
        f"load+validate / tomli.loads at {n:,} questions",
        ours / bare,
        1.25,
        detail=f"{ours * 1000:.0f} ms vs {bare * 1000:.0f} ms",
    )


_MEMORY_PROBE = textwrap.dedent(
    """
    import gc, json, resource, sys, tracemalloc
    from benchmarks.banks import generate_bank
    from quizapp.loading import load_quiz_bytes
    data = generate_bank(int(sys.argv[1])).encode()
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    result = load_quiz_bytes(data, "bench.toml", max_bytes=None)
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert result.ok
    print(json.dumps({"kept": kept, "peak": peak, "rss_growth_kb": rss_after - rss_before,
                      "questions": len(result.quiz.questions)}))
    """
)


def memory_per_question(n: int = 100_000) -> Figure:
    """Bytes the loaded quiz keeps alive, per question (measured in a fresh process)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(n)], capture_output=True, text=True, check=True
    ).stdout
    figures = json.loads(out)
    per = figures["kept"] / figures["questions"] / 1024
    return Figure(
        f"memory kept per loaded question at {n:,}",
        per,
        3.0,
        unit="KB",
        detail=f"peak while loading {figures['peak'] / figures['questions'] / 1024:.1f} KB, "
        f"max RSS grew {figures['rss_growth_kb'] / 1024:.0f} MB",
    )


def run() -> list[Figure]:
    gc.collect()
    return [load_ratio(), memory_per_question()]
