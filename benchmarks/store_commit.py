"""Durable answer commit latency, on both backends, as ratios to bare writes in the same run.

The real path is timed: an engine attempt (practice, every answer right, so each one also
rates its review card) reports each answer to `StoreRecorder.answered`, which commits the
answer row, the engine's record in the answer log and the card before it returns (SQLite:
`synchronous=FULL`; PostgreSQL: one statement, so one round trip, in autocommit with
`synchronous_commit=on`).
Right after each, a baseline does the least the same durability costs, with the same
bytes; samples are interleaved, medians compared, wall clock (a commit waits on a disk,
and PostgreSQL works in another process, which CPU time would not see):
- SQLite against a bare write+fsync of the record to a plain file (target 2x), and
  against a bare INSERT of it into a one-table SQLite file with the same settings, in
  autocommit (target 1.5x);
- PostgreSQL against a bare INSERT of it into a one-table database, in autocommit, on a
  connection of its own (target 1.5x).

Then 150 learners answer at once, each with a store of its own as class mode gives every
browser tab (one connection each on PostgreSQL, as many as the server allows: the rest
share): answers per second and p95 commit latency are reported, and every answer is
counted back (none may be lost).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from benchmarks.banks import generate_bank
from benchmarks.common import Figure
from quizapp.engine import start_attempt
from quizapp.engine.scoring import right_answer
from quizapp.loading import load_catalog
from quizapp.store import Store, StoreError, open_store
from quizapp.store.recorder import StoreRecorder

SAMPLES = 300
WARMUP = 20
LEARNERS = 150
QUESTIONS = 10
"""Per learner, in the concurrent run: 1,500 answers in all."""
SPARE_CONNECTIONS = 5
"""Left free on the server for others (and for counting the answers back)."""


class _TimedRecorder(StoreRecorder):
    """Times each `answered`, then the bare write of the same record."""

    def __init__(self, store: Store, bare: Callable[[bytes], None]) -> None:
        super().__init__(store, store.learner("Bench"))
        self.bare_write = bare
        self.ours: list[float] = []
        self.bare: list[float] = []
        self.size = 0

    def answered(self, attempt: Any, record: Any) -> None:
        t0 = time.perf_counter()
        super().answered(attempt, record)
        t1 = time.perf_counter()
        payload = record.model_dump_json().encode() + b"\n"
        t2 = time.perf_counter()
        self.bare_write(payload)
        t3 = time.perf_counter()
        self.ours.append(t1 - t0)
        self.bare.append(t3 - t2)
        self.size = len(payload)


def _response(question: Any) -> Any:
    right = right_answer(question)
    return str(right) if question.type == "numeric" else right


def _answer_all(folder: Path, store: Store, bare: Callable[[bytes], None]) -> _TimedRecorder:
    bank = folder / "bench.toml"
    bank.write_text(generate_bank(SAMPLES + WARMUP), encoding="utf-8")
    catalog = load_catalog([bank])
    recorder = _TimedRecorder(store, bare)
    attempt = start_attempt(catalog, "bench", mode="practice", seed=1, recorder=recorder)
    for position, slot in enumerate(attempt.slots):
        attempt.answer(position, _response(slot.question))
    return recorder


def _ratio(name: str, recorder: _TimedRecorder, target: float, versus: str) -> Figure:
    # The first commits warm the caches and grow the WAL.
    ours, bare = recorder.ours[WARMUP:], recorder.bare[WARMUP:]
    mine, base = statistics.median(ours), statistics.median(bare)
    return Figure(
        name,
        mine / base,
        target,
        detail=f"median {mine * 1000:.2f} ms vs {base * 1000:.2f} ms {versus} of "
        f"{recorder.size} bytes, p95 {statistics.quantiles(ours, n=20)[-1] * 1000:.2f} ms",
    )


def commit_ratio() -> Figure:
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        folder = Path(tmp)
        store = Store(folder / "scores.sqlite3")
        fd = os.open(folder / "bare.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

        def write_fsync(payload: bytes) -> None:
            os.write(fd, payload)
            os.fsync(fd)

        try:
            recorder = _answer_all(folder, store, write_fsync)
        finally:
            os.close(fd)
            store.close()
    return _ratio("durable answer commit / bare write+fsync", recorder, 2.0, "for a write+fsync")


def sqlite_insert_ratio() -> Figure:
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        folder = Path(tmp)
        store = Store(folder / "scores.sqlite3")
        bare = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = FULL")  # as durable as the store's
        bare.execute("CREATE TABLE bare (id INTEGER PRIMARY KEY, record TEXT NOT NULL)")
        try:
            recorder = _answer_all(
                folder,
                store,
                lambda payload: bare.execute("INSERT INTO bare (record) VALUES (?)", (payload,)),
            )
        finally:
            bare.close()
            store.close()
    return _ratio(
        "SQLite: answer commit / bare INSERT+commit", recorder, 1.5, "for an INSERT+commit"
    )


def postgres_insert_ratio() -> Figure:
    from benchmarks.postgres import NoServer, database

    name = "PostgreSQL: answer commit / bare INSERT+commit"
    try:
        with database() as url, tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
            import psycopg

            store = open_store(url)
            bare = psycopg.connect(url, autocommit=True)
            bare.execute("SET synchronous_commit = on")  # as the store sets it
            bare.execute(
                "CREATE TABLE bare (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                "record TEXT NOT NULL)"
            )
            try:
                recorder = _answer_all(
                    Path(tmp),
                    store,
                    lambda payload: bare.execute(
                        "INSERT INTO bare (record) VALUES (%s)", (payload.decode(),)
                    ),
                )
            finally:
                bare.close()
                store.close()
    except NoServer as exc:
        return Figure(name, 0, 1.5, skipped=str(exc))
    return _ratio(name, recorder, 1.5, "for an INSERT+commit")


@contextmanager
def _sqlite_target() -> Iterator[tuple[str, int]]:
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-class-") as tmp:
        yield str(Path(tmp) / "scores.sqlite3"), LEARNERS


@contextmanager
def _postgres_target() -> Iterator[tuple[str, int]]:
    from benchmarks.postgres import database, max_connections

    stores = min(LEARNERS, max_connections() - SPARE_CONNECTIONS)
    with database() as url:
        yield url, stores


def concurrent(backend: str) -> list[Figure]:
    """`LEARNERS` learners answering at once through their own stores."""
    from benchmarks.postgres import NoServer

    title = f"{backend}: {LEARNERS} learners answering at once"
    try:
        target = _sqlite_target() if backend == "SQLite" else _postgres_target()
        with target as (where, n_stores), tempfile.TemporaryDirectory() as tmp:
            return _concurrent(backend, where, n_stores, Path(tmp))
    except NoServer as exc:
        return [Figure(title, 0, None, skipped=str(exc))]


def _concurrent(backend: str, where: str, n_stores: int, folder: Path) -> list[Figure]:
    bank = folder / "bench.toml"
    bank.write_text(generate_bank(QUESTIONS), encoding="utf-8")
    catalog = load_catalog([bank])
    stores = [open_store(where) for _ in range(n_stores)]
    learners = [stores[i % n_stores].learner(f"learner{i:03d}") for i in range(LEARNERS)]
    latencies: list[float] = []
    failures: list[BaseException] = []
    refused: list[str] = []
    """A store's one-sentence refusal of an answer (the learner would be told it was not
    saved): counted, and that learner stops."""
    lock = threading.Lock()
    barrier = threading.Barrier(LEARNERS + 1)

    def learner(index: int) -> None:
        try:
            store = stores[index % n_stores]
            me = learners[index]
            attempt = start_attempt(
                catalog,
                "bench",
                mode="practice",
                seed=index,
                learner=me.name,
                recorder=StoreRecorder(store, me),
            )
            mine = []
            barrier.wait()  # everyone answers at once
            for position, slot in enumerate(attempt.slots):
                began = time.perf_counter()
                try:
                    attempt.answer(position, _response(slot.question))
                except StoreError as exc:
                    refused.append(str(exc))
                    break
                mine.append(time.perf_counter() - began)
            with lock:
                latencies.extend(mine)
        except BaseException as exc:  # reported below, never hidden
            failures.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=learner, args=(i,)) for i in range(LEARNERS)]
    for thread in threads:
        thread.start()
    with suppress(threading.BrokenBarrierError):  # a learner failed: said below
        barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    for store in stores:
        store.close()
    if failures:
        raise failures[0]
    with open_store(where) as check:
        stored = sum(
            len(check.answers(a.id))
            for learner_ in check.learners()
            for a in check.attempts(learner_.id)
        )
    answered = len(latencies)
    shared = "" if n_stores == LEARNERS else f", sharing {n_stores} stores (the server's limit)"
    p95 = statistics.quantiles(latencies, n=20)[-1]
    return [
        Figure(
            f"{backend}: answers per second, {LEARNERS} learners at once",
            answered / wall,
            None,
            "answers/s",
            detail=f"{answered} answers in {wall:.1f} s{shared}; commit p95 {p95 * 1000:.1f} ms, "
            f"p50 {statistics.median(latencies) * 1000:.1f} ms",
            higher_is_better=True,
        ),
        Figure(
            f"{backend}: answers lost, {LEARNERS} learners at once",
            answered - stored,
            0,
            "answers",
            detail=f"{stored} stored of {answered} acknowledged",
        ),
        Figure(
            f"{backend}: answers refused by the store, {LEARNERS} learners at once",
            len(refused),
            0,
            "answers",
            detail=refused[0] if refused else "none",
        ),
    ]


def run() -> list[Figure]:
    return [
        commit_ratio(),
        sqlite_insert_ratio(),
        postgres_insert_ratio(),
        *concurrent("SQLite"),
        *concurrent("PostgreSQL"),
    ]
