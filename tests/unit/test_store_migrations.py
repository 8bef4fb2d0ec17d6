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
        _reads_back_and_writes_on(store)


@pytest.mark.parametrize("fixture", EARLIER, ids=lambda p: p.stem)
def test_a_migrated_database_has_the_schema_of_a_new_one(fixture: Path, tmp_path: Path) -> None:
    """Tables and indexes alike (v6 dropped `answers_history`, v7 `review_cards_due`:
    each answer wrote one index fewer, each rated one another)."""
    path = tmp_path / "scores.sqlite3"
    shutil.copy(fixture, path)
    Store(path).close()
    Store(tmp_path / "new.sqlite3").close()
    migrated = sqlite3.connect(path)
    new = sqlite3.connect(tmp_path / "new.sqlite3")
    assert _schema(migrated) == _schema(new)
    assert {"answers_history", "review_cards_due"}.isdisjoint(name for name, _ in _schema(new))
    migrated.close()
    new.close()


def _page_size(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big")


def test_a_new_store_has_the_smallest_pages_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    """Each durable answer copies every page it changed into the `-wal` file before the
    fsync: 512-byte pages (SQLite's smallest) make that copy smaller than 1 KB pages did.
    Only a new file can take them; an existing one keeps its size and works on."""
    with Store(tmp_path / "new.sqlite3", clock=lambda: T0 + timedelta(days=10)) as store:
        assert store.query("PRAGMA page_size") == [(512,)]
    assert _page_size(tmp_path / "new.sqlite3") == 512
    old = tmp_path / "old.sqlite3"
    shutil.copy(EARLIER[-1], old)
    with Store(old, clock=lambda: T0 + timedelta(days=10)) as store:
        _reads_back_and_writes_on(store)
    assert _page_size(old) == _page_size(EARLIER[-1]) == 4096


def test_a_compact_record_of_schema_6_reads_back_after_migrating(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    shutil.copy(DATA / "v6.sqlite3", path)
    with Store(path) as store:
        (record,) = store.resumption(1).records
    assert isinstance(record, dict)
    assert (record["seq"], record["question_key"], record["final"]) == (1, "q1", False)
    assert record["question_quiz_sha256"] == "aa11"  # the attempt's version's, kept as 0


def _reads_back_and_writes_on(store: Store) -> None:
    """The fixtures' records, migrated, read back through the models and take more."""
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


# -- PostgreSQL: each past version built by the steps up to it, the fixtures' rows in it --


def _sqlite_rows(fixture: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    con = sqlite3.connect(fixture)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = {}
    for table in tables:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1, 2, 3").fetchall()
        out[table] = (cols, rows)
    con.close()
    return out


@pytest.mark.parametrize("fixture", EARLIER, ids=lambda p: p.stem)
def test_postgres_from_every_earlier_version_migrates_and_loses_nothing(
    fixture: Path, pg_store_url: str
) -> None:
    import psycopg

    from quizapp.store import COPY_TABLES, open_store
    from quizapp.store.postgres import migrate, schema_version

    version = int(fixture.stem[1:])
    old = _sqlite_rows(fixture)
    with psycopg.connect(pg_store_url, autocommit=True) as con:
        assert migrate(con, version) == 0
        assert schema_version(con) == version
        with con.transaction():
            for table in COPY_TABLES:  # parents first
                if table not in old:
                    continue
                cols, rows = old[table]
                marks = ", ".join(["%s"] * len(cols))
                with con.cursor() as cur:
                    cur.executemany(
                        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows
                    )
    with open_store(pg_store_url, clock=lambda: T0 + timedelta(days=10)) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.check().ok, store.check().findings
        for table, (cols, rows) in old.items():
            now = store.query(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1, 2, 3")
            assert [tuple(r) for r in now] == rows, table
        (rated,) = store.query("SELECT count(*) FROM answers WHERE rated = 1")[0]
        assert rated == len(old["answers"][1])
        gone = ("answers_history", "review_cards_due")
        assert not store.query(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND indexname IN {gone}"
        )
        store.reset_identities()  # ids were written by hand, as a copy would
        _reads_back_and_writes_on(store)
        ayu = store.learner("Ayu")
        version_id = store.quiz_version("tour", "new" * 8, "Tour").id
        assert store.start_attempt(ayu.id, version_id, "exam", 1, ["q1"]).id > 1


def test_both_backends_have_the_same_tables_and_columns(tmp_path: Path, pg_store_url: str) -> None:
    from quizapp.store import COPY_TABLES, TABLE_KEYS, open_store

    with Store(tmp_path / "scores.sqlite3") as lite, open_store(pg_store_url) as pg:
        tables = {r[0] for r in lite.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == set(COPY_TABLES) == set(TABLE_KEYS)
        for table in COPY_TABLES:
            mine = [r[1] for r in lite.query(f"PRAGMA table_info({table})")]
            theirs = [
                r[0]
                for r in pg.query(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = ? "
                    "ORDER BY ordinal_position",
                    (table,),
                )
            ]
            assert theirs == mine, table
            keys = [r[1] for r in lite.query(f"PRAGMA table_info({table})") if r[5]]
            assert tuple(keys) == TABLE_KEYS[table] or not keys  # rowid tables: id
        assert pg.check().ok and lite.check().ok


def test_a_newer_postgres_database_is_refused_and_left_alone(pg_store_url: str) -> None:
    import psycopg

    from quizapp.store import open_store
    from quizapp.store.postgres import migrate

    with psycopg.connect(pg_store_url, autocommit=True) as con:
        migrate(con)
        con.execute("INSERT INTO schema_version VALUES (%s, 0)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreTooNew, match="newer"):
        open_store(pg_store_url)
    with psycopg.connect(pg_store_url, autocommit=True) as con:
        (count,) = con.execute("SELECT count(*) FROM schema_version").fetchone()
    assert count == SCHEMA_VERSION + 1
