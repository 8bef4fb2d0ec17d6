"""`History` on the SQLite score store: attempts recorded by the store's recorder,
questions answered from its history queries and its review scheduler.

Every method may touch the database: screens call them from thread workers. A store
error (damage found, an attempt taken over by another quizapp, a full disk) never
reaches a screen as an exception: it goes to `on_error` (the app tells the learner and
offers to move a damaged file aside), and the method answers as if nothing was stored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from quizapp.engine import Attempt, AttemptError, Recorder
from quizapp.i18n import Said
from quizapp.store import Learner, Store, StoreError
from quizapp.store.recorder import StoreRecorder
from quizapp.tui.history import AttemptSummary, QuestionStat

T = TypeVar("T")


def _guarded(empty: Callable[[], Any]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A `StoreHistory` method whose store errors go to `on_error`, answering `empty()`."""

    def wrap(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)
        def guarded(self: Any, *args: Any, **kwargs: Any) -> T:
            try:
                return method(self, *args, **kwargs)
            except StoreError as exc:
                self.on_error(exc)
                return empty()  # type: ignore[no-any-return]  # the method's own empty answer (None, [], {})

        return guarded

    return wrap


class _GuardedRecorder(StoreRecorder):
    """Records as `StoreRecorder` does; a refused write (damage, a lost lease) is told
    to the learner through `on_error` instead of stopping the quiz screen."""

    def __init__(
        self,
        store: Store,
        learner: Learner,
        on_error: Callable[[Exception], None],
        keep: Callable[[Attempt], None] | None = None,
    ) -> None:
        super().__init__(store, learner, keep)
        self.on_error = on_error

    def started(self, attempt: Attempt) -> None:
        self._call(super().started, attempt)

    def answered(self, attempt: Attempt, record: Any) -> None:
        self._call(super().answered, attempt, record)

    def flagged(self, attempt: Attempt, position: int, flagged: bool) -> None:
        self._call(super().flagged, attempt, position, flagged)

    def drafted(self, attempt: Attempt, drafts: dict[str, Any]) -> None:
        # Saved from a timer too: unguarded, damage found meanwhile crashed the screen.
        self._call(super().drafted, attempt, drafts)

    def finished(self, attempt: Attempt, result: Any) -> None:
        self._call(super().finished, attempt, result)

    def _call(self, method: Callable[..., None], *args: Any) -> None:
        try:
            method(*args)
        except (StoreError, KeyError) as exc:
            # KeyError: the attempt's start was never stored (refused before).
            self.on_error(
                exc if isinstance(exc, StoreError) else StoreError(self.store.path, str(exc))
            )


class StoreHistory:
    """A learner's past, as the score store keeps it."""

    def __init__(
        self,
        store: Store,
        data_dir: Path | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self.store = store
        self.data_dir = data_dir
        """The data folder, where a removed learner's results are kept."""
        self._learners: dict[str, Learner] = {}
        self.on_error: Callable[[Exception], None] = on_error or _raise

    def _learner(self, name: str, lang: str = "en") -> Learner:
        learner = self._learners.get(name)
        if learner is None:
            learner = self._learners[name] = self.store.learner(name, lang)
        return learner

    def _data_folder(self) -> Path:
        """Where this store's quiz versions are kept: beside an SQLite file (a class's
        own folder, in class mode); for a server's database, the data folder."""
        if self.store.backend == "sqlite":
            return Path(self.store.path).parent
        from quizapp.locations import data_dir

        return self.data_dir or data_dir()

    def recorder(self, learner: str, lang: str) -> Recorder:
        from quizapp.locations import kept_quizzes_dir
        from quizapp.reports.kept import keeper

        # The learner's language is theirs to change (first run, F2), not a quiz's.
        # The quiz version is kept for reports: a quiz taken by path is in no catalog later.
        keep = keeper(kept_quizzes_dir(self._data_folder()))
        try:
            found = self._learner(learner, lang)
        except StoreError as exc:
            self.on_error(exc)
            from quizapp.engine import NullRecorder

            return NullRecorder()
        return _GuardedRecorder(self.store, found, self.on_error, keep)

    @_guarded(lambda: None)
    def language(self, learner: str) -> str | None:
        found = self.store.find_learner(learner)
        return None if found is None else found.language

    @_guarded(lambda: None)
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

    @_guarded(lambda: None)
    def discard(self, learner: str, attempt: Attempt) -> None:
        stored = self.store.attempt_by_uid(attempt.id)
        if stored is not None:
            self.store.discard_attempt(stored.id)

    @_guarded(lambda: None)
    def next_review(self, learner: str) -> tuple[int, datetime] | None:
        return self.store.next_review(self._learner(learner).id)

    @_guarded(list)
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
            # A PostgreSQL store's `path` is its URL without the password; `url` opens it.
            where = getattr(self.store, "url", self.store.path)
            return learner_progress(where, learner, lang, catalog, modules)
        except ReportError:
            return learner_figures([], {}, lang)

    @_guarded(dict)
    def mastery(self, learner: str) -> dict[str, float]:
        rows = self.store.tag_accuracy(self._learner(learner).id)
        return {row.tag: row.mean_credit for row in sorted(rows, key=lambda r: r.tag)}

    @_guarded(list)
    def weakest(self, learner: str, limit: int = 5) -> list[QuestionStat]:
        rows = self.store.weakest_questions(self._learner(learner).id, limit=limit)
        return [
            QuestionStat(row.quiz_id, row.question_id, row.mean_credit, row.answered)
            for row in rows
            if row.mean_credit < 1 - 1e-9
        ]

    @_guarded(list)
    def due(self, learner: str) -> list[tuple[str, str]]:
        cards = self.store.due_cards(self._learner(learner).id)
        return [(card.quiz_id, card.question_id) for card in cards]

    @_guarded(dict)
    def learners(self) -> dict[str, str]:
        return {learner.name: learner.language for learner in self.store.learners()}

    def persistent(self) -> bool:
        return True

    @_guarded(list)
    def interrupted(self, learner: str, catalog: Any, clock: Any) -> list[Attempt]:
        # Every one: starting a quiz leaves the learner's other unfinished attempts open
        # in the store, so each is offered rather than only the newest.
        found = self._learner(learner)
        recorder = _GuardedRecorder(self.store, found, self.on_error)
        attempts = []
        for stored in self.store.interrupted(found.id):
            if stored.started_record is None:
                continue
            try:
                # Only listed here: the lease is taken when the learner carries on.
                attempts.append(recorder.resume(catalog, stored, clock, lease=False))
            except AttemptError:
                # The quiz changed since: this attempt cannot come back as it was.
                continue
            except StoreError as exc:  # one unreadable attempt: named, the rest offered
                self.on_error(exc)
                continue
        return attempts

    def claim(self, attempt: Attempt) -> str | None:
        """Take the attempt's lease before it is shown: None, or why not (it is open in
        another quizapp). Other store errors go to `on_error` and leave it to the first
        answer."""
        from quizapp.store.errors import LeaseHeld

        try:
            stored = self.store.attempt_by_uid(attempt.id)
            if stored is not None:
                self.store.take_lease(stored.id)
        except LeaseHeld as exc:
            return Said(exc.message) if exc.message else str(exc)  # worded where shown
        except StoreError as exc:
            self.on_error(exc)
        return None

    @_guarded(lambda: None)
    def abandon(self, learner: str, attempt: Attempt) -> None:
        stored = self.store.attempt_by_uid(attempt.id)
        if stored is not None:
            # The store rates the answers' review cards and keeps them; no score.
            self.store.abandon(stored.id)


def _raise(exc: Exception) -> None:
    raise exc
