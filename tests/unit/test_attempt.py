"""Attempts: seeded draws and orders, the three modes, time limits, recording, resuming."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.engine import (
    Answered,
    Attempt,
    AttemptError,
    MemoryRecorder,
    TimeUp,
    Unreadable,
    resume_attempt,
    right_answer,
    start_attempt,
    start_review,
)
from quizapp.loading import load_catalog

DATA = Path(__file__).parent.parent / "data" / "engine"
TOUR = Path(__file__).parent.parent.parent / "quizzes" / "tour.toml"
CATALOG = load_catalog([DATA, TOUR])


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def full_credit(question: Any) -> Any:
    right = right_answer(question)
    return repr(right) if question.type == "numeric" else right


def wrong(question: Any) -> Any:
    """A response earning no credit."""
    kind = question.type
    if kind == "single":
        return next(i for i, c in enumerate(question.choices) if not c.correct and not c.weight)
    if kind == "multiple":
        return [i for i, c in enumerate(question.choices) if not c.correct]
    if kind == "true_false":
        return not question.answer
    if kind == "short_answer":
        return "zzzzzzzz"
    if kind == "numeric":
        return "-99999"
    if kind == "ordering":
        return list(reversed(range(len(question.items))))
    return [None] * len(question.pairs)


def shape(attempt: Attempt) -> list[tuple[str, tuple[int, ...]]]:
    return [(s.key, s.order) for s in attempt.slots]


# -- draws and orders ----------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**31 - 1), st.sampled_from(["tour", "kinds", "final"]))
def test_the_same_seed_gives_the_same_attempt(seed: int, quiz_id: str) -> None:
    a = start_attempt(CATALOG, quiz_id, mode="exam", seed=seed)
    b = start_attempt(CATALOG, quiz_id, mode="exam", seed=seed)
    assert shape(a) == shape(b)


def test_different_seeds_draw_and_order_differently() -> None:
    shapes = {tuple(shape(start_attempt(CATALOG, "final", seed=s))) for s in range(20)}
    assert len(shapes) > 10


def test_final_exam_draws_from_its_include_then_its_own_draw() -> None:
    for seed in range(30):
        attempt = start_attempt(CATALOG, "final", mode="exam", seed=seed)
        keys = [s.key for s in attempt.slots]
        assert len(keys) == 4
        assert len(set(keys)) == 4
        assert all(k == "own" or k.startswith("kinds/") for k in keys)
        included = {s.quiz_id for s in attempt.slots}
        assert included <= {"final", "kinds"}


def test_without_shuffle_questions_the_file_order_is_kept() -> None:
    attempt = start_attempt(CATALOG, "tour", seed=3)
    assert [s.key for s in attempt.slots] == [q.id for q in CATALOG.quizzes["tour"].questions]


def test_display_orders_are_permutations_and_ordering_is_never_shown_solved() -> None:
    for seed in range(50):
        for slot in start_attempt(CATALOG, "kinds", seed=seed).slots:
            question = slot.question
            if question.type in ("single", "multiple"):
                assert sorted(slot.order) == list(range(len(question.choices)))
            elif question.type == "ordering":
                assert sorted(slot.order) == list(range(len(question.items)))
                assert list(slot.order) != sorted(slot.order)
            elif question.type == "matching":
                n = len(question.pairs) + len(question.distractors)
                assert sorted(slot.order) == list(range(n))
            else:
                assert slot.order == ()


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(0, 2**31 - 1), st.randoms())
def test_shuffling_never_changes_a_grade(seed_a: int, seed_b: int, rnd: Any) -> None:
    # The learner picks by what is shown; the engine stores file order: two attempts
    # shown differently, given the same picks, grade the same.
    quiz = CATALOG.quizzes["kinds"]
    picks = {q.id: rnd.choice([full_credit(q), wrong(q)]) for q in quiz.questions}
    results = []
    for seed in (seed_a, seed_b):
        attempt = start_attempt(CATALOG, "kinds", mode="exam", seed=seed)
        for i, slot in enumerate(attempt.slots):
            outcome = attempt.answer(i, picks[slot.question.id])
            assert isinstance(outcome, Answered)
        results.append(attempt.submit())
    a, b = results
    assert a.points == b.points
    by_key = {r.question_key: r.credit for r in a.questions}
    assert by_key == {r.question_key: r.credit for r in b.questions}


def test_picking_the_shown_position_of_the_right_choice_gets_full_credit() -> None:
    for seed in range(20):
        attempt = start_attempt(CATALOG, "tour", seed=seed)
        slot = next(s for s in attempt.slots if s.key == "city")
        shown = [slot.question.choices[i].text for i in slot.order]
        picked = shown.index("Hangzhou")
        outcome = attempt.answer(slot.position, slot.order[picked])
        assert isinstance(outcome, Answered)
        assert outcome.grade.credit == 1


# -- practice -----------------------------------------------------------------------------


def practice_on(question_id: str) -> tuple[Attempt, int]:
    attempt = start_attempt(CATALOG, "kinds", mode="practice", seed=1)
    position = next(s.position for s in attempt.slots if s.key == question_id)
    return attempt, position


def test_practice_retry_costs_a_third_per_try() -> None:
    attempt, i = practice_on("single")
    first = attempt.answer(i, 2)
    assert isinstance(first, Answered)
    assert first.retry_allowed
    assert first.record.credit == 0
    second = attempt.answer(i, 0)
    assert isinstance(second, Answered)
    assert second.record.credit == pytest.approx(2 / 3)
    assert second.record.final
    assert not second.retry_allowed
    with pytest.raises(AttemptError):
        attempt.answer(i, 0)
    assert attempt.submit().questions[i].credit == pytest.approx(2 / 3)


def test_practice_three_tries_then_closed() -> None:
    attempt, i = practice_on("single")
    attempt.answer(i, 2)
    attempt.answer(i, 3)
    third = attempt.answer(i, 0)
    assert isinstance(third, Answered)
    assert third.record.credit == pytest.approx(1 / 3)
    assert third.record.tries == 3 and third.record.final


def test_practice_keeps_the_best_penalised_try() -> None:
    attempt, i = practice_on("single")
    attempt.answer(i, 1)  # half credit on the first try
    second = attempt.answer(i, 2)  # then wrong
    assert isinstance(second, Answered)
    assert second.record.credit == 0.5
    result = attempt.submit()
    assert result.questions[i].credit == 0.5
    assert result.questions[i].status == "wrong"  # the last response was wrong


def test_practice_right_after_retry_is_partial_in_the_result() -> None:
    attempt, i = practice_on("tf")
    attempt.answer(i, False)
    attempt.answer(i, True)
    assert attempt.submit().questions[i].status == "partial"


def test_practice_move_on_closes_the_question() -> None:
    attempt, i = practice_on("single")
    attempt.answer(i, 2)
    attempt.move_on(i)
    assert not attempt.retry_allowed(i)
    with pytest.raises(AttemptError):
        attempt.answer(i, 0)


def test_unreadable_numbers_cost_no_try_and_are_not_recorded() -> None:
    recorder = MemoryRecorder()
    attempt = start_attempt(CATALOG, "kinds", mode="practice", seed=1, recorder=recorder)
    i = next(s.position for s in attempt.slots if s.key == "delegates")
    outcome = attempt.answer(i, "1.500")
    assert isinstance(outcome, Unreadable)
    assert attempt.states[i].tries == 0
    assert recorder.answers == []
    assert isinstance(attempt.answer(i, "147"), Answered)
    assert recorder.answers[-1].credit == 1


# -- exam ----------------------------------------------------------------------------------


def test_exam_answers_change_skip_flag_submit() -> None:
    recorder = MemoryRecorder()
    attempt = start_attempt(CATALOG, "tour", mode="exam", seed=2, recorder=recorder)
    city = next(s for s in attempt.slots if s.key == "city")
    attempt.answer(city.position, 1)
    changed = attempt.answer(city.position, 0)
    assert isinstance(changed, Answered)
    assert not changed.record.final
    attempt.flag(city.position)
    assert attempt.first_open() == 0
    result = attempt.submit()
    assert result.reason == "submitted"
    assert result.points == 1
    assert result.max_points == 7
    assert result.fraction == pytest.approx(1 / 7)
    assert result.passed is False
    assert result.feedback == {
        "id": "Baca lagi pelajarannya, lalu coba sekali lagi.",
        "en": "Read the lesson again, then have another go.",
    }
    city_result = result.questions[city.position]
    assert city_result.flagged and city_result.tries == 2 and city_result.credit == 1
    assert sum(q.status == "unanswered" for q in result.questions) == 6
    assert recorder.results == [result]
    with pytest.raises(AttemptError):
        attempt.answer(0, "147")


def test_exam_time_limit_submits_what_it_has() -> None:
    clock = FakeClock()
    recorder = MemoryRecorder()
    attempt = start_attempt(CATALOG, "final", mode="exam", seed=4, clock=clock, recorder=recorder)
    assert attempt.deadline == clock.now + timedelta(minutes=10)
    first = attempt.slots[0].question
    clock.advance(60)
    attempt.answer(0, full_credit(first))
    assert attempt.remaining() == timedelta(minutes=9)
    clock.advance(9 * 60)
    assert attempt.overdue()
    with pytest.raises(TimeUp) as caught:
        attempt.answer(1, full_credit(attempt.slots[1].question))
    result = caught.value.result
    assert result.reason == "time_up"
    assert [q.tries for q in result.questions] == [1, 0, 0, 0]
    assert result.points == result.questions[0].max_points
    assert recorder.results == [result]
    assert attempt.remaining() == timedelta(0)


def test_drafts_are_kept_resumed_and_given_when_time_runs_out() -> None:
    clock = FakeClock()
    recorder = MemoryRecorder()
    attempt = start_attempt(CATALOG, "final", mode="exam", seed=4, clock=clock, recorder=recorder)
    first, second = (attempt.slots[i].question for i in (0, 1))
    attempt.set_draft(0, full_credit(first))
    attempt.set_draft(1, wrong(second))
    assert recorder.drafts == {
        attempt.slots[0].key: full_credit(first),
        attempt.slots[1].key: wrong(second),
    }
    attempt.answer(1, full_credit(second))  # given: no longer a draft
    assert list(recorder.drafts) == [attempt.slots[0].key]
    # Resumed, the draft is there again.
    again = resume_attempt(
        CATALOG, recorder.starts[0], recorder.answers, clock=clock, drafts=recorder.drafts
    )
    assert again.states[0].draft == full_credit(first)
    # Time runs out: the draft is what was on the page, so it counts.
    clock.advance(11 * 60)
    result = again.submit("time_up")
    assert [q.status for q in result.questions[:2]] == ["correct", "correct"]
    assert again.states[0].draft is None


def test_a_submit_by_the_learner_leaves_drafts_out() -> None:
    attempt = start_attempt(CATALOG, "final", mode="exam", seed=4)
    attempt.set_draft(0, full_credit(attempt.slots[0].question))
    assert attempt.submit("submitted").questions[0].status == "unanswered"


def test_practice_has_no_time_limit() -> None:
    clock = FakeClock()
    attempt = start_attempt(CATALOG, "final", mode="practice", seed=4, clock=clock)
    clock.advance(3600)
    assert attempt.deadline is None and not attempt.overdue()
    assert isinstance(attempt.answer(0, full_credit(attempt.slots[0].question)), Answered)


# -- review --------------------------------------------------------------------------------


def test_review_spans_quizzes_in_the_given_order_one_try_each() -> None:
    due = [("tour", "city"), ("kinds", "tf"), ("nope", "x"), ("tour", "missing"), ("tour", "city")]
    recorder = MemoryRecorder()
    attempt = start_review(CATALOG, due, seed=9, recorder=recorder)
    assert [s.key for s in attempt.slots] == ["tour/city", "kinds/tf"]
    assert attempt.quiz_id is None
    outcome = attempt.answer(1, False)
    assert isinstance(outcome, Answered)
    assert outcome.record.final and not outcome.retry_allowed
    assert outcome.record.question_quiz_id == "kinds"
    assert outcome.record.question_id == "tf"
    result = attempt.submit()
    assert result.passed is None and result.pass_mark is None
    assert result.max_points == 2


def test_review_with_nothing_due_is_an_error() -> None:
    with pytest.raises(AttemptError, match="no question is due"):
        start_review(CATALOG, [("nope", "x")])


def test_start_refuses_unknown_quiz_and_mode() -> None:
    with pytest.raises(AttemptError, match="no quiz"):
        start_attempt(CATALOG, "nope")
    with pytest.raises(AttemptError, match="unknown mode"):
        start_attempt(CATALOG, "tour", mode="cram")
    with pytest.raises(AttemptError, match="start_review"):
        start_attempt(CATALOG, "tour", mode="review")


# -- recording and resuming ---------------------------------------------------------------


def test_records_are_json_data_with_utc_times() -> None:
    clock = FakeClock()
    recorder = MemoryRecorder()
    attempt = start_attempt(
        CATALOG, "tour", mode="practice", seed=5, learner="ayu", recorder=recorder, clock=clock
    )
    assert recorder.starts == [attempt.started_record]
    started = recorder.starts[0]
    assert started.quiz_sha256 == CATALOG.hashes["tour"]
    assert started.question_keys == [s.key for s in attempt.slots]
    attempt.present(0)
    clock.advance(12.5)
    attempt.answer(0, "147 orang")
    record = recorder.answers[0]
    assert record.elapsed_seconds == 12.5
    assert record.answered_at.utcoffset() == timedelta(0)
    assert record.question_quiz_sha256 == CATALOG.hashes["tour"]
    attempt.submit()
    for model in (started, record, recorder.results[0]):
        data = json.loads(model.model_dump_json())
        assert type(model).model_validate(data) == model


def test_an_attempt_resumes_where_it_stopped_and_finishes_the_same() -> None:
    for mode in ("practice", "exam"):
        recorder = MemoryRecorder()
        attempt = start_attempt(CATALOG, "kinds", mode=mode, seed=11, recorder=recorder)
        for i, slot in enumerate(attempt.slots[:4]):
            attempt.answer(i, wrong(slot.question))
            if mode == "practice":
                attempt.answer(i, full_credit(slot.question))
        resumed = resume_attempt(CATALOG, recorder.starts[0], recorder.answers)
        assert shape(resumed) == shape(attempt)
        assert resumed.first_open() == 4
        for a in (attempt, resumed):
            for i in range(4, len(a.slots)):
                a.answer(i, full_credit(a.slots[i].question))
        assert resumed.submit().points == attempt.submit().points


def test_flags_are_recorded_as_they_change_and_come_back_on_resume() -> None:
    recorder = MemoryRecorder()
    attempt = start_attempt(CATALOG, "tour", mode="exam", seed=2, recorder=recorder)
    attempt.answer(0, wrong(attempt.slots[0].question))
    attempt.flag(0)  # flagged after its answer: the answer record says unflagged
    attempt.flag(2)  # never answered: no answer record carries it
    attempt.flag(3)
    attempt.flag(3, False)
    attempt.flag(2)  # no change, nothing to record
    assert recorder.flags == [(0, True), (2, True), (3, True), (3, False)]
    keys = [s.key for s, st in zip(attempt.slots, attempt.states, strict=True) if st.flagged]
    assert keys == [attempt.slots[0].key, attempt.slots[2].key]
    resumed = resume_attempt(CATALOG, recorder.starts[0], recorder.answers, flagged=keys)
    assert [s.flagged for s in resumed.states] == [s.flagged for s in attempt.states]
    # Without the flag list (a store from before flags were kept), the answers' own.
    bare = resume_attempt(CATALOG, recorder.starts[0], recorder.answers)
    assert not any(s.flagged for s in bare.states)
    attempt.submit()
    with pytest.raises(AttemptError):
        attempt.flag(1)


def test_a_review_resumes_too() -> None:
    recorder = MemoryRecorder()
    attempt = start_review(
        CATALOG, [("kinds", "order"), ("tour", "city")], seed=3, recorder=recorder
    )
    attempt.answer(0, [0, 1, 2, 3, 4])
    resumed = resume_attempt(CATALOG, recorder.starts[0], recorder.answers)
    assert shape(resumed) == shape(attempt)
    assert resumed.first_open() == 1


def test_resume_refuses_a_changed_quiz() -> None:
    recorder = MemoryRecorder()
    start_attempt(CATALOG, "tour", seed=1, recorder=recorder)
    changed = recorder.starts[0].model_copy(update={"quiz_sha256": "0" * 64})
    with pytest.raises(AttemptError, match="changed"):
        resume_attempt(CATALOG, changed, [])


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["practice", "exam"]), st.integers(0, 1000), st.data())
def test_credit_stays_within_the_points_through_retries(mode: str, seed: int, data: Any) -> None:
    attempt = start_attempt(CATALOG, "kinds", mode=mode, seed=seed)
    for i, slot in enumerate(attempt.slots):
        for _ in range(data.draw(st.integers(0, 4))):
            if attempt.states[i].done:
                break
            pick = data.draw(st.sampled_from([full_credit, wrong]))
            outcome = attempt.answer(i, pick(slot.question))
            assert isinstance(outcome, Answered)
            record = outcome.record
            assert 0 <= record.raw_credit <= 1
            assert 0 <= record.credit <= 1
            assert 0 <= record.points <= record.max_points
            assert record.tries <= (3 if mode == "practice" else 4)
    result = attempt.submit()
    assert 0 <= result.points <= result.max_points
    assert 0 <= result.fraction <= 1
    assert all(0 <= q.points <= q.max_points for q in result.questions)
