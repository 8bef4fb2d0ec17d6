"""A PostgreSQL database per test, made on the server at 127.0.0.1:5432 and dropped after.

Without a server the tests that need one are skipped, saying why in one line; with
`QUIZAPP_TEST_POSTGRES` set (`.ci/run`) a missing server fails them instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator

import pytest

ADMIN_URL = os.environ.get(
    "QUIZAPP_TEST_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/test"
)
"""Where test databases are made: a role allowed to CREATE DATABASE."""


def _admin() -> object:
    try:
        import psycopg
    except ImportError:
        reason = "psycopg is not installed"
    else:
        try:
            return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
        except psycopg.Error as exc:
            reason = f"no PostgreSQL server at {ADMIN_URL} ({str(exc).strip().splitlines()[0]})"
    if os.environ.get("QUIZAPP_TEST_POSTGRES"):
        pytest.fail(f"QUIZAPP_TEST_POSTGRES is set but {reason}.")
    pytest.skip(f"PostgreSQL tests skipped: {reason}.")


@pytest.fixture
def pg_database_factory() -> Iterator[Callable[[], str]]:
    """Call it for the URL of a new empty database `quizapp_test_<random>`."""
    admin = _admin()
    made: list[str] = []

    def make() -> str:
        name = f"quizapp_test_{secrets.token_hex(6)}"
        admin.execute(f"CREATE DATABASE {name}")  # type: ignore[attr-defined]
        made.append(name)
        return ADMIN_URL.rsplit("/", 1)[0] + "/" + name

    try:
        yield make
    finally:
        for name in made:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # type: ignore[attr-defined]
        admin.close()  # type: ignore[attr-defined]


@pytest.fixture
def pg_url(pg_database_factory: Callable[[], str]) -> str:
    return pg_database_factory()
