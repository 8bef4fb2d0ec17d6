"""The quiz file format: a `[quiz]` table and `[[questions]]`, as pydantic models.

Models are frozen, slotted dataclasses that pydantic validates (`deferred` says how it is
brought in only then): a loaded bank of 100,000 questions must stay small in memory, and
nothing downstream should mutate a quiz definition.
Rules that span several fields (one correct choice, ids unique, translations present)
live in `quizapp.loading.rules`, where they can report every problem with its place.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeAlias

from quizapp.model.deferred import (
    BeforeValidator,
    ConfigDict,
    Field,
    LazyPattern,
    PydanticCustomError,
    Strict,
    WithJsonSchema,
    dataclass,
)
from quizapp.model.text import LANGUAGE_PATTERN, TEXT_JSON_SCHEMA, Text, kind_of

CONFIG = ConfigDict(
    extra="forbid",
    hide_input_in_errors=True,
)

# TOML is typed: "1" is not a number and 1 is not true. Say so rather than coerce.
Bool: TypeAlias = Annotated[bool, Strict()]
Int: TypeAlias = Annotated[int, Strict()]
Float: TypeAlias = Annotated[float, Strict()]
Str: TypeAlias = Annotated[str, Strict()]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
Id: TypeAlias = Annotated[Str, Field(pattern=ID_PATTERN, max_length=100)]
Language: TypeAlias = Annotated[Str, Field(pattern=LANGUAGE_PATTERN)]

QUESTION_TYPES = (
    "single",
    "multiple",
    "true_false",
    "short_answer",
    "numeric",
    "ordering",
    "matching",
)

# -- durations and tolerances ---------------------------------------------------------

_DURATION = LazyPattern(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"'


def parse_duration(value: Any) -> int:
    """`"10m"`, `"1h30m"`, `"90s"` or a whole number of seconds, as seconds."""
    if isinstance(value, bool):
        raise PydanticCustomError("duration", 'expected a duration like "10m", got a boolean')
    if isinstance(value, int):
        if value <= 0:
            raise PydanticCustomError("duration", "a time limit must be positive")
        return value
    if isinstance(value, str):
        match = _DURATION.match(value)
        if match and any(match.groups()):
            h, m, s = (int(g) if g else 0 for g in match.groups())
            total = h * 3600 + m * 60 + s
            if total > 0:
                return total
        raise PydanticCustomError(
            "duration",
            'expected a duration like "10m", "1h30m" or "90s", got {value}',
            {"value": _quoted(value)},
        )
    raise PydanticCustomError(
        "duration", 'expected a duration like "10m", got {kind}', {"kind": kind_of(value)}
    )


Duration: TypeAlias = Annotated[
    int,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*(\d+\s*h)?\s*(\d+\s*m(in)?)?\s*(\d+\s*s)?\s*$"},
                {"type": "integer", "minimum": 1},
            ],
            "description": 'A duration such as "10m", "1h30m", "90s", or seconds.',
        }
    ),
]


@dataclass(frozen=True, slots=True, config=CONFIG)
class Tolerance:
    """How far a numeric answer may be from the expected value."""

    value: float = 0.0
    relative: Bool = False

    def allows(self, expected: float, given: float) -> bool:
        """True when `given` is within this tolerance of `expected`."""
        margin = abs(expected) * self.value if self.relative else self.value
        # A hair of slack so 0.1 + 0.2 style float noise never costs a learner a mark.
        return abs(given - expected) <= margin + 1e-9 * max(1.0, abs(expected))

    def __str__(self) -> str:
        if self.relative:
            return f"{self.value * 100:g}%"
        return f"{self.value:g}"


def parse_tolerance(value: Any) -> Tolerance:
    """A number (absolute) or a string like `"5%"` (relative to the answer)."""
    if isinstance(value, Tolerance):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("tolerance", 'expected a number or a percentage like "5%"')
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0:
            raise PydanticCustomError("tolerance", "a tolerance must be zero or more")
        return _absolute_tolerance(float(value))
    if isinstance(value, str):
        return _relative_tolerance(value)
    raise PydanticCustomError(
        "tolerance",
        'expected a number or a percentage like "5%", got {kind}',
        {"kind": kind_of(value)},
    )


# A bank repeats a handful of tolerances thousands of times; a frozen Tolerance can be
# shared, and building one through validation costs more than the rest of the question.


@lru_cache(maxsize=256)
def _absolute_tolerance(value: float) -> Tolerance:
    return Tolerance(value, False)


@lru_cache(maxsize=256)
def _relative_tolerance(value: str) -> Tolerance:
    text = value.strip()
    if text.endswith("%"):
        try:
            pct = float(text[:-1].strip().replace(",", "."))
        except ValueError:
            pct = -1.0
        if math.isfinite(pct) and 0 <= pct <= 100:
            return Tolerance(pct / 100, True)
    raise PydanticCustomError(
        "tolerance",
        'expected a number or a percentage from "0%" to "100%", got {value}',
        {"value": _quoted(value)},
    )


ToleranceField: TypeAlias = Annotated[
    Tolerance,
    BeforeValidator(parse_tolerance),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"},
            ],
            "description": 'Absolute (a number) or relative (a string like "5%").',
        }
    ),
]


Finite: TypeAlias = Annotated[Float, Field(allow_inf_nan=False)]

# -- parts of questions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True, config=CONFIG)
class Choice:
    """One choice of a `single`, `multiple` question."""

    text: Text
    """What the learner sees."""
    correct: Bool = False
    """Whether choosing it is right."""
    weight: Annotated[Float, Field(ge=-1, le=1, allow_inf_nan=False)] | None = None
    """Credit for choosing it, from -1 to 1. Default: 1 for the correct choice of a
    `single`; for a `multiple`, correct choices share 1 and each wrong one takes off
    as much as one right one gives."""
    feedback: Text | None = None
    """Shown after the learner chose it."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class AcceptedText:
    """An accepted short answer with its credit."""

    text: Annotated[Str, Field(min_length=1)]
    """The answer; `*` matches any run of characters."""
    weight: Annotated[Float, Field(gt=0, le=1, allow_inf_nan=False)] = 1.0
    """Credit when it matches, above 0 and at most 1."""
    feedback: Text | None = None
    """Shown when this answer matched."""


def _accepted(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


AcceptedAnswer: TypeAlias = Annotated[
    AcceptedText,
    BeforeValidator(_accepted),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "minLength": 1},
                        "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                        "feedback": TEXT_JSON_SCHEMA,
                    },
                    "required": ["text"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


@dataclass(frozen=True, slots=True, config=CONFIG)
class NumericValue:
    """One accepted value of a `numeric` question with its own tolerance and credit."""

    value: Finite
    """The number."""
    tolerance: ToleranceField = Tolerance()
    """How far off may still count."""
    weight: Annotated[Float, Field(gt=0, le=1, allow_inf_nan=False)] = 1.0
    """Credit when the answer is within tolerance."""
    feedback: Text | None = None
    """Shown when this value matched."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class Pair:
    """A left item and the right item it belongs with."""

    left: Text
    right: Text


@dataclass(frozen=True, slots=True, config=CONFIG)
class GradeBand:
    """Overall feedback for a score of at least `min` (a fraction from 0 to 1)."""

    min: Annotated[Float, Field(ge=0, le=1, allow_inf_nan=False)]
    """The lowest score fraction that earns this feedback."""
    text: Text
    """The feedback."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class Include:
    """Questions taken from another quiz into this one's pool (e.g. a final exam)."""

    quiz: Id
    """The id of the quiz to draw from."""
    draw: Annotated[Int, Field(ge=1)] | None = None
    """A random number of its questions per attempt; all of them when absent."""
    tags: list[Str] = Field(default_factory=list)
    """Only questions with one of these tags; all when empty."""


# -- questions --------------------------------------------------------------------------

Points: TypeAlias = Annotated[Float, Field(gt=0, le=1000, allow_inf_nan=False)]
Tags: TypeAlias = list[Annotated[Str, Field(min_length=1)]]
Source: TypeAlias = Annotated[Str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*#[A-Za-z0-9_.-]+$")]


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class QuestionBase:
    """The fields every question has; each type adds its own."""

    id: Id
    """Unique within the quiz and stable across edits: scores refer to it."""
    prompt: Text
    """What the learner is asked."""
    points: Points = 1.0
    """What the question is worth: it earns credit x points."""
    source: Source | None = None
    """The learning-module key point that teaches it, as "module#point"."""
    explanation: Text | None = None
    """Shown after answering: why the right answer is right."""
    hint: Text | None = None
    """Shown when the learner asks for a hint."""
    tags: Tags = Field(default_factory=list)
    """Labels for mastery per topic and for includes."""


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class SingleQuestion(QuestionBase):
    """One right choice."""

    type: Literal["single"]
    choices: Annotated[list[Choice], Field(min_length=2)]
    shuffle: Bool = True
    """Whether the quiz's `shuffle_choices` applies to this question."""


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class MultipleQuestion(QuestionBase):
    """Several right choices, partial credit by choice weights."""

    type: Literal["multiple"]
    choices: Annotated[list[Choice], Field(min_length=2)]
    shuffle: Bool = True


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class TrueFalseQuestion(QuestionBase):
    """A statement that is true or false."""

    type: Literal["true_false"]
    answer: Bool
    feedback_true: Text | None = None
    """Shown to a learner who answered true."""
    feedback_false: Text | None = None
    """Shown to a learner who answered false."""


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class ShortAnswerQuestion(QuestionBase):
    """A typed answer compared with the accepted ones."""

    type: Literal["short_answer"]
    answers: Annotated[list[AcceptedAnswer], Field(min_length=1)]
    case_sensitive: Bool = False
    typos: Annotated[Int, Field(ge=0, le=3)] = 0
    """How many typing mistakes (edit distance) still count as right."""


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class NumericQuestion(QuestionBase):
    """A number, within a tolerance."""

    type: Literal["numeric"]
    answer: Finite | None = None
    """The expected number; or give several in `answers`."""
    tolerance: ToleranceField = Tolerance()
    answers: list[NumericValue] = Field(default_factory=list)
    """Several accepted values with their own tolerance and credit."""
    unit: Text | None = None
    """Shown beside the input, e.g. "people" or "Rp"."""

    def accepted(self) -> list[NumericValue]:
        """Every accepted value, `answer` first."""
        values = list(self.answers)
        if self.answer is not None:
            values.insert(0, NumericValue(value=self.answer, tolerance=self.tolerance))
        return values


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class OrderingQuestion(QuestionBase):
    """Put items in order; `items` are written in the right order."""

    type: Literal["ordering"]
    items: Annotated[list[Text], Field(min_length=2)]


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class MatchingQuestion(QuestionBase):
    """Match each left item with its right item."""

    type: Literal["matching"]
    pairs: Annotated[list[Pair], Field(min_length=2)]
    distractors: list[Text] = Field(default_factory=list)
    """Extra right-hand items that match nothing."""


Question: TypeAlias = Annotated[
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | ShortAnswerQuestion
    | NumericQuestion
    | OrderingQuestion
    | MatchingQuestion,
    Field(discriminator="type"),
]

ChoiceQuestion: TypeAlias = SingleQuestion | MultipleQuestion


@dataclass(frozen=True, slots=True, config=CONFIG)
class QuizInfo:
    """The `[quiz]` table."""

    id: Id
    """Unique across all quizzes; used on the command line and in score records."""
    title: Text
    languages: Annotated[list[Language], Field(min_length=1)] = Field(
        default_factory=lambda: ["en"]
    )
    """Language codes of the quiz's text; the first is the default."""
    description: Text | None = None
    module: Id | None = None
    """The content module the quiz is built on."""
    pass_mark: Annotated[Float, Field(ge=0, le=1, allow_inf_nan=False)] = 0.5
    """The fraction of points needed to pass."""
    grading: Literal["highest", "first", "last", "average"] = "highest"
    """How a learner's grade comes from their graded (exam) attempts, as Moodle's grading
    method: the highest score, the first, the last, or the average."""
    time_limit: Duration | None = None
    shuffle_questions: Bool = False
    shuffle_choices: Bool = False
    draw: Annotated[Int, Field(ge=1)] | None = None
    """Ask a random `draw` questions of the pool per attempt."""
    include: list[Include] = Field(default_factory=list)
    """Other quizzes whose questions join this quiz's pool."""
    feedback: list[GradeBand] = Field(default_factory=list)
    """Overall feedback by score band."""
    tags: Tags = Field(default_factory=list)
    generated: Bool = False
    """Set by `quizapp build`: the file is generated and must not be edited by hand."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class Quiz:
    """A whole quiz file."""

    quiz: QuizInfo
    questions: list[Question] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return self.quiz.id

    @property
    def languages(self) -> list[str]:
        return self.quiz.languages

    def grade_feedback(self, fraction: float) -> Text | None:
        """The feedback of the highest band the fraction reaches."""
        best: GradeBand | None = None
        for band in self.quiz.feedback:
            if fraction + 1e-9 >= band.min and (best is None or band.min > best.min):
                best = band
        return best.text if best else None

    def question(self, question_id: str) -> Any:
        """The question with this id, or None."""
        for q in self.questions:
            if q.id == question_id:
                return q
        return None


def choice_weights(question: ChoiceQuestion) -> list[float]:
    """The credit each choice gives, with the defaults of `Choice.weight` filled in."""
    if question.type == "single":
        return [
            c.weight if c.weight is not None else (1.0 if c.correct else 0.0)
            for c in question.choices
        ]
    n_correct = sum(1 for c in question.choices if c.correct) or 1
    share = 1.0 / n_correct
    return [
        c.weight if c.weight is not None else (share if c.correct else -share)
        for c in question.choices
    ]
