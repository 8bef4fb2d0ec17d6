"""HTML writer: one self-contained page (inline CSS and SVG, no scripts, nothing fetched)
that reads on screen and prints cleanly, in the report's language.

Every piece of quiz and learner text goes through `html.escape`, in element text and in
attributes alike: a quiz that says `<script>` shows the word, never runs it. Control
characters are written in their visible forms first (`␛`), as every screen shows them:
HTML has no place for them, and a page may well be read with `cat`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from quizapp import cldr
from quizapp.model.terminal import visible
from quizapp.reports.i18n import tr
from quizapp.reports.models import (
    AttemptReport,
    Bin,
    ClassReport,
    LearnerReport,
    QuizSummary,
    ScorePoint,
)
from quizapp.reports.writers.tables import (
    Table,
    class_notes,
    fmt,
    human_date,
    mode_word,
    report_tables,
)

CSS = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d5d9e0; --accent: #2f6fdf; --bad: #c0392b; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); }
.meta { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top;
         text-align: left; overflow-wrap: break-word; }
th { background: #f2f4f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
svg { max-width: 100%; height: auto; }
.notes li { margin: .25rem 0; }
@media print {
  @page { margin: 15mm; }
  body { max-width: none; margin: 0; font-size: 10.5pt; color: #000; }
  th { background: none; }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _e(text: Any) -> str:
    return escape(visible(str(text)), quote=True)


def _table(table: Table, lang: str, skip_title: bool = False) -> str:
    parts = [] if skip_title or not table.title else [f"<h2>{_e(table.title)}</h2>"]
    head = "".join(
        f'<th{" class=num" if i in table.numeric else ""} scope="col">{_e(h)}</th>'
        for i, h in enumerate(table.headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=num' if i in table.numeric else ''}>{_e(fmt(v, lang))}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return "".join(parts)


SERIES = ("#2f6fdf", "#c0392b", "#1e8449", "#8e44ad", "#d35400", "#16a085")
"""One colour per quiz on the score-over-time chart, as on the progress screen."""


def timeline_svg(
    points: list[ScorePoint], label: str, quizzes: list[QuizSummary], lang: str = "en"
) -> str:
    """Each attempt's score, oldest first: one series per quiz in its own colour (exam
    attempts filled, practice hollow), each quiz's pass mark dashed, a legend below."""
    w, h, pad = 640, 220, 36
    n = len(points)
    step = (w - 2 * pad) / max(1, n - 1)

    def xy(i: int, pct: float) -> tuple[float, float]:
        x = pad + (i * step if n > 1 else (w - 2 * pad) / 2)
        return round(x, 1), round(h - pad - (h - 2 * pad) * max(0.0, min(100.0, pct)) / 100, 1)

    grid = "".join(
        f'<line x1="{pad}" x2="{w - pad}" y1="{y}" y2="{y}" stroke="#d5d9e0"/>'
        f'<text x="{pad - 6}" y="{y + 4}" font-size="11" text-anchor="end">'
        f"{_e(cldr.percent(v / 100, lang))}</text>"
        for v in (0, 50, 100)
        for y in [xy(0, v)[1]]
    )
    summaries = {q.quiz_id: q for q in quizzes}
    order = list(dict.fromkeys(p.quiz_id for p in points))
    colour = {quiz_id: SERIES[i % len(SERIES)] for i, quiz_id in enumerate(order)}
    parts: list[str] = []
    legend: list[str] = []
    for quiz_id in order:
        c = colour[quiz_id]
        summary = summaries.get(quiz_id)
        if summary is not None:
            y = xy(0, summary.pass_mark)[1]
            parts.append(
                f'<line x1="{pad}" x2="{w - pad}" y1="{y}" y2="{y}" stroke="{c}" '
                'stroke-dasharray="4 3" stroke-opacity=".7"/>'
            )
        mine = [(i, p) for i, p in enumerate(points) if p.quiz_id == quiz_id]
        coords = [xy(i, p.percent) for i, p in mine]
        if len(coords) > 1:
            line = " ".join(f"{x},{y}" for x, y in coords)
            parts.append(f'<polyline points="{line}" fill="none" stroke="{c}" stroke-width="2"/>')
        for (x, y), (_, p) in zip(coords, mine, strict=True):
            fill = c if p.mode == "exam" else "#fff"
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="3.5" fill="{fill}" stroke="{c}" stroke-width="1.5">'
                f"<title>{_e(summary.quiz_title if summary else quiz_id)} "
                f"{_e(cldr.date(p.date, lang))} {_e(mode_word(lang, p.mode))}: "
                f"{_e(cldr.percent(p.percent / 100, lang))}</title></circle>"
            )
        title = summary.quiz_title if summary else quiz_id
        shown = cldr.percent_exact(summary.pass_mark / 100, lang) if summary else ""
        mark = f" ({tr(lang, 'pass_mark')} {shown})" if summary else ""
        legend.append(f'<span style="color:{c}">━━</span> {_e(title)}{_e(mark)}')
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label="{_e(label)}">{grid}{"".join(parts)}</svg>'
        f"<figcaption>{_e(label)}<br>{'<br>'.join(legend)}</figcaption></figure>"
    )


def distribution_svg(bins: list[Bin], label: str, lang: str = "en") -> str:
    """The score distribution as bars, one per band of 10%."""
    w, h, pad = 640, 200, 30
    top = max((b.count for b in bins), default=0) or 1
    bw = (w - 2 * pad) / max(1, len(bins))
    bars = []
    for i, b in enumerate(bins):
        bh = (h - 2 * pad) * b.count / top
        x, y = pad + i * bw, h - pad - bh
        bars.append(
            f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bw - 4:.1f}" height="{bh:.1f}" '
            f'fill="#2f6fdf"><title>{_e(cldr.percent_exact(b.low / 100, lang))}–'
            f"{_e(cldr.percent_exact(b.high / 100, lang))}: {b.count}</title></rect>"
            f'<text x="{x + bw / 2:.1f}" y="{h - pad + 14}" font-size="11" '
            f'text-anchor="middle">{b.low:g}</text>'
            f'<text x="{x + bw / 2:.1f}" y="{y - 3:.1f}" font-size="11" '
            f'text-anchor="middle">{b.count}</text>'
        )
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label="{_e(label)}"><line x1="{pad}" x2="{w - pad}" y1="{h - pad}" '
        f'y2="{h - pad}" stroke="#5b6475"/>{"".join(bars)}</svg>'
        f"<figcaption>{_e(label)}</figcaption></figure>"
    )


def score_svg(percent: float, pass_mark: float, label: str) -> str:
    """One attempt's score as a bar against the pass mark."""
    w, h = 640, 40
    x = (w - 2) * max(0.0, min(100.0, percent)) / 100
    mark = (w - 2) * pass_mark / 100
    colour = "#2f6fdf" if percent + 1e-9 >= pass_mark else "#c0392b"
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label="{_e(label)}"><rect x="1" y="8" width="{w - 2}" height="20" fill="#eef1f6" '
        f'stroke="#d5d9e0"/><rect x="1" y="8" width="{x:.1f}" height="20" fill="{colour}"/>'
        f'<line x1="{mark + 1:.1f}" x2="{mark + 1:.1f}" y1="2" y2="34" stroke="#1d2330" '
        f'stroke-dasharray="3 2"/></svg><figcaption>{_e(label)}</figcaption></figure>'
    )


def render_html(report: Any) -> bytes:
    lang = report.language
    tables = report_tables(report)
    body: list[str] = []
    # The first table's title names the report, the learner and the date: it is the page's.
    title = tables[0].title
    tables[0].title = ""
    if isinstance(report, AttemptReport):
        meta = ""
        body.append(
            score_svg(
                report.percent,
                report.pass_mark,
                f"{tr(lang, 'score')}: {cldr.percent(report.percent / 100, lang)} · "
                f"{tr(lang, 'pass_mark')}: {cldr.percent(report.pass_mark / 100, lang)}",
            )
        )
        body += [_table(t, lang) for t in tables]
    elif isinstance(report, LearnerReport):
        meta = ""
        if not report.timeline:
            body.append(f"<p>{_e(tr(lang, 'no_attempts'))}</p>")
        else:
            body.append(_table(tables[0], lang))
            body.append(f"<h2>{_e(tables[1].title)}</h2>")
            body.append(
                timeline_svg(report.timeline, tr(lang, "chart_label"), report.quizzes, lang)
            )
            body.append(_table(tables[1], lang, skip_title=True))
            body += [_table(t, lang) for t in tables[2:]]
    elif isinstance(report, ClassReport):
        meta = f"{tr(lang, 'learners')}: {report.learners}"
        i = 1
        for section in report.sections:
            grades, dist, stats, items = tables[i : i + 4]
            i += 4
            body.append(_table(grades, lang))
            body.append(f"<h2>{_e(dist.title)}</h2>")
            body.append(distribution_svg(section.distribution, dist.title, lang))
            body += [_table(stats, lang), _table(items, lang)]
        notes = class_notes(report)
        if notes:
            body.append(f"<h2>{_e(tr(lang, 'notes'))}</h2><ul class=notes>")
            body += [f"<li>{_e(n)}</li>" for n in notes]
            body.append("</ul>")
    else:
        raise TypeError(f"not a report: {type(report).__name__}")
    generated = f"{tr(lang, 'generated')}: {human_date(report.generated_at, lang)}"
    page = (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n<p class=meta>{_e(meta)}{' · ' if meta else ''}"
        f"{_e(generated)}</p>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
