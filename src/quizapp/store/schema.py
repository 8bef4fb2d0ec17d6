"""The score store's schema and its forward migrations, for SQLite and for PostgreSQL.

SQLite keeps the schema version in its header (`PRAGMA user_version`, written in the
step's own transaction); PostgreSQL, which has no such field, in a `schema_version`
table (a row per step applied). `MIGRATIONS[n]` (and `PG_MIGRATIONS[n]`, the same step
in PostgreSQL's words) takes a database from version n to n + 1; a step is never edited
once shipped (tests/data/store/ keeps an SQLite database of every earlier version, and a
test opens each; PostgreSQL's are built by the steps up to each). Times are integer
milliseconds since the epoch, UTC.
"""

from __future__ import annotations

V1 = """
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
"""Version 1: learners, quiz versions, attempts, answers, review cards."""

V2 = """
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
"""Version 2, for the engine's records and the history:
- attempts: the engine's attempt id (`uid`) and its start record (JSON), to rebuild it;
- answer_log: every answer record (each try, each change) in order, for exact replay;
- answers.rated: whether the answer has rated its review card yet (a question is rated
  once, when its verdict is final); v1 rated every answer as it came, hence default 1;
- question_tags: each question's tags per quiz version (mastery per tag); versions first
  seen under v1 get theirs when the same quiz file is next registered;
- covering indexes for the history queries and the review queue."""

V3 = """
ALTER TABLE attempts ADD COLUMN flagged TEXT;
"""
"""Version 3: attempts.flagged, the keys of the questions the learner flagged for review
(a JSON list), rewritten at each change so a resumed exam keeps its flags. NULL for
attempts recorded before v3: their flags come from their answer records."""

V4 = """
ALTER TABLE attempts ADD COLUMN lease_owner TEXT;
ALTER TABLE attempts ADD COLUMN lease_ms INTEGER;
"""
"""Version 4: the lease of an attempt in progress: which store (process, computer) may
write its answers (`lease_owner`, NULL when free) and when it last did (`lease_ms`).
Attempts recorded before v4 start free."""

V5 = """
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
"""Version 5, class mode (`quizapp serve`, issue 15):
- classes: a class by name; `ended_ms` once the trainer ends it (no more joins);
- class_quizzes: the quizzes a class may take, in order, each open or closed, with extra
  time (seconds) given to everyone on it;
- class_members: who joined, with the hash of the PIN they chose (NULL after the trainer
  resets it: the next join sets a new one), when last seen, and extra time for them alone."""

V6 = """
DROP INDEX answers_history;
"""
"""Version 6, fewer pages written per durable answer (issue 17):
- answers_history is dropped: its key was the unique key's (attempt_id, question_key),
  whose index the history queries use instead (reading `credit` from the row), so each
  answer updated two indexes of the same key;
- the engine's answer records are logged compactly (`store.ANSWER_LOG_FIELDS`: a JSON
  array of the record's values, without what the log row already says), which fits in
  the log's b-tree page where the JSON object spilled into an overflow page. Records
  logged before v6 stay objects; both read back the same. An older quizapp, which could
  not read them, refuses the database as newer."""

V7 = """
DROP INDEX review_cards_due;
"""
"""Version 7, one index fewer per rated answer (issue 17, continued): review_cards_due
(learner_id, due_ms) is dropped. Every rating moves a card's due time, so each rated
answer rewrote an entry of it (1.3 of the 7.9 pages an SQLite answer wrote; on
PostgreSQL an index entry, which also kept a rated card's update from being HOT). The
due-for-review queries read one learner's cards through the primary key (learner_id,
...) instead and filter on due_ms: a learner's cards, not the table's."""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4, V5, V6, V7)
SCHEMA_VERSION = len(MIGRATIONS)
"""The version this code writes; a database newer than this is refused, not downgraded."""

# -- PostgreSQL -------------------------------------------------------------------------
# The same tables, columns (in the same order, so `INSERT ... VALUES` fits both) and
# steps, in PostgreSQL's words: identities for SQLite's rowids (BY DEFAULT, so a copy
# keeps its ids; the copier moves the sequence past them), bigint for milliseconds and
# ids, double precision for REAL, and `lower(name)` unique indexes for `COLLATE NOCASE`.
# Names compare bytewise (`COLLATE "C"`) as SQLite's do, whatever the database's locale.
# The version is the highest row of `schema_version`, written in each step's transaction.

PG_SCHEMA_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    applied_ms BIGINT NOT NULL
)
"""

PG_V1 = """
CREATE TABLE learners (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    language TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX learners_name ON learners (lower(name));
CREATE TABLE quiz_versions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    quiz_id TEXT COLLATE "C" NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    first_seen_ms BIGINT NOT NULL,
    UNIQUE (quiz_id, sha256)
);
CREATE TABLE attempts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    learner_id BIGINT NOT NULL REFERENCES learners (id),
    quiz_version_id BIGINT NOT NULL REFERENCES quiz_versions (id),
    mode TEXT NOT NULL,
    seed BIGINT NOT NULL,
    question_order TEXT NOT NULL,
    started_ms BIGINT NOT NULL,
    finished_ms BIGINT,
    status TEXT NOT NULL DEFAULT 'in_progress'
        CHECK (status IN ('in_progress', 'submitted', 'timed_out', 'abandoned')),
    score DOUBLE PRECISION,
    max_score DOUBLE PRECISION,
    passed INTEGER
);
CREATE INDEX attempts_by_learner ON attempts (learner_id, status);
CREATE TABLE answers (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    question_key TEXT COLLATE "C" NOT NULL,
    response TEXT NOT NULL,
    credit DOUBLE PRECISION NOT NULL,
    points DOUBLE PRECISION NOT NULL,
    tries INTEGER NOT NULL,
    time_taken_ms BIGINT NOT NULL,
    answered_ms BIGINT NOT NULL,
    UNIQUE (attempt_id, question_key)
);
CREATE TABLE review_cards (
    learner_id BIGINT NOT NULL REFERENCES learners (id),
    quiz_id TEXT COLLATE "C" NOT NULL,
    question_id TEXT COLLATE "C" NOT NULL,
    state INTEGER NOT NULL,
    step INTEGER,
    stability DOUBLE PRECISION,
    difficulty DOUBLE PRECISION,
    due_ms BIGINT NOT NULL,
    last_review_ms BIGINT,
    reviews INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    PRIMARY KEY (learner_id, quiz_id, question_id)
);
"""

PG_V2 = """
ALTER TABLE attempts ADD COLUMN uid TEXT;
ALTER TABLE attempts ADD COLUMN started_record TEXT;
CREATE UNIQUE INDEX attempts_uid ON attempts (uid);
ALTER TABLE answers ADD COLUMN rated INTEGER NOT NULL DEFAULT 1;
CREATE TABLE answer_log (
    attempt_id BIGINT NOT NULL REFERENCES attempts (id),
    seq INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (attempt_id, seq)
);
CREATE TABLE question_tags (
    quiz_version_id BIGINT NOT NULL REFERENCES quiz_versions (id),
    question_key TEXT COLLATE "C" NOT NULL,
    tag TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (quiz_version_id, question_key, tag)
);
DROP INDEX attempts_by_learner;
CREATE INDEX attempts_history ON attempts
    (learner_id, status, finished_ms, quiz_version_id, score, max_score, passed);
CREATE INDEX attempts_by_quiz_version ON attempts (quiz_version_id, status);
CREATE INDEX answers_history ON answers (attempt_id, question_key, credit);
CREATE INDEX review_cards_due ON review_cards (learner_id, due_ms);
"""

PG_V3 = """
ALTER TABLE attempts ADD COLUMN flagged TEXT;
"""

PG_V4 = """
ALTER TABLE attempts ADD COLUMN lease_owner TEXT;
ALTER TABLE attempts ADD COLUMN lease_ms BIGINT;
"""

PG_V5 = """
CREATE TABLE classes (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    created_ms BIGINT NOT NULL,
    ended_ms BIGINT
);
CREATE UNIQUE INDEX classes_name ON classes (lower(name));
CREATE TABLE class_quizzes (
    class_id BIGINT NOT NULL REFERENCES classes (id),
    quiz_id TEXT COLLATE "C" NOT NULL,
    position INTEGER NOT NULL,
    is_open INTEGER NOT NULL DEFAULT 1,
    extra_seconds INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (class_id, quiz_id)
);
CREATE TABLE class_members (
    class_id BIGINT NOT NULL REFERENCES classes (id),
    learner_id BIGINT NOT NULL REFERENCES learners (id),
    pin_hash TEXT,
    joined_ms BIGINT NOT NULL,
    seen_ms BIGINT NOT NULL,
    extra_seconds INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (class_id, learner_id)
);
"""

PG_V6 = """
DROP INDEX answers_history;
"""

PG_V7 = """
DROP INDEX review_cards_due;
"""

PG_MIGRATIONS: tuple[str, ...] = (PG_V1, PG_V2, PG_V3, PG_V4, PG_V5, PG_V6, PG_V7)
"""`PG_MIGRATIONS[n]` is `MIGRATIONS[n]` for PostgreSQL; the two always have as many."""
assert len(PG_MIGRATIONS) == SCHEMA_VERSION, "a migration step is missing on one backend"
