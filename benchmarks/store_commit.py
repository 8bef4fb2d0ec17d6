"""Durable answer commit latency, as a ratio to a bare write+fsync of the same bytes.

`Store.record_answer` commits an answer (its row, the engine's record in the answer log,
and the question's review card) with `synchronous=FULL` before it returns. The baseline
appends the same answer's bytes (the response and the engine record, as JSON) to a plain
file in the same folder and fsyncs it: the least any durable store must do. Samples are
interleaved, wall clock (fsync waits on the disk, which CPU time would not see), median.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.common import Figure
from quizapp.store import Store

SAMPLES = 300


def _record(i: int) -> dict[str, object]:
    """An engine answer record of the usual size."""
    return {
        "attempt_id": "4f1c2a9be0d84f57a1d3c6e2b9f08a71",
        "seq": i + 1,
        "position": i,
        "question_key": f"q{i}",
        "question_quiz_id": "alibaba-training",
        "question_quiz_sha256": "9" * 64,
        "question_id": f"q{i}",
        "question_type": "multiple",
        "response": [0, 2],
        "raw_credit": 1.0,
        "credit": 1.0,
        "points": 1.0,
        "max_points": 1.0,
        "tries": 1,
        "final": True,
        "flagged": False,
        "elapsed_seconds": 6.25,
        "answered_at": "2026-03-01T09:00:06.250000Z",
    }


def commit_ratio() -> Figure:
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        folder = Path(tmp)
        store = Store(folder / "scores.sqlite3")
        learner = store.learner("Bench")
        version = store.quiz_version("alibaba-training", "9" * 64, "Bench")
        keys = [f"q{i}" for i in range(SAMPLES + 20)]
        attempt = store.start_attempt(learner.id, version.id, "practice", 1, keys)
        fd = os.open(folder / "bare.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        ours: list[float] = []
        bare: list[float] = []
        size = 0
        try:
            for i in range(SAMPLES + 20):
                record = _record(i)
                payload = (json.dumps(record["response"]) + json.dumps(record) + "\n").encode()
                size = len(payload)
                t0 = time.perf_counter()
                store.record_answer(
                    attempt.id,
                    f"q{i}",
                    record["response"],  # type: ignore[arg-type]
                    credit=1.0,
                    points=1.0,
                    time_taken=timedelta(seconds=6.25),
                    record=record,  # type: ignore[arg-type]
                )
                t1 = time.perf_counter()
                os.write(fd, payload)
                os.fsync(fd)
                t2 = time.perf_counter()
                if i >= 20:  # the first commits warm the caches and grow the WAL
                    ours.append(t1 - t0)
                    bare.append(t2 - t1)
        finally:
            os.close(fd)
            store.close()
    mine, base = statistics.median(ours), statistics.median(bare)
    return Figure(
        "durable answer commit / bare write+fsync",
        mine / base,
        2.0,
        detail=f"median {mine * 1000:.2f} ms vs {base * 1000:.2f} ms for {size} bytes, "
        f"p95 {statistics.quantiles(ours, n=20)[-1] * 1000:.2f} ms",
    )


def run() -> list[Figure]:
    return [commit_ratio()]
