"""The reports layer's input: learners, quiz versions, attempts and answers as plain records.

Reports are built from these records only, whether they come from the score store or from
learners' export files, so a trainer's class report needs neither the learners' databases
nor the quiz files. A quiz version carries what a report shows of each question (prompt,
options, right answer) so a response can be described without the TOML file.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from quizapp.model.text import Text, localize

RecordConfig = ConfigDict(extra="forbid", frozen=True)


class QuestionRecord(BaseModel):
    """A question as a report shows it."""

    model_config = RecordConfig

    key: str
    """Unique in its quiz version: the question id, or `other-quiz/id` when included."""
    type: str
    prompt: Text = ""
    points: float = 1.0
    tags: list[str] = Field(default_factory=list)
    options: list[Text] = Field(default_factory=list)
    """Choices (single, multiple), items in the right order (ordering) or right-hand items
    (matching, pairs then distractors): what a response's indexes point at."""
    lefts: list[Text] = Field(default_factory=list)
    """Matching only: the left-hand items, in file order."""
    right_answer: Text = ""
    """The right answer in words."""


class QuizVersionRecord(BaseModel):
    """One version of a quiz: its id and the SHA-256 of the file the attempts were taken on."""

    model_config = RecordConfig

    quiz_id: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    title: Text = ""
    languages: list[str] = Field(default_factory=lambda: ["en"])
    pass_mark: float = 0.5
    """The fraction of points needed to pass."""
    grading: Literal["highest", "first", "last", "average"] = "highest"
    """How graded attempts make the learner's grade (`[quiz] grading`)."""
    questions: list[QuestionRecord] = Field(default_factory=list)
    """Empty when the quiz file of this version is no longer at hand."""
    tag_names: dict[str, Text] = Field(default_factory=dict)
    """Its questions' tags as the learning module names them, when it does."""

    @property
    def short(self) -> str:
        """The version as people name it: the first 8 hex digits of its hash."""
        return self.sha256[:8]

    def question(self, key: str) -> QuestionRecord | None:
        for q in self.questions:
            if q.key == key:
                return q
        return None

    def title_in(self, lang: str) -> str:
        return localize(self.title, lang) or self.quiz_id

    def tag_name(self, tag: str, lang: str) -> str | None:
        name = self.tag_names.get(tag)
        return localize(name, lang) if name else None


class AnswerRecord(BaseModel):
    """A learner's answer to one question of an attempt."""

    model_config = RecordConfig

    question_key: str
    response: JsonValue = None
    """As in `quizapp.model.response`; None when not answered."""
    credit: float
    """The fraction of the question's points earned, 0 to 1."""
    points: float
    """Points earned: credit x the question's points."""
    max_points: float


class AttemptRecord(BaseModel):
    """One finished (or abandoned) attempt at a quiz version."""

    model_config = RecordConfig

    id: Annotated[str, Field(min_length=1, max_length=100)]
    """Globally unique (a UUID assigned when the attempt starts), so the same attempt found
    in two files counts once."""
    learner: str
    learner_id: str | None = None
    """The learner's id (`LearnerRecord.id`); None in files written before format 2."""
    quiz_id: str
    quiz_sha256: str
    started_at: datetime
    finished_at: datetime | None = None
    mode: str = "exam"
    score: float
    """Points earned."""
    max_score: float
    passed: bool | None = None
    answers: list[AnswerRecord] = Field(default_factory=list)

    @property
    def fraction(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0

    @property
    def when(self) -> datetime:
        return self.finished_at or self.started_at


class LearnerRecord(BaseModel):
    """Who took the attempts."""

    model_config = RecordConfig

    name: Annotated[str, Field(min_length=1, max_length=200)]
    id: str | None = None
    """Who this is, across machines: the same in every export from one score store, and
    different for a namesake on another laptop (derived from the name and the moment the
    learner was created in their store). None in files written before format 2."""
    language: str = "en"
    """The learner's interface language: reports for them are written in it."""
