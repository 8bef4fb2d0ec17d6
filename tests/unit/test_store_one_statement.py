"""A keyed answer in one round trip (PostgreSQL, issue 16): when the store knows the
attempt, holds its lease and has seen the learner's cards of the quiz, the answer, its
log record, the lease and the review card go in one statement; what it writes is what
the general path writes, and whatever it cannot be sure of (a card rated elsewhere in the
meantime, a lease taken over, a key already used) goes the general path's way."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from quizapp.store import Store, open_store
from quizapp.store.errors import LeaseLost
from quizapp.store.review import make_scheduler

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _open(target: str, clock: Clock) -> Store:
    return open_store(target, clock=clock, scheduler=make_scheduler(enable_fuzzing=False))


def _round_trips(store: Store, action: Callable[[], object]) -> int:
    """How many times the store waited for the server during `action`, from libpq's
    protocol trace: each Sync or Flush it sent (a run of them is one wait; psycopg's
    pipeline asks for results with a Flush)."""
    from psycopg import pq

    pgconn = store._con.pgconn  # type: ignore[attr-defined]  # a PgStore's psycopg connection
    fd, path = tempfile.mkstemp(prefix="quizapp-trace-")
    try:
        pgconn.trace(fd)
        pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
        try:
            action()
        finally:
            pgconn.untrace()  # flushes the trace
        with open(path, encoding="utf-8") as f:
            sent = [p[2] for p in (line.rstrip("\n").split("\t") for line in f) if p[0] == "F"]
    finally:
        os.close(fd)
        os.unlink(path)
    waits = ("Sync", "Flush")
    return sum(m in waits and (i == 0 or sent[i - 1] not in waits) for i, m in enumerate(sent))


def _answer(
    store: Store,
    attempt_id: int,
    key: str,
    seq: int,
    *,
    credit: float = 1,
    tries: int = 1,
    review: bool = True,
) -> Any:
    return store.record_answer(
        attempt_id,
        key,
        seq,
        credit=credit,
        points=credit,
        tries=tries,
        time_taken=timedelta(seconds=seq),
        review=review,
        record={"seq": seq, "key": key},
        seq=seq,
    )


def test_an_answer_is_one_round_trip(pg_store_url: str) -> None:
    clock = Clock()
    with _open(pg_store_url, clock) as store:
        learner = store.learner("Ayu")
        version = store.quiz_version("tour", "a" * 64, "Tour", {"q1": [], "q2": []})
        attempt = store.start_attempt(learner.id, version.id, "practice", 1, ["q1", "q2"]).id
        # The first reads the learner's cards of the quiz, once.
        assert _round_trips(store, lambda: _answer(store, attempt, "q1", 1)) == 2
        clock.now += timedelta(minutes=1)  # the lease is renewed: in the same statement
        assert _round_trips(store, lambda: _answer(store, attempt, "q2", 2, review=False)) == 1
        # A new card, then one rated again.
        assert _round_trips(store, lambda: _answer(store, attempt, "q2", 3, tries=2)) == 1
        assert _round_trips(store, lambda: _answer(store, attempt, "q1", 4, credit=0)) == 1
        (lease_ms,) = store.query("SELECT lease_ms FROM attempts WHERE id = ?", (attempt,))[0]
        assert lease_ms == (T0 + timedelta(minutes=1)).timestamp() * 1000
        assert [c.reviews for c in store.due_cards(learner.id, now=T0 + timedelta(days=9))] == [
            2,
            1,
        ]


def _scenario(store: Store, clock: Clock, name: str) -> None:
    """Answers of every kind, in the order a learner might give them."""
    clock.now = T0
    learner = store.learner(name)
    keys = ["q1", "q2", "q3", "q4", "q5"]
    version = store.quiz_version("tour", "a" * 64, "Tour", {k: [] for k in keys})
    before = store.start_attempt(learner.id, version.id, "practice", 1, keys).id
    _answer(store, before, "q4", 1, credit=0)
    store.finish_attempt(before, score=0, max_score=5)  # rates q1-q3 and q5 as not known
    clock.now += timedelta(days=1)
    attempt = store.start_attempt(learner.id, version.id, "practice", 2, keys).id
    _answer(store, attempt, "q1", 1)
    clock.now += timedelta(seconds=20)
    _answer(store, attempt, "q2", 2, credit=0, review=False)  # tries left
    clock.now += timedelta(seconds=20)
    _answer(store, attempt, "q2", 3, credit=0.5, tries=2)
    clock.now += timedelta(minutes=5)  # the lease is due for renewal
    _answer(store, attempt, "q4", 4)
    _answer(store, attempt, "q4", 4)  # sent again: changes nothing
    clock.now += timedelta(minutes=1)
    _answer(store, attempt, "q1", 5, credit=0)
    clock.now += timedelta(minutes=1)
    store.finish_attempt(attempt, score=2.5, max_score=5)  # q3, q5 unanswered


def _rows(store: Store, name: str) -> dict[str, list[tuple[Any, ...]]]:
    learner = "(SELECT id FROM learners WHERE name = ?)"
    attempts = f"(SELECT id FROM attempts WHERE learner_id = {learner})"
    return {
        "attempts": store.query(
            "SELECT seed, status, score, max_score, lease_ms, finished_ms FROM attempts "
            f"WHERE learner_id = {learner} ORDER BY id",
            (name,),
        ),
        "answers": store.query(
            "SELECT question_key, response, credit, points, tries, time_taken_ms, "
            f"answered_ms, rated FROM answers WHERE attempt_id IN {attempts} ORDER BY id",
            (name,),
        ),
        "answer_log": store.query(
            f"SELECT seq, record FROM answer_log WHERE attempt_id IN {attempts} "
            "ORDER BY attempt_id, seq",
            (name,),
        ),
        "review_cards": store.query(
            "SELECT quiz_id, question_id, state, step, stability, difficulty, due_ms, "
            f"last_review_ms, reviews, lapses FROM review_cards WHERE learner_id = {learner} "
            "ORDER BY quiz_id, question_id",
            (name,),
        ),
    }


def test_the_one_statement_writes_what_the_general_path_writes(pg_store_url: str) -> None:
    clock = Clock()
    with _open(pg_store_url, clock) as fast, _open(pg_store_url, clock) as general:
        general._answer_at_once = lambda *args, **kwargs: None  # type: ignore[method-assign]
        at_once = []
        one_statement = fast._answer_at_once

        def spy(*args: Any, **kwargs: Any) -> int | None:
            at_once.append(one_statement(*args, **kwargs))
            return at_once[-1]

        fast._answer_at_once = spy  # type: ignore[method-assign]
        _scenario(fast, clock, "Ayu")
        _scenario(general, clock, "Budi")
        # Every answer but the one sent again went in one statement.
        assert [total is not None for total in at_once] == [True] * 5 + [False, True]
        ayu, budi = _rows(fast, "Ayu"), _rows(general, "Budi")
        assert len(ayu["review_cards"]) == 5
        assert ayu == budi


@pytest.fixture
def two_stores(store_target: str) -> Iterator[tuple[Store, Store, Clock]]:
    clock = Clock()
    with _open(store_target, clock) as first, _open(store_target, clock) as second:
        yield first, second, clock


def test_a_card_rated_elsewhere_meanwhile_is_rated_from_what_it_is_now(
    two_stores: tuple[Store, Store, Clock],
) -> None:
    from fsrs import Card, Rating

    first, second, clock = two_stores
    learner = first.learner("Ayu")
    version = first.quiz_version("tour", "a" * 64, "Tour", {"q1": []})
    second.quiz_version("tour", "a" * 64, "Tour", {"q1": []})
    mine = first.start_attempt(learner.id, version.id, "practice", 1, ["q1"]).id
    other = second.start_attempt(learner.id, version.id, "practice", 2, ["q1"]).id
    _answer(first, mine, "q1", 1)
    clock.now += timedelta(days=3)
    _answer(second, other, "q1", 1, credit=0)  # what the first store saw is out of date
    clock.now += timedelta(days=1)
    _answer(first, mine, "q1", 2)

    scheduler = make_scheduler(enable_fuzzing=False)
    card = Card(card_id=0, due=T0)
    for rating, days in ((Rating.Good, 0), (Rating.Again, 3), (Rating.Good, 4)):
        card, _ = scheduler.review_card(card, rating, review_datetime=T0 + timedelta(days=days))
    stored = first.review_card(learner.id, "tour", "q1")
    assert stored is not None
    assert (stored.reviews, stored.lapses) == (3, 1)
    assert (stored.state, stored.stability, stored.difficulty) == (
        int(card.state),
        card.stability,
        card.difficulty,
    )
    assert (stored.due, stored.last_review) == (card.due, card.last_review)


def test_a_keyed_answer_to_an_attempt_taken_over_is_refused_and_not_written(
    two_stores: tuple[Store, Store, Clock],
) -> None:
    first, second, clock = two_stores
    learner = first.learner("Ayu")
    version = first.quiz_version("tour", "a" * 64, "Tour", {"q1": [], "q2": []})
    attempt = first.start_attempt(learner.id, version.id, "practice", 1, ["q1", "q2"]).id
    _answer(first, attempt, "q1", 1)
    clock.now += first.lease_timeout + timedelta(seconds=1)
    second.take_lease(attempt)
    with pytest.raises(LeaseLost):
        _answer(first, attempt, "q2", 2)
    assert [a.question_key for a in second.answers(attempt)] == ["q1"]
    assert second.query("SELECT count(*) FROM answer_log")[0][0] == 1
    assert second.review_card(learner.id, "tour", "q2") is None
