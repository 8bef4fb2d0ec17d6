"""History queries over 1,000,000 answers (50,000 attempts), against bare SQL, on both
backends.

Each store query (pydantic records out, merged across quiz versions) is timed against the
same aggregate written as one bare SQL statement on the same database, which the schema's
covering indexes serve. Targets: at most 2x the bare SQL, and (SQLite) under 200 ms.
SQLite is timed in this process's CPU time; PostgreSQL runs the SQL in the server's
processes, so both sides of its ratios are wall clock. Without a PostgreSQL server its
lines say so and are skipped.

The database is built once per run (executemany in one transaction) in a temporary folder
and shared by the figures: 100 learners x 500 attempts x 20 answers, 20 quizzes with two
versions each, tags on every question, a review card per learner and question.
"""

from __future__ import annotations

import atexit
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from benchmarks.common import Figure, compare
from quizapp.store import Store

LEARNERS = 100
ATTEMPTS = 50_000
QUESTIONS = 20  # per attempt: 1,000,000 answers
QUIZZES = 20
TAGS = ("people", "places", "numbers", "companies", "dates", "training", "trade", "money")
T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z
LEARNER = 37
QUIZ = "quiz-07"

_built: Path | None = None


def _answers(rng: random.Random) -> Iterator[tuple[object, ...]]:
    difficulty = [[rng.random() for _ in range(QUESTIONS)] for _ in range(QUIZZES)]
    for attempt in range(1, ATTEMPTS + 1):
        quiz = (attempt // LEARNERS) % QUIZZES
        started = T0 + attempt * 60_000
        for q in range(QUESTIONS):
            roll = rng.random()
            hard = difficulty[quiz][q]
            credit = 1.0 if roll > hard * 0.8 else (0.5 if roll > hard * 0.9 else 0.0)
            yield (
                attempt,
                f"q{q:02d}",
                "1",
                credit,
                credit,
                1,
                rng.randrange(2_000, 40_000),
                started + (q + 1) * 20_000,
                1,
            )


def _tables() -> Iterator[tuple[str, str, Iterable[tuple[object, ...]]]]:
    """(table, its columns, its rows), in the order to write them: the same rows for both
    backends (one random stream, drawn in this order)."""
    rng = random.Random(5)
    yield (
        "learners",
        "id, name, language, created_ms",
        [(i, f"learner-{i:03d}", "en", T0) for i in range(LEARNERS)],
    )
    versions = [
        (q * 2 + v + 1, f"quiz-{q:02d}", f"{q:02d}{v}" * 32, f"Quiz {q}", T0)
        for q in range(QUIZZES)
        for v in range(2)
    ]
    yield "quiz_versions", "id, quiz_id, sha256, title, first_seen_ms", versions
    yield (
        "question_tags",
        "quiz_version_id, question_key, tag",
        [
            (vid, f"q{q:02d}", tag)
            for vid, *_ in versions
            for q in range(QUESTIONS)
            for tag in rng.sample(TAGS, 2)
        ],
    )
    order = '["' + '","'.join(f"q{q:02d}" for q in range(QUESTIONS)) + '"]'

    def attempts() -> Iterator[tuple[object, ...]]:
        for a in range(1, ATTEMPTS + 1):
            quiz = (a // LEARNERS) % QUIZZES
            version = quiz * 2 + (a // (LEARNERS * QUIZZES)) % 2 + 1
            started = T0 + a * 60_000
            status = "abandoned" if a % 50 == 0 else "submitted"
            score = None if status == "abandoned" else rng.randrange(0, 21) / 2
            yield (
                a,
                a % LEARNERS,
                version,
                "exam",
                a,
                order,
                started,
                started + 500_000,
                status,
                score,
                None if score is None else 20.0,
                None if score is None else int(score >= 12),
                None,
                None,
            )

    yield (
        "attempts",
        "id, learner_id, quiz_version_id, mode, seed, question_order, started_ms, finished_ms, "
        "status, score, max_score, passed, uid, started_record",
        attempts(),
    )
    yield (
        "answers",
        "attempt_id, question_key, response, credit, points, tries, time_taken_ms, "
        "answered_ms, rated",
        _answers(rng),
    )
    yield (
        "review_cards",
        "learner_id, quiz_id, question_id, due_ms, last_review_ms, state, step, stability, "
        "difficulty, reviews, lapses",
        (
            (
                *(learner, f"quiz-{quiz:02d}", f"q{q:02d}"),
                *(T0 + rng.randrange(-30, 30) * 86_400_000, T0, 2, None, 3.0, 5.0, 3, 1),
            )
            for learner in range(LEARNERS)
            for quiz in range(QUIZZES)
            for q in range(QUESTIONS)
        ),
    )


def build(path: Path) -> None:
    """Write the benchmark database at `path`."""
    Store(path).close()  # the real schema, at the current version
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    for table, columns, rows in _tables():
        marks = ", ".join("?" * len(columns.split(",")))
        con.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def database() -> Path:
    """The benchmark database, built on first use in this run."""
    global _built
    if _built is None:
        folder = Path(tempfile.mkdtemp(prefix="quizapp-bench-store-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "scores.sqlite3"
        build(path)
        _built = path
    return _built


_FINISHED = "a.status IN ('submitted', 'timed_out') AND a.max_score > 0"
_BARE: dict[str, tuple[str, tuple[object, ...]]] = {
    "attempts per quiz (best, last, average)": (
        "SELECT v.quiz_id, count(*), max(a.score / a.max_score), avg(a.score / a.max_score), "
        "max(a.finished_ms) FROM attempts a JOIN quiz_versions v ON v.id = a.quiz_version_id "
        f"WHERE a.learner_id = ? AND {_FINISHED} GROUP BY v.quiz_id",
        (LEARNER,),
    ),
    "score over time": (
        "SELECT a.id, a.quiz_version_id, a.finished_ms, a.score / a.max_score, a.passed "
        f"FROM attempts a WHERE a.learner_id = ? AND {_FINISHED} ORDER BY a.finished_ms",
        (LEARNER,),
    ),
    "accuracy per question": (
        "SELECT v.quiz_id, n.question_key, count(*), sum(n.credit >= 0.999), avg(n.credit) "
        "FROM attempts a JOIN answers n ON n.attempt_id = a.id "
        "JOIN quiz_versions v ON v.id = a.quiz_version_id "
        "WHERE a.learner_id = ? GROUP BY v.quiz_id, n.question_key",
        (LEARNER,),
    ),
    "accuracy per tag": (
        "SELECT t.tag, count(*), sum(n.credit >= 0.999), avg(n.credit) "
        "FROM attempts a JOIN answers n ON n.attempt_id = a.id "
        "JOIN question_tags t ON t.quiz_version_id = a.quiz_version_id "
        "AND t.question_key = n.question_key WHERE a.learner_id = ? GROUP BY t.tag",
        (LEARNER,),
    ),
    "weakest questions": (
        "SELECT v.quiz_id, n.question_key, count(*), sum(n.credit >= 0.999), avg(n.credit) AS m "
        "FROM attempts a JOIN answers n ON n.attempt_id = a.id "
        "JOIN quiz_versions v ON v.id = a.quiz_version_id "
        "WHERE a.learner_id = ? GROUP BY v.quiz_id, n.question_key "
        "ORDER BY m, count(*) DESC LIMIT 10",
        (LEARNER,),
    ),
    "accuracy per question, one quiz, all learners": (
        "SELECT n.question_key, count(*), sum(n.credit >= 0.999), avg(n.credit) "
        "FROM attempts a JOIN answers n ON n.attempt_id = a.id "
        "WHERE a.quiz_version_id IN (SELECT id FROM quiz_versions WHERE quiz_id = ?) "
        "GROUP BY n.question_key",
        (QUIZ,),
    ),
    "questions due for review": (
        "SELECT count(*) FROM review_cards WHERE learner_id = ? AND due_ms <= ?",
        (LEARNER, T0),
    ),
}


def _ours(store: Store) -> dict[str, Callable[[], object]]:
    from datetime import UTC, datetime

    now = datetime.fromtimestamp(T0 / 1000, UTC)
    return {
        "attempts per quiz (best, last, average)": lambda: store.quiz_summaries(LEARNER),
        "score over time": lambda: store.score_history(LEARNER),
        "accuracy per question": lambda: store.question_accuracy(LEARNER),
        "accuracy per tag": lambda: store.tag_accuracy(LEARNER),
        "weakest questions": lambda: store.weakest_questions(LEARNER),
        "accuracy per question, one quiz, all learners": lambda: store.question_accuracy(
            quiz_id=QUIZ
        ),
        "questions due for review": lambda: store.due_count(LEARNER, now=now),
    }


def _timed(
    ours: dict[str, Callable[[], object]],
    bare: Callable[[str], Callable[[], object]],
    label: str,
    clock: Callable[[], float],
) -> tuple[list[Figure], tuple[str, float]]:
    """Each store query against its bare SQL, interleaved; and the slowest of ours."""
    figures: list[Figure] = []
    slowest = ("", 0.0)
    for name, fn in ours.items():
        base, mine = compare([bare(name), fn], repeat=7, number=3, clock=clock)
        figures.append(
            Figure(
                f"{label}store / bare SQL at 1M answers: {name}",
                mine / base,
                2.0,
                detail=f"{mine * 1000:.2f} ms vs {base * 1000:.2f} ms",
            )
        )
        if mine > slowest[1]:
            slowest = (name, mine)
    return figures, slowest


def sqlite_figures() -> list[Figure]:
    t = time.perf_counter()
    path = database()
    built = time.perf_counter() - t
    store = Store(path)
    bare_con = sqlite3.connect(path)

    def bare(name: str) -> Callable[[], object]:
        sql, params = _BARE[name]
        return lambda: bare_con.execute(sql, params).fetchall()

    try:
        figures, slowest = _timed(_ours(store), bare, "", time.process_time)
    finally:
        store.close()
        bare_con.close()
    figures.append(
        Figure(
            "slowest store history query at 1M answers",
            slowest[1] * 1000,
            200,
            unit="ms",
            detail=f"{slowest[0]}; database built in {built:.1f} s",
        )
    )
    return figures


def postgres_sql(sql: str) -> str:
    """A bare query of `_BARE` as PostgreSQL would best be asked it."""
    counted = "count(*) FILTER (WHERE n.credit >= 0.999)"
    return sql.replace("sum(n.credit >= 0.999)", counted).replace("?", "%s")


def build_postgres(url: str) -> None:
    """The same rows as `build`, into a PostgreSQL database (COPY, then ANALYZE)."""
    import psycopg

    from quizapp.store import open_store

    open_store(url).close()  # the real schema, at the current version
    with psycopg.connect(url) as con:
        with con.cursor() as cur:
            for table, columns, rows in _tables():
                with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        con.commit()
        con.autocommit = True
        con.execute("ANALYZE")


def postgres_figures() -> list[Figure]:
    from benchmarks.postgres import NoServer
    from benchmarks.postgres import database as pg_database
    from quizapp.store import open_store

    label = "PostgreSQL: "
    try:
        with pg_database() as url:
            import psycopg

            t = time.perf_counter()
            build_postgres(url)
            built = time.perf_counter() - t
            store = open_store(url)
            bare_con = psycopg.connect(url, autocommit=True)

            def bare(name: str) -> Callable[[], object]:
                sql, params = _BARE[name]
                text = postgres_sql(sql)
                return lambda: bare_con.execute(text, params).fetchall()

            try:
                figures, slowest = _timed(_ours(store), bare, label, time.perf_counter)
            finally:
                store.close()
                bare_con.close()
    except NoServer as exc:
        return [Figure(f"{label}store / bare SQL at 1M answers", 0, 2.0, skipped=str(exc))]
    figures.append(
        Figure(
            f"{label}slowest store history query at 1M answers",
            slowest[1] * 1000,
            None,
            unit="ms",
            detail=f"{slowest[0]}; database built in {built:.1f} s",
        )
    )
    return figures


def run() -> list[Figure]:
    return [*sqlite_figures(), *postgres_figures()]
