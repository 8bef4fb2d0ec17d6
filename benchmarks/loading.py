"""Loading figures: validation overhead over bare parsing, reading the catalog back from
its cache, and memory per question."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import tomli

from benchmarks.banks import generate_bank
from benchmarks.common import Figure, compare, paired_ratio, timings
from quizapp.loading import load_quiz_bytes
from quizapp.loading.cache import CatalogCache


def load_ratio(n: int = 10_000, repeat: int = 15) -> Figure:
    """load + validate time as a ratio to bare `tomli.loads` of the same bytes: the
    median of each round's ratio (see `paired_ratio`), the ratio of the fastest runs
    beside it."""
    data = generate_bank(n).encode()
    text = data.decode()
    result = load_quiz_bytes(data, "bench.toml", max_bytes=None)
    assert result.ok, result.problems[:3]
    bare_runs, our_runs = timings(
        [
            lambda: tomli.loads(text),
            lambda: load_quiz_bytes(data, "bench.toml", max_bytes=None),
        ],
        repeat,
    )
    bare, ours = min(bare_runs), min(our_runs)
    return Figure(
        f"load+validate / tomli.loads at {n:,} questions",
        paired_ratio(our_runs, bare_runs),
        1.21,
        detail=f"{ours * 1000:.0f} ms vs {bare * 1000:.0f} ms, fastest/fastest "
        f"{ours / bare:.2f}x; the issue's 1.25 less 3%",
    )


def cached_ratio(n: int = 10_000) -> Figure:
    """A warm start's load of the same bank from the catalog cache (the file read and
    hashed, the cache file read back) as a ratio to bare `tomli.loads` of its text."""
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        bank = Path(tmp) / "bench.toml"
        bank.write_bytes(generate_bank(n).encode())
        text = bank.read_text(encoding="utf-8")
        folder = Path(tmp) / "cache"
        first = CatalogCache(folder)
        assert first.quiz(bank).ok
        first.save()

        def warm() -> object:
            cache = CatalogCache(folder)
            result = cache.quiz(bank)
            assert not cache.loaded
            return result

        bare, ours = compare([lambda: tomli.loads(text), warm])
    return Figure(
        f"load from the catalog cache / tomli.loads at {n:,} questions",
        ours / bare,
        0.3,
        detail=f"{ours * 1000:.0f} ms vs {bare * 1000:.0f} ms",
    )


_MEMORY_PROBE = textwrap.dedent(
    """
    import gc, json, os, sys, tracemalloc
    from pathlib import Path
    from benchmarks.banks import generate_bank
    from quizapp.loading import load_quiz_bytes
    from quizapp.loading.cache import CatalogCache

    def resident():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    trace = sys.argv[1] == "trace"
    bank = Path(sys.argv[2])
    cache = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    # Once: imports and validators are the process's, not the questions'.
    load_quiz_bytes(generate_bank(7).encode(), "warm-up.toml")
    gc.collect()
    before = resident()
    if trace:
        tracemalloc.start()
    if cache is None:
        result = load_quiz_bytes(bank.read_bytes(), str(bank), max_bytes=None)
    else:
        reader = CatalogCache(cache)
        result = reader.quiz(bank)
        assert not reader.loaded
        del reader
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] if trace else 0
    assert result.ok
    print(json.dumps({"resident": resident() - before, "kept": kept,
                      "questions": len(result.quiz.questions)}))
    """
)


def _probe(mode: str, bank: Path, cache: Path | None = None) -> dict[str, int]:
    extra = [str(cache)] if cache is not None else []
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, mode, str(bank), *extra],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def memory_per_question(n: int, from_cache: bool) -> Figure:
    """Resident memory the loaded quiz adds, per question, in a fresh process: read and
    validated, or read back from the catalog cache (which takes files up to the loader's
    16 MB, so a smaller bank).

    The Python objects the quiz keeps (traced in a second run, since tracing itself costs
    memory) are given beside it: the rest is allocator slack left by the parse.
    """
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        bank = Path(tmp) / "bench.toml"
        bank.write_bytes(generate_bank(n).encode())
        folder = None
        if from_cache:
            folder = Path(tmp) / "cache"
            writer = CatalogCache(folder)
            assert writer.quiz(bank).ok
            writer.save()
            del writer
        rss = _probe("rss", bank, folder)
        traced = _probe("trace", bank, folder)
    per = rss["resident"] / rss["questions"] / 1024
    kept = traced["kept"] / traced["questions"] / 1024
    how = "read from the catalog cache" if from_cache else "loaded"
    return Figure(
        f"resident memory per question {how} at {n:,}",
        per,
        3.0,
        unit="KB",
        detail=f"Python objects kept: {kept:.1f} KB per question",
    )


def run() -> list[Figure]:
    gc.collect()
    return [
        load_ratio(),
        cached_ratio(),
        memory_per_question(100_000, from_cache=False),
        memory_per_question(20_000, from_cache=True),
    ]
