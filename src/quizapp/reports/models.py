"""Report models: what an attempt, a learner and a class report hold, in any format.

The JSON writer dumps these models as they are; `report_schema()` is their JSON Schema,
documented in docs/reports.md. Percentages are 0 to 100; credits are 0 to 1.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from quizapp.reports.analysis import ItemAnalysis

SCHEMA_VERSION = 2
"""2: attempts carry their mode and whether the grade counts them; quizzes their grading
method and grade; attempt reports list unanswered questions too."""

ReportConfig = ConfigDict(frozen=True)


class AttemptLine(BaseModel):
    """One attempt as a grades table lists it: when, in which mode, its score, and whether
    the learner's grade counts it."""

    model_config = ReportConfig

    attempt_id: str | None = None
    """The attempt's id (learner reports); None in a class's grades table."""
    date: datetime
    mode: str
    percent: float
    counted: bool
    """Whether the grade counts this attempt (graded attempts only, per the grading method)."""


class QuestionLine(BaseModel):
    """One question of an attempt."""

    model_config = ReportConfig

    number: int
    key: str
    prompt: str
    response: str
    """The learner's response in words ("—" when not answered)."""
    answered: bool = True
    """False for a question put but left unanswered (skipped, or the time ran out)."""
    right_answer: str
    credit: float
    points: float
    max_points: float


class AttemptReport(BaseModel):
    """One attempt, question by question."""

    model_config = ReportConfig

    kind: Literal["attempt"] = "attempt"
    schema_version: int = SCHEMA_VERSION
    language: str
    generated_at: datetime
    attempt_id: str
    learner: str
    quiz_id: str
    quiz_title: str
    quiz_version: str
    """The SHA-256 of the quiz file the attempt was taken on."""
    date: datetime
    mode: str
    score: float
    max_score: float
    percent: float
    pass_mark: float
    """As a percentage."""
    passed: bool
    """Whether this attempt's score reaches the pass mark."""
    graded: bool = True
    """Whether the mode is graded (exam); practice and review never make a grade."""
    counted: bool = True
    """Whether the learner's grade on the quiz counts this attempt."""
    grading: str = "highest"
    """The quiz's grading method."""
    questions: list[QuestionLine]


class QuizSummary(BaseModel):
    """A learner's attempts at one quiz."""

    model_config = ReportConfig

    quiz_id: str
    quiz_title: str
    versions: list[str]
    attempts: int
    best: float
    last: float
    average: float
    passed: bool
    """Whether the grade reaches the pass mark (practice and review never pass a quiz)."""
    grading: str = "highest"
    """The quiz's grading method: highest, first, last or average of graded attempts."""
    pass_mark: float = 50.0
    """As a percentage."""
    grade: float | None = None
    """The grade (%) by that method; None with no graded attempt."""
    history: list[AttemptLine] = Field(default_factory=list)
    """Every attempt, oldest first, with its mode and whether the grade counts it."""


class ScorePoint(BaseModel):
    """One attempt on the score-over-time chart."""

    model_config = ReportConfig

    date: datetime
    quiz_id: str
    attempt_id: str
    percent: float
    mode: str = "exam"
    counted: bool = True
    """Whether the quiz's grade counts this attempt."""


class TagMastery(BaseModel):
    """Mean credit on the questions with a tag."""

    model_config = ReportConfig

    tag: str
    percent: float
    answers: int
    name: str = ""
    """The tag as the learning module names it in the report's language; else the tag."""


class WeakQuestion(BaseModel):
    """A question the learner most often got wrong."""

    model_config = ReportConfig

    quiz_id: str
    key: str
    prompt: str
    percent: float
    """Mean credit over the learner's answers, as a percentage."""
    answers: int


class LearnerReport(BaseModel):
    """Everything one learner did."""

    model_config = ReportConfig

    kind: Literal["learner"] = "learner"
    schema_version: int = SCHEMA_VERSION
    language: str
    generated_at: datetime
    learner: str
    quizzes: list[QuizSummary]
    timeline: list[ScorePoint]
    mastery: list[TagMastery]
    weakest: list[WeakQuestion]


class GradeRow(BaseModel):
    """One learner's line in a class's grades table (percentages)."""

    model_config = ReportConfig

    learner: str
    attempts: int
    first: float
    best: float
    last: float
    passed: bool
    """Whether the grade reaches the pass mark (practice and review never pass a quiz)."""
    grade: float | None = None
    """The grade (%) by the quiz's grading method over graded attempts."""
    history: list[AttemptLine] = Field(default_factory=list)
    """Every attempt, oldest first, with its mode and whether the grade counts it."""


class Bin(BaseModel):
    """A bar of the score distribution: attempts scoring from `low` up to `high` percent
    (the last bar includes 100)."""

    model_config = ReportConfig

    low: float
    high: float
    count: int


class ItemLine(BaseModel):
    """A question's text beside its statistics (same order as `analysis.questions`)."""

    model_config = ReportConfig

    key: str
    prompt: str


class QuizSection(BaseModel):
    """One version of one quiz across the class."""

    model_config = ReportConfig

    quiz_id: str
    quiz_title: str
    quiz_version: str
    attempts_used: Literal["first", "all"]
    pass_mark: float
    grading: str = "highest"
    grades: list[GradeRow]
    distribution: list[Bin]
    """Of the scores of the attempts used."""
    items: list[ItemLine]
    analysis: ItemAnalysis


class ClassReport(BaseModel):
    """A class's results per quiz version."""

    model_config = ReportConfig

    kind: Literal["class"] = "class"
    schema_version: int = SCHEMA_VERSION
    language: str
    generated_at: datetime
    learners: int
    sections: list[QuizSection]
    notes: list[str]
    """Versions kept apart, duplicate attempts, files that could not be used."""


Report: TypeAlias = Annotated[
    AttemptReport | LearnerReport | ClassReport, Field(discriminator="kind")
]


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON writer's output."""
    schema = TypeAdapter(Report).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quizapp report"
    return schema
