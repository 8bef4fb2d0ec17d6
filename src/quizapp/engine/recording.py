"""What an attempt tells the score store, and when: the `Recorder` protocol and its records.

An `Attempt` (quizapp.engine.attempt) is given a `Recorder` when it starts and calls it
itself, so every front end (plain, TUI) records the same way without saying so:

- `started(attempt)`: once, when the attempt is built; `attempt.started_record` is its
  `AttemptStarted`. Not called again when an attempt is resumed.
- `answered(attempt, record)`: the moment a readable answer is given, before the front
  end shows feedback or moves on, with an `AnswerRecord`. Every try and every changed
  answer is one record; the last record of a question wins. A crash right after an
  answer therefore loses nothing.
- `flagged(attempt, position, flagged)`: the moment the learner flags a question for
  review or takes the flag off, so a resumed exam shows the same flags.
- `drafted(attempt, drafts)`: when an answer typed but not given yet changes (the
  learner moves on or leaves with text in the box); `drafts` holds every draft of the
  attempt by question key, so a resumed attempt shows them again.
- `finished(attempt, result)`: once, when the attempt is submitted (by the learner, at
  the end of input, or because time ran out), with an `AttemptResult`.

A recorder must not raise for ordinary reasons; an attempt does not catch its errors.

Records are plain pydantic models whose fields are JSON data (`model_dump(mode="json")`);
timestamps are timezone-aware UTC. Responses are in the form of `quizapp.model.response`
(indexes in the quiz file's order). To resume after a crash, give
`quizapp.engine.attempt.resume_attempt` the `AttemptStarted` record and the attempt's
`AnswerRecord`s in order (and the keys of the questions flagged): the same questions come
back in the same order, with the answers and flags so far, at the first unanswered question.

Keys: `question_key` is unique within the attempt: a question's id, or
`other-quiz/id` for a question included from another quiz (a review attempt always uses
`quiz/id`). For scheduling reviews, a question is identified across attempts by
(`question_quiz_id`, `question_id`), the quiz it is written in and its id there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import AwareDatetime, BaseModel, ConfigDict

if TYPE_CHECKING:
    from quizapp.engine.attempt import Attempt

Mode = Literal["practice", "exam", "review"]
FinishReason = Literal["submitted", "time_up", "end_of_input"]

_RECORD = ConfigDict(extra="forbid", frozen=True)


class AttemptStarted(BaseModel):
    """An attempt as it started: enough, with its answers, to rebuild it exactly."""

    model_config = _RECORD

    attempt_id: str
    learner: str
    quiz_id: str | None
    """The quiz taken; None for a review attempt, which spans quizzes."""
    quiz_sha256: str | None
    """The hash of the quiz file (`Catalog.hashes`); None for a review attempt."""
    mode: Mode
    seed: int
    question_keys: list[str]
    """The questions asked, in the order asked."""
    question_quiz_ids: list[str]
    """For each question, the quiz it is written in."""
    review_items: list[tuple[str, str]] | None = None
    """For a review attempt: the (quiz id, question id) pairs that were due, as given."""
    time_limit_seconds: int | None = None
    """Enforced in exam mode only."""
    started_at: AwareDatetime


class AnswerRecord(BaseModel):
    """One answer (or try, or change of answer) to one question."""

    model_config = _RECORD

    attempt_id: str
    seq: int
    """1, 2, 3... across the attempt, in the order answers were given."""
    position: int
    """The question's place in the attempt (0-based)."""
    question_key: str
    question_quiz_id: str
    """The quiz the question is written in."""
    question_quiz_sha256: str | None
    question_id: str
    question_type: str
    response: Any
    """In `quizapp.model.response` form."""
    raw_credit: float
    """This response's credit from 0 to 1, before any retry penalty."""
    credit: float
    """The question's credit so far, from 0 to 1, after the retry penalty."""
    points: float
    """credit x max_points."""
    max_points: float
    tries: int
    """How many answers have been given to this question, this one included."""
    final: bool
    """No more tries are open (practice and review); always False in an exam, where
    answers can change until submission."""
    flagged: bool = False
    elapsed_seconds: float
    """Seconds since the question was last shown (or the previous answer)."""
    answered_at: AwareDatetime


class QuestionResult(BaseModel):
    """One question in a finished attempt."""

    model_config = _RECORD

    position: int
    question_key: str
    question_quiz_id: str
    question_id: str
    question_type: str
    response: Any
    """The last readable response, or None when unanswered."""
    right_answer: Any
    """A response that earns full credit (for `numeric`, the expected number)."""
    credit: float
    points: float
    max_points: float
    tries: int
    status: Literal["correct", "partial", "wrong", "unanswered"]
    flagged: bool = False
    feedback: list[str | dict[str, str]]
    """The author's feedback for the last response (translatable text)."""
    explanation: str | dict[str, str] | None


class AttemptResult(BaseModel):
    """A finished attempt."""

    model_config = _RECORD

    attempt_id: str
    learner: str
    quiz_id: str | None
    mode: Mode
    points: float
    max_points: float
    fraction: float
    """points / max_points, from 0 to 1."""
    pass_mark: float | None
    passed: bool | None
    """None for a review attempt, which has no pass mark."""
    feedback: str | dict[str, str] | None
    """The quiz's grade band feedback for this fraction (translatable text)."""
    reason: FinishReason
    finished_at: AwareDatetime
    questions: list[QuestionResult]


class Recorder(Protocol):
    """Where an attempt reports what happens; the score store implements it."""

    def started(self, attempt: Attempt) -> None: ...

    def answered(self, attempt: Attempt, record: AnswerRecord) -> None: ...

    def flagged(self, attempt: Attempt, position: int, flagged: bool) -> None: ...

    def drafted(self, attempt: Attempt, drafts: dict[str, Any]) -> None: ...

    def finished(self, attempt: Attempt, result: AttemptResult) -> None: ...


class NullRecorder:
    """Records nothing: for trying a quiz without keeping scores."""

    def started(self, attempt: Attempt) -> None:
        pass

    def answered(self, attempt: Attempt, record: AnswerRecord) -> None:
        pass

    def flagged(self, attempt: Attempt, position: int, flagged: bool) -> None:
        pass

    def drafted(self, attempt: Attempt, drafts: dict[str, Any]) -> None:
        pass

    def finished(self, attempt: Attempt, result: AttemptResult) -> None:
        pass


class MemoryRecorder:
    """Keeps every record in lists: for tests, and to resume within one process."""

    def __init__(self) -> None:
        self.starts: list[AttemptStarted] = []
        self.answers: list[AnswerRecord] = []
        self.results: list[AttemptResult] = []
        self.flags: list[tuple[int, bool]] = []
        """(position, flagged) for every flag change, in order."""
        self.drafts: dict[str, Any] = {}
        """The attempt's drafts as last told."""

    def started(self, attempt: Attempt) -> None:
        self.starts.append(attempt.started_record)

    def answered(self, attempt: Attempt, record: AnswerRecord) -> None:
        self.answers.append(record)

    def flagged(self, attempt: Attempt, position: int, flagged: bool) -> None:
        self.flags.append((position, flagged))

    def drafted(self, attempt: Attempt, drafts: dict[str, Any]) -> None:
        self.drafts = dict(drafts)

    def finished(self, attempt: Attempt, result: AttemptResult) -> None:
        self.results.append(result)
