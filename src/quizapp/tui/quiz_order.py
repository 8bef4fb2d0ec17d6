"""The order of a module's quizzes on the home screen, as a learner meets them, and how
many questions each asks.

Focused quizzes come first, in the order of the lesson's key points they draw on (a quiz
on the first key points before one on the last, and of two starting at the same point the
shorter first, as a warm-up); then quizzes that gather others (a final exam, with
`[[quiz.include]]`); then generated banks (`generated = true`), which repeat the module
fact by fact. Ties keep the catalog's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

FOCUSED, GATHERING, GENERATED = 0, 1, 2


def quiz_kind(quiz: Any) -> int:
    """FOCUSED, GATHERING (includes other quizzes) or GENERATED."""
    info = quiz.quiz
    if info.generated:
        return GENERATED
    return GATHERING if info.include else FOCUSED


def _point_order(module: Any) -> dict[str, int]:
    points = getattr(module, "points", None) or []
    return {str(point.id): n for n, point in enumerate(points)}


def ordered(quiz_ids: Iterable[str], catalog: Any, content: Mapping[str, Any]) -> list[str]:
    """`quiz_ids` (one module's, in catalog order) in the order a learner should see them."""
    ids = list(quiz_ids)
    never = float("inf")

    def key(item: tuple[int, str]) -> tuple[int, float, int, int]:
        position, quiz_id = item
        quiz = catalog.quizzes[quiz_id]
        module_id = quiz.quiz.module
        order = _point_order(content.get(module_id)) if module_id else {}
        found = []
        for question in quiz.questions:
            source = getattr(question, "source", None) or ""
            module, _, point = source.partition("#")
            if module == module_id and point in order:
                found.append(order[point])
        first = min(found) if found else never
        return quiz_kind(quiz), first, len(quiz.questions), position

    return [quiz_id for _, quiz_id in sorted(enumerate(ids), key=key)]


def by_module(catalog: Any, content: Mapping[str, Any]) -> list[tuple[str | None, list[str]]]:
    """Every quiz of the catalog as home lists it: by module (by id, quizzes of no module
    last), each module's quizzes `ordered`. The palette lists them the same way."""
    groups: dict[str | None, list[str]] = {}
    for quiz_id, quiz in catalog.quizzes.items():
        groups.setdefault(quiz.quiz.module, []).append(quiz_id)
    return [
        (module_id, ordered(groups[module_id], catalog, content))
        for module_id in sorted(groups, key=lambda m: (m is None, m or ""))
    ]


def question_counts(catalog: Any, quiz_id: str) -> tuple[int, int]:
    """(questions one attempt asks, questions in the pool), counted as the engine draws
    them: every own question, each include's `draw` of its group, then the quiz's `draw`."""
    quiz = catalog.quizzes[quiz_id]
    pool = catalog.pool(quiz_id)
    taken = {entry.key for entry in pool if entry.quiz_id == quiz_id and "/" not in entry.key}
    asked = len(taken)
    for inc in quiz.quiz.include:
        group = [
            entry.key
            for entry in pool
            if entry.key not in taken
            and entry.quiz_id == inc.quiz
            and (not inc.tags or set(inc.tags) & set(entry.question.tags))
        ]
        taken.update(group)
        asked += min(inc.draw, len(group)) if inc.draw is not None else len(group)
    if quiz.quiz.draw is not None:
        asked = min(asked, quiz.quiz.draw)
    return asked, len(taken)
