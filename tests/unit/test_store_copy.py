"""`quizapp store copy` and `quizapp store check`, between SQLite files and PostgreSQL
databases, both ways: every row arrives once, a second run writes nothing, and the
checksums printed at the end agree."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_take_plain import right_line, wrong_line

from quizapp.cli import main
from quizapp.engine import start_attempt
from quizapp.loading import load_catalog
from quizapp.store import open_store
from quizapp.store.recorder import StoreRecorder

ROOT = Path(__file__).parent.parent.parent
TOUR = ROOT / "quizzes" / "tour.toml"
CATALOG = load_catalog([TOUR])
DATA = ROOT / "tests" / "data" / "store"


def _response(attempt: Any, position: int, *, right: bool) -> Any:
    from quizapp.plain import read_response

    slot = attempt.slots[position]
    return read_response(slot, right_line(slot) if right else wrong_line(slot), "en")


def fill(target: Path | str) -> None:
    """Two learners with a finished and an unfinished attempt (answers, answer records,
    review cards), a class with a member, a tagged quiz version."""
    with open_store(target) as store:
        for name, seed in (("Ayu", 4), ("Budi", 9)):
            recorder = StoreRecorder(store, store.learner(name))
            done = start_attempt(CATALOG, "tour", mode="practice", seed=seed, recorder=recorder)
            done.answer(0, _response(done, 0, right=False))
            done.answer(0, _response(done, 0, right=True))
            done.answer(1, _response(done, 1, right=False))
            done.submit()
            open_ = start_attempt(CATALOG, "tour", mode="exam", seed=seed + 1, recorder=recorder)
            open_.answer(0, _response(open_, 0, right=True))
        info = store.open_class("monday", ["tour"])
        assert store.join_class(info.id, "Ayu", "4321").ok


def copy(capsys: Any, source: Path | str, dest: Path | str, *more: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["store", "copy", "--from", str(source), "--to", str(dest), *more])
    out = capsys.readouterr()
    return code, out.out + out.err


def table(output: str) -> dict[str, tuple[int, int, int, str, str]]:
    """The per-table lines: source rows, dest rows, written, both checksums."""
    found = {}
    for m in re.finditer(
        r"^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+(\w+) / (\w+)\s+same$", output, re.M
    ):
        name, src, dst, written, a, b = m.groups()
        found[name] = (int(src), int(dst), int(written), a, b)
    return found


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: Any, tmp_path: Path) -> Any:
    """Makes a fresh store of either kind: `backend()` gives its path or URL."""
    if request.param == "sqlite":
        counter = iter(range(100))
        return lambda: tmp_path / f"s{next(counter)}.sqlite3"
    return lambda: request.getfixturevalue("pg_store_url")


def test_a_whole_store_copies_there_and_back_and_a_second_run_writes_nothing(
    backend: Any, tmp_path: Path, capsys: Any
) -> None:
    origin = tmp_path / "origin.sqlite3"
    fill(origin)
    middle, back = backend(), tmp_path / "back.sqlite3"
    code, out = copy(capsys, origin, middle)
    assert code == 0, out
    first = table(out)
    assert len(first) == 10  # every table, each "same"
    assert first["answers"][0] == first["answers"][1] > 0
    assert first["answers"][2] == first["answers"][0]  # all written
    assert first["class_members"][:3] == (1, 1, 1)
    code, out = copy(capsys, origin, middle)
    assert code == 0 and "0 rows written" in out, out
    assert {k: v[2] for k, v in table(out).items()} == dict.fromkeys(first, 0)
    code, out = copy(capsys, middle, back)
    assert code == 0, out
    # The same checksums at every hop: what came back is what left.
    assert {k: v[3] for k, v in table(out).items()} == {k: v[3] for k, v in first.items()}
    with open_store(origin) as a, open_store(back) as b:
        for name in ("Ayu", "Budi"):
            la, lb = a.find_learner(name), b.find_learner(name)
            assert la is not None and lb is not None
            assert [s.model_dump() for s in a.quiz_summaries(la.id)] == [
                s.model_dump() for s in b.quiz_summaries(lb.id)
            ]
            assert len(a.due_cards(la.id, now=_far())) == len(b.due_cards(lb.id, now=_far()))


def _far() -> Any:
    from datetime import UTC, datetime

    return datetime(2100, 1, 1, tzinfo=UTC)


def test_one_learner_moves_alone_and_an_unfinished_attempt_resumes_there(
    backend: Any, tmp_path: Path, capsys: Any
) -> None:
    origin = tmp_path / "origin.sqlite3"
    fill(origin)
    dest = backend()
    with open_store(dest) as store:
        store.learner("Citra")  # someone already there stays
    code, out = copy(capsys, origin, dest, "--learner", "ayu")
    assert code == 0, out
    assert "Ayu's results" not in out and "ayu's results" in out
    with open_store(dest) as store:
        assert sorted(learner.name for learner in store.learners()) == ["Ayu", "Citra"]
        ayu = store.find_learner("Ayu")
        assert ayu is not None
        recorder = StoreRecorder(store, ayu)
        (waiting,) = recorder.interrupted("tour")
        again = recorder.resume(CATALOG, waiting)
        assert again.first_open() == 1  # the answer given in the origin is there
        again.submit()
    # The origin's rows are unchanged by the move; a second copy updates the attempt back.
    code, out = copy(capsys, origin, dest, "--learner", "Ayu")
    assert code == 0, out
    written = {k: v[2] for k, v in table(out).items()}
    assert written["attempts"] == 1 and written["learners"] == 0


def test_the_whole_of_an_old_store_copies_with_attempts_that_have_no_uid(
    backend: Any, tmp_path: Path, capsys: Any
) -> None:
    origin = tmp_path / "v1.sqlite3"
    shutil.copy(DATA / "v1.sqlite3", origin)  # attempts from before uids existed
    dest = backend()
    code, out = copy(capsys, origin, dest)
    assert code == 0, out
    assert table(out)["attempts"][:3] == (3, 3, 3)
    code, out = copy(capsys, origin, dest)
    assert code == 0 and "0 rows written" in out, out


def test_copy_errors_are_one_sentence(tmp_path: Path, capsys: Any) -> None:
    origin = tmp_path / "origin.sqlite3"
    fill(origin)
    code, out = copy(capsys, tmp_path / "none.sqlite3", tmp_path / "b.sqlite3")
    assert code == 1 and out.strip() == f"There is no score database at {tmp_path}/none.sqlite3."
    code, out = copy(capsys, origin, tmp_path / "b.sqlite3", "--learner", "Zed")
    assert code == 1 and len(out.strip().splitlines()) == 1 and "Zed" in out
    code, out = copy(capsys, origin, origin)
    assert code == 2 and out.strip() == "--from and --to name the same store."
    code, out = copy(capsys, origin, "postgresql://nobody@127.0.0.1:1/none")
    assert code == 1 and len(out.strip().splitlines()) == 1 and "Traceback" not in out


def test_check_reports_the_version_and_a_sound_store(
    backend: Any, tmp_path: Path, capsys: Any
) -> None:
    from quizapp.store import SCHEMA_VERSION

    target = backend()
    fill(target)
    capsys.readouterr()
    assert main(["store", "check", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"Schema version: {SCHEMA_VERSION} (this quizapp writes {SCHEMA_VERSION})" in out
    assert "Integrity:      sound" in out
    assert ("PostgreSQL" if isinstance(target, str) else "SQLite") in out


def test_check_finds_an_answer_whose_attempt_is_gone(tmp_path: Path, capsys: Any) -> None:
    import sqlite3

    target = tmp_path / "s.sqlite3"
    fill(target)
    con = sqlite3.connect(target)
    con.execute("DELETE FROM attempts WHERE id = (SELECT min(id) FROM attempts)")
    con.commit()
    con.close()
    capsys.readouterr()
    assert main(["store", "check", str(target)]) == 1
    out = capsys.readouterr().out
    assert "Integrity:" in out and "sound" not in out


def test_check_of_the_default_store_follows_database_url(
    tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    target = tmp_path / "elsewhere.sqlite3"
    fill(target)
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", str(target))
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "data"), "store", "check"]) == 0
    assert str(target) in capsys.readouterr().out
    monkeypatch.delenv("QUIZAPP_DATABASE_URL")
    assert main(["--data-dir", str(tmp_path / "data"), "store", "check"]) == 1
    assert capsys.readouterr().err.startswith("There is no score database at")


def test_a_copy_whose_checksums_differ_is_undone(
    tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    from quizapp.commands import store_copy

    origin, dest = tmp_path / "origin.sqlite3", tmp_path / "dest.sqlite3"
    fill(origin)
    real = store_copy.compare

    def spoiled(*args: Any) -> list[Any]:
        checks = real(*args)
        checks[6].dest_sum = "0" * 64  # answers: as if a row had arrived changed
        return checks

    monkeypatch.setattr(store_copy, "compare", spoiled)
    code, out = copy(capsys, origin, dest)
    assert code == 1 and "DIFFERENT" in out
    assert "The copy was undone: answers differ after writing." in out
    with open_store(dest) as store:
        assert store.learners() == []  # nothing of it was committed


class _Counted:
    """A connection or cursor that notes the rows of each fetch in `sizes`."""

    def __init__(self, inner: Any, sizes: list[int]) -> None:
        self._inner = inner
        self._sizes = sizes

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> _Counted:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc: object) -> Any:
        return self._inner.__exit__(*exc)

    def cursor(self, *args: Any, **kwargs: Any) -> _Counted:
        return _Counted(self._inner.cursor(*args, **kwargs), self._sizes)

    def execute(self, *args: Any, **kwargs: Any) -> _Counted:
        return _Counted(self._inner.execute(*args, **kwargs), self._sizes)

    def fetchall(self) -> list[Any]:
        rows = self._inner.fetchall()
        self._sizes.append(len(rows))
        return list(rows)

    def fetchmany(self, size: int) -> list[Any]:
        rows = self._inner.fetchmany(size)
        self._sizes.append(len(rows))
        return list(rows)

    def fetchone(self) -> Any:
        self._sizes.append(1)
        return self._inner.fetchone()


def test_a_copy_reads_no_table_whole(
    backend: Any, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    """Every read of either side returns at most a batch of rows: the copy streams, so
    its memory does not grow with the tables (answers, records, cards) it copies."""
    from quizapp.commands import store_copy

    origin = tmp_path / "origin.sqlite3"
    fill(origin)
    dest = backend()
    sizes: list[int] = []
    opened = store_copy.Side.__init__

    def counted(self: Any, *args: Any) -> None:
        opened(self, *args)
        self.con = _Counted(self.con, sizes)

    monkeypatch.setattr(store_copy, "BATCH", 2)
    monkeypatch.setattr(store_copy.Side, "__init__", counted)
    for _ in range(2):  # the first copy writes everything, the second nothing
        code, out = copy(capsys, origin, dest)
        assert code == 0, out
        found = table(out)
        assert found["answers"][0] == found["answers"][1] > 2
        assert found["answer_log"][0] > 2 and found["review_cards"][0] > 2
        assert sizes and max(sizes) <= 2, sorted(sizes)[-5:]
        sizes.clear()
