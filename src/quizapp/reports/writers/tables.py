"""Any report as a list of titled tables, shared by the CSV, Markdown and HTML writers.

Cells are raw values (text, numbers, None); each writer formats and escapes them its way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from quizapp.reports.analysis import QuizStats
from quizapp.reports.i18n import has, tr
from quizapp.reports.models import (
    AttemptLine,
    AttemptReport,
    ClassReport,
    LearnerReport,
    QuizSection,
)

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


def human_date(when: datetime, lang: str) -> str:
    """A date and time as people read them, in this computer's time zone, from CLDR:
    "1 Dec 2026, 21:33" in English, "1 Des 2026 21.33" in Indonesian."""
    from quizapp import cldr

    return cldr.date_time(when, lang)


def date_cell(when: datetime, lang: str, human: bool) -> str:
    """Dates as people read them in learner-facing formats, ISO 8601 (UTC) for programs."""
    return human_date(when, lang) if human else when.isoformat(timespec="seconds")


def result_word(lang: str, passed: bool) -> str:
    return tr(lang, "passed" if passed else "failed")


def mode_word(lang: str, mode: str) -> str:
    key = f"mode_{mode}"
    return tr(lang, key) if has(key) else mode


def attempt_tables(r: AttemptReport, human: bool = True) -> list[Table]:
    t = lambda key: tr(r.language, key)  # noqa: E731
    when = date_cell(r.date, r.language, human)
    if not r.graded:
        counts = t("not_graded")
    else:
        counts = f"{t('yes') if r.counted else t('no')} ({t('grading_' + r.grading)})"
    summary = Table(
        f"{t('attempt_title')}: {r.learner}, {r.quiz_title}, {when}",
        [
            t("learner"),
            t("quiz"),
            t("version"),
            t("date"),
            t("mode"),
            t("score") + " (%)",
            t("result"),
            t("counted"),
        ],
        [
            [
                r.learner,
                r.quiz_title,
                r.quiz_version[:8],
                when,
                mode_word(r.language, r.mode),
                r.percent,
                result_word(r.language, r.passed),
                counts,
            ]
        ],
        {5},
    )
    questions = Table(
        t("question"),
        [
            "#",
            t("question"),
            t("response"),
            t("right_answer"),
            t("credit"),
            t("points"),
            t("out_of"),
        ],
        [
            [q.number, q.prompt, q.response, q.right_answer, q.credit, q.points, q.max_points]
            for q in r.questions
        ],
        {0, 4, 5, 6},
    )
    # The points column adds up to the score: every question put is a row.
    questions.rows.append(["", t("total"), "", "", None, r.score, r.max_score])
    return [summary, questions]


def learner_tables(r: LearnerReport, human: bool = True) -> list[Table]:
    t = lambda key: tr(r.language, key)  # noqa: E731
    title = f"{t('learner_title')}: {r.learner}, {date_cell(r.generated_at, r.language, human)}"
    if not r.quizzes:
        return [Table(title, [t("notes")], [[t("no_attempts")]])]
    titles = {q.quiz_id: q.quiz_title for q in r.quizzes}
    return [
        Table(
            title,
            [
                t("quiz"),
                t("attempts"),
                t("best"),
                t("last"),
                t("average"),
                t("grade"),
                t("result"),
            ],
            [
                [
                    f"{q.quiz_title} ({t('grading_' + q.grading)})",
                    q.attempts,
                    q.best,
                    q.last,
                    q.average,
                    q.grade,
                    result_word(r.language, q.passed),
                ]
                for q in r.quizzes
            ],
            {1, 2, 3, 4, 5},
        ),
        Table(
            t("score_over_time"),
            [t("date"), t("quiz"), t("mode"), t("score"), t("counted"), t("attempt_id")],
            [
                [
                    date_cell(p.date, r.language, human),
                    titles.get(p.quiz_id, p.quiz_id),
                    mode_word(r.language, p.mode),
                    p.percent,
                    t("yes") if p.counted else t("no"),
                    p.attempt_id,
                ]
                for p in r.timeline
            ],
            {3},
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
            [[titles.get(w.quiz_id, w.quiz_id), w.prompt, w.percent, w.answers] for w in r.weakest],
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


def history_cell(lang: str, lines: list[AttemptLine], human: bool) -> str:
    """Each attempt as "exam 60*", oldest first; * marks those the grade counts."""
    number = (lambda v: fmt(v, lang)) if human else (lambda v: f"{round(v, 2):g}")
    return ", ".join(
        f"{mode_word(lang, a.mode)} {number(a.percent)}{'*' if a.counted else ''}" for a in lines
    )


def section_tables(lang: str, s: QuizSection, human: bool = True) -> list[Table]:
    t = lambda key: tr(lang, key)  # noqa: E731
    label = section_label(s)
    prompts = {i.key: i.prompt for i in s.items}
    levels = {i.key: i.level for i in s.items}
    return [
        Table(
            f"{t('grades')}: {label}, {t('grading_' + s.grading)}",
            [
                t("learner"),
                t("attempts"),
                t("first"),
                t("best"),
                t("last"),
                t("grade"),
                t("result"),
                t("history"),
            ],
            [
                [
                    g.learner,
                    g.attempts,
                    g.first,
                    g.best,
                    g.last,
                    g.grade,
                    result_word(lang, g.passed),
                    history_cell(lang, g.history, human),
                ]
                for g in s.grades
            ],
            {1, 2, 3, 4, 5},
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


def class_tables(r: ClassReport, human: bool = True) -> list[Table]:
    # A title of its own names the report and its date, as in every format.
    when = date_cell(r.generated_at, r.language, human)
    tables: list[Table] = [Table(f"{tr(r.language, 'class_title')}, {when}", [])]
    for s in r.sections:
        tables.extend(section_tables(r.language, s, human))
    notes = class_notes(r)
    if notes:
        tables.append(
            Table(tr(r.language, "notes"), [tr(r.language, "notes")], [[n] for n in notes])
        )
    return tables


def report_tables(report: Any, human: bool = True) -> list[Table]:
    """The report's tables; dates as people read them when `human`, else ISO 8601."""
    if isinstance(report, AttemptReport):
        return attempt_tables(report, human)
    if isinstance(report, LearnerReport):
        return learner_tables(report, human)
    if isinstance(report, ClassReport):
        return class_tables(report, human)
    raise TypeError(f"not a report: {type(report).__name__}")
