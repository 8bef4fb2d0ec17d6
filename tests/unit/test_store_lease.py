"""Two processes, one attempt (issue 13): an attempt in progress has one writer.

The lease is taken atomically when an attempt starts or resumes, renewed by each answer,
released at close, free at once when its owner has died and after the timeout when it
is alive but idle; a store that lost it has its answers refused. The stored score is
always the sum of the answers' points.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_take_plain import right_line

from quizapp.engine import start_attempt
from quizapp.loading import load_catalog
from quizapp.locations import database_path
from quizapp.store import Store, open_store
from quizapp.store.errors import LeaseHeld, LeaseLost

ROOT = Path(__file__).parent.parent.parent
CATALOG = load_catalog([ROOT / "quizzes" / "tour.toml"])


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _stored_sum(store: Store, attempt_id: int) -> float:
    return sum(a.points for a in store.answers(attempt_id))


def _two_stores_and_an_exam(store_target: str) -> tuple[Clock, Store, Store, Any]:
    """Two stores on one database (two processes) on one clock, the first holding the
    lease of an exam of three questions it has just started."""
    clock = Clock()
    first = open_store(store_target, clock=clock, lease_timeout=timedelta(minutes=10))
    second = open_store(store_target, clock=clock, lease_timeout=timedelta(minutes=10))
    learner = first.learner("Ayu")
    version = first.quiz_version("tour", "a" * 64, "Tour")
    attempt = first.start_attempt(learner.id, version.id, "exam", 1, ["q1", "q2", "q3"])
    return clock, first, second, attempt


def test_one_writer_at_a_time_and_a_taken_over_store_is_refused(store_target: str) -> None:
    clock, first, second, attempt = _two_stores_and_an_exam(store_target)
    first.record_answer(attempt.id, "q1", 0, credit=1, points=1, review=False)

    # The second process cannot take it while the first is alive and recent.
    with pytest.raises(LeaseHeld) as held:
        second.take_lease(attempt.id)
    assert "open in another quizapp" in str(held.value)
    with pytest.raises(LeaseHeld):
        second.record_answer(attempt.id, "q2", 0, credit=1, points=1, review=False)

    # Ten idle minutes later it can; the first one's next answer is refused.
    clock.now += timedelta(minutes=10, seconds=1)
    second.take_lease(attempt.id)
    second.record_answer(attempt.id, "q2", 0, credit=0, points=0, review=False)
    with pytest.raises(LeaseLost):
        first.record_answer(attempt.id, "q3", 0, credit=1, points=1, review=False)
    with pytest.raises(LeaseLost):
        first.finish_attempt(attempt.id, score=3, max_score=3, passed=True)
    # Stays lost: the first store never writes into it again.
    with pytest.raises(LeaseLost):
        first.set_flagged(attempt.id, ["q1"])

    # The score is the sum of the answers' points, whatever a front end claims.
    done = second.finish_attempt(attempt.id, score=3, max_score=3, passed=True)
    assert done.score == _stored_sum(second, attempt.id) == 1
    assert [a.question_key for a in second.answers(attempt.id)] == ["q1", "q2"]
    first.close()
    second.close()


def test_close_releases_the_lease(store_target: str) -> None:
    first = open_store(store_target)
    learner = first.learner("Ayu")
    version = first.quiz_version("tour", "a" * 64, "Tour")
    attempt = first.start_attempt(learner.id, version.id, "exam", 1, ["q1"])
    first.close()
    with open_store(store_target) as second:
        second.take_lease(attempt.id)
        second.record_answer(attempt.id, "q1", 0, credit=1, points=1)


HOLDER = textwrap.dedent(
    """
    import socket, sys, time
    # Another computer: this process's pid means nothing where the test runs.
    socket.gethostname = lambda: "elsewhere.example"
    from quizapp.store import open_store

    store = open_store(sys.argv[1])
    learner = store.learner("Ayu")
    version = store.quiz_version("tour", "a" * 64, "Tour")
    attempt = store.start_attempt(learner.id, version.id, "exam", 1, ["q1", "q2"])
    store.record_answer(attempt.id, "q1", 0, credit=1, points=1)
    print(attempt.id, flush=True)
    time.sleep(600)
    """
)


def test_a_lease_held_on_another_host_after_kill_9(store_target: str) -> None:
    """A store on another computer is killed holding an attempt. SQLite cannot see that
    computer's processes: the lease waits for its timeout. PostgreSQL knows its sessions:
    the lease is free as soon as the server has seen the connection go."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, store_target],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    line = holder.stdout.readline()
    assert line.strip().isdecimal(), holder.communicate()
    attempt_id = int(line)
    clock = Clock()
    clock.now = datetime.now(UTC)
    with open_store(store_target, clock=clock) as here:
        with pytest.raises(LeaseHeld):
            here.take_lease(attempt_id)  # alive, and on another host
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        if here.backend == "sqlite":
            with pytest.raises(LeaseHeld):
                here.take_lease(attempt_id)  # only time frees it
            clock.now += here.lease_timeout + timedelta(seconds=1)
            here.take_lease(attempt_id)
        else:
            # The server drops the dead session's lock when it notices the closed socket.
            deadline = time.monotonic() + 30
            while True:
                try:
                    here.take_lease(attempt_id)
                    break
                except LeaseHeld:
                    assert time.monotonic() < deadline, "the dead session's lock stayed"
                    time.sleep(0.05)
        here.record_answer(attempt_id, "q2", 1, credit=0, points=0)
        assert [a.question_key for a in here.answers(attempt_id)] == ["q1", "q2"]


def _wait_for_answers(db: Path, n: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        if db.exists():
            with Store(db) as store:
                (count,) = store._con.execute("SELECT count(*) FROM answers").fetchone()
            if count >= n:
                return
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the answers never reached the store"
        time.sleep(0.05)


def test_two_processes_resuming_one_attempt(tmp_path: Path) -> None:
    """A real `take --plain` holds an exam; a second `--resume` is refused while the first
    runs; the first finishes with the score its answers add up to. Killed with -9, its
    attempt is resumed by the next process at once."""
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(tmp_path)}
    db = database_path(tmp_path)
    argv = [sys.executable, "-m", "quizapp", "take", "tour", "--plain", "--mode", "exam"]
    argv += ["--seed", "11", "--learner", "ayu", "--new-learner", "--lang", "en"]
    slots = start_attempt(CATALOG, "tour", mode="exam", seed=11).slots
    lines = [right_line(s) for s in slots]

    first = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert first.stdin is not None
    first.stdin.write("".join(line + "\n" for line in lines[:2]).encode())
    first.stdin.flush()
    _wait_for_answers(db, 2, first)

    second = subprocess.run(
        [*argv, "--resume"], input=":submit\n", capture_output=True, text=True, env=env
    )
    assert second.returncode == 2, second.stderr
    assert "open in another quizapp" in second.stderr
    assert "Traceback" not in second.stderr

    out, err = first.communicate(
        "".join(line + "\n" for line in lines[2:]).encode() + b":submit\n", timeout=120
    )
    assert first.returncode == 0, err
    assert f"Score: {len(slots)}/{len(slots)}" in out.decode()
    with Store(db) as store:
        ayu = store.learner("ayu")
        (attempt,) = store.attempts(ayu.id, "tour")
        assert attempt.status == "submitted"
        assert attempt.score == _stored_sum(store, attempt.id) == len(slots)

    # kill -9 leaves the lease with a dead process: the next --resume takes it at once.
    third = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert third.stdin is not None
    third.stdin.write((lines[0] + "\n").encode())
    third.stdin.flush()
    _wait_for_answers(db, len(slots) + 1, third)
    third.send_signal(signal.SIGKILL)
    third.wait(timeout=30)
    resumed = subprocess.run(
        [*argv, "--resume"],
        input="".join(line + "\n" for line in lines[1:]) + ":submit\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "Continuing your unfinished attempt (1 answered)" in resumed.stdout
    with Store(db) as store:
        latest = store.attempts(store.learner("ayu").id, "tour")[0]
        assert latest.score == _stored_sum(store, latest.id) == len(slots)


def test_keyed_answers_check_the_lease_as_every_answer_does(store_target: str) -> None:
    """The engine's answers (keyed by `seq`, with their record) check the lease and log
    the record in one statement while the lease is this store's and fresh; renewing it,
    and a lease taken over, still go the general way."""
    clock, first, second, attempt = _two_stores_and_an_exam(store_target)

    def answer(store: Store, seq: int, key: str) -> None:
        store.record_answer(
            attempt.id, key, 0, credit=1, points=1, review=False, record={"n": seq}, seq=seq
        )

    def lease_ms() -> int:
        return int(first.query("SELECT lease_ms FROM attempts WHERE id = ?", (attempt.id,))[0][0])

    answer(first, 1, "q1")
    held_since = lease_ms()
    clock.now += timedelta(seconds=10)
    answer(first, 2, "q2")
    assert lease_ms() == held_since  # renewed moments ago: not rewritten
    clock.now += timedelta(seconds=31)
    answer(first, 2, "q2")  # the same record again: the same answer, and the lease renewed
    assert lease_ms() == held_since + 41_000

    clock.now += timedelta(minutes=10, seconds=1)
    second.take_lease(attempt.id)
    with pytest.raises(LeaseLost):
        answer(first, 3, "q3")
    logged = "SELECT count(*) FROM answer_log WHERE attempt_id = ? AND seq = 3"
    assert first.query(logged, (attempt.id,))[0][0] == 0
    answer(second, 3, "q3")
    answer(second, 3, "q3")
    assert [a.question_key for a in second.answers(attempt.id)] == ["q1", "q2", "q3"]
    first.close()
    second.close()


def test_a_card_rated_elsewhere_is_rated_from_what_it_is_now(store_target: str) -> None:
    """A store rates a card from the one it last saw, written only if still so: a card
    another store rated (or that was removed) in between is read and rated again."""
    clock = Clock()
    first = open_store(store_target, clock=clock)
    second = open_store(store_target, clock=clock)
    learner = first.learner("Ayu")
    version = first.quiz_version("tour", "a" * 64, "Tour")

    def rate(store: Store, credit: float) -> None:
        attempt = store.start_attempt(learner.id, version.id, "practice", 1, ["q1"])
        store.record_answer(attempt.id, "q1", 0, credit=credit, points=credit)
        store.finish_attempt(attempt.id, score=credit, max_score=1)
        clock.now += timedelta(days=3)

    def card() -> tuple[int, int]:
        found = first.review_card(learner.id, "tour", "q1")
        assert found is not None
        return found.reviews, found.lapses

    rate(first, 1)
    rate(second, 0)  # first's memory of the card is now out of date
    rate(first, 1)
    assert card() == (3, 1)
    with first.transaction() as cur:  # removed behind both stores' backs
        cur.execute("DELETE FROM review_cards WHERE learner_id = ?", (learner.id,))
    rate(second, 1)
    assert card() == (1, 0)
    rate(first, 0)
    assert card() == (2, 1)
    first.close()
    second.close()
