"""Any report as a list of titled tables, shared by the CSV, Markdown and HTML writers.

Cells are raw values (text, numbers, None); each writer formats and escapes them its way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from quizapp.reports.analysis import QuizStats
from quizapp.reports.i18n import tr
from quizapp.reports.models import AttemptReport, ClassReport, LearnerReport, QuizSection

Cell = str | float | int | bool | None


@dataclass(slots=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)
    """Indexes of the columns holding numbers (right-aligned)."""


def fmt(value: Cell, lang: str = "en", digits: int = 2) -> str:
    """A cell as a reader of `lang` writes it: numbers rounded to `digits` with that
    language's decimal mark (0,75 in Indonesian, 0.75 in English), None as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, float):
        # Imported here: the engine package loads the whole engine (~50 ms), which only
        # the formats that show numbers as words need, not CSV.
        from quizapp.engine.numbers import format_number

        # Rounded as a decimal first, so the engine's writer (the one every front end uses
        # for numbers) shows the rounded digits, not the float's own.
        return format_number(Decimal(f"{value:.{digits}f}"), lang, scale=False)
    return str(value)


def result_word(lang: str, passed: bool) -> str:
    return tr(lang, "passed" if passed else "failed")


def attempt_tables(r: AttemptReport) -> list[Table]:
    t = lambda key: tr(r.language, key)  # noqa: E731
    summary = Table(
        t("attempt_title"),
        [t("learner"), t("quiz"), t("version"), t("date"), t("mode"), t("score"), t("result")],
        [
            [
                r.learner,
                r.quiz_title,
                r.quiz_version[:8],
                r.date.isoformat(timespec="minutes"),
                r.mode,
                round(r.percent, 2),
                result_word(r.language, r.passed),
            ]
        ],
        {5},
    )
    questions = Table(
        t("question"),
        ["#", t("question"), t("response"), t("right_answer"), t("credit"), t("points")],
        [
            [q.number, q.prompt, q.response, q.right_answer, round(q.credit, 4), round(q.points, 4)]
            for q in r.questions
        ],
        {0, 4, 5},
    )
    return [summary, questions]


def learner_tables(r: LearnerReport) -> list[Table]:
    t = lambda key: tr(r.language, key)  # noqa: E731
    return [
        Table(
            t("learner_title"),
            [t("quiz"), t("attempts"), t("best"), t("last"), t("average"), t("result")],
            [
                [
                    q.quiz_title,
                    q.attempts,
                    q.best,
                    q.last,
                    round(q.average, 2),
                    result_word(r.language, q.passed),
                ]
                for q in r.quizzes
            ],
            {1, 2, 3, 4},
        ),
        Table(
            t("score_over_time"),
            [t("date"), t("quiz"), t("score"), t("attempt_id")],
            [
                [p.date.isoformat(timespec="minutes"), p.quiz_id, p.percent, p.attempt_id]
                for p in r.timeline
            ],
            {2},
        ),
        Table(
            t("mastery"),
            [t("tag"), t("score"), t("answers")],
            [[m.name or m.tag, m.percent, m.answers] for m in r.mastery],
            {1, 2},
        ),
        Table(
            t("weakest"),
            [t("quiz"), t("question"), t("score"), t("answers")],
            [[w.quiz_id, w.prompt, w.percent, w.answers] for w in r.weakest],
            {2, 3},
        ),
    ]


def quiz_stats_rows(lang: str, q: QuizStats) -> list[list[Cell]]:
    return [
        [tr(lang, "attempts"), q.attempts],
        [tr(lang, "mean") + " (%)", q.mean],
        [tr(lang, "median") + " (%)", q.median],
        [tr(lang, "sd") + " (%)", q.sd],
        [tr(lang, "skewness"), q.skewness],
        [tr(lang, "kurtosis"), q.kurtosis],
        [tr(lang, "cic") + " (%)", q.cic],
        [tr(lang, "error_ratio") + " (%)", q.error_ratio],
        [tr(lang, "standard_error") + " (%)", q.standard_error],
    ]


def section_tables(lang: str, s: QuizSection) -> list[Table]:
    t = lambda key: tr(lang, key)  # noqa: E731
    label = section_label(s)
    prompts = {i.key: i.prompt for i in s.items}
    levels = {i.key: i.level for i in s.items}
    return [
        Table(
            f"{t('grades')}: {label}",
            [t("learner"), t("attempts"), t("first"), t("best"), t("last"), t("result")],
            [
                [g.learner, g.attempts, g.first, g.best, g.last, result_word(lang, g.passed)]
                for g in s.grades
            ],
            {1, 2, 3, 4},
        ),
        Table(
            f"{t('distribution')}: {label}",
            [t("score") + " (%)", t("attempts")],
            [[f"{b.low:g}–{b.high:g}", b.count] for b in s.distribution],
            {1},
        ),
        Table(
            f"{t('quiz_statistics')}: {label} — {t('calculated_from')} "
            f"{t('attempts_used_' + s.attempts_used)}",
            [t("quiz_statistics"), ""],
            quiz_stats_rows(lang, s.analysis.quiz),
            {1},
        ),
        Table(
            f"{t('item_analysis')}: {label}",
            [
                "#",
                t("question"),
                t("level"),
                t("attempts"),
                t("facility") + " (%)",
                t("sd") + " (%)",
                t("discrimination"),
                t("efficiency") + " (%)",
                t("hints"),
            ],
            [
                [
                    i,
                    prompts.get(q.key, q.key),
                    levels.get(q.key, ""),
                    q.attempts,
                    q.facility,
                    q.sd,
                    q.discrimination_index,
                    q.discriminative_efficiency,
                    # Written in the report's language when it was built.
                    " ".join(h.text for h in q.hints),
                ]
                for i, q in enumerate(s.analysis.questions, 1)
            ],
            {0, 3, 4, 5, 6, 7},
        ),
    ]


def section_label(s: QuizSection) -> str:
    return f"{s.quiz_title} ({s.quiz_version[:8]})"


def class_notes(r: ClassReport) -> list[str]:
    """The report's notes, then each section's caveats from its item analysis, named."""
    return [*r.notes, *(f"{section_label(s)}: {n}" for s in r.sections for n in s.analysis.notes)]


def class_tables(r: ClassReport) -> list[Table]:
    tables: list[Table] = []
    for s in r.sections:
        tables.extend(section_tables(r.language, s))
    notes = class_notes(r)
    if notes:
        tables.append(
            Table(tr(r.language, "notes"), [tr(r.language, "notes")], [[n] for n in notes])
        )
    return tables


def report_tables(report: Any) -> list[Table]:
    if isinstance(report, AttemptReport):
        return attempt_tables(report)
    if isinstance(report, LearnerReport):
        return learner_tables(report)
    if isinstance(report, ClassReport):
        return class_tables(report)
    raise TypeError(f"not a report: {type(report).__name__}")
