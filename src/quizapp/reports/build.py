"""Build attempt, learner and class reports from records.

Each builder takes an optional `progress(done, total)` callback so a front end can show a
progress bar on long reports. The class report works from `ScoreRow`s, a light view of an
attempt (its credits by question key), so 50,000 attempts from the store need not become
50,000 validated records first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from quizapp.model.text import localize
from quizapp.reports.analysis import CountsBuilder, Progress, analyse_counts
from quizapp.reports.grading import counted, grade, is_graded, passed
from quizapp.reports.i18n import in_language, tr
from quizapp.reports.models import (
    AttemptLine,
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
_DIGITS = re.compile(r"(\d+)")
BINS = 10


def natural(name: str) -> list[str | int]:
    """Sort key for names as people expect them: "Learner 2" before "Learner 10"."""
    return [int(part) if part.isdecimal() else part.casefold() for part in _DIGITS.split(name)]


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
    siblings: Sequence[AttemptRecord] = (),
) -> AttemptReport:
    """One attempt with every question put (unanswered ones included, numbered as on the
    results screen), its response, right answer and credit. `siblings` are the learner's
    attempts at the same quiz, this one included, to say whether the grade counts it."""
    lines = []
    for number, answer in enumerate(attempt.answers, 1):
        question = version.question(answer.question_key) if version else None
        lines.append(
            QuestionLine(
                number=number,
                key=answer.question_key,
                prompt=localize(question.prompt, lang) if question else answer.question_key,
                response=describe_response(question, answer.response, lang),
                answered=answer.response is not None,
                right_answer=localize(question.right_answer, lang) if question else "",
                credit=answer.credit,
                points=answer.points,
                max_points=answer.max_points,
            )
        )
    pass_mark = version.pass_mark if version else 0.5
    grading = version.grading if version else "highest"
    own = sorted(
        {a.id: a for a in [*siblings, attempt] if a.quiz_id == attempt.quiz_id}.values(),
        key=lambda a: a.started_at,
    )
    counts = counted([a.mode for a in own], [a.fraction for a in own], grading)
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
        graded=is_graded(attempt.mode),
        counted=any(own[i].id == attempt.id for i in counts),
        grading=grading,
        questions=lines,
    )


@dataclass(slots=True)
class LearnerFigures:
    """What the progress screen and the learner report both show, computed once here:
    per quiz its attempts and grade, the score timeline, mastery per tag (weakest first)
    and every question below full credit (weakest first)."""

    quizzes: list[QuizSummary]
    timeline: list[ScorePoint]
    mastery: list[TagMastery]
    weakest: list[WeakQuestion]


def learner_figures(
    attempts: Iterable[AttemptRecord],
    versions: Versions,
    lang: str,
    progress: Progress | None = None,
) -> LearnerFigures:
    """The one definition of a learner's progress, from their finished attempts (review
    sessions are not among them: the readers leave them out).

    - timeline: every finished attempt, oldest first, with its mode and whether the grade
      counts it;
    - mastery per tag: the mean credit over every question put in those attempts that
      carries the tag, a question left unanswered counting 0;
    - weakest questions: the same mean per question, those below full credit;
    - per quiz: attempts, best, last, average, and the grade by the quiz's grading method
      over graded (exam) attempts only, which alone says passed.
    """
    # Stable: attempts started the same moment keep the order they were recorded in.
    mine = sorted(attempts, key=lambda a: a.started_at)
    by_quiz: dict[str, list[AttemptRecord]] = {}
    tag_sums: dict[str, list[float]] = {}
    tag_names: dict[str, str] = {}
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
                if question.prompt:
                    prompts[key] = localize(question.prompt, lang)
                for tag in question.tags:
                    tag_sums.setdefault(tag, []).append(answer.credit)
                    if tag not in tag_names and version is not None:
                        tag_names[tag] = version.tag_name(tag, lang) or ""
        if progress is not None:
            progress(i, len(mine))

    summaries = []
    counted_ids: set[str] = set()
    for quiz_id, quiz_attempts in by_quiz.items():
        fractions = [a.fraction for a in quiz_attempts]
        last_version = versions.get((quiz_id, quiz_attempts[-1].quiz_sha256))
        pass_mark = last_version.pass_mark if last_version else 0.5
        grading = last_version.grading if last_version else "highest"
        counts = counted([a.mode for a in quiz_attempts], fractions, grading)
        counted_ids.update(quiz_attempts[i].id for i in counts)
        grade_fraction = grade(fractions, counts)
        summaries.append(
            QuizSummary(
                quiz_id=quiz_id,
                quiz_title=last_version.title_in(lang) if last_version else quiz_id,
                versions=list(dict.fromkeys(a.quiz_sha256 for a in quiz_attempts)),
                attempts=len(quiz_attempts),
                best=_pct(max(fractions)),
                last=_pct(fractions[-1]),
                average=_pct(sum(fractions) / len(fractions)),
                passed=passed(grade_fraction, pass_mark),
                grading=grading,
                pass_mark=_pct(pass_mark),
                grade=None if grade_fraction is None else _pct(grade_fraction),
                history=[
                    AttemptLine(
                        attempt_id=a.id,
                        date=a.when,
                        mode=a.mode,
                        percent=_pct(a.fraction),
                        counted=i in counts,
                    )
                    for i, a in enumerate(quiz_attempts)
                ],
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
    )
    return LearnerFigures(
        quizzes=summaries,
        timeline=[
            ScorePoint(
                date=a.when,
                quiz_id=a.quiz_id,
                attempt_id=a.id,
                percent=_pct(a.fraction),
                mode=a.mode,
                counted=a.id in counted_ids,
            )
            for a in mine
        ],
        mastery=sorted(
            (
                TagMastery(
                    tag=tag,
                    percent=_pct(sum(c) / len(c)),
                    answers=len(c),
                    name=tag_names.get(tag) or tag,
                )
                for tag, c in tag_sums.items()
            ),
            key=lambda m: (m.percent, m.tag),
        ),
        weakest=weakest,
    )


def learner_report(
    learner: str,
    attempts: Iterable[AttemptRecord],
    versions: Versions,
    lang: str,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> LearnerReport:
    """A learner's attempts per quiz, score over time, mastery per tag, weakest questions:
    `learner_figures`, as the progress screen shows them."""
    figures = learner_figures(
        (a for a in attempts if a.learner == learner), versions, lang, progress
    )
    return LearnerReport(
        language=lang,
        generated_at=_now(now),
        learner=learner,
        quizzes=figures.quizzes,
        timeline=figures.timeline,
        mastery=figures.mastery,
        weakest=figures.weakest[:WEAKEST_SHOWN],
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
    mode: str = "exam"


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
            mode=a.mode,
        )
        for a in attempts
    ]


def _distribution(percents: Iterable[float]) -> list[Bin]:
    counts = [0] * BINS
    width = 100.0 / BINS
    for p in percents:
        counts[min(BINS - 1, max(0, int(p // width)))] += 1
    return [Bin(low=i * width, high=(i + 1) * width, count=c) for i, c in enumerate(counts)]


@dataclass(slots=True)
class Head:
    """An attempt as the grades table sees it."""

    attempt_id: str
    learner: str
    started_at: datetime
    score: float
    max_score: float
    mode: str = "exam"

    @property
    def fraction(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0


@dataclass(slots=True)
class SectionCounts:
    """One quiz version's class data, reduced to what the report needs: every attempt's
    head (for the grades table) and the item-analysis counts of the attempts used."""

    quiz_id: str
    sha256: str
    heads: list[Head]
    used: set[str]
    """Ids of the attempts the analysis and the distribution use."""
    keys: list[str]
    points: list[float]
    joints: list[dict[tuple[float, float], int]]
    totals: dict[tuple[float, float], int]
    practice_only: bool = False
    """No attempt was graded: the analysis used the practice attempts."""


def used_attempts(heads: Sequence[Head], which: Literal["first", "all"]) -> set[str]:
    """The attempts the item analysis and the distribution use: graded (exam) ones, each
    learner's first or all of them; all attempts when none is graded (a class that only
    practised)."""
    pool = [h for h in heads if is_graded(h.mode)] or list(heads)
    return first_attempts(pool) if which == "first" else {h.attempt_id for h in pool}


def first_attempts(heads: Iterable[Head]) -> set[str]:
    """Each learner's first attempt."""
    first: dict[str, Head] = {}
    for h in heads:
        known = first.get(h.learner)
        if known is None or (h.started_at, h.attempt_id) < (known.started_at, known.attempt_id):
            first[h.learner] = h
    return {h.attempt_id for h in first.values()}


def section_counts(
    quiz_id: str,
    sha: str,
    rows: list[ScoreRow],
    version: QuizVersionRecord | None,
    which: Literal["first", "all"],
) -> SectionCounts:
    """Count one quiz version's rows in Python (the store does the same in SQL)."""
    heads = [
        Head(r.attempt_id, r.learner, r.started_at, r.score, r.max_score, r.mode) for r in rows
    ]
    used = used_attempts(heads, which)
    used_rows = [r for r in rows if r.attempt_id in used]
    keys: list[str] = [q.key for q in version.questions] if version else []
    # A question record without a type is only a key and tags (the store kept no file).
    points = {q.key: q.points for q in version.questions if q.type} if version else {}
    known = set(keys)
    for row in used_rows:
        for key in row.credits:
            if key not in known:
                known.add(key)
                keys.append(key)
    # A question the version does not describe (its quiz file is not at hand) is worth the
    # best mark anyone got on it, else 1: as the store's SQL counts have it.
    for key in keys:
        if key not in points:
            marks = (
                r.credits[key] * r.max_points.get(key, 1.0) for r in used_rows if key in r.credits
            )
            points[key] = max(marks, default=0.0) or 1.0
    # Questions of the version that no attempt used would be empty columns: leave them out.
    asked = set().union(*(r.credits.keys() for r in used_rows)) if used_rows else set()
    keys = [k for k in keys if k in asked]
    weights = [points[k] for k in keys]
    builder = CountsBuilder(len(keys))
    for row in used_rows:
        credits, worth = row.credits, row.max_points
        # The mark the attempt earned (its own points), as the store's counts take it.
        builder.add(
            [
                None if (c := credits.get(k)) is None else c * worth.get(k, p)
                for k, p in zip(keys, weights, strict=True)
            ],
            weights,
            row.score,
            row.max_score,
        )
    return SectionCounts(
        quiz_id,
        sha,
        heads,
        used,
        keys,
        weights,
        builder.joints,
        builder.totals,
        practice_only=not any(is_graded(h.mode) for h in heads),
    )


def _section(
    data: SectionCounts,
    version: QuizVersionRecord | None,
    lang: str,
    which: Literal["first", "all"],
    progress: Progress | None,
) -> QuizSection:
    pass_mark = version.pass_mark if version else 0.5
    grading = version.grading if version else "highest"
    by_learner: dict[str, list[Head]] = {}
    for head in data.heads:
        by_learner.setdefault(head.learner, []).append(head)
    grades = []
    for learner in sorted(by_learner, key=natural):
        own = sorted(by_learner[learner], key=lambda h: (h.started_at, h.attempt_id))
        fr = [h.fraction for h in own]
        counts = counted([h.mode for h in own], fr, grading)
        grade_fraction = grade(fr, counts)
        grades.append(
            GradeRow(
                learner=learner,
                attempts=len(own),
                first=_pct(fr[0]),
                best=_pct(max(fr)),
                last=_pct(fr[-1]),
                passed=passed(grade_fraction, pass_mark),
                grade=None if grade_fraction is None else _pct(grade_fraction),
                history=[
                    # Built unchecked: a class of thousands has tens of thousands of lines.
                    AttemptLine.model_construct(
                        attempt_id=None,
                        date=h.started_at,
                        mode=h.mode,
                        percent=_pct(f),
                        counted=i in counts,
                    )
                    for i, (h, f) in enumerate(zip(own, fr, strict=True))
                ],
            )
        )
    analysis = analyse_counts(data.keys, data.points, data.joints, data.totals, progress, lang)
    if data.practice_only:
        notes = [tr(lang, "note_practice_only"), *analysis.notes]
        analysis = analysis.model_copy(update={"notes": notes})
    prompts = {q.key: localize(q.prompt, lang) for q in version.questions} if version else {}
    return QuizSection(
        quiz_id=data.quiz_id,
        quiz_title=version.title_in(lang) if version else data.quiz_id,
        quiz_version=data.sha256,
        attempts_used=which,
        pass_mark=_pct(pass_mark),
        grading=grading,
        grades=grades,
        distribution=_distribution(
            100.0 * h.fraction for h in data.heads if h.attempt_id in data.used
        ),
        items=[ItemLine(key=k, prompt=prompts.get(k, k) or k) for k in data.keys],
        analysis=analysis,
    )


def group_rows(
    rows: Iterable[ScoreRow], quiz_id: str | None = None
) -> dict[tuple[str, str], list[ScoreRow]]:
    """Rows by quiz version, ordered by quiz id then by when the version was first taken."""
    groups: dict[tuple[str, str], list[ScoreRow]] = {}
    for row in rows:
        if quiz_id is None or row.quiz_id == quiz_id:
            groups.setdefault((row.quiz_id, row.quiz_sha256), []).append(row)
    first = {k: min(r.started_at for r in v) for k, v in groups.items()}
    return {k: groups[k] for k in sorted(groups, key=lambda k: (k[0], first[k]))}


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
    """A grades table, score distribution and item analysis per quiz version, from rows."""
    groups = group_rows(rows, quiz_id)
    counts = [
        section_counts(q, sha, group, versions.get((q, sha)), which)
        for (q, sha), group in groups.items()
    ]
    return class_report_from_counts(counts, versions, lang, which, notes, now, progress)


def class_report_from_counts(
    sections: Sequence[SectionCounts],
    versions: Versions,
    lang: str,
    which: Literal["first", "all"] = "first",
    notes: Sequence[str] = (),
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ClassReport:
    """The class report from per-version counts (from `section_counts` or the store)."""
    # Notes from the merge (files not used, repeats, namesakes) in the report's language.
    all_notes = [in_language(note, lang) for note in notes]
    shas_by_quiz: dict[str, list[str]] = {}
    for data in sections:
        shas_by_quiz.setdefault(data.quiz_id, []).append(data.sha256)
    for q, shas in shas_by_quiz.items():
        if len(shas) > 1:
            all_notes.append(
                tr(lang, "note_versions").format(
                    quiz=q, n=len(shas), versions=", ".join(s[:8] for s in shas)
                )
            )
    out = []
    for i, data in enumerate(sections, 1):
        # One section: its questions are the steps; several: the sections are.
        inner = progress if len(sections) == 1 else None
        out.append(_section(data, versions.get((data.quiz_id, data.sha256)), lang, which, inner))
        if progress is not None and len(sections) > 1:
            progress(i, len(sections))
    learners = {h.learner for data in sections for h in data.heads}
    return ClassReport(
        language=lang,
        generated_at=_now(now),
        learners=len(learners),
        sections=out,
        notes=all_notes,
    )
