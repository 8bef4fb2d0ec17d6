"""Shared fixtures. No test may read or write the developer's own quizapp data."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

# Each xdist worker imports every test module and the whole app; with
# PYTHONDONTWRITEBYTECODE set (as on the shared machine) each would parse, rewrite and
# compile them all again on every run. The bytecode caches (git-ignored) are only a
# cache: Python and pytest check them against each source's size and mtime.
sys.dont_write_bytecode = False

DATA = Path(__file__).parent / "data"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers per core, not one. Half the suite's wall time is waiting
    (terminals drawing, subprocesses, fsync, PostgreSQL, a browser): one worker per core
    kept a 2-core machine 110% busy (4 min 50 s); two, 143% (3 min 34 s). Capped so a
    large machine does not open a database and an app per worker by the dozen."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, min(2 * (cores or 1), 16))


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path_factory.mktemp("quizapp-data")))
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(tmp_path_factory.mktemp("quizapp-cache")))
    # Nor their score server; and `--database`, which sets it for the run, is undone.
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", "")
    monkeypatch.delenv("QUIZAPP_DATABASE_URL")


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks the environment's language (`quizapp.i18n.command_language`):
    tests run in English, whatever the developer's shell says, unless one sets another."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def data_dir() -> Path:
    return DATA


# -- the score store on both backends -------------------------------------------------
# Every store test takes `store_target`: an SQLite file in tmp_path, or a fresh schema in
# a PostgreSQL database made for this test process (`quizapp_test_<random>`, dropped at
# the end). A schema per test is one statement: tests share the database, not tables.
# A run killed before its end leaves its database: the next run's tests/pg_sweep.py drops
# it (a live run holds a lock on its own, so no sweep touches it).
# Without a server the postgres cases skip in one line, unless QUIZAPP_TEST_POSTGRES is
# set (CI), where a missing server fails them.

PG_SERVER = os.environ.get("QUIZAPP_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


class _PgServer:
    """The test database of this process, made on first use."""

    def __init__(self) -> None:
        self.database: str | None = None
        self.problem: str | None = None
        self.schemas = 0
        self.migrated: str | None = None
        self.guard: Any = None
        """The connection holding this run's lock on its database (see tests/pg_sweep.py)."""
        """A schema at the current version, emptied for each test that uses it."""

    def url(self, schema: str | None = None) -> str:
        parts = urlsplit(PG_SERVER)
        query = f"options=-csearch_path%3D{schema}" if schema else ""
        return urlunsplit(parts._replace(path=f"/{self.database}", query=query))

    def connect(self) -> Any:
        import psycopg

        return psycopg.connect(self.url(), autocommit=True, connect_timeout=5)

    def ensure(self) -> None:
        if self.database is not None or self.problem is not None:
            return
        try:
            import psycopg
        except ImportError:
            self.problem = "psycopg is not installed (pip install -e '.[test]')"
            return
        from pg_sweep import COMMENT, LOCK_SPACE, PREFIX, lock_key

        name = f"{PREFIX}{uuid.uuid4().hex[:12]}"
        try:
            # Held until this process ends, taken before the database exists: while it
            # is held, no other run's sweep drops the database (tests/pg_sweep.py).
            self.guard = psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=5)
            self.guard.execute("SELECT pg_advisory_lock(%s, %s)", (LOCK_SPACE, lock_key(name)))
            # What killed runs left behind, in a process of its own (a drop takes seconds).
            subprocess.Popen(
                [sys.executable, str(Path(__file__).parent / "pg_sweep.py"), PG_SERVER],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            self.guard.execute(f'CREATE DATABASE "{name}"')
            note = f"{COMMENT} on {socket.gethostname()}, pid {os.getpid()}, {time.ctime()}"
            self.guard.execute(f"COMMENT ON DATABASE \"{name}\" IS '{note}'")
        except psycopg.Error as exc:
            if self.guard is not None:
                self.guard.close()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self.problem = f"no PostgreSQL server at {PG_SERVER} ({first})"
            return
        self.database = name

    def fresh_schema(self) -> str:
        """A URL whose tables live in a new, empty schema of the test database."""
        self.schemas += 1
        schema = f"t{os.getpid()}_{self.schemas}"
        with self.connect() as con:
            con.execute(f'CREATE SCHEMA "{schema}"')
        return self.url(schema)

    def emptied_schema(self) -> str:
        """A URL whose schema is at the current version with every table empty and ids
        counting from 1 again: migrating a fresh schema costs a few hundred ms a test,
        emptying this one a few."""
        from quizapp.store import COPY_TABLES, TABLE_KEYS
        from quizapp.store.postgres import migrate

        if self.migrated is None:
            url = self.fresh_schema()
            with self.connect() as con:
                con.execute(f"SET search_path = {url.rpartition('%3D')[2]}")
                migrate(con)
            self.migrated = url
        with self.connect() as con, con.transaction():
            con.execute(f"SET LOCAL search_path = {self.migrated.rpartition('%3D')[2]}")
            for table in reversed(COPY_TABLES):  # children first
                con.execute(f"DELETE FROM {table}")
            for table in COPY_TABLES:
                if TABLE_KEYS[table] == ("id",):
                    con.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false)")
        return self.migrated

    def drop(self) -> None:
        """Drop the test database in a process of its own: PostgreSQL checkpoints to
        drop a database (seconds), which the test run need not wait for."""
        if self.database is None:
            return
        code = (
            "import sys, psycopg\n"
            "with psycopg.connect(sys.argv[1], autocommit=True, connect_timeout=5) as c:\n"
            "    c.execute(f'DROP DATABASE IF EXISTS \"{sys.argv[2]}\" WITH (FORCE)')\n"
        )
        subprocess.Popen(
            [sys.executable, "-c", code, PG_SERVER, self.database],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.guard.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[_PgServer]:
    server = _PgServer()
    yield server
    server.drop()


def postgres_url(server: _PgServer, *, empty_schema: bool = True) -> str:
    """A PostgreSQL store URL (a schema with no table at all, or one at the current
    version with empty tables), or the test skipped (failed under CI) saying why."""
    server.ensure()
    if server.problem is not None:
        if os.environ.get("QUIZAPP_TEST_POSTGRES"):
            pytest.fail(f"QUIZAPP_TEST_POSTGRES is set but {server.problem}")
        pytest.skip(server.problem)
    return server.fresh_schema() if empty_schema else server.emptied_schema()


@pytest.fixture(params=["sqlite", "postgres"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path, pg_server: _PgServer) -> str:
    """Where a test's score store lives: an SQLite file, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "scores.sqlite3")
    return postgres_url(pg_server, empty_schema=False)


@pytest.fixture
def pg_admin_url(pg_server: _PgServer) -> str:
    """The server's URL (its `test` database), where test databases are made and dropped
    (skipped or failed as the postgres cases are without a server)."""
    postgres_url(pg_server, empty_schema=False)
    return PG_SERVER


@pytest.fixture
def pg_store_url(pg_server: _PgServer) -> str:
    """A PostgreSQL store URL whose schema has no table yet (tests of PostgreSQL alone:
    migrations, check(), what a test may break)."""
    return postgres_url(pg_server)
