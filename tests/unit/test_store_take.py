"""The store behind `quizapp take --plain`: recording, resuming after `kill -9`, review."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_take_plain import right_line, wrong_line

from quizapp.cli import main
from quizapp.engine import start_attempt
from quizapp.loading import load_catalog
from quizapp.locations import database_path
from quizapp.store import Store, open_store
from quizapp.store.recorder import StoreRecorder
from quizapp.store.store import EncodedJson

ROOT = Path(__file__).parent.parent.parent
TOUR = ROOT / "quizzes" / "tour.toml"
CATALOG = load_catalog([TOUR])


def test_the_recorder_stores_an_attempt_and_rebuilds_it_exactly(store_target: str) -> None:
    store = open_store(store_target)
    recorder = StoreRecorder(store, store.learner("Ayu"))
    attempt = start_attempt(CATALOG, "tour", mode="practice", seed=4, recorder=recorder)
    first, second = attempt.slots[0], attempt.slots[1]
    attempt.answer(0, _response(attempt, 0, right=False))  # wrong: a try left
    attempt.answer(0, _response(attempt, 0, right=True))  # right on the second try
    attempt.answer(1, _response(attempt, 1, right=False))
    # The process dies here: nothing more is said to the store.
    (waiting,) = recorder.interrupted("tour")
    again = StoreRecorder(store, store.learner("Ayu")).resume(CATALOG, waiting)
    assert [s.key for s in again.slots] == [s.key for s in attempt.slots]
    assert [s.order for s in again.slots] == [s.order for s in attempt.slots]
    for before, after in zip(attempt.states, again.states, strict=True):
        assert (before.response, before.credit, before.tries, before.done) == (
            after.response,
            after.credit,
            after.tries,
            after.done,
        )
    assert again.first_open() == attempt.first_open() == 1  # q2 has tries open
    stored = {a.question_key: a for a in store.answers(waiting.id)}
    assert stored[first.key].tries == 2 and stored[first.key].credit == pytest.approx(2 / 3)
    # Rated once, on its final try; the open question is not rated yet.
    card = store.review_card(store.learner("Ayu").id, "tour", first.question.id)
    assert card is not None and card.reviews == 1
    assert store.review_card(store.learner("Ayu").id, "tour", second.question.id) is None
    result = again.submit()
    finished = store.attempt(waiting.id)
    assert finished.status == "submitted"
    assert finished.score == pytest.approx(result.points)
    assert finished.max_score == result.max_points
    # Submitting rated the question left open.
    assert store.review_card(store.learner("Ayu").id, "tour", second.question.id) is not None
    (summary,) = store.quiz_summaries(store.learner("Ayu").id)
    assert summary.attempts == 1 and summary.last == pytest.approx(result.fraction)
    store.close()


def test_flags_are_on_disk_when_flagged_and_come_back_on_resume(store_target: str) -> None:
    store = open_store(store_target)
    recorder = StoreRecorder(store, store.learner("Ayu"))
    attempt = start_attempt(CATALOG, "tour", mode="exam", seed=4, recorder=recorder)
    attempt.answer(0, _response(attempt, 0, right=False))
    attempt.flag(0)
    attempt.flag(2)  # unanswered
    attempt.flag(1)
    attempt.flag(1, False)
    # The process dies here; another one opens the file. (A dead process's lease is free
    # at once; within one process, a lease timeout of zero stands in for its death.)
    other = open_store(store_target, lease_timeout=timedelta(0))
    (waiting,) = other.interrupted(other.learner("Ayu").id)
    assert waiting.flagged == (attempt.slots[0].key, attempt.slots[2].key)
    again = StoreRecorder(other, other.learner("Ayu")).resume(CATALOG, waiting)
    assert [s.flagged for s in again.states] == [True, False, True] + [False] * (
        len(again.slots) - 3
    )
    # The resumed attempt records its flag changes too.
    again.flag(0, False)
    assert other.attempt(waiting.id).flagged == (attempt.slots[2].key,)
    assert again.submit().questions[2].flagged
    store.close()
    other.close()


class _Keeping(StoreRecorder):
    """A recorder that also keeps each answer record as the engine made it; `full`: logs
    it as a JSON object, as quizapp did before schema 6."""

    def __init__(self, store: Store, full: bool = False) -> None:
        super().__init__(store, store.learner("Ayu"))
        self.full = full
        self.given: list[dict[str, Any]] = []
        self.last: Any = None

    def answered(self, attempt: Any, record: Any) -> None:
        self.given.append(record.model_dump(mode="json"))
        self.last = record
        if not self.full:
            super().answered(attempt, record)
            return
        self.store.record_answer(
            self._stored_id(attempt),
            record.question_key,
            record.response,
            credit=record.credit,
            points=record.points,
            tries=record.tries,
            review=record.final,
            record=EncodedJson(record.model_dump_json()),
            answered_at=record.answered_at,
            seq=record.seq,
        )


def test_answer_records_are_logged_compactly_and_come_back_as_given(store_target: str) -> None:
    with open_store(store_target) as store:
        # Two answers logged as objects (before schema 6), then compactly: both read back.
        old = _Keeping(store, full=True)
        attempt = start_attempt(CATALOG, "tour", mode="practice", seed=4, recorder=old)
        attempt.answer(0, _response(attempt, 0, right=False))
        attempt.answer(0, _response(attempt, 0, right=True))
        (waiting,) = old.interrupted("tour")
        new = _Keeping(store)
        again = new.resume(CATALOG, waiting)
        again.answer(1, _response(again, 1, right=False))
        again.answer(1, _response(again, 1, right=True))
        logged = [r[0] for r in store.query("SELECT record FROM answer_log ORDER BY seq")]
        assert all(text.startswith("{") for text in logged[:2])
        for text, record in zip(logged[2:], new.given, strict=True):
            # Neither the attempt's id nor the log's key nor the quiz file's hash again.
            assert text.startswith("[") and record["attempt_id"] not in text
            assert record["question_quiz_sha256"] not in text
            assert len(text) < len(json.dumps(record, separators=(",", ":"))) / 2
        assert list(store.resumption(waiting.id).records) == old.given + new.given
        # The answer is still its key: the same compact record again is the same answer.
        StoreRecorder(store, store.learner("Ayu")).answered(again, new.last)
        assert len(store.query("SELECT record FROM answer_log")) == 4
        assert list(store.resumption(waiting.id).records) == old.given + new.given


def _record(**fields: Any) -> Any:
    """An engine answer record of attempt a1 (seq 3, question q1 of the tour at "aa"...),
    with `fields` changed."""
    from quizapp.engine.recording import AnswerRecord

    given: dict[str, Any] = {
        "attempt_id": "a1",
        "seq": 3,
        "position": 2,
        "question_key": "q1",
        "question_quiz_id": "tour",
        "question_quiz_sha256": "aa" * 32,
        "question_id": "q1",
        "question_type": "multiple_choice",
        "response": [0, 2],
        "raw_credit": 0.5,
        "credit": 0.5,
        "points": 1.0,
        "max_points": 2.0,
        "tries": 1,
        "final": True,
        "elapsed_seconds": 1.5,
        "answered_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    }
    return AnswerRecord(**(given | fields))


def test_a_question_from_another_file_keeps_its_hash_in_the_compact_record() -> None:
    from quizapp.store.recorder import compact_record
    from quizapp.store.records import Attempt
    from quizapp.store.store import expand_log_record

    given = _record(
        question_key="other/q1",
        question_quiz_id="other",
        question_quiz_sha256="bb" * 32,
        answered_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
    )
    attempt = Attempt(
        id=1,
        learner_id=1,
        quiz_version_id=1,
        quiz_id="tour",
        sha256="aa" * 32,
        mode="practice",
        seed=1,
        question_order=("other/q1",),
        started_at=datetime(2026, 1, 2, tzinfo=UTC),
        uid="a1",
    )
    for sha in ("aa" * 32, "bb" * 32):
        text = compact_record(given, sha)
        assert ("bb" * 32 in text) == (sha != given.question_quiz_sha256)
        home = attempt.model_copy(update={"sha256": sha})
        assert expand_log_record(json.loads(text), home, 3) == given.model_dump(mode="json")


@pytest.mark.parametrize(
    ("response", "elapsed"),
    [([0, 2], 1.5), ('é\n"x\u2028', 3.217e-05), (True, float("nan")), (None, float("inf"))],
)
def test_the_compact_record_is_what_pydantic_dump_json_writes(
    response: Any, elapsed: float
) -> None:
    from pydantic import TypeAdapter

    from quizapp.store.recorder import compact_record
    from quizapp.store.store import ANSWER_LOG_FIELDS, SAME_SHA256

    given = _record(
        question_type="short_answer",
        response=response,
        raw_credit=1 / 3,
        credit=0.0,
        points=1e-7,
        tries=2,
        final=False,
        elapsed_seconds=elapsed,
    )
    values = [getattr(given, f) for f in ANSWER_LOG_FIELDS]
    assert (
        compact_record(given, None)
        == TypeAdapter(tuple[Any, ...]).dump_json(tuple(values)).decode()
    )
    values[ANSWER_LOG_FIELDS.index("question_quiz_sha256")] = SAME_SHA256
    assert (
        compact_record(given, "aa" * 32)
        == TypeAdapter(tuple[Any, ...]).dump_json(tuple(values)).decode()
    )


def _response(attempt: Any, position: int, *, right: bool) -> Any:
    from quizapp.plain import read_response

    slot = attempt.slots[position]
    line = right_line(slot) if right else wrong_line(slot)
    return read_response(slot, line, "en")


def _answers_stored(path: Path) -> int:
    if not path.exists():
        return 0
    with Store(path) as store:
        (n,) = store._con.execute("SELECT count(*) FROM answer_log").fetchone()
        return int(n)


def test_kill_9_mid_attempt_then_resume_keeps_every_answer(tmp_path: Path) -> None:
    """A real `quizapp take --plain` is killed with SIGKILL after three answers; the next
    start resumes at question 4 of the same attempt, in the same order."""
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(tmp_path)}
    db = database_path(tmp_path)
    argv = [sys.executable, "-m", "quizapp", "take", "tour", "--plain", "--mode", "exam"]
    argv += ["--seed", "11", "--learner", "ayu", "--new-learner", "--lang", "en"]
    slots = start_attempt(CATALOG, "tour", mode="exam", seed=11).slots
    lines = [right_line(s) for s in slots]

    proc = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert proc.stdin is not None
    for line in lines[:3]:
        proc.stdin.write((line + "\n").encode())
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while _answers_stored(db) < 3:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the answers never reached the store"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        ayu = store.learner("ayu")
        (waiting,) = store.interrupted(ayu.id, "tour")
        assert [a.question_key for a in store.answers(waiting.id)] == [s.key for s in slots[:3]]

    # Without --resume the attempt is offered (and kept); with it, it goes on.
    out = subprocess.run(argv, input=":submit\n", capture_output=True, text=True, env=env)
    assert "unfinished attempt" in out.stdout and "--resume" in out.stdout
    out = subprocess.run(
        [*argv, "--resume"],
        input="".join(line + "\n" for line in lines[3:]) + ":submit\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "Continuing your unfinished attempt (3 answered)." in out.stdout
    questions = [line for line in out.stdout.splitlines() if line.startswith("Question ")]
    assert questions[0].startswith(f"Question 4 of {len(slots)}")
    assert out.stdout.rstrip().endswith(f"Score: {len(slots)}/{len(slots)} (100%)")

    with Store(db) as store:
        resumed = store.attempt(waiting.id)
        assert resumed.status == "submitted"
        assert resumed.score == resumed.max_score == len(slots)
        keys = [a.question_key for a in store.answers(waiting.id)]
        assert sorted(keys) == sorted(s.key for s in slots)
        assert store.interrupted(ayu.id, "tour") == []


def _take(argv: list[str], lines: list[str], monkeypatch: Any, capsys: Any) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
    code = main(["take", *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_take_records_into_the_data_dir_per_learner(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    slots = start_attempt(CATALOG, "tour", mode="practice", seed=2).slots
    lines = [right_line(s) for s in slots]
    argv = ["tour", "--plain", "--seed", "2", "--data-dir", str(tmp_path)]
    argv += ["--learner", "Budi", "--new-learner"]
    code, _ = _take(argv, lines, monkeypatch, capsys)
    assert code == 0
    with Store(database_path(tmp_path)) as store:
        (budi,) = store.learners()
        assert budi.name == "Budi"
        (summary,) = store.quiz_summaries(budi.id)
        assert (summary.quiz_id, summary.attempts, summary.best) == ("tour", 1, 1.0)
        assert store.due_count(budi.id) == 0  # all right: nothing due yet
        assert len(store.question_accuracy(budi.id)) == len(slots)


def test_review_draws_due_questions_across_quizzes(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    path = database_path(tmp_path)
    past = datetime.now(UTC) - timedelta(days=2)
    tour = CATALOG.quizzes["tour"]
    ticks = iter(range(100))
    with Store(path, clock=lambda: past + timedelta(seconds=next(ticks))) as store:
        ayu = store.learner("Ayu")
        version = store.quiz_version("tour", CATALOG.hashes["tour"], "Tour")
        attempt = store.start_attempt(ayu.id, version.id, "exam", 1, ["x"])
        # Two questions missed two days ago (due), and one not in any quiz (left out).
        for question_id in (tour.questions[2].id, tour.questions[0].id, "gone"):
            store.record_answer(attempt.id, question_id, None, credit=0, points=0)
    code, out = _take(
        ["--plain", "--mode", "review", "--data-dir", str(tmp_path), "--learner", "Ayu"],
        [":submit"],
        monkeypatch,
        capsys,
    )
    assert code == 0
    assert "Review" in out.splitlines()[0]
    assert "2 questions" in out
    with Store(path) as store:
        review = store.attempt(2)  # after the missed attempt (1)
        assert (review.quiz_id, review.mode, review.status) == ("@review", "review", "submitted")
        assert review.question_order == (
            f"tour/{tour.questions[2].id}",
            f"tour/{tour.questions[0].id}",
        )
    nobody = ["--learner", "Nobody", "--new-learner"]
    code, out = _take(
        ["--plain", "--mode", "review", "--data-dir", str(tmp_path), *nobody],
        [],
        monkeypatch,
        capsys,
    )
    assert code == 0 and "Nothing is due for review for Nobody." in out


def test_a_corrupt_database_is_named_and_moved_aside_only_when_asked(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    path = database_path(tmp_path)
    path.write_bytes(b"this is not a database" * 100)
    argv = ["tour", "--plain", "--data-dir", str(tmp_path)]
    code, out = _take(argv, [], monkeypatch, capsys)
    assert code == 2
    assert str(path) in out and "--move-aside" in out
    assert "Traceback" not in out
    assert path.read_bytes().startswith(b"this is not")
    code, out = _take([*argv, "--move-aside"], [":submit"], monkeypatch, capsys)
    assert code == 0
    (moved,) = tmp_path.glob("scores.sqlite3.corrupt-*")
    assert moved.read_bytes().startswith(b"this is not")
    assert str(moved) in out


def test_a_write_failure_mid_attempt_is_one_sentence_not_a_traceback(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    import sqlite3

    from quizapp.store import store as store_module

    slots = start_attempt(CATALOG, "tour", mode="exam", seed=2).slots
    real = store_module.Store.save_answer
    calls = {"n": 0}

    def failing(self: Store, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(store_module.Store, "save_answer", failing)
    argv = ["tour", "--plain", "--mode", "exam", "--seed", "2", "--data-dir", str(tmp_path)]
    # English: the learner made here would speak the quiz's first language, Indonesian.
    argv += ["--lang", "en"]
    code, out = _take(argv, [right_line(s) for s in slots[:3]], monkeypatch, capsys)
    assert code == 1
    assert "Traceback" not in out
    assert f"The score database {database_path(tmp_path)} could not be written" in out
    with Store(database_path(tmp_path)) as store:
        (attempt,) = store.interrupted(store.learners()[0].id)
        assert [a.question_key for a in store.answers(attempt.id)] == [slots[0].key]


def test_an_unknown_learner_is_named_with_the_known_ones_not_created(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    with Store(database_path(tmp_path)) as store:
        store.learner("Fajar")
        store.learner("Ayu")
    base = ["tour", "--plain", "--data-dir", str(tmp_path), "--learner"]
    code, err = _take([*base, "Fjar"], [], monkeypatch, capsys)
    assert code == 2
    assert "no learner called 'Fjar'" in err and "Ayu, Fajar" in err and "--new-learner" in err
    # Any case finds Fajar; --new-learner creates a new name.
    assert _take([*base, "fajar"], [], monkeypatch, capsys)[0] == 0
    assert _take([*base, "Citra", "--new-learner"], [], monkeypatch, capsys)[0] == 0
    with Store(database_path(tmp_path)) as store:
        assert [learner.name for learner in store.learners()] == ["Ayu", "Citra", "Fajar"]


@pytest.mark.parametrize("name", ["   ", "x" * 250, "Ayu\x1b[2J"])
def test_a_name_that_cannot_be_used_is_one_sentence(
    tmp_path: Path, monkeypatch: Any, capsys: Any, name: str
) -> None:
    argv = ["tour", "--plain", "--data-dir", str(tmp_path), "--learner", name]
    for flags in ([], ["--new-learner"]):
        code, err = _take([*argv, *flags], [], monkeypatch, capsys)
        assert code == 2
        (line,) = err.strip().splitlines()
        assert line.startswith("A learner's name") and "Traceback" not in line


def test_ending_at_once_leaves_no_attempt_to_resume(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    argv = ["tour", "--plain", "--data-dir", str(tmp_path), "--learner", "Ayu", "--new-learner"]
    argv += ["--lang", "en"]  # Ayu would speak the quiz's first language, Indonesian
    code, out = _take(argv, [], monkeypatch, capsys)  # end of input before any answer
    assert code == 0 and "not kept" in out
    with Store(database_path(tmp_path)) as store:
        (ayu,) = store.learners()
        assert store.attempts(ayu.id) == []
        assert store.due_count(ayu.id, now=datetime.now(UTC) + timedelta(days=1)) == 0


def test_plain_mode_speaks_the_learners_language_from_the_store(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    with Store(database_path(tmp_path)) as store:
        store.learner("Ayu", "en")  # the tour's own first language is Indonesian
    argv = ["tour", "--plain", "--data-dir", str(tmp_path), "--learner", "ayu"]
    code, out = _take(argv, [], monkeypatch, capsys)
    assert code == 0 and "Question 1 of" in out and "Soal 1" not in out
