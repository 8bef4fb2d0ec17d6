"""What the screens ask about a learner's past, and where attempts are recorded.

`History` is the seam to the score store: it hands the engine a `Recorder` for each
attempt and answers the home and progress screens' questions (best and last score,
score over time, mastery per tag, weakest questions, due reviews, interrupted attempts).
`MemoryHistory` keeps one run's attempts in memory, for tests and when no store opens.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    # Types only: the engine pulls in pydantic, which the first screen must not wait for.
    from quizapp.engine import Attempt, AttemptResult, Recorder
    from quizapp.engine.recording import AnswerRecord


@dataclasses.dataclass(frozen=True, slots=True)
class AttemptSummary:
    """One finished attempt."""

    quiz_id: str | None
    """None for a review, which spans quizzes."""
    mode: str
    fraction: float
    finished: datetime


@dataclasses.dataclass(frozen=True, slots=True)
class QuestionStat:
    """How a learner has done on one question."""

    quiz_id: str
    question_id: str
    accuracy: float
    answered: int


class History(Protocol):
    """The score store as the screens see it."""

    def recorder(self, learner: str, lang: str) -> Recorder:
        """Where the engine records an attempt of `learner`."""
        ...

    def attempts(self, learner: str, quiz_id: str | None = None) -> list[AttemptSummary]:
        """Finished attempts, oldest first."""
        ...

    def mastery(self, learner: str) -> dict[str, float]:
        """Mean credit per tag."""
        ...

    def figures(self, learner: str, lang: str, catalog: Any = None, modules: Any = None) -> Any:
        """The progress screen's figures (`quizapp.reports.build.LearnerFigures`): the
        learner report's definition of the score timeline, grades, mastery per tag and
        weakest questions, so the screen and the reports saved from it agree."""
        ...

    def weakest(self, learner: str, limit: int = 5) -> list[QuestionStat]: ...

    def due(self, learner: str) -> list[tuple[str, str]]:
        """(quiz id, question id) due for review, most overdue first."""
        ...

    def interrupted(self, learner: str, catalog: Any, clock: Any) -> list[Attempt]:
        """Every unfinished attempt of the learner, rebuilt, newest first."""
        ...

    def abandon(self, learner: str, attempt: Attempt) -> None:
        """Drop an unfinished attempt: it is never offered again and gets no score; the
        answers it has rate their review cards, but the progress figures (as the reports)
        count finished attempts only."""
        ...

    def learners(self) -> dict[str, str]:
        """Every learner this history knows (also those who only used the command line),
        name to interface language."""
        ...

    def language(self, learner: str) -> str | None:
        """The learner's own language (the one place it is kept), or None if unknown."""
        ...

    def set_language(self, learner: str, lang: str) -> None:
        """Keep `lang` as the learner's language, creating the learner if new."""
        ...

    def remove_learner(self, learner: str) -> Any:
        """Remove the learner after keeping a copy of their results (`Removed`), or
        say in one sentence why not (str)."""
        ...

    def discard(self, learner: str, attempt: Attempt) -> None:
        """Forget an attempt left before any answer: nothing to resume or count."""
        ...

    def next_review(self, learner: str) -> tuple[int, datetime] | None:
        """How many questions are due at the learner's next review, and when."""
        ...

    def persistent(self) -> bool:
        """Whether what is recorded outlives this run (False: kept in memory only)."""
        ...


class _MemoryRecorder:
    def __init__(self, history: MemoryHistory, learner: str) -> None:
        self.history = history
        self.learner = learner

    def started(self, attempt: Attempt) -> None:
        self.history._open[self.learner].append(attempt)

    def answered(self, attempt: Attempt, record: AnswerRecord) -> None:
        pass

    def flagged(self, attempt: Attempt, position: int, flagged: bool) -> None:
        pass  # the open attempt itself is kept, flags and all

    def drafted(self, attempt: Attempt, drafts: dict[str, Any]) -> None:
        pass  # as are its drafts

    def finished(self, attempt: Attempt, result: AttemptResult) -> None:
        self.history._finish(self.learner, attempt, result)


@dataclasses.dataclass(slots=True)
class MemoryHistory:
    """History kept in memory for this run only."""

    _attempts: dict[str, list[AttemptSummary]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )
    _answers: dict[str, list[tuple[str, str, tuple[str, ...], float]]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )
    _open: dict[str, list[Attempt]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    """Unfinished attempts per learner, oldest first: starting one leaves the others open."""
    _records: dict[str, list[Any]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    """Finished quiz attempts per learner as report records (`AttemptRecord`)."""
    _versions: dict[tuple[str, str], Any] = dataclasses.field(default_factory=dict)
    """The quiz versions those attempts were taken on (`QuizVersionRecord`)."""
    _languages: dict[str, str] = dataclasses.field(default_factory=dict)
    keeps: bool = True
    """False when standing in for a score store that could not be opened: nothing
    recorded here outlives the run (the app says so)."""

    def recorder(self, learner: str, lang: str) -> Recorder:
        self._languages.setdefault(self._known(learner) or learner, lang)
        return _MemoryRecorder(self, learner)

    def _known(self, learner: str) -> str | None:
        from quizapp.names import same_name

        return next((n for n in self._languages if same_name(n, learner)), None)

    def learners(self) -> dict[str, str]:
        return dict(self._languages)

    def language(self, learner: str) -> str | None:
        known = self._known(learner)
        return None if known is None else self._languages[known]

    def set_language(self, learner: str, lang: str) -> None:
        self._languages[self._known(learner) or learner] = lang

    def remove_learner(self, learner: str) -> Any:
        known = self._known(learner)
        if known is None:
            from quizapp.names import no_such_learner

            return no_such_learner(learner, list(self._languages))
        from quizapp.commands.learner import Removed

        del self._languages[known]
        finished = len(self._attempts.pop(known, []))
        self._answers.pop(known, None)
        self._open.pop(known, None)
        return Removed(known, None, finished)

    def discard(self, learner: str, attempt: Attempt) -> None:
        self._open[learner] = [a for a in self._open[learner] if a is not attempt]

    def next_review(self, learner: str) -> tuple[int, datetime] | None:
        # No scheduler here: what is due is due now (the earliest time there is).
        due = self.due(learner)
        return (len(due), datetime.min.replace(tzinfo=UTC)) if due else None

    def persistent(self) -> bool:
        return self.keeps

    def _finish(self, learner: str, attempt: Attempt, result: AttemptResult) -> None:
        self._open[learner] = [a for a in self._open[learner] if a is not attempt]
        self._attempts[learner].append(
            AttemptSummary(result.quiz_id, result.mode, result.fraction, result.finished_at)
        )
        self._keep_record(learner, attempt, result)
        for slot, question in zip(attempt.slots, result.questions, strict=True):
            self._answers[learner].append(
                (
                    question.question_quiz_id,
                    question.question_id,
                    tuple(slot.question.tags),
                    question.credit,
                )
            )

    def _keep_record(self, learner: str, attempt: Attempt, result: AttemptResult) -> None:
        """The attempt as the reports' records, as the store would give them to reports
        (reviews left out: they span quizzes)."""
        from quizapp.reports.records import (
            AnswerRecord,
            AttemptRecord,
            QuestionRecord,
            QuizVersionRecord,
        )

        started = attempt.started_record
        if attempt.quiz is None or result.quiz_id is None:
            return
        sha = started.quiz_sha256 or "0" * 64
        version = self._versions.get((result.quiz_id, sha))
        known = {q.key for q in version.questions} if version else set()
        questions = list(version.questions) if version else []
        for slot in attempt.slots:
            if slot.key not in known:
                questions.append(
                    QuestionRecord(
                        key=slot.key,
                        type=slot.question.type,
                        prompt=slot.question.prompt,
                        points=slot.question.points,
                        tags=list(slot.question.tags),
                    )
                )
        info = attempt.quiz.quiz
        self._versions[(result.quiz_id, sha)] = QuizVersionRecord(
            quiz_id=result.quiz_id,
            sha256=sha,
            title=info.title,
            languages=list(info.languages),
            pass_mark=info.pass_mark,
            grading=info.grading,
            questions=questions,
        )
        self._records[learner].append(
            AttemptRecord(
                id=result.attempt_id,
                learner=learner,
                quiz_id=result.quiz_id,
                quiz_sha256=sha,
                started_at=started.started_at,
                finished_at=result.finished_at,
                mode=result.mode,
                score=result.points,
                max_score=result.max_points,
                passed=result.passed,
                answers=[
                    AnswerRecord(
                        question_key=q.question_key,
                        response=q.response,
                        credit=q.credit,
                        points=q.points,
                        max_points=q.max_points,
                    )
                    for q in result.questions
                ],
            )
        )

    def figures(self, learner: str, lang: str, catalog: Any = None, modules: Any = None) -> Any:
        from quizapp.reports.build import learner_figures

        return learner_figures(self._records[learner], self._versions, lang)

    def attempts(self, learner: str, quiz_id: str | None = None) -> list[AttemptSummary]:
        return [a for a in self._attempts[learner] if quiz_id is None or a.quiz_id == quiz_id]

    def mastery(self, learner: str) -> dict[str, float]:
        by_tag: dict[str, list[float]] = defaultdict(list)
        for _quiz, _question, tags, credit in self._answers[learner]:
            for tag in tags:
                by_tag[tag].append(credit)
        return {tag: sum(v) / len(v) for tag, v in sorted(by_tag.items())}

    def weakest(self, learner: str, limit: int = 5) -> list[QuestionStat]:
        by_key: dict[tuple[str, str], list[float]] = defaultdict(list)
        for quiz_id, question_id, _tags, credit in self._answers[learner]:
            by_key[quiz_id, question_id].append(credit)
        stats = [
            QuestionStat(quiz_id, question_id, sum(v) / len(v), len(v))
            for (quiz_id, question_id), v in by_key.items()
        ]
        stats.sort(key=lambda s: (s.accuracy, s.quiz_id, s.question_id))
        return [s for s in stats if s.accuracy < 1][:limit]

    def due(self, learner: str) -> list[tuple[str, str]]:
        # No scheduler here: what was last missed is what is due.
        last: dict[tuple[str, str], float] = {}
        for quiz_id, question_id, _tags, credit in self._answers[learner]:
            last[quiz_id, question_id] = credit
        return [k for k, v in last.items() if v < 1 - 1e-9]

    def interrupted(self, learner: str, catalog: Any, clock: Any) -> list[Attempt]:
        return self._open[learner][::-1]

    def abandon(self, learner: str, attempt: Attempt) -> None:
        if not any(a is attempt for a in self._open[learner]):
            return
        self._open[learner] = [a for a in self._open[learner] if a is not attempt]
        # As the store does: the questions answered so far count, the attempt scores nothing.
        for slot, state in zip(attempt.slots, attempt.states, strict=True):
            if state.tries:
                self._answers[learner].append(
                    (slot.quiz_id, slot.question.id, tuple(slot.question.tags), state.credit)
                )


def best_and_last(attempts: list[AttemptSummary]) -> tuple[float | None, float | None]:
    """The best and the most recent score fraction of some attempts."""
    if not attempts:
        return None, None
    return max(a.fraction for a in attempts), attempts[-1].fraction
