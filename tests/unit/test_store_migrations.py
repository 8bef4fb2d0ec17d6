"""Every earlier schema version opens, migrates forward, and keeps every record."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.store import SCHEMA_VERSION, Store, StoreTooNew
from quizapp.store.schema import MIGRATIONS

DATA = Path(__file__).parent.parent / "data" / "store"
EARLIER = sorted(DATA.glob("v*.sqlite3"))
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _schema(con: sqlite3.Connection) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
    ).fetchall()


def test_there_is_a_fixture_for_every_earlier_version() -> None:
    versions = {int(p.stem[1:]) for p in EARLIER}
    assert versions == set(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("fixture", EARLIER, ids=lambda p: p.stem)
def test_fixture_matches_the_shipped_migration_steps(fixture: Path, tmp_path: Path) -> None:
    """The shipped steps are never edited: replaying them gives the fixture's schema."""
    version = int(fixture.stem[1:])
    fresh = sqlite3.connect(tmp_path / "fresh.sqlite3")
    for step in MIGRATIONS[:version]:
        fresh.executescript(step)
    old = sqlite3.connect(fixture)
    assert _schema(fresh) == _schema(old)
    assert old.execute("PRAGMA user_version").fetchone()[0] == version


TABLES = ("learners", "quiz_versions", "attempts", "answers", "review_cards")


def _columns(path: Path) -> dict[str, list[str]]:
    con = sqlite3.connect(path)
    out = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    con.close()
    return out


def _tables(path: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    out = {
        table: con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1, 2, 3").fetchall()
        for table, cols in columns.items()
    }
    con.close()
    return out


@pytest.mark.parametrize("fixture", EARLIER, ids=lambda p: p.stem)
def test_opening_an_earlier_version_migrates_and_loses_nothing(
    fixture: Path, tmp_path: Path
) -> None:
    path = tmp_path / "scores.sqlite3"
    shutil.copy(fixture, path)
    old_columns = _columns(path)
    before = _tables(path, old_columns)
    with Store(path, clock=lambda: T0 + timedelta(days=10)) as store:
        assert store.schema_version == SCHEMA_VERSION
    after = _tables(path, old_columns)
    assert after == before  # every row of every table, every old column
    con = sqlite3.connect(path)
    # v1 rated every answer's card as it came: none is rated twice after migrating.
    assert con.execute("SELECT count(*) FROM answers WHERE rated = 1").fetchone()[0] == len(
        before["answers"]
    )
    con.close()

    with Store(path, clock=lambda: T0 + timedelta(days=10)) as store:
        # The records read back through the models.
        ayu = store.learner("Ayu")
        assert (ayu.id, ayu.language) == (1, "id")
        (resumable,) = store.interrupted(ayu.id)
        resume = store.resumption(resumable.id)
        assert resume.attempt.question_order == ("q3", "q1", "q2")
        assert [a.question_key for a in resume.answers] == ["q3"]
        assert resume.next_index == 1
        assert store.answers(1)[1].response == [0, 2]
        (summary,) = store.quiz_summaries(ayu.id)
        assert (summary.attempts, summary.best) == (1, 0.5)
        card = store.review_card(1, "tour", "q1")
        assert card is not None and card.stability == 3.5
        assert store.due_count(ayu.id) == 1
        # v1 kept no tags; the version gets them when its file is next registered.
        assert store.tag_accuracy(ayu.id) == []
        store.quiz_version("tour", "aa11", "Tour", {"q1": ["people"], "q2": ["numbers"]})
        assert {t.tag for t in store.tag_accuracy(ayu.id)} == {"people", "numbers"}
        # Attempts from before schema 3 kept no flag list: their answers' flags stand.
        assert resumable.flagged is None
        store.set_flagged(resumable.id, ["q1"])
        assert store.attempt(resumable.id).flagged == ("q1",)
        # And it takes new answers.
        store.record_answer(resumable.id, "q1", 1, credit=1, points=1)
        assert store.resumption(resumable.id).next_index == 2


def test_a_newer_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    data = path.read_bytes()
    with pytest.raises(StoreTooNew, match=str(path)):
        Store(path)
    assert path.read_bytes() == data
