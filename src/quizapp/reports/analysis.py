"""Item analysis as Moodle's quiz statistics report computes it, over a credits matrix.

Pure functions: rows are attempts, columns are questions, each cell the credit (0 to 1) the
attempt earned on the question, or None when the question was not in that attempt (a quiz
that draws a subset). A question's mark is its credit times its points; an attempt's total
is the sum of its marks.

Per question (Moodle's `core_question\\statistics\\questions\\calculator`):
- facility index: mean mark / max mark, as a percentage;
- standard deviation of the mark (sample, n - 1), as a percentage of the max mark;
- discrimination index: 100 x the correlation of the mark with the rest of the test
  (the attempt's total minus this mark);
- discriminative efficiency: 100 x that covariance over the largest covariance the same
  two sets of numbers could have (both sorted), i.e. the discrimination index relative to
  the best this question could do given its spread of marks.

For the quiz (Moodle's `quiz_statistics\\calculator`): mean, median, standard deviation
(as percentages of the max total), skewness and kurtosis (k-statistics, as Moodle), the
coefficient of internal consistency (Cronbach's alpha x 100), error ratio and standard
error. Figures that need more attempts than there are (SD needs 2, skewness 3, kurtosis 4)
or that divide by a zero variance are None, never a made-up number.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from quizapp import cldr
from quizapp.reports.i18n import tr

Progress = Callable[[int, int], None]
"""Called as `progress(done, total)` while a long computation runs."""

# Thresholds for the plain-words hints; docs/reports.md states them for trainers.
TOO_HARD_BELOW = 20.0
"""Facility index (%) below which a question is called too hard (Moodle: "difficult")."""
TOO_EASY_ABOVE = 90.0
"""Facility index (%) above which a question is called too easy (Moodle: "very easy")."""
WEAK_DISCRIMINATION_BELOW = 20.0
"""Discrimination index below which a question tells stronger and weaker learners apart
badly (Moodle's docs call 0 to 19 "very weak")."""
DUBIOUS_EFFICIENCY_BELOW = 15.0
"""Discriminative efficiency below which Moodle's report marks a question as dubious."""
FEW_ATTEMPTS_BELOW = 10
"""With fewer attempts than this, the figures are noise; the hints say so."""

HintKind = Literal["too_hard", "too_easy", "negative_discrimination", "weak_discrimination"]


class Hint(BaseModel):
    """A plain-words remark on a question's figures."""

    model_config = ConfigDict(frozen=True)

    kind: HintKind
    """Which hint: the same in every language, for programs to act on."""
    text: str
    """One sentence for a trainer, in the report's language."""


class QuestionStats(BaseModel):
    """Moodle's per-question statistics for one column of the matrix."""

    model_config = ConfigDict(frozen=True)

    key: str
    """The question's key in the quiz (its id, or `quiz/id` for an included question)."""
    max_mark: float
    attempts: int
    """How many attempts had this question."""
    mean_mark: float | None
    mark_variance: float | None
    """Sample variance of the mark (n - 1), in marks squared."""
    facility: float | None
    """Mean mark as a percentage of the max mark."""
    sd: float | None
    """Standard deviation of the mark as a percentage of the max mark."""
    discrimination_index: float | None
    """100 x correlation of the mark with the rest of the test."""
    discriminative_efficiency: float | None
    """100 x covariance with the rest of the test / the largest it could be."""
    dubious: bool
    """Moodle's flag: discriminative efficiency below 15."""
    hints: list[Hint]


class QuizStats(BaseModel):
    """Moodle's whole-quiz statistics over the attempts' totals."""

    model_config = ConfigDict(frozen=True)

    attempts: int
    questions: int
    max_total: float
    mean: float | None
    """Mean score as a percentage of the max total."""
    median: float | None
    sd: float | None
    """Sample standard deviation of the scores, as a percentage of the max total."""
    skewness: float | None
    kurtosis: float | None
    cic: float | None
    """Coefficient of internal consistency: Cronbach's alpha x 100."""
    error_ratio: float | None
    standard_error: float | None
    """As a percentage of the max total."""


class ItemAnalysis(BaseModel):
    """Statistics of a quiz's questions and of the quiz as a whole."""

    model_config = ConfigDict(frozen=True)

    quiz: QuizStats
    questions: list[QuestionStats]
    notes: list[str]
    """Caveats for the reader, e.g. too few attempts to judge, in the report's language."""


Counts = Mapping[float, int]
"""A sample as value -> how many times it occurs."""
Joint = Mapping[tuple[float, float], int]
"""A question's (mark, rest of test) pairs -> how many attempts had that pair."""


def _weighted_median(counts: Counts) -> float:
    n = sum(counts.values())
    ordered = sorted(counts.items())
    # The values at ranks (n-1)//2 and n//2 (0-based): equal when n is odd.
    wanted = [(n - 1) // 2, n // 2]
    found: list[float] = []
    seen = 0
    for value, c in ordered:
        while wanted and wanted[0] < seen + c:
            found.append(value)
            wanted.pop(0)
        seen += c
    return (found[0] + found[1]) / 2


def _sorted_pair_sum(xs: Counts, mx: float, ys: Counts, my: float) -> float:
    """Sum of (x - mx)(y - my) over the two samples paired rank by rank, both ascending:
    the largest co-deviation these two sets of numbers can have."""
    a, b = sorted(xs.items()), sorted(ys.items())
    i = j = 0
    ra, rb = (a[0][1] if a else 0), (b[0][1] if b else 0)
    parts: list[float] = []
    while i < len(a) and j < len(b):
        take = min(ra, rb)
        parts.append(take * (a[i][0] - mx) * (b[j][0] - my))
        ra -= take
        rb -= take
        if ra == 0:
            i += 1
            ra = a[i][1] if i < len(a) else 0
        if rb == 0:
            j += 1
            rb = b[j][1] if j < len(b) else 0
    return math.fsum(parts)


def question_stats(key: str, joint: Joint, max_mark: float, lang: str = "en") -> QuestionStats:
    """Moodle's statistics of one question from how often each (mark, rest of test) pair
    occurred; the rest of the test is the attempt's total minus this mark."""
    s = sum(joint.values())
    mean = math.fsum(m * c for (m, _), c in joint.items()) / s if s else None
    facility = 100.0 * mean / max_mark if mean is not None and max_mark else None
    sd = di = de = var = None
    if s > 1 and mean is not None:
        rest_mean = math.fsum(r * c for (_, r), c in joint.items()) / s
        var = math.fsum(c * (m - mean) ** 2 for (m, _), c in joint.items()) / (s - 1)
        rest_var = math.fsum(c * (r - rest_mean) ** 2 for (_, r), c in joint.items()) / (s - 1)
        cov = math.fsum(c * (m - mean) * (r - rest_mean) for (m, r), c in joint.items()) / (s - 1)
        marks: dict[float, int] = {}
        rests: dict[float, int] = {}
        for (m, r), c in joint.items():
            marks[m] = marks.get(m, 0) + c
            rests[r] = rests.get(r, 0) + c
        # The largest covariance these marks could have with these rests: pair them sorted.
        cov_max = _sorted_pair_sum(marks, mean, rests, rest_mean) / (s - 1)
        sd = 100.0 * math.sqrt(var) / max_mark if max_mark else None
        if var * rest_var > 1e-12:
            di = 100.0 * cov / math.sqrt(var * rest_var)
        if abs(cov_max) > 1e-12:
            de = 100.0 * cov / cov_max
    return QuestionStats(
        key=key,
        max_mark=max_mark,
        attempts=s,
        mean_mark=mean,
        mark_variance=var,
        facility=facility,
        sd=sd,
        discrimination_index=di,
        discriminative_efficiency=de,
        dubious=de is not None and de < DUBIOUS_EFFICIENCY_BELOW,
        hints=hints_for(facility, di, lang),
    )


def hints_for(facility: float | None, di: float | None, lang: str = "en") -> list[Hint]:
    """Plain-words hints from a question's facility and discrimination index, in `lang`
    (the report's language; the wording is `quizapp.reports.i18n`'s)."""
    kinds: list[HintKind] = []
    if facility is not None and facility < TOO_HARD_BELOW:
        kinds.append("too_hard")
    elif facility is not None and facility > TOO_EASY_ABOVE:
        kinds.append("too_easy")
    if di is not None and di < 0:
        kinds.append("negative_discrimination")
    elif di is not None and di < WEAK_DISCRIMINATION_BELOW:
        kinds.append("weak_discrimination")
    return [
        Hint(
            kind=kind,
            text=tr(
                lang,
                f"hint_{kind}",
                facility=cldr.percent((facility or 0.0) / 100, lang),
                di=di or 0.0,
            ),
        )
        for kind in kinds
    ]


def quiz_stats(
    totals: Counts,
    max_total: float,
    questions: int,
    sum_item_variance: float | None,
) -> QuizStats:
    """Moodle's quiz statistics from how often each total (in marks) occurred.

    `sum_item_variance` is the sum of the questions' mark variances (n - 1), needed for the
    coefficient of internal consistency; None when the attempts did not all have the same
    questions, where Cronbach's alpha is not defined.
    """
    s = sum(totals.values())
    scale = 100.0 / max_total if max_total else 0.0
    mean = median = sd = skew = kurt = cic = er = se = None
    if s:
        mean_marks = math.fsum(t * c for t, c in totals.items()) / s
        mean = mean_marks * scale
        median = _weighted_median(totals) * scale
        if s > 1:
            p2 = math.fsum(c * (t - mean_marks) ** 2 for t, c in totals.items())
            sd_marks = math.sqrt(p2 / (s - 1))
            sd = sd_marks * scale
            if s > 2:
                p3 = math.fsum(c * (t - mean_marks) ** 3 for t, c in totals.items())
                p4 = math.fsum(c * (t - mean_marks) ** 4 for t, c in totals.items())
                m2, m3, m4 = p2 / s, p3 / s, p4 / s
                k2 = s * m2 / (s - 1)
                k3 = s * s * m3 / ((s - 1) * (s - 2))
                if k2 > 1e-12:
                    skew = k3 / k2**1.5
                    if s > 3:
                        k4 = (
                            s
                            * s
                            * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2)
                            / ((s - 1) * (s - 2) * (s - 3))
                        )
                        kurt = k4 / (k2 * k2)
                    if questions > 1 and sum_item_variance is not None:
                        cic = 100.0 * questions / (questions - 1) * (1 - sum_item_variance / k2)
                        er = 100.0 * math.sqrt(max(0.0, 1 - cic / 100.0))
                        se = er / 100.0 * sd_marks * scale
    return QuizStats(
        attempts=s,
        questions=questions,
        max_total=max_total,
        mean=mean,
        median=median,
        sd=sd,
        skewness=skew,
        kurtosis=kurt,
        cic=cic,
        error_ratio=er,
        standard_error=se,
    )


def analyse_counts(
    keys: Sequence[str],
    points: Sequence[float],
    joints: Sequence[Joint],
    totals: Mapping[tuple[float, float], int],
    progress: Progress | None = None,
    lang: str = "en",
) -> ItemAnalysis:
    """Item analysis from counts: per question its (mark, rest) pairs, and per attempt its
    (total, max total) pair. Exact, and small however many attempts there are, so the
    store can aggregate in SQL and hand over a few thousand numbers instead of a million.
    Hints are written in `lang`."""
    n_q = len(keys)
    attempts = sum(totals.values())
    stats: list[QuestionStats] = []
    for j, key in enumerate(keys):
        stats.append(question_stats(key, joints[j], points[j], lang))
        if progress is not None:
            progress(j + 1, n_q)
    full = math.fsum(points)
    complete = all(q.attempts == attempts for q in stats) and all(
        abs(m - full) < 1e-9 for (_, m) in totals
    )
    notes: list[str] = []
    if complete:
        by_total: dict[float, int] = {}
        for (t, _), c in totals.items():
            by_total[t] = by_total.get(t, 0) + c
        sum_var = math.fsum(q.mark_variance or 0.0 for q in stats) if attempts > 1 else None
        quiz = quiz_stats(by_total, full, n_q, sum_var)
    else:
        notes.append(tr(lang, "note_mixed_questions"))
        pct: dict[float, int] = {}
        for (t, m), c in totals.items():
            p = 100.0 * t / m if m else 0.0
            pct[p] = pct.get(p, 0) + c
        quiz = quiz_stats(pct, 100.0, n_q, None)
    if attempts < FEW_ATTEMPTS_BELOW:
        notes.append(tr(lang, "note_few_attempts", n=attempts, least=FEW_ATTEMPTS_BELOW))
    return ItemAnalysis(quiz=quiz, questions=stats, notes=notes)


def analyse(
    credits: Sequence[Sequence[float | None]],
    points: Sequence[float],
    keys: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> ItemAnalysis:
    """Item analysis of a credits matrix (rows: attempts; columns: questions, weighted by
    `points`). A None cell means the question was not in that attempt."""
    n_q = len(points)
    keys = list(keys) if keys is not None else [f"Q{i + 1}" for i in range(n_q)]
    if len(keys) != n_q:
        raise ValueError("there must be one key per question")
    accumulator = CountsBuilder(n_q)
    for row in credits:
        if len(row) != n_q:
            raise ValueError("every row of the credits matrix needs one cell per question")
        accumulator.add(
            [None if c is None else c * p for c, p in zip(row, points, strict=True)], points
        )
    return analyse_counts(keys, points, accumulator.joints, accumulator.totals, progress)


class CountsBuilder:
    """Turns attempts' marks, one attempt at a time, into the counts `analyse_counts` takes."""

    __slots__ = ("joints", "totals")

    def __init__(self, questions: int) -> None:
        self.joints: list[dict[tuple[float, float], int]] = [{} for _ in range(questions)]
        self.totals: dict[tuple[float, float], int] = {}

    def add(
        self,
        marks: Sequence[float | None],
        points: Sequence[float],
        total: float | None = None,
        top: float | None = None,
    ) -> None:
        """One attempt: its mark per question (None where the question was not asked), and
        its total and maximum when known (else the sums of its marks and points)."""
        if total is None:
            total = math.fsum(m for m in marks if m is not None)
        if top is None:
            top = math.fsum(p for m, p in zip(marks, points, strict=True) if m is not None)
        self.totals[(total, top)] = self.totals.get((total, top), 0) + 1
        for joint, m in zip(self.joints, marks, strict=True):
            if m is not None:
                pair = (m, total - m)
                joint[pair] = joint.get(pair, 0) + 1
