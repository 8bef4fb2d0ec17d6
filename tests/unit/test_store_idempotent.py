"""An answer recorded twice is one answer: its key is its seq in the attempt's log, so a
caller retrying after an error whose outcome it could not know (and PostgreSQL's store
itself, when the connection drops during the COMMIT) never duplicates it."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import pytest

from quizapp.store import Store, StoreError, open_store
from quizapp.store.review import make_scheduler

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _open(target: str) -> Store:
    return open_store(target, clock=lambda: T0, scheduler=make_scheduler(enable_fuzzing=False))


def _attempt(store: Store) -> tuple[int, int]:
    learner = store.learner("Ayu")
    version = store.quiz_version("tour", "a" * 64, "Tour", {"q1": [], "q2": []})
    return learner.id, store.start_attempt(learner.id, version.id, "practice", 1, ["q1", "q2"]).id


def _answer(store: Store, attempt_id: int, seq: int, response: int = 1) -> object:
    return store.record_answer(
        attempt_id,
        "q1",
        response,
        credit=1,
        points=1,
        time_taken=timedelta(seconds=3),
        record={"seq": seq, "response": response},
        seq=seq,
    )


def _counts(store: Store, learner_id: int) -> tuple[int, int, int]:
    (log,) = store.query("SELECT count(*) FROM answer_log")[0]
    (answers,) = store.query("SELECT count(*) FROM answers")[0]
    (reviews,) = store.query(
        "SELECT reviews FROM review_cards WHERE learner_id = ?", (learner_id,)
    )[0]
    return log, answers, reviews


def test_the_same_answer_recorded_twice_is_one_answer(store_target: str) -> None:
    with _open(store_target) as store:
        learner_id, attempt_id = _attempt(store)
        first = _answer(store, attempt_id, 1)
        again = _answer(store, attempt_id, 1)
        assert again == first
        assert again.time_taken == timedelta(seconds=3)  # not 6: the time is not added twice
        assert _counts(store, learner_id) == (1, 1, 1)  # one log record, answer, rating
        # Another record under a seq already taken is refused, and changes nothing.
        with pytest.raises(StoreError, match="already holds another answer 1"):
            _answer(store, attempt_id, 1, response=2)
        assert _counts(store, learner_id) == (1, 1, 1)
        # The next answer (a retry of the question) is its own record.
        assert _answer(store, attempt_id, 2, response=2).time_taken == timedelta(seconds=6)
        assert _counts(store, learner_id) == (2, 1, 2)
        assert [r["seq"] for r in store.resumption(attempt_id).records] == [1, 2]


def _cut(end: socket.socket) -> None:
    # shutdown first: a close alone leaves the socket open under the other thread's recv.
    with contextlib.suppress(OSError):
        end.shutdown(socket.SHUT_RDWR)
    end.close()


class _CutAfterCommit:
    """A TCP relay to the PostgreSQL server that, once armed, passes the next client
    packet holding a COMMIT (or another `marker`) on to the server and then closes both
    sides without relaying the reply: the server commits, the client cannot know it did."""

    def __init__(self, host: str, port: int, marker: bytes = b"COMMIT\x00") -> None:
        self.target = (host, port)
        self.marker = marker
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.armed = threading.Event()
        self.cuts = 0
        self.rearm = 0
        """Commits to cut after the next one, each on the connection made after the last."""
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, upstream: bool) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
                if upstream and self.armed.is_set() and self.marker in data:
                    if self.rearm:
                        self.rearm -= 1
                    else:
                        self.armed.clear()
                    self.cuts += 1
                    _cut(src)  # the client never hears back ...
                    # ... and the server, after the COMMIT it was sent, sees the end.
                    threading.Timer(0.2, _cut, (dst,)).start()
                    return
        except OSError:
            pass
        for end in (src, dst):
            _cut(end)

    def close(self) -> None:
        self.listener.close()


# An answer goes in one statement, committed as it ends (PostgreSQL's store, when it
# knows the attempt, holds its lease and has seen the card), or in the general path's
# transaction, which ends with a COMMIT.
ONE_STATEMENT = b"WITH attempt AS MATERIALIZED"


@pytest.mark.parametrize("one_statement", [True, False], ids=["one-statement", "general"])
def test_a_commit_whose_outcome_is_unknown_runs_again_and_saves_one_answer(
    pg_store_url: str, one_statement: bool
) -> None:
    parts = urlsplit(pg_store_url)
    relay = _CutAfterCommit(
        parts.hostname or "127.0.0.1",
        parts.port or 5432,
        ONE_STATEMENT if one_statement else b"COMMIT\x00",
    )
    netloc = f"{parts.username}@127.0.0.1:{relay.port}" if parts.username else ""
    url = urlunsplit(parts._replace(netloc=netloc or f"127.0.0.1:{relay.port}"))
    try:
        with _open(url) as store:
            learner_id, attempt_id = _attempt(store)
            if not one_statement:
                store._answer_at_once = lambda *args, **kwargs: None  # type: ignore[method-assign]
            found: list[bool] = []
            logged_before = store._logged_before

            def spy(*args: object) -> bool:
                found.append(logged_before(*args))
                return found[-1]

            store._logged_before = spy  # type: ignore[method-assign]
            relay.armed.set()
            # Acknowledged, though the reply to its commit was lost: run again on a new
            # connection, it found its record already committed (the one statement,
            # finding its key taken, wrote nothing and left it to the general path).
            answer = _answer(store, attempt_id, 1)
            assert relay.cuts == 1
            assert found == ([True] if one_statement else [False, True])
            assert answer.time_taken == timedelta(seconds=3)
            assert _counts(store, learner_id) == (1, 1, 1)
            # The caller retrying it as well changes nothing either.
            _answer(store, attempt_id, 1)
            assert _counts(store, learner_id) == (1, 1, 1)
    finally:
        relay.close()


def test_without_a_key_a_lost_commit_is_not_run_again(pg_store_url: str) -> None:
    parts = urlsplit(pg_store_url)
    relay = _CutAfterCommit(parts.hostname or "127.0.0.1", parts.port or 5432)
    netloc = f"{parts.username}@127.0.0.1:{relay.port}" if parts.username else ""
    url = urlunsplit(parts._replace(netloc=netloc or f"127.0.0.1:{relay.port}"))
    try:
        with _open(url) as store:
            _learner_id, attempt_id = _attempt(store)
            relay.armed.set()
            # No key: running it again could add its time twice, so the caller is told.
            with pytest.raises(StoreError):
                store.record_answer(attempt_id, "q1", 1, credit=1, points=1, record={"k": 1})
            assert relay.cuts == 1
            # The next call has a connection again.
            assert store.query("SELECT count(*) FROM answer_log")[0][0] == 1
    finally:
        relay.close()


@pytest.fixture
def relay(pg_store_url: str) -> Iterator[tuple[_CutAfterCommit, str]]:
    """A relay to the test server, and the store URL through it."""
    parts = urlsplit(pg_store_url)
    cutter = _CutAfterCommit(parts.hostname or "127.0.0.1", parts.port or 5432)
    netloc = f"{parts.username}@127.0.0.1:{cutter.port}" if parts.username else ""
    yield cutter, urlunsplit(parts._replace(netloc=netloc or f"127.0.0.1:{cutter.port}"))
    cutter.close()


def _exam_answer(store: Store, attempt_id: int) -> None:
    # An exam answer: its verdict (and its card's rating) waits for the attempt's end.
    store.record_answer(
        attempt_id, "q1", 1, credit=1, points=1, review=False, record={"k": 1}, seq=1
    )


def test_a_finish_whose_commit_reply_is_lost_runs_again_and_rates_once(
    relay: tuple[_CutAfterCommit, str],
) -> None:
    cutter, url = relay
    with _open(url) as store:
        learner_id, attempt_id = _attempt(store)
        _exam_answer(store, attempt_id)
        cutter.armed.set()
        # Committed, though the reply was lost: run again on a new connection, it finds
        # the attempt ended and its answer rated, and changes nothing.
        done = store.finish_attempt(attempt_id, score=1, max_score=2, passed=False)
        assert cutter.cuts == 1
        assert done.status == "submitted" and done.score == 1
        # Each question's card rated once: q1 answered, q2 left unanswered.
        rows = store.query("SELECT question_id, reviews FROM review_cards ORDER BY question_id")
        assert [tuple(r) for r in rows] == [("q1", 1), ("q2", 1)]
        assert store.query("SELECT rated FROM answers")[0][0] == 1
        assert store.interrupted(learner_id) == []


def test_a_write_whose_connection_is_lost_twice_is_reported_not_tried_again(
    relay: tuple[_CutAfterCommit, str],
) -> None:
    cutter, url = relay
    with _open(url) as store:
        _learner_id, attempt_id = _attempt(store)
        cutter.rearm = 1
        cutter.armed.set()
        with pytest.raises(StoreError, match="lost again when this was tried a second time"):
            store.finish_attempt(attempt_id, score=0, max_score=2, passed=False)
        assert cutter.cuts == 2
        # It had committed the first time all the same.
        assert store.attempt(attempt_id).status == "submitted"


def test_a_join_whose_commit_reply_is_lost_is_still_a_join(
    relay: tuple[_CutAfterCommit, str],
) -> None:
    cutter, url = relay
    with _open(url) as store:
        info = store.open_class("monday", ["tour"])
        cutter.armed.set()
        # Run again, it finds the member it made with its own PIN hash: still "joined",
        # not "returned".
        joined = store.join_class(info.id, "Ayu", "4321")
        assert cutter.cuts == 1
        assert joined.outcome == "joined"
        assert [m.name for m in store.class_members(info.id)] == ["Ayu"]
        assert store.join_class(info.id, "Ayu", "4321").outcome == "returned"
        # A PIN set after a reset is set once, and says so.
        assert joined.learner_id is not None
        store.reset_pin(info.id, joined.learner_id)
        cutter.armed.set()
        assert store.join_class(info.id, "Ayu", "9999").outcome == "pin_set"
        assert cutter.cuts == 2
        assert store.join_class(info.id, "ayu", "9999").outcome == "returned"


def test_more_time_whose_commit_reply_is_lost_is_not_given_twice(
    relay: tuple[_CutAfterCommit, str],
) -> None:
    cutter, url = relay
    with _open(url) as store:
        info = store.open_class("monday", ["tour"])
        cutter.armed.set()
        # Adding runs twice as two additions: the trainer is told, and decides.
        with pytest.raises(StoreError, match="may or may not have been saved"):
            store.extend_time(info.id, 60, quiz_id="tour")
        assert cutter.cuts == 1
        found = store.class_info("monday")
        assert found is not None and found.quizzes[0].extra_seconds == 60
