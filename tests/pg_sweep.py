"""Drop the test databases (`quizapp_test_*`) that killed test runs left behind.

Each test process holds a session advisory lock keyed by its database's name, taken
before the database is made and held until the process ends (the server frees it the
moment the process dies, kill -9 included, on any host). A database whose lock anyone
can take is therefore no live run's: this drops it. Databases made before the lock
existed (no comment) go only once older than `LEGACY_AGE` seconds. DROP without FORCE:
a database someone is still connected to is left for the next sweep.

Run detached at the start of a test session: `python tests/pg_sweep.py SERVER_URL`.
"""

from __future__ import annotations

import hashlib
import sys

PREFIX = "quizapp_test_"
COMMENT = "quizapp test run"
"""The start of the comment every test database gets (then its host, pid and time)."""
LOCK_SPACE = 0x51554954
"""The first key of the test runs' advisory locks ("QUIT"), apart from the store's."""
LEGACY_AGE = 3600


def lock_key(database: str) -> int:
    """The second key of the advisory lock a run holds while `database` is in use."""
    digest = hashlib.blake2b(database.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") & 0x7FFFFFFF


def sweep(server: str) -> list[str]:
    """Drop every test database no live run holds; return the names dropped."""
    import psycopg

    dropped = []
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as con:
        rows = con.execute(
            "SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '') "
            "FROM pg_database WHERE starts_with(datname, %s)",
            (PREFIX,),
        ).fetchall()
        for name, comment in rows:
            key = (LOCK_SPACE, lock_key(name))
            (free,) = con.execute("SELECT pg_try_advisory_lock(%s, %s)", key).fetchone()
            if not free:
                continue  # its run is alive
            try:
                if not comment.startswith(COMMENT) and not _older_than(con, name, LEGACY_AGE):
                    continue
                con.execute(f'DROP DATABASE IF EXISTS "{name}"')
                dropped.append(name)
            except psycopg.Error:
                continue  # in use, or not ours to stat: the next sweep sees it again
            finally:
                con.execute("SELECT pg_advisory_unlock(%s, %s)", key)
    return dropped


def _older_than(con: object, name: str, seconds: int) -> bool:
    # When the database was made: its directory's PG_VERSION file is written then.
    row = con.execute(  # type: ignore[attr-defined]
        "SELECT now() - (pg_stat_file('base/' || oid || '/PG_VERSION')).modification "
        "> make_interval(secs => %s) FROM pg_database WHERE datname = %s",
        (seconds, name),
    ).fetchone()
    return bool(row and row[0])


if __name__ == "__main__":
    sweep(sys.argv[1])
