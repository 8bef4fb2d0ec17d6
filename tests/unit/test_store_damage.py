"""Damage inside the score database (issue 13): found, never written into, recovered.

A real store (learners, attempts, answers, answer log, review cards) has one page in the
middle overwritten with random bytes, one random page per trial. Each trial opens it as
quizapp does and uses it (take, resume, history, finish), then `take --move-aside`. The
figures that must hold: 0 tracebacks (only `StoreError`s escape the store; the command
line always answers with an exit code and a sentence), 0 writes into a file whose
integrity check fails, and what `--move-aside` recovers is a sound database.

The test runs a few dozen pages; for more, run this file:
`python tests/unit/test_store_damage.py 400` prints the figures over 400 pages.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.store import Store, StoreCorrupt, StoreError
from quizapp.store.repair import recover

ROOT = Path(__file__).parent.parent.parent
TOUR = ROOT / "quizzes" / "tour.toml"
PAGES = int(os.environ.get("QUIZAPP_DAMAGE_PAGES", "24"))


def make_store(path: Path, learners: int = 6, attempts: int = 8, answers: int = 12) -> int:
    """A store with some of everything; returns its number of answers."""
    total = 0
    with Store(path) as store:
        for n in range(learners):
            learner = store.learner(f"Learner {n}")
            version = store.quiz_version("tour", "a" * 64, "Tour", {"q1": ["people"]})
            for a in range(attempts):
                keys = [f"q{i}" for i in range(answers)]
                attempt = store.start_attempt(learner.id, version.id, "exam", a, keys)
                for i, key in enumerate(keys):
                    store.record_answer(
                        attempt.id,
                        key,
                        {"text": "x" * 40, "n": i},
                        credit=(i % 3) / 2,
                        points=(i % 3) / 2,
                        review=(a == 0),
                        record={"seq": i, "pad": "y" * 60},
                    )
                    total += 1
                if a % 3:
                    store.finish_attempt(attempt.id, score=0, max_score=len(keys), passed=False)
        store._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return total


def integrity(path: Path) -> bool:
    """SQLite's full check, on a read-only connection (which never writes the file)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except sqlite3.Error:
        return False
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Trial:
    page: int
    damaged: bool
    """The overwritten file fails SQLite's integrity check."""
    detected: bool
    """quizapp reported damage (at open or later)."""
    wrote_into_damaged: bool
    traceback: str = ""
    recovered_answers: int = 0
    recovered_sound: bool = True


def _use(path: Path) -> bool:
    """Use the store as the front ends do; True when it reported damage. Any exception
    but a `StoreError` escapes (and is a failure)."""
    try:
        store = Store(path)
    except StoreCorrupt:
        return True
    except StoreError:
        return False
    try:
        learner = store.learner("Learner 1")
        for attempt in store.interrupted(learner.id):
            store.resumption(attempt.id)
        store.quiz_summaries(learner.id)
        store.tag_accuracy(learner.id)
        store.due_cards(learner.id)
        version = store.quiz_version("tour", "a" * 64, "Tour")
        attempt = store.start_attempt(learner.id, version.id, "practice", 1, ["q1", "q2"])
        store.record_answer(attempt.id, "q1", 1, credit=1, points=1)
        store.finish_attempt(attempt.id, score=1, max_score=2, passed=True)
    except StoreCorrupt:
        return True
    except StoreError:
        return store.damaged is not None
    finally:
        store.close()
    return store.damaged is not None


def damage_trial(pristine: Path, page: int, work: Path, rng: random.Random) -> Trial:
    path = work / "scores.sqlite3"
    for leftover in work.glob("scores.sqlite3*"):
        leftover.unlink()
    shutil.copy(pristine, path)
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(rng.randbytes(page_size))
    damaged = not integrity(path)
    before = digest(path)
    trial = Trial(page, damaged, detected=False, wrote_into_damaged=False)
    try:
        trial.detected = _use(path)
    except Exception as exc:
        trial.traceback = f"{type(exc).__name__}: {exc}"
    if damaged:
        trial.wrote_into_damaged = digest(path) != before
    # The command line on the same file: never a traceback, and --move-aside recovers.
    out, err = io.StringIO(), io.StringIO()
    argv = ["--data-dir", str(work), "take", "tour", "--plain", "--learner", "Ayu", "--new-learner"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        sys.stdin = io.StringIO("")
        try:
            code = main(argv)
            if code == 2 and "--move-aside" in err.getvalue():
                code = main([*argv, "--move-aside"])
        except Exception as exc:
            trial.traceback = trial.traceback or f"CLI {type(exc).__name__}: {exc}"
            code = -1
        finally:
            sys.stdin = sys.__stdin__
    if "Traceback" in err.getvalue():
        trial.traceback = trial.traceback or "CLI printed a traceback"
    if damaged and not trial.detected and code == 0:
        # Undetected damage must not have been written into either.
        trial.wrote_into_damaged = trial.wrote_into_damaged or digest(path) != before
    moved = sorted(work.glob("scores.sqlite3.corrupt-*[0-9]Z"))
    if moved:
        trial.recovered_sound = integrity(path)
        with Store(path) as store:
            (trial.recovered_answers,) = store._con.execute(
                "SELECT count(*) FROM answers"
            ).fetchone()
        assert digest(moved[0]) == before  # the damaged file, moved aside, is untouched
    return trial


def run_trials(n: int, seed: int = 13) -> tuple[list[Trial], int]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        pristine = Path(tmp) / "pristine.sqlite3"
        answers = make_store(pristine)
        pages = pristine.stat().st_size // int.from_bytes(pristine.read_bytes()[16:18], "big")
        work = Path(tmp) / "work"
        work.mkdir()
        # Page 1 holds the header and the schema: damage there is the header check's.
        chosen = rng.sample(range(2, pages + 1), min(n, pages - 1))
        return [damage_trial(pristine, page, work, rng) for page in chosen], answers


def figures(trials: list[Trial], answers: int) -> str:
    damaged = [t for t in trials if t.damaged]
    counts = Counter(
        tracebacks=sum(bool(t.traceback) for t in trials),
        damaged=len(damaged),
        detected=sum(t.detected for t in damaged),
        writes_into_damaged=sum(t.wrote_into_damaged for t in damaged),
        unsound_recoveries=sum(not t.recovered_sound for t in trials),
    )
    recovered = [t.recovered_answers / answers for t in damaged if t.detected]
    mean = sum(recovered) / len(recovered) if recovered else 0.0
    return (
        f"{len(trials)} pages: {counts['damaged']} damaged, {counts['detected']} detected, "
        f"{counts['tracebacks']} tracebacks, {counts['writes_into_damaged']} writes into a "
        f"damaged file, {counts['unsound_recoveries']} unsound recoveries; --move-aside "
        f"recovered {mean:.1%} of {answers} answers on average"
        + (f", at least {min(recovered):.1%}" if recovered else "")
    )


def test_page_damage_never_gives_a_traceback_or_a_write(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_DATA_DIR", tempfile.mkdtemp())
    trials, answers = run_trials(PAGES)
    print(figures(trials, answers))
    assert [t for t in trials if t.traceback] == []
    assert [t for t in trials if t.wrote_into_damaged] == []
    assert all(t.recovered_sound for t in trials)
    damaged = [t for t in trials if t.damaged]
    assert damaged and all(t.detected for t in damaged)


def test_recover_salvages_rows_around_a_damaged_page(tmp_path: Path) -> None:
    pristine = tmp_path / "scores.sqlite3"
    answers = make_store(pristine)
    page_size = int.from_bytes(pristine.read_bytes()[16:18], "big")
    pages = pristine.stat().st_size // page_size
    with pristine.open("r+b") as f:
        f.seek((pages // 2) * page_size)
        f.write(b"\xa5" * page_size)
    result = recover(pristine, tmp_path / "new.sqlite3")
    assert integrity(tmp_path / "new.sqlite3")
    assert 0 < result.copied["answers"] <= answers
    assert result.copied["learners"] >= 1
    assert "Recovered" in result.summary()


if __name__ == "__main__":
    found, total = run_trials(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
    print(figures(found, total))
    for t in found:
        if t.traceback or t.wrote_into_damaged:
            print(t)


def test_reports_and_exports_refuse_a_damaged_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged page would silently drop rows from a report: it is named instead."""
    db = tmp_path / "scores.sqlite3"
    make_store(db)
    page_size = int.from_bytes(db.read_bytes()[16:18], "big")
    with db.open("r+b") as f:
        f.seek((db.stat().st_size // page_size // 2) * page_size)
        f.write(b"\x5a" * page_size)
    before = digest(db)
    base = ["--data-dir", str(tmp_path)]
    for argv in (
        ["report", "--learner", "Learner 1", "--format", "md", "-o", "-"],
        ["export", "--learner", "Learner 1", "-o", str(tmp_path / "out.json")],
    ):
        assert main([*base, *argv]) != 0
        err = capsys.readouterr().err
        assert "is damaged" in err and "--move-aside" in err and "Traceback" not in err
    assert digest(db) == before


def test_answers_of_a_lost_attempts_table_come_back_under_stand_ins(tmp_path: Path) -> None:
    """The attempts table's root page is lost: its answers are kept under abandoned
    stand-in attempts (learner and quiz version read from a surviving index)."""
    db = tmp_path / "scores.sqlite3"
    answers = make_store(db)
    con = sqlite3.connect(db)
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'attempts'").fetchone()
    con.close()
    page_size = int.from_bytes(db.read_bytes()[16:18], "big")
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x00" * page_size)
    result = recover(db, tmp_path / "new.sqlite3")
    assert result.copied["answers"] == answers
    with Store(tmp_path / "new.sqlite3") as store:
        statuses = {r[0] for r in store._con.execute("SELECT status FROM attempts")}
        learners = {r[0] for r in store._con.execute("SELECT name FROM learners")}
    assert statuses == {"abandoned"}
    assert "Learner 1" in learners
