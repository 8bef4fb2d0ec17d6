"""The score store: records in and out, resumption, review cards, history queries, on
both backends (`store_target`: SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from quizapp.names import InvalidName
from quizapp.store import REVIEW_QUIZ_ID, Store, open_store, rating_for
from quizapp.store.review import home_of, make_scheduler

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(store_target: str, clock: FakeClock) -> Store:
    s = open_store(store_target, clock=clock, scheduler=make_scheduler(enable_fuzzing=False))
    yield s
    s.close()


def _quiz(store: Store, quiz_id: str = "tour", sha: str = "a" * 64) -> int:
    return store.quiz_version(
        quiz_id, sha, quiz_id.title(), {"q1": ["facts"], "q2": ["facts", "numbers"], "q3": []}
    ).id


def test_opening_sets_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    store = Store(tmp_path / "scores.sqlite3")
    con = store._con
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    with pytest.raises(sqlite3.IntegrityError):
        con.execute(
            "INSERT INTO attempts (learner_id, quiz_version_id, mode, seed, question_order, "
            "started_ms) VALUES (99, 99, 'exam', 1, '[]', 0)"
        )
    store.close()


def test_postgres_commits_durably_and_keeps_foreign_keys(pg_store_url: str) -> None:
    from quizapp.store import StoreError

    with open_store(pg_store_url) as store:
        con = store._con
        assert con.execute("SHOW synchronous_commit").fetchone()[0] == "on"
        with pytest.raises(StoreError, match="foreign key"), store.transaction() as cur:
            cur.execute(
                "INSERT INTO attempts (learner_id, quiz_version_id, mode, seed, "
                "question_order, started_ms) VALUES (99, 99, 'exam', 1, '[]', 0)"
            )


def test_learners_are_several_and_found_by_name(store: Store) -> None:
    ayu = store.learner("Ayu", "id")
    budi = store.learner("Budi")
    assert ayu.id != budi.id
    assert store.learner("ayu").id == ayu.id  # case-insensitive, language kept
    assert store.learner("ayu").language == "id"
    assert [learner.name for learner in store.learners()] == ["Ayu", "Budi"]
    assert store.set_language(budi.id, "id").language == "id"
    assert ayu.created_at == T0
    with pytest.raises(ValueError):
        store.learner("  ")


def test_names_match_without_regard_to_case_in_any_script(store: Store) -> None:
    elise = store.learner("Élise", "id")
    assert store.learner("ÉLISE").id == elise.id  # SQLite's NOCASE folds ASCII only
    assert store.find_learner("élise") == elise
    assert store.find_learner("  fajar ") is None  # finding never creates
    assert [learner.name for learner in store.learners()] == ["Élise"]
    assert store.learner("  Siti   Rahma ").name == "Siti Rahma"  # one space, trimmed


@pytest.mark.parametrize(
    "name", ["   ", "", "x" * 61, "Ayu\x1b]0;pwned\x07", "a\tb", "Ayu\u202e", "line\nbreak"]
)
def test_a_name_that_cannot_be_used_is_refused_in_one_sentence(store: Store, name: str) -> None:
    with pytest.raises(InvalidName) as refused:
        store.learner(name)
    assert refused.value.args[0].endswith(".") and "\n" not in refused.value.args[0]
    assert store.learners() == []


def test_a_learner_recorded_before_names_were_checked_is_still_found(store: Store) -> None:
    long = "x" * 250
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO learners (name, language, created_ms) VALUES (?, 'id', 0)", (long,)
        )
    assert store.learner(long).language == "id"
    assert store.find_learner(long.upper()) is not None


def test_removing_a_learner_removes_everything_of_theirs_only(store: Store) -> None:
    ayu, budi = store.learner("Ayu"), store.learner("Budi")
    for learner in (ayu, budi):
        attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1", "q2"])
        store.record_answer(attempt.id, "q1", 0, credit=0, points=0, record={"k": 1})
        store.finish_attempt(attempt.id, score=0, max_score=2)
    store.remove_learner(ayu.id)
    assert [learner.name for learner in store.learners()] == ["Budi"]
    assert store.find_learner("Ayu") is None
    assert store.query("SELECT count(*) FROM attempts")[0][0] == 1
    assert store.query("SELECT count(*) FROM answers")[0][0] == 1
    assert store.query("SELECT count(*) FROM answer_log")[0][0] == 1
    assert {r[0] for r in store.query("SELECT learner_id FROM review_cards")} == {budi.id}
    with pytest.raises(KeyError):
        store.remove_learner(ayu.id)


def test_an_attempt_without_answers_can_be_discarded(store: Store) -> None:
    learner = store.learner("Ayu")
    empty = store.start_attempt(learner.id, _quiz(store), "review", 1, ["q1"])
    answered = store.start_attempt(learner.id, _quiz(store), "review", 2, ["q1"])
    store.record_answer(answered.id, "q1", 0, credit=0, points=0)
    assert store.discard_attempt(empty.id) is True
    assert store.discard_attempt(answered.id) is False
    assert [a.id for a in store.interrupted(learner.id)] == [answered.id]


def test_quiz_versions_are_keyed_by_content_hash(store: Store) -> None:
    first = store.quiz_version("tour", "a" * 64, "Tour")
    again = store.quiz_version("tour", "a" * 64, "Tour")
    edited = store.quiz_version("tour", "b" * 64, "Tour (edited)")
    assert first.id == again.id
    assert edited.id != first.id


def test_an_answer_is_on_disk_before_record_answer_returns(
    store: Store, store_target: str, clock: FakeClock
) -> None:
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 7, ["q1", "q2", "q3"])
    clock.advance(seconds=5)
    answer = store.record_answer(
        attempt.id, "q2", [0, 2], credit=0.5, points=1.0, time_taken=timedelta(seconds=5)
    )
    assert answer.answered_at == T0 + timedelta(seconds=5)
    # Another connection (as another process would) sees it committed.
    with open_store(store_target) as other:
        rows = other.query("SELECT question_key, response, credit FROM answers")
    assert [tuple(r) for r in rows] == [("q2", "[0,2]", 0.5)]


def test_responses_round_trip_as_json(store: Store) -> None:
    learner = store.learner("Ayu")
    keys = ["a", "b", "c", "d", "e", "f"]
    attempt = store.start_attempt(learner.id, _quiz(store), "practice", 1, keys)
    responses = [2, [0, 3], True, "Xixi [/b] Park", [2, None, 0], None]
    for key, response in zip(keys, responses, strict=True):
        store.record_answer(attempt.id, key, response, credit=0, points=0)
    assert [a.response for a in store.answers(attempt.id)] == responses


def test_resumption_continues_at_the_first_unanswered_question_in_order(store: Store) -> None:
    learner = store.learner("Ayu")
    order = ["q3", "q1", "q2"]
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 99, order)
    store.record_answer(attempt.id, "q3", "x", credit=1, points=1)
    store.record_answer(attempt.id, "q2", "y", credit=0, points=0)
    (interrupted,) = store.interrupted(learner.id)
    assert interrupted.id == attempt.id
    resume = store.resumption(attempt.id)
    assert resume.attempt.seed == 99
    assert resume.attempt.question_order == tuple(order)
    assert [a.question_key for a in resume.answers] == ["q3", "q2"]
    assert resume.next_index == 1
    store.record_answer(attempt.id, "q1", "z", credit=1, points=1)
    assert store.resumption(attempt.id).next_index is None
    store.finish_attempt(attempt.id, score=2, max_score=3, passed=True)
    assert store.interrupted(learner.id) == []


def test_interrupted_is_per_learner_and_quiz_newest_first(store: Store, clock: FakeClock) -> None:
    ayu, budi = store.learner("Ayu"), store.learner("Budi")
    tour, other = _quiz(store), _quiz(store, "other")
    a1 = store.start_attempt(ayu.id, tour, "exam", 1, ["q1"])
    clock.advance(minutes=1)
    a2 = store.start_attempt(ayu.id, other, "exam", 2, ["q1"])
    store.start_attempt(budi.id, tour, "exam", 3, ["q1"])
    assert [a.id for a in store.interrupted(ayu.id)] == [a2.id, a1.id]
    assert [a.id for a in store.interrupted(ayu.id, "tour")] == [a1.id]
    store.abandon(a1.id)
    assert store.attempt(a1.id).status == "abandoned"
    assert [a.id for a in store.interrupted(ayu.id)] == [a2.id]


def test_a_retry_replaces_the_answer_and_counts_tries(store: Store) -> None:
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "practice", 1, ["q1"])
    store.record_answer(attempt.id, "q1", 0, credit=0, points=0)
    store.record_answer(attempt.id, "q1", 1, credit=1, points=1, tries=2)
    (answer,) = store.answers(attempt.id)
    assert (answer.response, answer.credit, answer.tries) == (1, 1, 2)


def test_finishing_needs_a_final_status(store: Store) -> None:
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1"])
    with pytest.raises(ValueError):
        store.finish_attempt(attempt.id, status="in_progress")
    done = store.finish_attempt(attempt.id, status="timed_out", score=0, max_score=1, passed=False)
    assert done.status == "timed_out"
    assert done.finished_at == T0
    assert done.fraction == 0


def test_naive_clock_is_refused(store_target: str) -> None:
    s = open_store(store_target, clock=lambda: datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        s.learner("Ayu")
    s.close()


# -- review ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credit", "tries", "rating"),
    [
        (0.0, 1, Rating.Again),  # wrong
        (0.0, 3, Rating.Again),  # wrong on every try
        (1.0, 1, Rating.Good),  # right on the first try, however long it took
        (1.0, 2, Rating.Hard),  # right only after a retry
        (2 / 3, 2, Rating.Hard),  # a retry's reduced credit
        (0.5, 1, Rating.Hard),  # partly right
    ],
)
def test_rating_for_an_answer(credit: float, tries: int, rating: Rating) -> None:
    assert rating_for(credit, tries) == rating


def test_included_questions_are_reviewed_under_their_home_quiz() -> None:
    assert home_of("final", "tour/q1") == ("tour", "q1")
    assert home_of("tour", "q1") == ("tour", "q1")


def test_answers_schedule_review_cards(store: Store, clock: FakeClock) -> None:
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1", "q2", "q3"])
    store.record_answer(attempt.id, "q1", 1, credit=1, points=1, time_taken=timedelta(seconds=3))
    store.record_answer(attempt.id, "q2", 1, credit=0, points=0)
    store.record_answer(attempt.id, "q3", 1, credit=2 / 3, points=1, tries=2)
    good = store.review_card(learner.id, "tour", "q1")
    again = store.review_card(learner.id, "tour", "q2")
    hard = store.review_card(learner.id, "tour", "q3")
    assert good and again and hard
    assert again.lapses == 1 and good.lapses == 0
    assert again.due < hard.due < good.due  # Again soonest, Good latest
    assert store.due_count(learner.id) == 0
    clock.advance(minutes=11)
    assert [c.question_id for c in store.due_cards(learner.id)] == ["q2"]
    clock.advance(minutes=5)
    assert [c.question_id for c in store.due_cards(learner.id)] == ["q2", "q3"]
    clock.advance(days=3)
    due = store.due_cards(learner.id)
    assert [c.question_id for c in due] == ["q2", "q3", "q1"]  # most overdue first
    assert store.due_count(learner.id) == 3
    assert [c.question_id for c in store.due_cards(learner.id, limit=1)] == ["q2"]
    # Another learner's cards are theirs alone.
    assert store.due_count(store.learner("Budi").id) == 0


@pytest.mark.parametrize("fuzzing", [False, True])
def test_a_new_cards_rating_is_fsrs_own_to_the_millisecond(tmp_path: Path, fuzzing: bool) -> None:
    # A new card's outcome is worked out once per rating and moved to each answer's time
    # (and fuzzed as fsrs fuzzes it, from the same random numbers): exactly fsrs's card.
    import random

    store = Store(tmp_path / "s.sqlite3", scheduler=make_scheduler(enable_fuzzing=fuzzing))
    try:
        for rating in Rating:
            for i in range(40):
                now = T0 + timedelta(days=i * 3.7, seconds=i * 61.123457)
                random.seed(i)
                fast = store._next_card(None, rating, now)
                random.seed(i)
                assert fast == store._scheduled_card(None, rating, now), (rating, now)
                assert [type(v) for v in fast] == [
                    type(v) for v in store._scheduled_card(None, rating, now)
                ]
        assert store._new_outcomes is not None
        assert all(o is not None for o in store._new_outcomes[1].values())
        fuzzed = {r for r, o in store._new_outcomes[1].items() if o and o[5]}
        assert fuzzed == ({Rating.Good, Rating.Easy} if fuzzing else set())
    finally:
        store.close()


@pytest.mark.parametrize(
    "value",
    [
        0,
        -5,
        2**80,
        True,
        False,
        None,
        'é\n"\\\x01\u2028',
        "",
        [],
        [1, 20],
        [1, None],
        [True],
        {"a": [1.5]},
        1.5,
        float("nan"),
    ],
)
def test_a_response_is_written_as_the_json_encoder_writes_it(value: object) -> None:
    from quizapp.store.store import _ENCODER, EncodedJson, _dumps

    assert _dumps(value) == _ENCODER.encode(value)  # type: ignore[arg-type]
    assert _dumps(EncodedJson('{"a":1}')) == '{"a":1}'


def test_review_attempts_rate_each_questions_home_card(store: Store, clock: FakeClock) -> None:
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1"])
    store.record_answer(attempt.id, "q1", 0, credit=0, points=0)
    clock.advance(hours=1)
    review = store.quiz_version(REVIEW_QUIZ_ID, "r1", "Review")
    r = store.start_attempt(learner.id, review.id, "review", 5, ["tour/q1"])
    store.record_answer(r.id, "tour/q1", 1, credit=1, points=1)
    card = store.review_card(learner.id, "tour", "q1")
    assert card is not None and card.reviews == 2 and card.due > clock.now
    assert store.due_count(learner.id) == 0


# -- history --------------------------------------------------------------------------


def _take(
    store: Store,
    clock: FakeClock,
    learner_id: int,
    version_id: int,
    credits: dict[str, float],
    status: str = "submitted",
) -> int:
    attempt = store.start_attempt(learner_id, version_id, "exam", 1, list(credits))
    for key, credit in credits.items():
        clock.advance(seconds=10)
        store.record_answer(attempt.id, key, None, credit=credit, points=credit)
    clock.advance(seconds=10)
    if status != "in_progress":
        score = sum(credits.values())
        store.finish_attempt(
            attempt.id, status=status, score=score, max_score=len(credits), passed=score >= 2
        )
    return attempt.id


def test_history_per_quiz_best_last_average(store: Store, clock: FakeClock) -> None:
    ayu = store.learner("Ayu")
    v1 = _quiz(store)
    v2 = _quiz(store, sha="b" * 64)  # the quiz file was edited: still the same quiz
    other = _quiz(store, "other")
    _take(store, clock, ayu.id, v1, {"q1": 1, "q2": 0, "q3": 0, "q4": 0})  # 0.25
    _take(store, clock, ayu.id, v2, {"q1": 1, "q2": 1, "q3": 1, "q4": 0})  # 0.75
    _take(store, clock, ayu.id, v1, {"q1": 1, "q2": 1, "q3": 0, "q4": 0})  # 0.5, last
    _take(store, clock, ayu.id, other, {"q1": 1, "q2": 1})  # 1.0
    _take(store, clock, ayu.id, v1, {"q1": 1}, status="abandoned")  # not counted
    _take(store, clock, ayu.id, v1, {"q1": 1}, status="in_progress")  # not counted
    _take(store, clock, store.learner("Budi").id, v1, {"q1": 0, "q2": 0})  # not Ayu's
    summaries = {s.quiz_id: s for s in store.quiz_summaries(ayu.id)}
    assert set(summaries) == {"tour", "other"}
    tour = summaries["tour"]
    assert tour.attempts == 3
    assert tour.best == 0.75
    assert tour.last == 0.5
    assert tour.average == pytest.approx(0.5)
    assert [s.quiz_id for s in store.quiz_summaries(ayu.id)] == ["other", "tour"]
    history = store.score_history(ayu.id)
    assert history.fractions == (0.25, 0.75, 0.5, 1.0)
    assert history.quiz_ids == ("tour", "tour", "tour", "other")
    assert list(history.finished_at) == sorted(history.finished_at)
    assert all(t.tzinfo is not None for t in history.finished_at)
    points = history.points()
    assert [p.fraction for p in points] == [0.25, 0.75, 0.5, 1.0]
    assert points[1].passed is True and points[0].passed is False
    assert store.score_history(ayu.id, "other").fractions == (1.0,)
    listed = store.attempts(ayu.id, "tour")
    assert [a.status for a in listed] == [
        "in_progress",
        "abandoned",
        "submitted",
        "submitted",
        "submitted",
    ]
    assert [a.fraction for a in listed[2:]] == [0.5, 0.75, 0.25]
    assert len(store.attempts(ayu.id)) == 6 and len(store.attempts(ayu.id, limit=2)) == 2


def test_accuracy_per_question_and_tag_and_weakest(store: Store, clock: FakeClock) -> None:
    ayu = store.learner("Ayu")
    v = _quiz(store)
    _take(store, clock, ayu.id, v, {"q1": 1, "q2": 0, "q3": 0.5})
    _take(store, clock, ayu.id, v, {"q1": 1, "q2": 1, "q3": 0.5})
    final = store.quiz_version("final", "c" * 64, "Final", {"tour/q2": ["facts", "numbers"]})
    _take(store, clock, ayu.id, final.id, {"tour/q2": 0})
    _take(store, clock, store.learner("Budi").id, v, {"q1": 0, "q2": 0})
    acc = {q.key: q for q in store.question_accuracy(ayu.id)}
    assert set(acc) == {"tour/q1", "tour/q2", "tour/q3"}  # the include merges into tour/q2
    assert (acc["tour/q2"].answered, acc["tour/q2"].correct) == (3, 1)
    assert acc["tour/q2"].mean_credit == pytest.approx(1 / 3)
    assert acc["tour/q3"].correct == 0 and acc["tour/q3"].mean_credit == 0.5
    everyone = {q.key: q for q in store.question_accuracy(quiz_id="tour")}
    assert everyone["tour/q1"].answered == 3 and everyone["tour/q1"].correct == 2
    weakest = store.weakest_questions(ayu.id, limit=2)
    assert [q.key for q in weakest] == ["tour/q2", "tour/q3"]
    tags = {t.tag: t for t in store.tag_accuracy(ayu.id)}
    assert set(tags) == {"facts", "numbers"}
    assert (tags["facts"].answered, tags["facts"].correct, tags["facts"].questions) == (5, 3, 2)
    assert tags["numbers"].mean_credit == pytest.approx(1 / 3)
    assert [t.tag for t in store.tag_accuracy(ayu.id)] == ["numbers", "facts"]


def test_history_is_empty_for_a_new_learner(store: Store) -> None:
    learner = store.learner("New")
    assert store.quiz_summaries(learner.id) == []
    assert len(store.score_history(learner.id)) == 0
    assert store.question_accuracy(learner.id) == []
    assert store.tag_accuracy(learner.id) == []
    assert len(store.score_history(learner.id, "no-such-quiz")) == 0


# -- engine records -------------------------------------------------------------------


def test_engine_records_are_kept_in_order_for_replay(store: Store) -> None:
    learner = store.learner("Ayu")
    started = {"attempt_id": "abc123", "seed": 5, "question_keys": ["q1", "q2"]}
    attempt = store.start_attempt(
        learner.id, _quiz(store), "practice", 5, ["q1", "q2"], uid="abc123", started_record=started
    )
    assert store.attempt_by_uid("abc123") == attempt
    assert store.attempt_by_uid("nope") is None
    assert attempt.started_record == started
    for seq, (credit, tries) in enumerate([(0.0, 1), (1.0, 2)], start=1):
        store.record_answer(
            attempt.id,
            "q1",
            seq,
            credit=credit,
            points=credit,
            tries=tries,
            time_taken=timedelta(seconds=4),
            review=tries == 2,
            record={"seq": seq, "question_key": "q1"},
        )
    resume = store.resumption(attempt.id)
    assert resume.records == ({"seq": 1, "question_key": "q1"}, {"seq": 2, "question_key": "q1"})
    (answer,) = resume.answers
    assert answer.tries == 2 and answer.time_taken == timedelta(seconds=8)  # both tries
    assert resume.next_index == 1
    card = store.review_card(learner.id, "tour", "q1")
    assert card is not None and card.reviews == 1  # rated once, on the final try


def test_open_verdicts_rate_their_cards_when_the_attempt_finishes(
    store: Store, clock: FakeClock
) -> None:
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1", "q2"])
    store.record_answer(attempt.id, "q1", 0, credit=0, points=0, review=False)
    store.record_answer(attempt.id, "q1", 1, credit=1, points=1, tries=2, review=False)
    store.record_answer(attempt.id, "q2", 0, credit=0, points=0, review=False)
    assert store.review_card(learner.id, "tour", "q1") is None  # exam: not yet
    store.finish_attempt(attempt.id, score=1, max_score=2, passed=False)
    q1 = store.review_card(learner.id, "tour", "q1")
    q2 = store.review_card(learner.id, "tour", "q2")
    assert q1 is not None and q2 is not None
    assert (q1.reviews, q1.lapses) == (1, 0)  # changed to right: Hard, not Again
    assert (q2.reviews, q2.lapses) == (1, 1)
    # Ending it again changes nothing and rates nothing twice.
    assert store.abandon(attempt.id).status == "submitted"
    assert store.review_card(learner.id, "tour", "q1").reviews == 1  # type: ignore[union-attr]


def test_a_fully_right_exam_brings_nothing_back_within_the_day(
    store: Store, clock: FakeClock
) -> None:
    # FSRS's default learning steps made each new card rated Good due ten minutes later:
    # one 20-question exam answered all right gave 20 reviews that same hour.
    learner = store.learner("Ayu")
    keys = [f"q{i}" for i in range(20)] + ["other/q1", "other/q2"]
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, keys)
    for key in keys:
        clock.advance(minutes=1)  # a slow first-try right answer is still known
        store.record_answer(attempt.id, key, 1, credit=1, points=1, review=False)
    store.finish_attempt(attempt.id, score=22, max_score=22, passed=True)
    assert store.due_count(learner.id, now=clock.now + timedelta(hours=24)) == 0
    count, when = store.next_review(learner.id)
    assert count == 22 and when - clock.now >= timedelta(days=1)


def test_misses_and_unanswered_questions_come_back_in_ten_minutes(
    store: Store, clock: FakeClock
) -> None:
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1", "q2", "q3"])
    store.record_answer(attempt.id, "q1", 1, credit=1, points=1, review=False)
    store.record_answer(attempt.id, "q2", 0, credit=0, points=0, review=False)
    store.finish_attempt(attempt.id, score=1, max_score=3)  # q3 left unanswered
    card = store.review_card(learner.id, "tour", "q3")
    assert card is not None and card.lapses == 1
    assert store.next_review(learner.id) == (2, clock.now + timedelta(minutes=10))
    clock.advance(minutes=10)
    assert store.next_review(learner.id) == (2, clock.now)  # due now


def test_input_ending_rates_no_unanswered_question(store: Store) -> None:
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "practice", 1, ["q1", "q2"])
    store.record_answer(attempt.id, "q1", 1, credit=1, points=1)
    store.finish_attempt(attempt.id, score=1, max_score=2, rate_unanswered=False)
    assert store.review_card(learner.id, "tour", "q2") is None
    assert store.next_review(store.learner("Budi").id) is None


def test_drafts_live_in_the_answer_log_apart_from_the_answers(store_target: str) -> None:
    from quizapp.store.store import DRAFTS_SEQ

    store = open_store(store_target)
    learner = store.learner("Sari")
    version = store.quiz_version("q", "sha", "Q")
    attempt = store.start_attempt(learner.id, version.id, "exam", 1, ["a", "b"])
    store.record_answer(attempt.id, "a", "147", credit=1.0, points=1.0, record={"seq": 1})
    store.set_drafts(attempt.id, {"b": "14,7 tri"})
    resumption = store.resumption(attempt.id)
    assert resumption.drafts == {"b": "14,7 tri"}
    assert resumption.records == ({"seq": 1},)  # the drafts are not an answer record
    # The next answer record still counts on from the last one, after seq 0.
    store.record_answer(attempt.id, "b", "2", credit=0.0, points=0.0, record={"seq": 2})
    seqs = [r[0] for r in store._read("SELECT seq FROM answer_log ORDER BY seq")]
    assert seqs == [DRAFTS_SEQ, 1, 2]
    store.set_drafts(attempt.id, {})
    assert store.resumption(attempt.id).drafts == {}
    store.set_drafts(attempt.id, {"a": "x"})
    store.finish_attempt(attempt.id, status="submitted", score=1.0, max_score=2.0)
    assert store.resumption(attempt.id).drafts == {}  # a finished attempt has none
    store.close()


def test_the_sqlite_store_never_imports_psycopg(tmp_path: Path) -> None:
    """psycopg is loaded for a PostgreSQL URL only: the embedded default starts as fast
    as before, and works without it installed."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from quizapp.store import open_store\n"
        "from quizapp.reports.source import StoreReader\n"
        f"s = open_store({str(tmp_path / 's.sqlite3')!r}); s.learner('Ayu'); s.close()\n"
        f"StoreReader({str(tmp_path / 's.sqlite3')!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'psycopg'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_check_gives_the_schema_version_and_a_verdict(store: Store) -> None:
    from quizapp.store import SCHEMA_VERSION

    found = store.check()
    assert (found.backend, found.schema_version, found.ok, found.findings) == (
        store.backend,
        SCHEMA_VERSION,
        True,
        (),
    )
    assert found.target == str(store.path)


def test_check_names_what_postgres_finds_wrong(pg_store_url: str) -> None:
    with open_store(pg_store_url) as store, store.transaction() as cur:
        # A constraint added without checking the rows, and a table gone.
        cur.execute("ALTER TABLE answers ADD CONSTRAINT sane CHECK (credit >= 0) NOT VALID")
        cur.execute("DROP TABLE class_members")
    with open_store(pg_store_url) as store:
        found = store.check()
    assert not found.ok
    assert found.findings == (
        "tables missing: class_members",
        "constraints not validated: sane",
    )


def test_postgres_reconnects_after_losing_its_connection(pg_store_url: str) -> None:
    """A server restart or a dropped connection costs the call under way (one sentence,
    nothing half-written), not the store: the next call connects again, and the store
    still holds its leases."""
    from quizapp.store import StoreError

    store = open_store(pg_store_url)
    learner = store.learner("Ayu")
    attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1", "q2"])
    with open_store(pg_store_url) as admin:
        pid = store._con.info.backend_pid
        assert admin.query("SELECT pg_terminate_backend(?)", (pid,))[0][0] is True
    with pytest.raises(StoreError, match="could not be written or read"):
        store.record_answer(attempt.id, "q1", 0, credit=1, points=1)
    store.record_answer(attempt.id, "q1", 0, credit=1, points=1)
    store.record_answer(attempt.id, "q2", 0, credit=0, points=0)
    assert [a.question_key for a in store.answers(attempt.id)] == ["q1", "q2"]
    with open_store(pg_store_url) as other:
        from quizapp.store.errors import LeaseHeld

        with pytest.raises(LeaseHeld):  # alive again, by its new connection's lock
            other.take_lease(attempt.id)
    store.close()


def test_postgres_holds_no_transaction_open_between_calls(pg_store_url: str) -> None:
    """While a learner thinks, the store's session is idle: no snapshot held, no lock,
    nothing for vacuum to wait on."""
    with open_store(pg_store_url) as store, open_store(pg_store_url) as watcher:
        learner = store.learner("Ayu")
        attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1", "q2"])
        store.record_answer(attempt.id, "q1", 0, credit=1, points=1)
        store.resumption(attempt.id)
        store.quiz_summaries(learner.id)
        pid = store._con.info.backend_pid
        (state,) = watcher.query("SELECT state FROM pg_stat_activity WHERE pid = ?", (pid,))[0]
        assert state == "idle"
        locks = watcher.query(
            "SELECT locktype FROM pg_locks WHERE pid = ? AND locktype != 'advisory'", (pid,)
        )
        assert locks == []


def test_an_unreachable_server_is_one_sentence() -> None:
    """No server there (or no database, or a wrong password): a StoreError naming the
    URL without its password, for the store and for reports alike."""
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    from quizapp.reports.source import SourceError, StoreReader
    from quizapp.store import StoreError

    url = "postgresql://ayu:secret@127.0.0.1:1/scores"
    with pytest.raises(StoreError) as refused:
        open_store(url, connect_timeout=2)
    message = str(refused.value)
    assert "cannot be reached" in message and "postgresql://ayu:***@127.0.0.1:1/scores" in message
    assert "secret" not in message and "\n" not in message
    with pytest.raises(SourceError) as unread:
        StoreReader(url)
    assert "secret" not in str(unread.value) and "\n" not in str(unread.value)


@pytest.mark.parametrize(
    ("column", "value"),
    [("question_order", "nul"), ("question_order", "{]"), ("started_record", "[")],
)
def test_a_hand_edited_row_is_named_and_the_rest_still_read(
    store: Store, column: str, value: str
) -> None:
    """Garbage JSON in a row (a database edited by hand) is a StoreRecordError naming
    the record, on either backend; lists leave it out and say so once."""
    from quizapp.store.errors import StoreRecordError

    learner = store.learner("Ayu")
    broken = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1"])
    fine = store.start_attempt(learner.id, _quiz(store), "exam", 2, ["q1"])
    with store.transaction() as cur:
        cur.execute(f"UPDATE attempts SET {column} = ? WHERE id = ?", (value, broken.id))
    with pytest.raises(StoreRecordError, match=f"attempt {broken.id}"):
        store.attempt(broken.id)
    assert [a.id for a in store.interrupted(learner.id)] == [fine.id]
    assert len(store.warnings) == 1 and f"attempt {broken.id}" in store.warnings[0]


def test_postgres_works_for_a_role_that_may_only_read_and_write_rows(pg_store_url: str) -> None:
    """The tables made once by their owner; the app's role needs rows only (no DDL, no
    superuser) to answer, and to see another store's lease."""
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    role = f"quizapp_app_{uuid.uuid4().hex[:8]}"
    open_store(pg_store_url).close()  # the owner migrates
    schema = pg_store_url.rpartition("%3D")[2]
    with psycopg.connect(pg_store_url, autocommit=True) as owner:
        owner.execute(f"CREATE ROLE {role} LOGIN")
        owner.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        owner.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}"
        )
        owner.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}")
    try:
        parts = urlsplit(pg_store_url)
        as_app = urlunsplit(parts._replace(netloc=f"{role}@{parts.hostname}:{parts.port}"))
        with open_store(as_app) as store, open_store(as_app) as other:
            learner = store.learner("Ayu")
            attempt = store.start_attempt(learner.id, _quiz(store), "exam", 1, ["q1"])
            store.record_answer(attempt.id, "q1", 0, credit=1, points=1)
            from quizapp.store.errors import LeaseHeld

            with pytest.raises(LeaseHeld):
                other.take_lease(attempt.id)
            assert store.finish_attempt(attempt.id, score=1, max_score=1).score == 1
            assert store.check().ok
    finally:
        with psycopg.connect(pg_store_url, autocommit=True) as owner:
            owner.execute(f"DROP OWNED BY {role}")
            owner.execute(f"DROP ROLE {role}")
