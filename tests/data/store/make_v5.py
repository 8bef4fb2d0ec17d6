"""Write `v5.sqlite3`: a score database as schema version 5 left it, for the migration test.

It holds the records of `make_v4.py`, upgraded by the v5 step (class mode's tables) as
quizapp did (the DDL is copied here, not imported, so the fixture stays what v5 shipped),
with one class, its quiz and Ayu as its member. Run it only to remake the fixture:
`python tests/data/store/make_v5.py`.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from make_v4 import make as make_v4

V5_DDL = """
CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_ms INTEGER NOT NULL,
    ended_ms INTEGER
);
CREATE TABLE class_quizzes (
    class_id INTEGER NOT NULL REFERENCES classes (id),
    quiz_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    is_open INTEGER NOT NULL DEFAULT 1,
    extra_seconds INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (class_id, quiz_id)
) WITHOUT ROWID;
CREATE TABLE class_members (
    class_id INTEGER NOT NULL REFERENCES classes (id),
    learner_id INTEGER NOT NULL REFERENCES learners (id),
    pin_hash TEXT,
    joined_ms INTEGER NOT NULL,
    seen_ms INTEGER NOT NULL,
    extra_seconds INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (class_id, learner_id)
) WITHOUT ROWID;
"""

T0 = 1_735_689_600_000  # 2025-01-01T00:00:00Z


def make(path: Path) -> None:
    make_v4(path)
    con = sqlite3.connect(path)
    con.executescript(V5_DDL)
    con.execute("INSERT INTO classes VALUES (1, 'monday', ?, NULL)", (T0,))
    con.execute("INSERT INTO class_quizzes VALUES (1, 'tour', 0, 1, 60)")
    con.execute("INSERT INTO class_members VALUES (1, 1, NULL, ?, ?, 0)", (T0, T0))
    con.execute("PRAGMA user_version = 5")
    con.commit()
    con.close()


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("v5.sqlite3"))
