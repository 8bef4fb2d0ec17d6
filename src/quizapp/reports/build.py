"""Build attempt, learner and class reports from records.

Each builder takes an optional `progress(done, total)` callback so a front end can show a
progress bar on long reports. The class report works from `ScoreRow`s, a light view of an
attempt (its credits by question key), so 50,000 attempts from the store need not become
50,000 validated records first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from quizapp.model.text import localize
from quizapp.reports.analysis import Progress, analyse
from quizapp.reports.i18n import tr
from quizapp.reports.models import (
    AttemptReport,
    Bin,
    ClassReport,
    GradeRow,
    ItemLine,
    LearnerReport,
    QuestionLine,
    QuizSection,
    QuizSummary,
    ScorePoint,
    TagMastery,
    WeakQuestion,
)
from quizapp.reports.questions import describe_response
from quizapp.reports.records import AttemptRecord, QuizVersionRecord

Versions = Mapping[tuple[str, str], QuizVersionRecord]
"""Quiz versions keyed by (quiz id, sha256)."""

WEAKEST_SHOWN = 10
BINS = 10


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _pct(fraction: float) -> float:
    return round(100.0 * fraction, 6)


def _passed(fraction: float, pass_mark: float) -> bool:
    return fraction + 1e-9 >= pass_mark


def attempt_report(
    attempt: AttemptRecord,
    version: QuizVersionRecord | None,
    lang: str,
    now: datetime | None = None,
) -> AttemptReport:
    """One attempt with every question's response, right answer and credit."""
    lines = []
    for number, answer in enumerate(attempt.answers, 1):
        question = version.question(answer.question_key) if version else None
        lines.append(
            QuestionLine(
                number=number,
                key=answer.question_key,
                prompt=localize(question.prompt, lang) if question else answer.question_key,
                response=describe_response(question, answer.response, lang),
                right_answer=localize(question.right_answer, lang) if question else "",
                credit=answer.credit,
                points=answer.points,
                max_points=answer.max_points,
            )
        )
    pass_mark = version.pass_mark if version else 0.5
    return AttemptReport(
        language=lang,
        generated_at=_now(now),
        attempt_id=attempt.id,
        learner=attempt.learner,
        quiz_id=attempt.quiz_id,
        quiz_title=version.title_in(lang) if version else attempt.quiz_id,
        quiz_version=attempt.quiz_sha256,
        date=attempt.when,
        mode=attempt.mode,
        score=attempt.score,
        max_score=attempt.max_score,
        percent=_pct(attempt.fraction),
        pass_mark=_pct(pass_mark),
        passed=attempt.passed
        if attempt.passed is not None
        else _passed(attempt.fraction, pass_mark),
        questions=lines,
    )


def learner_report(
    learner: str,
    attempts: Iterable[AttemptRecord],
    versions: Versions,
    lang: str,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> LearnerReport:
    """A learner's attempts per quiz, score over time, mastery per tag, weakest questions."""
    mine = sorted((a for a in attempts if a.learner == learner), key=lambda a: a.started_at)
    by_quiz: dict[str, list[AttemptRecord]] = {}
    tag_sums: dict[str, list[float]] = {}
    question_sums: dict[tuple[str, str], list[float]] = {}
    prompts: dict[tuple[str, str], str] = {}
    for i, attempt in enumerate(mine, 1):
        by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
        version = versions.get((attempt.quiz_id, attempt.quiz_sha256))
        for answer in attempt.answers:
            question = version.question(answer.question_key) if version else None
            key = (attempt.quiz_id, answer.question_key)
            question_sums.setdefault(key, []).append(answer.credit)
            if question is not None:
                prompts[key] = localize(question.prompt, lang)
                for tag in question.tags:
                    tag_sums.setdefault(tag, []).append(answer.credit)
        if progress is not None:
            progress(i, len(mine))

    summaries = []
    for quiz_id, quiz_attempts in by_quiz.items():
        fractions = [a.fraction for a in quiz_attempts]
        last_version = versions.get((quiz_id, quiz_attempts[-1].quiz_sha256))
        pass_mark = last_version.pass_mark if last_version else 0.5
        summaries.append(
            QuizSummary(
                quiz_id=quiz_id,
                quiz_title=last_version.title_in(lang) if last_version else quiz_id,
                versions=list(dict.fromkeys(a.quiz_sha256 for a in quiz_attempts)),
                attempts=len(quiz_attempts),
                best=_pct(max(fractions)),
                last=_pct(fractions[-1]),
                average=_pct(sum(fractions) / len(fractions)),
                passed=_passed(max(fractions), pass_mark),
            )
        )
    weakest = sorted(
        (
            WeakQuestion(
                quiz_id=quiz_id,
                key=key,
                prompt=prompts.get((quiz_id, key), key),
                percent=_pct(sum(c) / len(c)),
                answers=len(c),
            )
            for (quiz_id, key), c in question_sums.items()
            if sum(c) / len(c) < 1.0 - 1e-9
        ),
        key=lambda w: (w.percent, -w.answers, w.quiz_id, w.key),
    )[:WEAKEST_SHOWN]
    return LearnerReport(
        language=lang,
        generated_at=_now(now),
        learner=learner,
        quizzes=summaries,
        timeline=[
            ScorePoint(date=a.when, quiz_id=a.quiz_id, attempt_id=a.id, percent=_pct(a.fraction))
            for a in mine
        ],
        mastery=sorted(
            (
                TagMastery(tag=tag, percent=_pct(sum(c) / len(c)), answers=len(c))
                for tag, c in tag_sums.items()
            ),
            key=lambda m: (m.percent, m.tag),
        ),
        weakest=weakest,
    )


@dataclass(slots=True)
class ScoreRow:
    """What the class report needs of an attempt."""

    attempt_id: str
    learner: str
    quiz_id: str
    quiz_sha256: str
    started_at: datetime
    score: float
    max_score: float
    credits: dict[str, float]
    """Credit (0 to 1) by question key."""
    max_points: dict[str, float] = field(default_factory=dict)
    """Points by question key; only needed when the quiz version has no question list."""


def rows_from_records(attempts: Iterable[AttemptRecord]) -> list[ScoreRow]:
    return [
        ScoreRow(
            attempt_id=a.id,
            learner=a.learner,
            quiz_id=a.quiz_id,
            quiz_sha256=a.quiz_sha256,
            started_at=a.started_at,
            score=a.score,
            max_score=a.max_score,
            credits={x.question_key: x.credit for x in a.answers},
            max_points={x.question_key: x.max_points for x in a.answers},
        )
        for a in attempts
    ]


def _distribution(percents: Sequence[float]) -> list[Bin]:
    counts = [0] * BINS
    width = 100.0 / BINS
    for p in percents:
        counts[min(BINS - 1, max(0, int(p // width)))] += 1
    return [Bin(low=i * width, high=(i + 1) * width, count=c) for i, c in enumerate(counts)]


def _section(
    quiz_id: str,
    sha: str,
    rows: list[ScoreRow],
    version: QuizVersionRecord | None,
    lang: str,
    which: Literal["first", "all"],
    progress: Progress | None,
) -> QuizSection:
    pass_mark = version.pass_mark if version else 0.5
    by_learner: dict[str, list[ScoreRow]] = {}
    for row in rows:
        by_learner.setdefault(row.learner, []).append(row)
    grades = []
    used: list[ScoreRow] = []
    for learner in sorted(by_learner, key=str.casefold):
        own = sorted(by_learner[learner], key=lambda r: (r.started_at, r.attempt_id))
        fr = [r.score / r.max_score if r.max_score else 0.0 for r in own]
        grades.append(
            GradeRow(
                learner=learner,
                attempts=len(own),
                first=_pct(fr[0]),
                best=_pct(max(fr)),
                last=_pct(fr[-1]),
                passed=_passed(max(fr), pass_mark),
            )
        )
        used.extend(own if which == "all" else own[:1])

    keys: list[str] = [q.key for q in version.questions] if version else []
    points = {q.key: q.points for q in version.questions} if version else {}
    known = set(keys)
    for row in used:
        for key in row.credits:
            if key not in known:
                known.add(key)
                keys.append(key)
                points[key] = row.max_points.get(key, 1.0)
    # Keys of the version that no attempt used would be empty columns: leave them out.
    asked = set().union(*(r.credits.keys() for r in used)) if used else set()
    keys = [k for k in keys if k in asked]
    matrix = [[row.credits.get(k) for k in keys] for row in used]
    analysis = analyse(matrix, [points[k] for k in keys], keys, progress=progress)
    prompts = {q.key: localize(q.prompt, lang) for q in version.questions} if version else {}
    return QuizSection(
        quiz_id=quiz_id,
        quiz_title=version.title_in(lang) if version else quiz_id,
        quiz_version=sha,
        attempts_used=which,
        pass_mark=_pct(pass_mark),
        grades=grades,
        distribution=_distribution(
            [100.0 * r.score / r.max_score if r.max_score else 0.0 for r in used]
        ),
        items=[ItemLine(key=k, prompt=prompts.get(k, k)) for k in keys],
        analysis=analysis,
    )


def class_report(
    rows: Iterable[ScoreRow],
    versions: Versions,
    lang: str,
    which: Literal["first", "all"] = "first",
    quiz_id: str | None = None,
    notes: Sequence[str] = (),
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ClassReport:
    """A grades table, score distribution and item analysis per quiz version."""
    groups: dict[tuple[str, str], list[ScoreRow]] = {}
    first_seen: dict[tuple[str, str], datetime] = {}
    learners: set[str] = set()
    for row in rows:
        if quiz_id is not None and row.quiz_id != quiz_id:
            continue
        key = (row.quiz_id, row.quiz_sha256)
        groups.setdefault(key, []).append(row)
        learners.add(row.learner)
        if key not in first_seen or row.started_at < first_seen[key]:
            first_seen[key] = row.started_at
    order = sorted(groups, key=lambda k: (k[0], first_seen[k]))
    all_notes = list(notes)
    shas_by_quiz: dict[str, list[str]] = {}
    for q, sha in order:
        shas_by_quiz.setdefault(q, []).append(sha)
    for q, shas in shas_by_quiz.items():
        if len(shas) > 1:
            all_notes.append(
                tr(lang, "note_versions").format(
                    quiz=q, n=len(shas), versions=", ".join(s[:8] for s in shas)
                )
            )
    sections = []
    for i, (q, sha) in enumerate(order, 1):
        # One section: its questions are the steps; several: the sections are.
        inner = progress if len(order) == 1 else None
        sections.append(
            _section(q, sha, groups[(q, sha)], versions.get((q, sha)), lang, which, inner)
        )
        if progress is not None and len(order) > 1:
            progress(i, len(order))
    return ClassReport(
        language=lang,
        generated_at=_now(now),
        learners=len(learners),
        sections=sections,
        notes=all_notes,
    )
