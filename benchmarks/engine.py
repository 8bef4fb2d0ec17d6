"""Engine figures: grading a whole bank costs less than loading it, and starting an
attempt with a draw costs little more than listing the pool it draws from."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.banks import generate_bank
from benchmarks.common import Figure, compare
from quizapp.engine import Grade, format_number, grade, right_answer, start_attempt
from quizapp.loading import load_catalog, load_quiz_bytes


def _answers(questions: list[Any]) -> list[Any]:
    """One right answer per question, as a learner would type it (numbers as text)."""
    out = []
    for i, q in enumerate(questions):
        right = right_answer(q)
        if q.type == "numeric":
            right = format_number(right, "id" if i % 2 else "en")
        out.append(right)
    return out


def grade_ratio(n: int = 10_000) -> Figure:
    """Grading one answer to every question of a bank, as a ratio to loading the bank."""
    data = generate_bank(n).encode()
    quiz = load_quiz_bytes(data, "bench.toml", max_bytes=None).quiz
    assert quiz is not None
    answers = _answers(quiz.questions)
    for q, a in zip(quiz.questions, answers, strict=True):
        graded = grade(q, a)
        assert isinstance(graded, Grade) and graded.credit == 1, (q.id, a)

    def grade_all() -> None:
        for q, a in zip(quiz.questions, answers, strict=True):
            grade(q, a)

    load, marking = compare(
        [lambda: load_quiz_bytes(data, "bench.toml", max_bytes=None), grade_all], repeat=5
    )
    return Figure(
        f"grade every question / load the bank at {n:,} questions",
        marking / load,
        0.5,
        detail=f"{marking * 1000:.0f} ms vs {load * 1000:.0f} ms",
    )


def start_ratio(n: int = 10_000, draw: int = 50) -> Figure:
    """Starting an attempt that draws `draw` of `n` questions, as a ratio to `Catalog.pool`."""
    with tempfile.TemporaryDirectory() as tmp:
        text = generate_bank(n).replace("[quiz]\n", f"[quiz]\ndraw = {draw}\n", 1)
        path = Path(tmp) / "bench.toml"
        path.write_text(text, encoding="utf-8")
        catalog = load_catalog([path])
    assert catalog.ok, catalog.problems[:3]
    pool, start = compare(
        [lambda: catalog.pool("bench"), lambda: start_attempt(catalog, "bench", seed=1)],
        repeat=7,
        number=5,
    )
    return Figure(
        f"start an attempt (draw {draw}) / Catalog.pool at {n:,} questions",
        start / pool,
        3.0,
        detail=f"{start * 1000:.1f} ms vs {pool * 1000:.1f} ms",
    )


def run() -> list[Figure]:
    gc.collect()
    return [grade_ratio(), start_ratio()]
