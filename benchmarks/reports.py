"""The class report with item analysis over 1,000,000 answers, against bare SQL.

50,000 attempts of one 20-question quiz (10,000 learners x 5 attempts), analysed on all
attempts, so every answer counts. The report (`StoreReader.class_counts`, then the grades
table, distribution and Moodle's statistics as pydantic models) is timed against the bare
SQL aggregates those figures need, on the same database in the same run:

- per question: count, sum of marks, of squared marks and of mark x attempt score
  (mean, SD, covariance with the rest of the test: Moodle's sums of powers);
- per question: how often each rest-of-test value occurs (discriminative efficiency pairs
  the sorted marks with the sorted rests, which moments cannot give);
- per score: how many attempts (median, and the moments of the totals);
- per learner: attempts, best and first start (the grades table).

Target: at most 2x. The detail also gives the moments alone, the cheapest SQL that could
not give discriminative efficiency or the median.
"""

from __future__ import annotations

import atexit
import json
import math
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

from benchmarks.common import Figure, compare
from quizapp.reports.build import class_report_from_counts
from quizapp.reports.records import QuestionRecord, QuizVersionRecord
from quizapp.reports.source import StoreReader
from quizapp.store import Store

LEARNERS = 10_000
ATTEMPTS = 50_000
QUESTIONS = 20  # 1,000,000 answers
QUIZ = "bench"
SHA = "b" * 64
T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z

_built: Path | None = None


def build(path: Path) -> None:
    """Write the benchmark database at `path`: learners of varied ability, questions of
    varied difficulty (a logistic model), some partial credit."""
    Store(path).close()  # the real schema, at the current version
    rng = random.Random(11)
    keys = [f"q{j:02d}" for j in range(QUESTIONS)]
    difficulty = [rng.uniform(-2.0, 2.0) for _ in keys]
    ability = [rng.gauss(0.0, 1.0) for _ in range(LEARNERS)]
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO learners VALUES (?, ?, 'en', ?)",
        [(i + 1, f"learner-{i:05d}", T0) for i in range(LEARNERS)],
    )
    con.execute("INSERT INTO quiz_versions VALUES (1, ?, ?, 'Bench', ?)", (QUIZ, SHA, T0))
    order = json.dumps(keys)
    attempts = []
    answers = []
    for a in range(1, ATTEMPTS + 1):
        learner = (a - 1) % LEARNERS
        started = T0 + a * 60_000
        score = 0.0
        for key, hard in zip(keys, difficulty, strict=True):
            p = 1.0 / (1.0 + math.exp(hard - ability[learner]))
            roll = rng.random()
            credit = 1.0 if roll < p else (0.5 if roll < p + 0.1 else 0.0)
            score += credit
            answers.append((a, key, "0", credit, credit, 1, 5_000, started + 5_000))
        attempts.append(
            (a, learner + 1, 1, "exam", a, order, started, started + 600_000, "submitted",
             score, float(QUESTIONS), int(score >= QUESTIONS / 2))
        )  # fmt: skip
    con.executemany(
        "INSERT INTO attempts (id, learner_id, quiz_version_id, mode, seed, question_order, "
        "started_ms, finished_ms, status, score, max_score, passed) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        attempts,
    )
    con.executemany(
        "INSERT INTO answers (attempt_id, question_key, response, credit, points, tries, "
        "time_taken_ms, answered_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        answers,
    )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()


def database() -> Path:
    global _built
    if _built is None:
        folder = Path(tempfile.mkdtemp(prefix="quizapp-bench-reports-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _built = folder / "scores.sqlite3"
        build(_built)
    return _built


_JOIN = "FROM attempts a JOIN quiz_versions v ON v.id = a.quiz_version_id "
_WHERE = "WHERE a.status IN ('submitted', 'timed_out') AND v.quiz_id = ?"
_SCOPE = _JOIN + _WHERE
_ANSWERS = _JOIN + "JOIN answers n ON n.attempt_id = a.id " + _WHERE
MOMENTS = (
    "SELECT n.question_key, count(*), total(n.points), total(n.points * n.points), "
    f"total(n.points * a.score) {_ANSWERS} GROUP BY n.question_key"
)
RESTS = (
    f"SELECT n.question_key, a.score - n.points, count(*) {_ANSWERS} "
    "GROUP BY n.question_key, a.score - n.points"
)
TOTALS = f"SELECT a.score, a.max_score, count(*) {_SCOPE} GROUP BY a.score, a.max_score"
GRADES = (
    "SELECT a.learner_id, count(*), max(a.score / a.max_score), min(a.started_ms) "
    f"{_SCOPE} GROUP BY a.learner_id"
)


def class_report_ratio() -> Figure:
    path = database()
    version = QuizVersionRecord(
        quiz_id=QUIZ,
        sha256=SHA,
        title="Bench",
        questions=[QuestionRecord(key=f"q{j:02d}", type="single") for j in range(QUESTIONS)],
    )
    versions = {(QUIZ, SHA): version}
    reader = StoreReader(path)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    def report() -> object:
        counts = reader.class_counts(QUIZ, "all", versions)
        return class_report_from_counts(counts, versions, "en", "all")

    def bare() -> object:
        return [con.execute(q, (QUIZ,)).fetchall() for q in (MOMENTS, RESTS, TOTALS, GRADES)]

    def moments() -> object:
        return [con.execute(q, (QUIZ,)).fetchall() for q in (MOMENTS, TOTALS, GRADES)]

    built = report()
    quiz = built.sections[0].analysis.quiz  # type: ignore[attr-defined]
    assert quiz.attempts == ATTEMPTS, quiz.attempts
    ours, base, least = compare([report, bare, moments], repeat=3)
    reader.close()
    con.close()
    return Figure(
        f"class report with item analysis / bare SQL aggregates at {ATTEMPTS * QUESTIONS:,} "
        "answers",
        ours / base,
        2.0,
        detail=f"{ours * 1000:.0f} ms vs {base * 1000:.0f} ms; moments alone {least * 1000:.0f} ms",
    )


def run() -> list[Figure]:
    return [class_report_ratio()]
