"""Class mode in the store: joining with a PIN, names unique in a class, the trainer's
actions, and the watch view's figures (schema v5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.classroom.live import learner_rows, question_rows, snapshot
from quizapp.store import Store, open_store
from quizapp.store.classes import check_pin, hash_pin, valid_class_name

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(store_target: str, clock: Clock) -> Store:
    with open_store(store_target, clock=clock) as s:
        yield s


def test_pins_are_hashed_and_checked() -> None:
    stored = hash_pin("4321")
    assert "4321" not in stored
    assert check_pin("4321", stored)
    assert not check_pin("4322", stored)
    assert not check_pin("4321", "garbage")
    assert hash_pin("4321") != stored  # salted


@pytest.mark.parametrize(
    ("name", "ok"),
    [("monday", True), ("class-2026_03", True), ("../etc", False), ("", False), ("a b", False)],
)
def test_class_names_are_folder_safe(name: str, ok: bool) -> None:
    assert valid_class_name(name) is ok


def test_open_class_adds_quizzes_once_in_order(store: Store) -> None:
    info = store.open_class("monday", ["tour", "final"])
    again = store.open_class("MONDAY", ["final", "extra"])
    assert again.id == info.id
    assert [q.quiz_id for q in again.quizzes] == ["tour", "final", "extra"]
    assert again.open_quizzes == ["tour", "final", "extra"]
    with pytest.raises(ValueError):
        store.open_class("../x")


def test_join_new_name_returns_with_pin_and_refuses_a_wrong_one(store: Store) -> None:
    info = store.open_class("monday", ["tour"])
    first = store.join_class(info.id, "Siti", "1234")
    assert first.outcome == "joined" and first.ok
    back = store.join_class(info.id, "  siti ", "1234")
    assert back.outcome == "returned" and back.learner_id == first.learner_id
    assert back.name == "Siti"
    taken = store.join_class(info.id, "SITI", "9999")
    assert taken.outcome == "wrong_pin" and not taken.ok and taken.learner_id is None
    assert [m.name for m in store.class_members(info.id)] == ["Siti"]


def test_a_reset_pin_is_set_by_the_next_join(store: Store) -> None:
    info = store.open_class("monday", ["tour"])
    siti = store.join_class(info.id, "Siti", "1234")
    assert siti.learner_id is not None
    store.reset_pin(info.id, siti.learner_id)
    assert not store.class_members(info.id)[0].has_pin
    assert store.join_class(info.id, "Siti", "5555").outcome == "pin_set"
    assert store.join_class(info.id, "Siti", "1234").outcome == "wrong_pin"
    assert store.join_class(info.id, "Siti", "5555").outcome == "returned"


def test_an_ended_class_takes_no_joins(store: Store) -> None:
    info = store.open_class("monday", ["tour"])
    store.end_class(info.id)
    assert store.join_class(info.id, "Siti", "1234").outcome == "ended"
    assert store.class_info("monday").ended_at is not None  # type: ignore[union-attr]
    assert store.join_class(info.id + 99, "Siti", "1234").outcome == "no_class"


def test_trainer_actions_open_close_and_extend(store: Store) -> None:
    info = store.open_class("monday", ["tour", "final"])
    siti = store.join_class(info.id, "Siti", "1234").learner_id
    assert siti is not None
    store.set_quiz_open(info.id, "final", False)
    assert store.class_info("monday").open_quizzes == ["tour"]  # type: ignore[union-attr]
    store.extend_time(info.id, 300, quiz_id="tour")
    store.extend_time(info.id, 120, learner_id=siti)
    assert store.extra_time(info.id, siti, "tour") == 420
    assert store.extra_time(info.id, siti, "final") == 120
    budi = store.join_class(info.id, "Budi", "1234").learner_id
    (mine,) = store.class_members(info.id, siti)
    assert (mine.name, mine.extra_seconds) == ("Siti", 120)
    assert [m.extra_seconds for m in store.class_members(info.id, budi)] == [0]
    with pytest.raises(KeyError):
        store.set_quiz_open(info.id, "nope", True)
    with pytest.raises(ValueError):
        store.extend_time(info.id, 60)


def _attempt(store: Store, learner_id: int, quiz_id: str, answers: dict[str, tuple[object, float]]):
    version = store.quiz_version(quiz_id, "h-" + quiz_id, quiz_id)
    started = {"time_limit_seconds": 600}
    attempt = store.start_attempt(
        learner_id, version.id, "exam", 1, [*list(answers), "q9"], started_record=started
    )
    for key, (response, credit) in answers.items():
        store.record_answer(attempt.id, key, response, credit=credit, points=credit)
    return attempt


def test_the_watch_figures_follow_the_store(store: Store, clock: Clock) -> None:
    info = store.open_class("monday", ["tour"])
    siti = store.join_class(info.id, "Siti", "1234").learner_id
    budi = store.join_class(info.id, "Budi", "1234").learner_id
    assert siti is not None and budi is not None
    # Someone outside the class, in the same store: never counted.
    outsider = store.learner("Outsider")
    _attempt(store, outsider.id, "tour", {"q1": (3, 0.0)})
    a = _attempt(store, siti, "tour", {"q1": (1, 1.0), "q2": (2, 0.0)})
    store.set_flagged(a.id, ["q2"])
    b = _attempt(store, budi, "tour", {"q1": (2, 0.0), "q2": (2, 0.0)})
    store.finish_attempt(b.id, score=0, max_score=3)
    store.extend_time(info.id, 60, learner_id=siti)
    clock.now = T0 + timedelta(minutes=4)
    rows = {
        r.name: r
        for r in learner_rows(
            info=store.class_info("monday"),  # type: ignore[arg-type]
            members=store.class_members(info.id),
            attempts=store.class_attempts(info.id),
            now=clock.now,
        )
    }
    assert set(rows) == {"Siti", "Budi"}
    assert (rows["Siti"].answered, rows["Siti"].questions, rows["Siti"].flagged) == (2, 3, 1)
    assert rows["Siti"].seconds_left == 600 + 60 - 240
    assert rows["Budi"].in_progress is False and rows["Budi"].last_score == 0.0
    answers = store.class_answers(info.id, "tour")
    assert {x.learner_id for x in answers} == {siti, budi}
    figures = {q.key: q for q in question_rows("tour", answers, None)}
    assert figures["q1"].answered == 2 and figures["q1"].facility == 0.5
    assert figures["q1"].wrong == (("2", 1),)
    assert figures["q2"].wrong == (("2", 2),)
    whole = snapshot(store, "monday", None, clock.now)
    assert whole is not None and len(whole.learners) == 2 and len(whole.questions) == 2
    assert snapshot(store, "nope", None, clock.now) is None


def test_join_follows_the_apps_name_rules(store: Store) -> None:
    from quizapp.names import InvalidName

    info = store.open_class("monday", ["tour"])
    first = store.join_class(info.id, "Élise  Dupont", "1234")
    assert first.name == "Élise Dupont"
    assert store.join_class(info.id, "ÉLISE DUPONT", "1234").outcome == "returned"
    assert store.join_class(info.id, "élise dupont", "9999").outcome == "wrong_pin"
    with pytest.raises(InvalidName):
        store.join_class(info.id, "Evil\x1b[2J", "1234")
