"""A PostgreSQL database for one benchmark: made on the server named by
`QUIZAPP_BENCH_POSTGRES` (default: the project machines' 127.0.0.1:5432, user postgres)
and dropped after. Without a server (or psycopg) the PostgreSQL figures say so and are
skipped, never failed. Not a benchmark itself."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress

ADMIN_URL = os.environ.get("QUIZAPP_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


class NoServer(Exception):
    """No PostgreSQL server to measure on; the message says why in a few words."""


def _admin() -> object:
    try:
        import psycopg
    except ImportError:
        raise NoServer("psycopg is not installed (pip install -e '.[postgres]')") from None
    try:
        return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise NoServer(f"no PostgreSQL server at {ADMIN_URL} ({first})") from None


def max_connections() -> int:
    """How many more connections the server takes now (its limit less those open)."""
    con: object = _admin()
    try:
        limit = int(con.execute("SHOW max_connections").fetchone()[0])  # type: ignore[attr-defined]
        reserved = int(
            con.execute("SHOW superuser_reserved_connections").fetchone()[0]  # type: ignore[attr-defined]
        )
        used = int(con.execute("SELECT count(*) FROM pg_stat_activity").fetchone()[0])  # type: ignore[attr-defined]
    finally:
        con.close()  # type: ignore[attr-defined]
    return limit - reserved - used


@contextmanager
def database() -> Iterator[str]:
    """The URL of a new empty database `quizapp_bench_<random>`, dropped afterwards.
    Raises `NoServer` when there is none to make it on."""
    admin: object = _admin()
    name = f"quizapp_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[attr-defined]
        yield ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with suppress(Exception):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[attr-defined]
        admin.close()  # type: ignore[attr-defined]
