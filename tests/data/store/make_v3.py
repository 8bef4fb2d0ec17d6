"""Write `v3.sqlite3`: a score database as schema version 3 left it, for the migration test.

It holds the records of `make_v2.py`, upgraded by the v3 step as quizapp did (the DDL is
copied here, not imported, so the fixture stays what v3 shipped). Run it only to remake
the fixture: `python tests/data/store/make_v3.py`.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from make_v2 import make as make_v2

V3_DDL = """
ALTER TABLE attempts ADD COLUMN flagged TEXT;
"""


def make(path: Path) -> None:
    make_v2(path)
    con = sqlite3.connect(path)
    con.executescript(V3_DDL)
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("v3.sqlite3"))
