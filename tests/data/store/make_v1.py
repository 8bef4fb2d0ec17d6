"""Write `v1.sqlite3`: a score database as schema version 1 left it, for the migration test.

The DDL is copied here, not imported, so the fixture stays what v1 shipped even if the code
changes. Run it only to remake the fixture: `python tests/data/store/make_v1.py`.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

V1_DDL = """
CREATE TABLE learners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    language TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE quiz_versions (
    id INTEGER PRIMARY KEY,
    quiz_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    first_seen_ms INTEGER NOT NULL,
    UNIQUE (quiz_id, sha256)
);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners (id),
    quiz_version_id INTEGER NOT NULL REFERENCES quiz_versions (id),
    mode TEXT NOT NULL,
    seed INTEGER NOT NULL,
    question_order TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    finished_ms INTEGER,
    status TEXT NOT NULL DEFAULT 'in_progress'
        CHECK (status IN ('in_progress', 'submitted', 'timed_out', 'abandoned')),
    score REAL,
    max_score REAL,
    passed INTEGER
);
CREATE INDEX attempts_by_learner ON attempts (learner_id, status);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts (id),
    question_key TEXT NOT NULL,
    response TEXT NOT NULL,
    credit REAL NOT NULL,
    points REAL NOT NULL,
    tries INTEGER NOT NULL,
    time_taken_ms INTEGER NOT NULL,
    answered_ms INTEGER NOT NULL,
    UNIQUE (attempt_id, question_key)
);
CREATE TABLE review_cards (
    learner_id INTEGER NOT NULL REFERENCES learners (id),
    quiz_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    state INTEGER NOT NULL,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due_ms INTEGER NOT NULL,
    last_review_ms INTEGER,
    reviews INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    PRIMARY KEY (learner_id, quiz_id, question_id)
) WITHOUT ROWID;
"""

T0 = 1_735_689_600_000  # 2025-01-01T00:00:00Z


def make(path: Path) -> None:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.executescript(V1_DDL)
    con.executemany(
        "INSERT INTO learners VALUES (?, ?, ?, ?)",
        [(1, "Ayu", "id", T0), (2, "Budi", "en", T0 + 1)],
    )
    con.execute("INSERT INTO quiz_versions VALUES (1, 'tour', 'aa11', 'Tour', ?)", (T0,))
    con.executemany(
        "INSERT INTO attempts VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                1,
                1,
                "exam",
                7,
                json.dumps(["q1", "q2", "q3"]),
                T0,
                T0 + 60_000,
                "submitted",
                1.5,
                3.0,
                0,
            ),
            (
                2,
                1,
                "practice",
                8,
                json.dumps(["q3", "q1", "q2"]),
                T0 + 120_000,
                None,
                "in_progress",
                None,
                None,
                None,
            ),
            (
                3,
                2,
                "exam",
                9,
                json.dumps(["q2", "q1", "q3"]),
                T0,
                T0 + 30_000,
                "timed_out",
                1.0,
                3.0,
                0,
            ),
        ],
    )
    con.executemany(
        "INSERT INTO answers (attempt_id, question_key, response, credit, points, tries, "
        "time_taken_ms, answered_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (1, "q1", "1", 1.0, 1.0, 1, 4000, T0 + 10_000),
            (1, "q2", "[0,2]", 0.5, 0.5, 1, 9000, T0 + 20_000),
            (1, "q3", '"Hangzhou"', 0.0, 0.0, 1, 3000, T0 + 30_000),
            (2, "q3", '"Xixi Park"', 1.0, 1.0, 2, 12000, T0 + 130_000),
            (3, "q2", "[0]", 1.0, 1.0, 1, 2000, T0 + 5_000),
        ],
    )
    # A card in the Review state (2), last reviewed ten minutes in, due four days later.
    con.execute(
        "INSERT INTO review_cards VALUES (1, 'tour', 'q1', 2, NULL, 3.5, 5.0, ?, ?, 1, 0)",
        (T0 + 4 * 86_400_000, T0 + 600_000),
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("v1.sqlite3"))
