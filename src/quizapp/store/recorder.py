"""The score store as the engine's `Recorder`: every event of an attempt, stored as it
happens, and interrupted attempts rebuilt from what was stored.

- `started`: the quiz version (id, file hash, title, each question's tags) and the
  attempt with the engine's start record, committed before the first question is shown.
- `answered`: each answer record committed durably before the front end moves on. Its
  review card is rated when the verdict is final (`record.final`: practice and review);
  exam answers, and practice questions left with tries open, are rated at the end.
- `flagged`: the attempt's flagged questions, rewritten whole and committed at each change.
- `finished`: the score, the pass, and submitted or timed out; questions left unanswered
  rate their cards as not known (unless input simply ended: plain mode's Ctrl+D).
"""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from quizapp.store.records import Attempt as StoredAttempt
from quizapp.store.records import Learner
from quizapp.store.store import (
    ANSWER_LOG_FIELDS,
    REVIEW_QUIZ_ID,
    SAME_SHA256,
    EncodedJson,
    Store,
)

if TYPE_CHECKING:
    from quizapp.engine.attempt import Attempt, Clock
    from quizapp.engine.recording import AnswerRecord, AttemptResult
    from quizapp.loading import Catalog

REVIEW_VERSION = "-"
"""The content hash given to the review pseudo-quiz: its questions come from many files."""

_LOG_TUPLE: Any = None
"""pydantic's serializer of the compact answer record (made at the first answer)."""
_LOG_VALUES = operator.attrgetter(*ANSWER_LOG_FIELDS)
_SHA_AT = ANSWER_LOG_FIELDS.index("question_quiz_sha256")


def compact_record(record: AnswerRecord, sha256: str | None) -> EncodedJson:
    """The engine's answer record as the answer log keeps it (`ANSWER_LOG_FIELDS`): its
    values serialized by pydantic as `model_dump_json` would, in a JSON array, with the
    question's file hash as `SAME_SHA256` when it is `sha256` (the attempt's quiz
    version's)."""
    global _LOG_TUPLE
    if _LOG_TUPLE is None:
        from pydantic import TypeAdapter

        # Its serializer itself: `dump_json` passes each of its default options on.
        _LOG_TUPLE = TypeAdapter(tuple[Any, ...]).serializer
    values = _LOG_VALUES(record)
    if sha256 is not None and values[_SHA_AT] == sha256:
        values = (*values[:_SHA_AT], SAME_SHA256, *values[_SHA_AT + 1 :])
    return EncodedJson(_LOG_TUPLE.to_json(values).decode())


class StoreRecorder:
    """Records one learner's attempts into a `Store`."""

    def __init__(
        self, store: Store, learner: Learner, keep: Callable[[Attempt], None] | None = None
    ) -> None:
        self.store = store
        self.learner = learner
        self._ids: dict[str, int] = {}
        self._shas: dict[str, str] = {}
        """Each attempt's quiz version's file hash, as stored."""
        self.keep = keep
        """Called with each attempt started, to keep what reports need of its quiz version
        (`quizapp.reports.kept.keeper`); best effort, never in the way of the quiz."""

    def _stored_id(self, attempt: Attempt) -> int:
        stored = self._ids.get(attempt.id)
        if stored is None:
            row = self.store.attempt_by_uid(attempt.id)
            if row is None:
                raise KeyError(f"attempt {attempt.id} was never started in the store")
            stored = self._ids[attempt.id] = row.id
            self._shas[attempt.id] = row.sha256
        return stored

    # -- Recorder ----------------------------------------------------------------------

    def started(self, attempt: Attempt) -> None:
        from quizapp.model.text import localize

        record = attempt.started_record
        if attempt.quiz is not None and record.quiz_id is not None:
            quiz_id = record.quiz_id
            sha = record.quiz_sha256 or ""
            quiz = attempt.quiz
            title = localize(quiz.quiz.title, quiz.languages[0])
        else:
            quiz_id, sha, title = REVIEW_QUIZ_ID, REVIEW_VERSION, "Review"
        tags = {slot.key: list(slot.question.tags) for slot in attempt.slots}
        version = self.store.quiz_version(quiz_id, sha, title, tags)
        stored = self.store.start_attempt(
            self.learner.id,
            version.id,
            record.mode,
            record.seed,
            record.question_keys,
            uid=record.attempt_id,
            started_record=EncodedJson(record.model_dump_json()),
            started_at=record.started_at,
        )
        self._ids[attempt.id] = stored.id
        self._shas[attempt.id] = version.sha256
        if self.keep is not None and attempt.quiz is not None:
            # Failing, a report would show question keys instead of prompts; no more.
            with contextlib.suppress(OSError, ValueError):
                self.keep(attempt)

    def answered(self, attempt: Attempt, record: AnswerRecord) -> None:
        stored = self._stored_id(attempt)
        if record.attempt_id == attempt.id:  # the stored attempt's uid: left out
            logged = compact_record(record, self._shas.get(attempt.id))
        else:
            logged = EncodedJson(record.model_dump_json())
        self.store.save_answer(
            stored,
            record.question_key,
            record.response,
            credit=record.credit,
            points=record.points,
            tries=record.tries,
            time_taken=timedelta(seconds=record.elapsed_seconds),
            review=record.final,
            record=logged,
            answered_at=record.answered_at,
            seq=record.seq,  # the answer's key: sent again, it is not recorded twice
        )

    def flagged(self, attempt: Attempt, position: int, flagged: bool) -> None:
        keys = [s.key for s, st in zip(attempt.slots, attempt.states, strict=True) if st.flagged]
        self.store.set_flagged(self._stored_id(attempt), keys)

    def drafted(self, attempt: Attempt, drafts: dict[str, Any]) -> None:
        self.store.set_drafts(self._stored_id(attempt), drafts)

    def finished(self, attempt: Attempt, result: AttemptResult) -> None:
        self.store.finish_attempt(
            self._stored_id(attempt),
            status="timed_out" if result.reason == "time_up" else "submitted",
            score=result.points,
            max_score=result.max_points,
            passed=result.passed,
            # Ended by the end of input (plain mode), the rest was never seen: unrated.
            rate_unanswered=result.reason != "end_of_input",
        )

    # -- resuming ----------------------------------------------------------------------

    def interrupted(self, quiz_id: str | None) -> list[StoredAttempt]:
        """The learner's unfinished attempts at `quiz_id` (None: review), newest first,
        that the engine can rebuild (recorded with its start record)."""
        found = self.store.interrupted(self.learner.id, quiz_id or REVIEW_QUIZ_ID)
        return [a for a in found if a.started_record is not None]

    def resume(
        self,
        catalog: Catalog,
        stored: StoredAttempt,
        clock: Clock | None = None,
        *,
        lease: bool = True,
    ) -> Attempt:
        """Rebuild `stored` with the engine (same seed, same questions, same order, every
        answer replayed) and carry on recording into it. Raises the engine's
        `AttemptError` when the quiz changed so that it cannot be rebuilt, or its records
        contradict each other; `LeaseHeld` when another live quizapp is taking it. With
        `lease=False` (only listing what could be resumed) the lease is taken at the
        first answer instead."""
        from pydantic import ValidationError

        from quizapp.engine.attempt import AttemptError, resume_attempt, utc_now
        from quizapp.engine.recording import AnswerRecord, AttemptStarted
        from quizapp.i18n import Message

        resumption = self.store.resumption(stored.id)
        try:
            started = AttemptStarted.model_validate(resumption.attempt.started_record)
            answers = [AnswerRecord.model_validate(r) for r in resumption.records]
        except ValidationError as exc:
            raise AttemptError(
                Message("store.attempt_unreadable", why=exc.errors()[0]["msg"])
            ) from None
        # The order column and the start record must agree (a hand-edited file may not).
        if tuple(started.question_keys) != resumption.attempt.question_order:
            raise AttemptError(Message("store.attempt_order"))
        if lease:
            self.store.take_lease(stored.id)
        attempt = resume_attempt(
            catalog,
            started,
            answers,
            recorder=self,
            clock=clock or utc_now,
            flagged=resumption.attempt.flagged,
            drafts=resumption.drafts,
        )
        self._ids[attempt.id] = stored.id
        self._shas[attempt.id] = stored.sha256
        return attempt
