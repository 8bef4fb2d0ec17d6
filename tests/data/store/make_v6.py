"""Write `v6.sqlite3`: a score database as schema version 6 left it, for the migration test.

It holds the records of `make_v5.py`, upgraded by the v6 step (answers_history dropped)
as quizapp did (the DDL is copied here, not imported, so the fixture stays what v6
shipped), with one answer record of the finished exam logged in v6's compact form (a
JSON array of `ANSWER_LOG_FIELDS`' values, the question's file hash as 0: the attempt's).
Run it only to remake the fixture: `python tests/data/store/make_v6.py`.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from make_v5 import make as make_v5

V6_DDL = """
DROP INDEX answers_history;
"""

COMPACT = [0, "q1", "tour", 0, "q1", "numeric", 1, 1.0, 1.0, 1.0, 1.0, 1, False, False, 4.0,
           "2025-01-01T00:00:10Z"]  # fmt: skip


def make(path: Path) -> None:
    make_v5(path)
    con = sqlite3.connect(path)
    con.executescript(V6_DDL)
    con.execute("INSERT INTO answer_log VALUES (1, 1, ?)", (json.dumps(COMPACT),))
    con.execute("PRAGMA user_version = 6")
    con.commit()
    con.close()


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("v6.sqlite3"))
