"""The sweep of test databases left by killed runs (tests/pg_sweep.py): it drops those
no live run holds, and never one a live run (on any host) still uses."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

SWEEP = Path(__file__).parents[1] / "pg_sweep.py"
sys.path.insert(0, str(SWEEP.parent))
from pg_sweep import COMMENT, LOCK_SPACE, PREFIX, lock_key  # noqa: E402


def _databases(admin: Any) -> set[str]:
    rows = admin.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (PREFIX,)
    )
    return {r[0] for r in rows.fetchall()}


def test_a_killed_runs_database_is_dropped_and_a_live_ones_kept(pg_admin_url: str) -> None:
    import psycopg  # the fixtures skip (or fail, in CI) without it

    tag = uuid.uuid4().hex[:8]
    dead, live, legacy = (f"{PREFIX}sweep_{what}_{tag}" for what in ("dead", "live", "legacy"))
    with (
        psycopg.connect(pg_admin_url, autocommit=True) as admin,
        psycopg.connect(pg_admin_url, autocommit=True) as live_run,
    ):
        # A live run: its lock held (as tests/conftest.py does), then its database made.
        live_run.execute("SELECT pg_advisory_lock(%s, %s)", (LOCK_SPACE, lock_key(live)))
        for name in (dead, live, legacy):
            admin.execute(f'CREATE DATABASE "{name}"')
        for name in (dead, live):
            admin.execute(f"COMMENT ON DATABASE \"{name}\" IS '{COMMENT} on a host, pid 1'")
        # The dead run's lock went with its process; `legacy` (made before the locks,
        # no comment) is minutes old, which may be a run still going.
        try:
            for _ in range(5):
                subprocess.run([sys.executable, str(SWEEP), pg_admin_url], check=True, timeout=120)
                left = _databases(admin)
                # Another run's sweep (each test run sweeps as it starts) may hold the
                # dead database's lock at that moment, and this one then passes it by.
                if dead not in left:
                    break
                time.sleep(0.5)
            assert dead not in left
            assert {live, legacy} <= left
        finally:
            for name in (dead, live, legacy):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_this_runs_own_database_is_held_against_sweeps(
    pg_store_url: str, pg_admin_url: str
) -> None:
    import psycopg  # the fixtures skip (or fail, in CI) without it

    database = pg_store_url.split("?")[0].rpartition("/")[2]
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        (free,) = admin.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", (LOCK_SPACE, lock_key(database))
        ).fetchone()
        assert free is False
        (comment,) = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (database,),
        ).fetchone()
        assert comment.startswith(COMMENT)
