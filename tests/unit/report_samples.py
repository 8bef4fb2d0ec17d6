"""Sample records for the report tests: the tour quiz, learners and their attempts."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from quizapp.loading import load_catalog
from quizapp.locations import bundled_quizzes_dir
from quizapp.reports.export import LearnerExport
from quizapp.reports.questions import quiz_version_record
from quizapp.reports.records import (
    AnswerRecord,
    AttemptRecord,
    LearnerRecord,
    QuestionRecord,
    QuizVersionRecord,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

HOSTILE_TEXTS = [
    "<script>alert('x')</script>",
    '=HYPERLINK("http://evil.example","click")',
    "[/b]",
    "@SUM(A1:A9)",
    "+1+2",
    "-2+3",
    "\tTAB",
    "\rCR",
    'a "quoted" | pipe & <b>bold</b>',
]


def tour_version() -> QuizVersionRecord:
    catalog = load_catalog([bundled_quizzes_dir()])
    return quiz_version_record(catalog.quizzes["tour"], catalog.hashes["tour"])


def simple_version(quiz_id: str = "q", sha: str = "a" * 64, n: int = 3) -> QuizVersionRecord:
    return QuizVersionRecord(
        quiz_id=quiz_id,
        sha256=sha,
        title=f"Quiz {quiz_id}",
        questions=[
            QuestionRecord(
                key=f"k{i}",
                type="true_false",
                prompt=f"Statement {i}",
                tags=["even" if i % 2 == 0 else "odd"],
                right_answer="true",
            )
            for i in range(n)
        ],
    )


def attempt(
    learner: str,
    version: QuizVersionRecord,
    credits: list[float],
    when: datetime = T0,
    attempt_id: str | None = None,
    responses: list[object] | None = None,
) -> AttemptRecord:
    answers = [
        AnswerRecord(
            question_key=q.key,
            response=(responses[i] if responses else True),
            credit=c,
            points=c * q.points,
            max_points=q.points,
        )
        for i, (q, c) in enumerate(zip(version.questions, credits, strict=True))
    ]
    return AttemptRecord(
        id=attempt_id or str(uuid.uuid4()),
        learner=learner,
        quiz_id=version.quiz_id,
        quiz_sha256=version.sha256,
        started_at=when,
        finished_at=when + timedelta(minutes=5),
        mode="exam",
        score=sum(a.points for a in answers),
        max_score=sum(q.points for q in version.questions),
        answers=answers,
    )


def export_for(
    name: str, attempts: list[AttemptRecord], versions: list[QuizVersionRecord], lang: str = "en"
) -> LearnerExport:
    return LearnerExport(
        exported_at=T0 + timedelta(days=30),
        app_version="test",
        learner=LearnerRecord(name=name, language=lang),
        quiz_versions=versions,
        attempts=attempts,
    )


def random_class(
    n_learners: int, version: QuizVersionRecord, seed: int = 7, tries: int = 2
) -> dict[str, LearnerExport]:
    """Learners of varied ability, each with `tries` attempts."""
    rng = random.Random(seed)
    out = {}
    for i in range(n_learners):
        name = f"learner{i:03d}"
        ability = rng.random()
        attempts = [
            attempt(
                name,
                version,
                [1.0 if rng.random() < ability else 0.0 for _ in version.questions],
                when=T0 + timedelta(days=t, minutes=i),
                attempt_id=str(uuid.UUID(int=rng.getrandbits(128))),
            )
            for t in range(tries)
        ]
        out[name] = export_for(name, attempts, [version])
    return out
