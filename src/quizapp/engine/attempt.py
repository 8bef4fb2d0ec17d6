"""An attempt at a quiz: which questions, in what order, the answers, the modes, the result.

`start_attempt(catalog, quiz_id, mode=..., seed=...)` draws the questions from the quiz's
pool (`Catalog.pool`: its own questions and those it includes). Everything random comes
from one `random.Random(seed)`, used in a fixed order: each include's `draw`, then the
quiz's `draw`, then `shuffle_questions`, then each question's display order. So
(pool, seed, mode) fixes the attempt, and `resume_attempt` rebuilds it from its
`AttemptStarted` record and the answers recorded so far.

Modes:

- `practice`: feedback after each answer. A response short of full credit may be tried
  again, up to `MAX_TRIES` tries; each retry costs a third of the question
  (`RETRY_PENALTY`, as Moodle's interactive mode does): the question's credit is the
  best, over its tries, of the try's credit minus 1/3 for each earlier try. A learner
  may also move on instead of retrying.
- `exam`: no feedback until the end. Answers can be changed, questions skipped and
  flagged, then the attempt is submitted. The quiz's `time_limit` is enforced against
  the injected clock: an answer given after the deadline is refused, and the attempt is
  submitted with what it had (`TimeUp`).
- `review`: the given due items, across quizzes, in the order given; feedback after
  each answer, one try each (the spaced-review scheduler wants a first-try verdict).

Display orders: choices of `single`/`multiple` are shuffled when the quiz's
`shuffle_choices` and the question's `shuffle` allow; `ordering` items are always shown
out of order; `matching` right-hand items (with distractors) are always shuffled, left
items keep their order. Responses stay in the file's order whatever is shown.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from quizapp.engine.recording import (
    AnswerRecord,
    AttemptResult,
    AttemptStarted,
    FinishReason,
    Mode,
    NullRecorder,
    QuestionResult,
    Recorder,
)
from quizapp.engine.scoring import Grade, Unreadable, grade, says_nothing
from quizapp.i18n import Message, MessageError
from quizapp.loading.catalog import Catalog, PoolEntry
from quizapp.model.quiz import Quiz

MODES: tuple[Mode, ...] = ("practice", "exam", "review")
MAX_TRIES = 3
RETRY_PENALTY = 1 / 3

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class AttemptError(MessageError):
    """An attempt cannot be started or resumed; the message says why, in one sentence
    (`engine.*`, worded where it is shown: `quizapp.i18n.explain`)."""


class TimeUp(Exception):
    """Raised by `Attempt.answer` after the deadline; the attempt has been submitted."""

    def __init__(self, result: AttemptResult) -> None:
        super().__init__("the time limit has passed")
        self.result = result


@dataclass(frozen=True, slots=True)
class Slot:
    """One question as this attempt shows it."""

    position: int
    key: str
    quiz_id: str
    """The quiz the question is written in."""
    question: Any
    order: tuple[int, ...] = ()
    """Display order, as indexes in the file's order: of the choices (`single`,
    `multiple`), of the items (`ordering`), of the right-hand items then distractors
    (`matching`); empty for other types."""


@dataclass(slots=True)
class QuestionState:
    """What has happened to one question so far."""

    response: Any = None
    """The last readable response (file order), or None."""
    grade: Grade | None = None
    """The grade of that response, before the retry penalty."""
    credit: float = 0.0
    """The question's credit after the penalty rule of the mode."""
    tries: int = 0
    done: bool = False
    """No more tries open (practice, review); exam answers stay open until submission."""
    flagged: bool = False
    shown_at: datetime | None = None
    draft: Any = None
    """An answer typed (ticked, matched) but not yet given, or None: kept when the learner
    moves on or leaves, shown again on return, and given as the answer if time runs out."""


@dataclass(frozen=True, slots=True)
class Answered:
    """What `Attempt.answer` returns: the grade of this response and the record kept."""

    grade: Grade
    record: AnswerRecord
    retry_allowed: bool
    """Practice only: the credit is short of full and tries remain."""


@dataclass(slots=True)
class Attempt:
    """A learner's attempt; build it with `start_attempt`, `start_review` or `resume_attempt`."""

    started_record: AttemptStarted
    slots: list[Slot]
    quiz: Quiz | None
    """The quiz taken (None for a review)."""
    hashes: dict[str, str]
    clock: Clock = utc_now
    recorder: Recorder = field(default_factory=NullRecorder)
    states: list[QuestionState] = field(default_factory=list)
    result: AttemptResult | None = None
    extra_time: timedelta = timedelta(0)
    """Time added to an exam's limit (a trainer's extension in class mode)."""
    _seq: int = 0
    _last_event: datetime | None = None

    def __post_init__(self) -> None:
        if not self.states:
            self.states = [QuestionState() for _ in self.slots]

    # -- what the attempt is -------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.started_record.attempt_id

    @property
    def mode(self) -> Mode:
        return self.started_record.mode

    @property
    def seed(self) -> int:
        return self.started_record.seed

    @property
    def quiz_id(self) -> str | None:
        return self.started_record.quiz_id

    @property
    def finished(self) -> bool:
        return self.result is not None

    @property
    def deadline(self) -> datetime | None:
        """When an exam must be in; None without a time limit or outside exam mode."""
        limit = self.started_record.time_limit_seconds
        if self.mode != "exam" or limit is None:
            return None
        return self.started_record.started_at + timedelta(seconds=limit) + self.extra_time

    def remaining(self) -> timedelta | None:
        """Time left before the deadline (never negative), or None without one."""
        deadline = self.deadline
        if deadline is None:
            return None
        return max(deadline - self.clock(), timedelta(0))

    def overdue(self) -> bool:
        deadline = self.deadline
        return deadline is not None and self.clock() >= deadline

    def first_open(self) -> int | None:
        """The first question without an answer (exam) or with tries open (else)."""
        for i, state in enumerate(self.states):
            if state.response is None or (self.mode != "exam" and not state.done):
                return i
        return None

    def unanswered(self) -> list[int]:
        return [i for i, s in enumerate(self.states) if s.response is None]

    # -- what the learner does -------------------------------------------------------------

    def present(self, position: int) -> Slot:
        """The question at `position`, noted as shown now (answers are timed from here)."""
        self.states[position].shown_at = self.clock()
        return self.slots[position]

    def answer(self, position: int, response: Any) -> Answered | Unreadable:
        """Give a response (file order); record it; return its grade.

        Unreadable responses are not recorded and cost nothing. Raises `TimeUp` (after
        submitting) when an exam's time has run out, and `AttemptError` when the
        question takes no more answers.
        """
        self._check_open()
        if self.overdue():
            raise TimeUp(self.submit("time_up"))
        state = self.states[position]
        if state.done:
            raise AttemptError(Message("engine.no_more_answers"))
        slot = self.slots[position]
        outcome = grade(slot.question, response)
        if isinstance(outcome, Unreadable):
            return outcome
        now = self.clock()
        since = state.shown_at or self._last_event or self.started_record.started_at
        record = self._apply(position, response, outcome, now, (now - since).total_seconds())
        self.recorder.answered(self, record)
        if state.draft is not None:
            self.set_draft(position, None)  # given now: no longer a draft
        return Answered(outcome, record, self.retry_allowed(position))

    def set_draft(self, position: int, draft: Any) -> None:
        """Keep (or with None, drop) an answer typed but not given yet; the recorder
        hears of a change so that a resumed attempt shows it again."""
        if self.result is not None:
            return
        state = self.states[position]
        if state.draft != draft:
            state.draft = draft
            self.recorder.drafted(self, self.drafts())

    def drafts(self) -> dict[str, Any]:
        """Every draft, by question key."""
        return {
            slot.key: state.draft
            for slot, state in zip(self.slots, self.states, strict=True)
            if state.draft is not None
        }

    def retry_allowed(self, position: int) -> bool:
        state = self.states[position]
        return (
            self.mode == "practice"
            and not state.done
            and state.tries > 0
            and state.grade is not None
            and state.grade.credit < 1 - 1e-9
        )

    def move_on(self, position: int) -> None:
        """Practice: give up the remaining tries of an answered question."""
        if self.states[position].tries > 0:
            self.states[position].done = True

    def flag(self, position: int, flagged: bool = True) -> None:
        """Flag a question for review (or take the flag off); the recorder hears of it."""
        self._check_open()
        state = self.states[position]
        if state.flagged != flagged:
            state.flagged = flagged
            self.recorder.flagged(self, position, flagged)

    def submit(self, reason: FinishReason = "submitted") -> AttemptResult:
        """Finish the attempt with what it has; record and return the result.

        When time ran out, each draft that can be read is given as its question's
        answer first, as Moodle submits what is on the page."""
        if self.result is not None:
            return self.result
        if reason == "time_up":
            self._give_drafts()
        self.result = self._result(reason)
        self.recorder.finished(self, self.result)
        return self.result

    # -- rebuilding ------------------------------------------------------------------------

    def replay(self, record: AnswerRecord) -> None:
        """Apply a recorded answer again without recording it (to resume an attempt)."""
        slot = self.slots[record.position]
        if slot.key != record.question_key:
            raise AttemptError(
                Message(
                    "engine.answer_elsewhere",
                    seq=record.seq,
                    key=repr(record.question_key),
                    position=record.position + 1,
                    there=repr(slot.key),
                )
            )
        outcome = grade(slot.question, record.response)
        if isinstance(outcome, Unreadable):
            raise AttemptError(Message("engine.answer_unfit", key=repr(slot.key)))
        self._apply(
            record.position, record.response, outcome, record.answered_at, record.elapsed_seconds
        )
        self.states[record.position].flagged = record.flagged

    # -- inside ------------------------------------------------------------------------------

    def _give_drafts(self) -> None:
        now = self.clock()
        for position, state in enumerate(self.states):
            draft, state.draft = state.draft, None
            if draft is None or state.done or says_nothing(self.slots[position].question, draft):
                continue
            outcome = grade(self.slots[position].question, draft)
            if isinstance(outcome, Unreadable):
                continue  # an unreadable number stays a draft no one grades
            since = state.shown_at or self._last_event or self.started_record.started_at
            record = self._apply(position, draft, outcome, now, (now - since).total_seconds())
            self.recorder.answered(self, record)

    def _check_open(self) -> None:
        if self.result is not None:
            raise AttemptError(Message("engine.submitted"))

    def _apply(
        self, position: int, response: Any, outcome: Grade, now: datetime, elapsed: float
    ) -> AnswerRecord:
        slot, state = self.slots[position], self.states[position]
        state.tries += 1
        state.response = response
        state.grade = outcome
        if self.mode == "practice":
            penalised = max(0.0, outcome.credit - RETRY_PENALTY * (state.tries - 1))
            state.credit = max(state.credit, round(penalised, 9))
            state.done = outcome.credit >= 1 - 1e-9 or state.tries >= MAX_TRIES
        elif self.mode == "review":
            state.credit = outcome.credit
            state.done = True
        else:
            state.credit = outcome.credit
        self._seq += 1
        self._last_event = now
        question = slot.question
        return AnswerRecord(
            attempt_id=self.id,
            seq=self._seq,
            position=position,
            question_key=slot.key,
            question_quiz_id=slot.quiz_id,
            question_quiz_sha256=self.hashes.get(slot.quiz_id),
            question_id=question.id,
            question_type=question.type,
            response=response,
            raw_credit=outcome.credit,
            credit=state.credit,
            points=state.credit * question.points,
            max_points=question.points,
            tries=state.tries,
            final=state.done,
            flagged=state.flagged,
            elapsed_seconds=max(0.0, elapsed),
            answered_at=now,
        )

    def _result(self, reason: FinishReason) -> AttemptResult:
        questions: list[QuestionResult] = []
        for slot, state in zip(self.slots, self.states, strict=True):
            question = slot.question
            shown = state.grade or grade(question, None)
            assert isinstance(shown, Grade)
            status = shown.status
            if status == "correct" and state.credit < 1 - 1e-9:
                status = "partial"  # right in the end, after retries
            questions.append(
                QuestionResult(
                    position=slot.position,
                    question_key=slot.key,
                    question_quiz_id=slot.quiz_id,
                    question_id=question.id,
                    question_type=question.type,
                    response=state.response,
                    right_answer=shown.right_answer,
                    credit=state.credit,
                    points=state.credit * question.points,
                    max_points=question.points,
                    tries=state.tries,
                    status=status,
                    flagged=state.flagged,
                    feedback=list(shown.feedback),
                    explanation=shown.explanation,
                )
            )
        points = sum(q.points for q in questions)
        max_points = sum(q.max_points for q in questions)
        fraction = points / max_points if max_points else 0.0
        quiz = self.quiz
        pass_mark = quiz.quiz.pass_mark if quiz is not None else None
        return AttemptResult(
            attempt_id=self.id,
            learner=self.started_record.learner,
            quiz_id=self.quiz_id,
            mode=self.mode,
            points=points,
            max_points=max_points,
            fraction=fraction,
            pass_mark=pass_mark,
            passed=None if pass_mark is None else fraction + 1e-9 >= pass_mark,
            feedback=quiz.grade_feedback(fraction) if quiz is not None else None,
            reason=reason,
            finished_at=self.clock(),
            questions=questions,
        )


# -- building attempts ----------------------------------------------------------------------


def draw_questions(catalog: Catalog, quiz_id: str, rng: random.Random) -> list[PoolEntry]:
    """The pool entries this attempt asks, in the order asked."""
    quiz = catalog.quizzes[quiz_id]
    pool = catalog.pool(quiz_id)
    position = {id(e): i for i, e in enumerate(pool)}
    taken: set[int] = set()
    own = [e for e in pool if e.quiz_id == quiz_id and "/" not in e.key]
    taken.update(id(e) for e in own)
    chosen = list(own)
    for inc in quiz.quiz.include:
        group = [
            e
            for e in pool
            if id(e) not in taken
            and e.quiz_id == inc.quiz
            and (not inc.tags or set(inc.tags) & set(e.question.tags))
        ]
        taken.update(id(e) for e in group)
        if inc.draw is not None and inc.draw < len(group):
            group = rng.sample(group, inc.draw)
        chosen.extend(group)
    if quiz.quiz.draw is not None and quiz.quiz.draw < len(chosen):
        chosen = rng.sample(chosen, quiz.quiz.draw)
    chosen.sort(key=lambda e: position[id(e)])  # draws keep the file's order...
    if quiz.quiz.shuffle_questions:
        rng.shuffle(chosen)  # ...unless the quiz asks for a shuffle
    return chosen


def display_order(question: Any, shuffle_choices: bool, rng: random.Random) -> tuple[int, ...]:
    """How a question's parts are shown (see `Slot.order`)."""
    kind = question.type
    if kind in ("single", "multiple"):
        order = list(range(len(question.choices)))
        if shuffle_choices and question.shuffle:
            rng.shuffle(order)
        return tuple(order)
    if kind == "ordering":
        n = len(question.items)
        order = list(range(n))
        rng.shuffle(order)
        if order == sorted(order):
            order = order[1:] + order[:1]  # never show the answer as the question
        return tuple(order)
    if kind == "matching":
        order = list(range(len(question.pairs) + len(question.distractors)))
        rng.shuffle(order)
        return tuple(order)
    return ()


def _slots(
    entries: Sequence[PoolEntry], shuffle_for: Callable[[PoolEntry], bool], rng: random.Random
) -> list[Slot]:
    return [
        Slot(i, e.key, e.quiz_id, e.question, display_order(e.question, shuffle_for(e), rng))
        for i, e in enumerate(entries)
    ]


def _check_mode(mode: str) -> Mode:
    if mode not in MODES:
        raise AttemptError(Message("engine.unknown_mode", mode=repr(mode), modes=", ".join(MODES)))
    return mode


def start_attempt(
    catalog: Catalog,
    quiz_id: str,
    *,
    mode: str = "practice",
    seed: int | None = None,
    learner: str = "",
    recorder: Recorder | None = None,
    clock: Clock = utc_now,
    attempt_id: str | None = None,
) -> Attempt:
    """Start an attempt at `quiz_id` (not review: see `start_review`); calls `started`."""
    mode = _check_mode(mode)
    if mode == "review":
        raise AttemptError(Message("engine.review_mode"))
    quiz = catalog.get(quiz_id)
    if quiz is None:
        raise AttemptError(Message("engine.no_quiz", quiz=quiz_id))
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    rng = random.Random(seed)
    entries = draw_questions(catalog, quiz_id, rng)
    if not entries:
        raise AttemptError(Message("engine.no_questions", quiz=quiz_id))
    slots = _slots(entries, lambda e: quiz.quiz.shuffle_choices, rng)
    started = AttemptStarted(
        attempt_id=attempt_id or uuid.uuid4().hex,
        learner=learner,
        quiz_id=quiz_id,
        quiz_sha256=catalog.hashes.get(quiz_id),
        mode=mode,
        seed=seed,
        question_keys=[s.key for s in slots],
        question_quiz_ids=[s.quiz_id for s in slots],
        time_limit_seconds=quiz.quiz.time_limit,
        started_at=clock(),
    )
    return _begin(Attempt(started, slots, quiz, dict(catalog.hashes), clock), recorder)


def start_review(
    catalog: Catalog,
    due: Sequence[tuple[str, str]],
    *,
    seed: int | None = None,
    learner: str = "",
    recorder: Recorder | None = None,
    clock: Clock = utc_now,
    attempt_id: str | None = None,
) -> Attempt:
    """A review attempt on `due` (quiz id, question id) pairs, in the order given.

    Items whose quiz or question no longer exists are left out; with none left, this
    raises `AttemptError`.
    """
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    items = [(q, k) for q, k in due]
    entries = _review_entries(catalog, items)
    if not entries:
        raise AttemptError(Message("engine.nothing_due"))
    rng = random.Random(seed)
    slots = _slots(entries, lambda e: catalog.quizzes[e.quiz_id].quiz.shuffle_choices, rng)
    started = AttemptStarted(
        attempt_id=attempt_id or uuid.uuid4().hex,
        learner=learner,
        quiz_id=None,
        quiz_sha256=None,
        mode="review",
        seed=seed,
        question_keys=[s.key for s in slots],
        question_quiz_ids=[s.quiz_id for s in slots],
        review_items=items,
        started_at=clock(),
    )
    return _begin(Attempt(started, slots, None, dict(catalog.hashes), clock), recorder)


def _review_entries(catalog: Catalog, items: Sequence[tuple[str, str]]) -> list[PoolEntry]:
    entries: list[PoolEntry] = []
    seen: set[str] = set()
    for quiz_id, question_id in items:
        quiz = catalog.get(quiz_id)
        question = quiz.question(question_id) if quiz is not None else None
        key = f"{quiz_id}/{question_id}"
        if question is None or key in seen:
            continue
        seen.add(key)
        entries.append(PoolEntry(key, quiz_id, question))
    return entries


def _begin(attempt: Attempt, recorder: Recorder | None) -> Attempt:
    attempt.recorder = recorder if recorder is not None else NullRecorder()
    attempt.recorder.started(attempt)
    return attempt


def resume_attempt(
    catalog: Catalog,
    started: AttemptStarted,
    answers: Sequence[AnswerRecord],
    *,
    recorder: Recorder | None = None,
    clock: Clock = utc_now,
    flagged: Collection[str] | None = None,
    drafts: Mapping[str, Any] | None = None,
) -> Attempt:
    """Rebuild an attempt from its records: same questions, same order, same answers.

    `flagged` holds the keys of the questions flagged when it stopped; None (a store
    that kept no flags) leaves the flags the answer records carried. Raises
    `AttemptError` when the quiz has changed so that the attempt cannot be rebuilt as
    it was. `drafts` are the answers typed but not given, by question key. Does not
    call `started` again.
    """
    if started.mode == "review":
        items = [(q, k) for q, k in started.review_items or []]
        entries = _review_entries(catalog, items)
        rng = random.Random(started.seed)
        slots = _slots(entries, lambda e: catalog.quizzes[e.quiz_id].quiz.shuffle_choices, rng)
        quiz = None
    else:
        quiz_id = started.quiz_id or ""
        quiz = catalog.get(quiz_id)
        if quiz is None:
            raise AttemptError(Message("engine.no_quiz", quiz=quiz_id))
        if started.quiz_sha256 and catalog.hashes.get(quiz_id) != started.quiz_sha256:
            raise AttemptError(Message("engine.quiz_changed", quiz=quiz_id))
        rng = random.Random(started.seed)
        entries = draw_questions(catalog, quiz_id, rng)
        slots = _slots(entries, lambda e: quiz.quiz.shuffle_choices, rng)
    if [s.key for s in slots] != started.question_keys:
        raise AttemptError(Message("engine.questions_changed"))
    attempt = Attempt(started, slots, quiz, dict(catalog.hashes), clock)
    attempt.recorder = recorder if recorder is not None else NullRecorder()
    for record in sorted(answers, key=lambda r: r.seq):
        attempt.replay(record)
        attempt._seq = record.seq
    if flagged is not None:
        for slot, state in zip(attempt.slots, attempt.states, strict=True):
            state.flagged = slot.key in flagged
    for slot, state in zip(attempt.slots, attempt.states, strict=True):
        state.draft = (drafts or {}).get(slot.key)
    return attempt
