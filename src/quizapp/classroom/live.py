"""What the trainer's watch view shows, computed from the class's store: who joined,
where each learner is, their scores, and the live item analysis.

Pure functions over store records, so the TUI only draws, and a test checks the
figures without a screen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from quizapp.model import localize
from quizapp.store.classes import ClassInfo, ClassMember, LiveAnswer, LiveAttempt

FULL = 1 - 1e-9


@dataclass(frozen=True, slots=True)
class LearnerRow:
    learner_id: int
    name: str
    quiz_id: str | None
    """The quiz of their attempt in progress (or of their last one)."""
    in_progress: bool
    answered: int
    questions: int
    flagged: int
    seconds_left: int | None
    last_score: float | None
    """Their latest finished attempt's score fraction."""
    finished: int
    extra_seconds: int
    has_pin: bool


@dataclass(frozen=True, slots=True)
class QuestionRow:
    quiz_id: str
    key: str
    text: str
    answered: int
    facility: float
    """Mean credit: 1.0 everyone right."""
    wrong: tuple[tuple[str, int], ...]
    """Where the wrong answers went: the answer as text, how many gave it (most first)."""


@dataclass(slots=True)
class ClassSnapshot:
    info: ClassInfo
    learners: list[LearnerRow] = field(default_factory=list)
    questions: list[QuestionRow] = field(default_factory=list)


def learner_rows(
    info: ClassInfo,
    members: list[ClassMember],
    attempts: list[LiveAttempt],
    now: datetime,
) -> list[LearnerRow]:
    extra_of_quiz = {q.quiz_id: q.extra_seconds for q in info.quizzes}
    by_learner: dict[int, list[LiveAttempt]] = {}
    for attempt in attempts:
        by_learner.setdefault(attempt.learner_id, []).append(attempt)
    rows = []
    for member in members:
        mine = by_learner.get(member.learner_id, [])
        current = next((a for a in reversed(mine) if a.status == "in_progress"), None)
        done = [a for a in mine if a.status in ("submitted", "timed_out")]
        last = done[-1] if done else None
        shown = current or last
        left = None
        if current is not None and current.mode == "exam" and current.time_limit_seconds:
            extra = extra_of_quiz.get(current.quiz_id, 0) + member.extra_seconds
            deadline = current.started_at + timedelta(seconds=current.time_limit_seconds + extra)
            left = max(0, int((deadline - now).total_seconds()))
        score = None
        if last is not None and last.max_score:
            score = (last.score or 0.0) / last.max_score
        rows.append(
            LearnerRow(
                learner_id=member.learner_id,
                name=member.name,
                quiz_id=shown.quiz_id if shown else None,
                in_progress=current is not None,
                answered=shown.answered if shown else 0,
                questions=shown.questions if shown else 0,
                flagged=current.flagged if current else 0,
                seconds_left=left,
                last_score=score,
                finished=len(done),
                extra_seconds=member.extra_seconds,
                has_pin=member.has_pin,
            )
        )
    return rows


def answer_text(question: Any, response: Any, lang: str = "en") -> str:
    """A response as the trainer reads it (the choice's text for choice questions)."""
    kind = getattr(question, "type", None)
    try:
        if kind == "single" and isinstance(response, int):
            return localize(question.choices[response].text, lang)
        if kind == "multiple" and isinstance(response, list):
            return " + ".join(localize(question.choices[i].text, lang) for i in sorted(response))
        if kind == "true_false":
            return "true" if response else "false"
    except (IndexError, TypeError):
        pass
    if isinstance(response, str):
        return response.strip()[:60]
    return str(response)[:60]


def question_rows(
    quiz_id: str, answers: list[LiveAnswer], catalog: Any, lang: str = "en"
) -> list[QuestionRow]:
    """Facility and wrong answers per question of `quiz_id`, in the quiz's order."""
    pool = {e.key: e.question for e in catalog.pool(quiz_id)} if catalog is not None else {}
    counts: dict[str, list[float]] = {}
    wrong: dict[str, Counter[str]] = {}
    for answer in answers:
        counts.setdefault(answer.question_key, []).append(answer.credit)
        if answer.credit < FULL:
            question = pool.get(answer.question_key)
            text = answer_text(question, answer.response, lang)
            wrong.setdefault(answer.question_key, Counter())[text] += 1
    order = list(pool) + sorted(k for k in counts if k not in pool)
    rows = []
    for key in order:
        credits = counts.get(key)
        if not credits:
            continue
        question = pool.get(key)
        text = localize(question.prompt, lang) if question is not None else key
        rows.append(
            QuestionRow(
                quiz_id=quiz_id,
                key=key,
                text=" ".join(text.split())[:56],
                answered=len(credits),
                facility=sum(credits) / len(credits),
                wrong=tuple(wrong.get(key, Counter()).most_common(3)),
            )
        )
    return rows


def snapshot(store: Any, class_name: str, catalog: Any, now: datetime) -> ClassSnapshot | None:
    """Everything the watch view shows, read in one go."""
    info = store.class_info(class_name)
    if info is None:
        return None
    members = store.class_members(info.id)
    attempts = store.class_attempts(info.id)
    out = ClassSnapshot(info, learner_rows(info, members, attempts, now))
    for quiz in info.quizzes:
        answers = store.class_answers(info.id, quiz.quiz_id)
        out.questions.extend(question_rows(quiz.quiz_id, answers, catalog))
    return out
