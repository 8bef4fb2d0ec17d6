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
    import gc, json, os, sys, tracemalloc
    from benchmarks.banks import generate_bank
    from quizapp.loading import load_quiz_bytes

    def resident():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    data = generate_bank(int(sys.argv[1])).encode()
    trace = sys.argv[2] == "trace"
    gc.collect()
    before = resident()
    if trace:
        tracemalloc.start()
    result = load_quiz_bytes(data, "bench.toml", max_bytes=None)
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] if trace else 0
    assert result.ok
    print(json.dumps({"resident": resident() - before, "kept": kept,
                      "questions": len(result.quiz.questions)}))
    """
)


def _probe(n: int, mode: str) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(n), mode],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def memory_per_question(n: int = 100_000) -> Figure:
    """Resident memory the loaded quiz adds, per question, in a fresh process.

    The Python objects the quiz keeps (traced in a second run, since tracing itself costs
    memory) are given beside it: the rest is allocator slack left by the parse.
    """
    rss = _probe(n, "rss")
    traced = _probe(n, "trace")
    per = rss["resident"] / rss["questions"] / 1024
    kept = traced["kept"] / traced["questions"] / 1024
    return Figure(
        f"resident memory per loaded question at {n:,}",
        per,
        3.0,
        unit="KB",
        detail=f"Python objects kept: {kept:.1f} KB per question",
    )


def run() -> list[Figure]:
    gc.collect()
    return [load_ratio(), memory_per_question()]
