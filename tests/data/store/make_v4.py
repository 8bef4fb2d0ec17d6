"""Write `v4.sqlite3`: a score database as schema version 4 left it, for the migration test.

It holds the records of `make_v3.py`, upgraded by the v4 step (the attempt lease) as
quizapp did (the DDL is copied here, not imported, so the fixture stays what v4 shipped).
Run it only to remake the fixture: `python tests/data/store/make_v4.py`.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from make_v3 import make as make_v3

V4_DDL = """
ALTER TABLE attempts ADD COLUMN lease_owner TEXT;
ALTER TABLE attempts ADD COLUMN lease_ms INTEGER;
"""


def make(path: Path) -> None:
    make_v3(path)
    con = sqlite3.connect(path)
    con.executescript(V4_DDL)
    con.execute("PRAGMA user_version = 4")
    con.commit()
    con.close()


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("v4.sqlite3"))
