"""Write `v2.sqlite3`: a score database as schema version 2 left it, for the migration test.

It holds the records of `make_v1.py`, upgraded by the v2 step as quizapp did. The v2 DDL
is copied here, not imported, so the fixture stays what v2 shipped even if the code
changes. Run it only to remake the fixture: `python tests/data/store/make_v2.py`.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from make_v1 import make as make_v1

V2_DDL = """
ALTER TABLE attempts ADD COLUMN uid TEXT;
ALTER TABLE attempts ADD COLUMN started_record TEXT;
CREATE UNIQUE INDEX attempts_uid ON attempts (uid);
ALTER TABLE answers ADD COLUMN rated INTEGER NOT NULL DEFAULT 1;
CREATE TABLE answer_log (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id),
    seq INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (attempt_id, seq)
) WITHOUT ROWID;
CREATE TABLE question_tags (
    quiz_version_id INTEGER NOT NULL REFERENCES quiz_versions (id),
    question_key TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (quiz_version_id, question_key, tag)
) WITHOUT ROWID;
DROP INDEX attempts_by_learner;
CREATE INDEX attempts_history ON attempts
    (learner_id, status, finished_ms, quiz_version_id, score, max_score, passed);
CREATE INDEX attempts_by_quiz_version ON attempts (quiz_version_id, status);
CREATE INDEX answers_history ON answers (attempt_id, question_key, credit);
CREATE INDEX review_cards_due ON review_cards (learner_id, due_ms);
"""


def make(path: Path) -> None:
    make_v1(path)
    con = sqlite3.connect(path)
    con.executescript(V2_DDL)
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("v2.sqlite3"))
