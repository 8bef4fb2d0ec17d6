"""`History` on the SQLite score store: attempts recorded by the store's recorder,
questions answered from its history queries and its review scheduler.

Every method may touch the database: screens call them from thread workers.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from quizapp.engine import Attempt, AttemptError, Recorder
from quizapp.store import Learner, Store
from quizapp.store.recorder import StoreRecorder
from quizapp.tui.history import AttemptSummary, QuestionStat


class StoreHistory:
    """A learner's past, as the score store keeps it."""

    def __init__(self, store: Store, data_dir: Path | None = None) -> None:
        self.store = store
        self.data_dir = data_dir
        """The data folder, where a removed learner's results are kept."""
        self._learners: dict[str, Learner] = {}

    def _learner(self, name: str, lang: str = "en") -> Learner:
        learner = self._learners.get(name)
        if learner is None:
            learner = self._learners[name] = self.store.learner(name, lang)
        return learner

    def recorder(self, learner: str, lang: str) -> Recorder:
        from quizapp.locations import kept_quizzes_dir
        from quizapp.reports.kept import keeper

        # The learner's language is theirs to change (first run, F2), not a quiz's.
        # The quiz version is kept for reports: a quiz taken by path is in no catalog later.
        keep = keeper(kept_quizzes_dir(self.store.path.parent))
        return StoreRecorder(self.store, self._learner(learner, lang), keep)

    def language(self, learner: str) -> str | None:
        found = self.store.find_learner(learner)
        return None if found is None else found.language

    def set_language(self, learner: str, lang: str) -> None:
        found = self._learner(learner, lang)
        if found.language != lang:
            self._learners[learner] = self.store.set_language(found.id, lang)

    def remove_learner(self, learner: str) -> Any:
        from quizapp.commands.learner import remove_learner
        from quizapp.locations import data_dir

        removed = remove_learner(self.data_dir or data_dir(), learner, self.store)
        self._learners.clear()
        return removed

    def discard(self, learner: str, attempt: Attempt) -> None:
        stored = self.store.attempt_by_uid(attempt.id)
        if stored is not None:
            self.store.discard_attempt(stored.id)

    def next_review(self, learner: str) -> tuple[int, datetime] | None:
        return self.store.next_review(self._learner(learner).id)

    def attempts(self, learner: str, quiz_id: str | None = None) -> list[AttemptSummary]:
        history = self.store.score_history(self._learner(learner).id, quiz_id)
        return [
            AttemptSummary(point.quiz_id, "", point.fraction, point.finished_at)
            for point in history.points()
        ]

    def figures(self, learner: str, lang: str, catalog: Any = None, modules: Any = None) -> Any:
        # The learner report's own reading of the store: the screen and the report agree.
        from quizapp.reports.build import learner_figures
        from quizapp.reports.service import ReportError, learner_progress

        try:
            return learner_progress(self.store.path, learner, lang, catalog, modules)
        except ReportError:
            return learner_figures([], {}, lang)

    def mastery(self, learner: str) -> dict[str, float]:
        rows = self.store.tag_accuracy(self._learner(learner).id)
        return {row.tag: row.mean_credit for row in sorted(rows, key=lambda r: r.tag)}

    def weakest(self, learner: str, limit: int = 5) -> list[QuestionStat]:
        rows = self.store.weakest_questions(self._learner(learner).id, limit=limit)
        return [
            QuestionStat(row.quiz_id, row.question_id, row.mean_credit, row.answered)
            for row in rows
            if row.mean_credit < 1 - 1e-9
        ]

    def due(self, learner: str) -> list[tuple[str, str]]:
        cards = self.store.due_cards(self._learner(learner).id)
        return [(card.quiz_id, card.question_id) for card in cards]

    def learners(self) -> dict[str, str]:
        return {learner.name: learner.language for learner in self.store.learners()}

    def persistent(self) -> bool:
        return True

    def interrupted(self, learner: str, catalog: Any, clock: Any) -> list[Attempt]:
        # Every one: starting a quiz leaves the learner's other unfinished attempts open
        # in the store, so each is offered rather than only the newest.
        found = self._learner(learner)
        recorder = StoreRecorder(self.store, found)
        attempts = []
        for stored in self.store.interrupted(found.id):
            if stored.started_record is None:
                continue
            try:
                attempts.append(recorder.resume(catalog, stored, clock))
            except AttemptError:
                # The quiz changed since: this attempt cannot come back as it was.
                continue
        return attempts

    def abandon(self, learner: str, attempt: Attempt) -> None:
        stored = self.store.attempt_by_uid(attempt.id)
        if stored is not None:
            # The store rates the answers' review cards and keeps them; no score.
            self.store.abandon(stored.id)
