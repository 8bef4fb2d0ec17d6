"""Durable answer commit latency, as a ratio to a bare write+fsync of the same bytes.

The real path is timed: an engine attempt (practice, every answer right, so each one also
rates its review card) reports each answer to `StoreRecorder.answered`, which commits the
answer row, the engine's record in the answer log and the card with `synchronous=FULL`
before it returns. Right after each, the baseline appends that record's JSON (the same
bytes) to a plain file in the same folder and fsyncs it: the least any durable store
must do. Wall clock (fsync waits on the disk, which CPU time would not see), samples
interleaved, medians compared.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.banks import generate_bank
from benchmarks.common import Figure
from quizapp.engine import start_attempt
from quizapp.engine.scoring import right_answer
from quizapp.loading import load_catalog
from quizapp.store import Store
from quizapp.store.recorder import StoreRecorder

SAMPLES = 300
WARMUP = 20


class _TimedRecorder(StoreRecorder):
    """Times each `answered`, then does the bare write+fsync of the same record."""

    def __init__(self, store: Store, fd: int) -> None:
        super().__init__(store, store.learner("Bench"))
        self.fd = fd
        self.ours: list[float] = []
        self.bare: list[float] = []
        self.size = 0

    def answered(self, attempt: Any, record: Any) -> None:
        t0 = time.perf_counter()
        super().answered(attempt, record)
        t1 = time.perf_counter()
        payload = record.model_dump_json().encode() + b"\n"
        t2 = time.perf_counter()
        os.write(self.fd, payload)
        os.fsync(self.fd)
        t3 = time.perf_counter()
        self.ours.append(t1 - t0)
        self.bare.append(t3 - t2)
        self.size = len(payload)


def _response(question: Any) -> Any:
    right = right_answer(question)
    return str(right) if question.type == "numeric" else right


def commit_ratio() -> Figure:
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        folder = Path(tmp)
        bank = folder / "bench.toml"
        bank.write_text(generate_bank(SAMPLES + WARMUP), encoding="utf-8")
        catalog = load_catalog([bank])
        store = Store(folder / "scores.sqlite3")
        fd = os.open(folder / "bare.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        recorder = _TimedRecorder(store, fd)
        try:
            attempt = start_attempt(catalog, "bench", mode="practice", seed=1, recorder=recorder)
            for position, slot in enumerate(attempt.slots):
                attempt.answer(position, _response(slot.question))
        finally:
            os.close(fd)
            store.close()
    # The first commits warm the caches and grow the WAL.
    ours, bare = recorder.ours[WARMUP:], recorder.bare[WARMUP:]
    mine, base = statistics.median(ours), statistics.median(bare)
    return Figure(
        "durable answer commit / bare write+fsync",
        mine / base,
        2.0,
        detail=f"median {mine * 1000:.2f} ms vs {base * 1000:.2f} ms for {recorder.size} bytes, "
        f"p95 {statistics.quantiles(ours, n=20)[-1] * 1000:.2f} ms",
    )


def run() -> list[Figure]:
    return [commit_ratio()]
