"""The learning-module format: a `[module]` table and `[[points]]`, each with typed facts.

A module is what a learner reads before a quiz. Each key point has a stable id (quiz
questions cite it as `source = "module#point"`), a heading and a short Markdown lesson,
and the facts it states as typed data, from which `quizapp build` writes question banks
and against which the tests check every hand-written answer.

Models are frozen, slotted dataclasses like the quiz models. The helpers at the
bottom render facts the way each language writes them ("Rp14,7 triliun", "Rp14.7
trillion"); the builder and the grounding checks share them, so a rendering can never
differ between a generated choice and the check that reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeAlias

from quizapp.model.deferred import (
    AfterValidator,
    Field,
    LazyPattern,
    PydanticCustomError,
    dataclass,
)
from quizapp.model.quiz import (
    CONFIG,
    Bool,
    Finite,
    Id,
    Language,
    Str,
    Tolerance,
    ToleranceField,
)
from quizapp.model.text import Text, localize

FACT_KINDS = ("number", "date", "name", "list")

SCALES: dict[str, int] = {
    "one": 0,
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
}
"""Scale words and their powers of ten."""

SCALE_WORDS: dict[str, dict[str, str]] = {
    "one": {"id": "", "en": ""},
    "thousand": {"id": "ribu", "en": "thousand"},
    "million": {"id": "juta", "en": "million"},
    "billion": {"id": "miliar", "en": "billion"},
    "trillion": {"id": "triliun", "en": "trillion"},
}

MONTHS: dict[str, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

BOUND_WORDS: dict[str, dict[str, str]] = {
    "exact": {"id": "", "en": ""},
    "more_than": {"id": "lebih dari ", "en": "more than "},
}

_DATE = LazyPattern(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(value: str) -> tuple[int, int | None, int | None]:
    """`"2019"`, `"2019-01"` or `"2019-01-28"` as (year, month, day); raises ValueError."""
    match = _DATE.match(value)
    if not match:
        raise ValueError(value)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    dt.date(year, month or 1, day or 1)  # raises ValueError for 2019-02-30
    return year, month, day


def _check_date(value: str) -> str:
    try:
        parse_date(value)
    except ValueError:
        raise PydanticCustomError(
            "date",
            'expected a date like "2019", "2019-01" or "2019-01-28", got {value}',
            {"value": repr(value)},
        ) from None
    return value


DateText: TypeAlias = Annotated[Str, AfterValidator(_check_date)]
"""A date as precise as the source: a year, a year and month, or a full date."""


# -- facts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, config=CONFIG)
class NumberFact:
    """A figure: `value` times its `scale`, in a `unit` (`14.7` trillion `Rp`)."""

    id: Id
    kind: Literal["number"]
    ask: Text
    """The question that this fact answers, as a learner would be asked it."""
    says: Text
    """One sentence stating the fact; generated questions use it as their explanation."""
    value: Finite
    """The number as the source writes it before the scale word: 14.7 for "14,7 triliun"."""
    unit: Text
    """What is counted or the currency: { id = "orang", en = "people" }, "Rp", "RMB"."""
    scale: Literal["one", "thousand", "million", "billion", "trillion"] = "one"
    prefix: Bool = False
    """Write the unit before the number, as for "Rp14,7 triliun"."""
    bound: Literal["exact", "more_than"] = "exact"
    """"more_than" when the source gives a lower bound ("more than 200 countries")."""
    tolerance: ToleranceField = Tolerance()
    """How far a learner's answer may be off; exact unless the source is approximate."""

    @property
    def amount(self) -> float:
        """The whole number: 14.7 trillion is 14_700_000_000_000."""
        return scaled(self.value, self.scale)


@dataclass(frozen=True, slots=True, config=CONFIG)
class DateFact:
    """A date as precise as the source gives it, or a range of days."""

    id: Id
    kind: Literal["date"]
    ask: Text
    says: Text
    value: DateText
    """"2017", "2017-08" or "2019-01-28"."""
    until: DateText | None = None
    """The last day of a range (the same precision as `value`)."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class NameFact:
    """A name: of a company, a place, a person, a language."""

    id: Id
    kind: Literal["name"]
    ask: Text
    says: Text
    value: Text
    """The name, translated where the languages write it differently."""
    aliases: list[Annotated[Str, Field(min_length=1)]] = Field(default_factory=list)
    """Other ways of writing the same name that a learner's answer may match."""
    distractors: list[Text] = Field(default_factory=list)
    """Plausible wrong names. With them, `quizapp build` asks a single-answer question
    instead of a typed one: for a name other questions show, typing it is no test."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class ListFact:
    """A set of things the source names together (the topics taught, the rivals)."""

    id: Id
    kind: Literal["list"]
    ask: Text
    says: Text
    items: Annotated[list[Text], Field(min_length=2)]
    distractors: Annotated[list[Text], Field(min_length=1)]
    """Plausible things that are not in the list, for multiple-answer questions."""


Fact: TypeAlias = Annotated[
    NumberFact | DateFact | NameFact | ListFact,
    Field(discriminator="kind"),
]


# -- the module -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, config=CONFIG)
class KeyPoint:
    """One thing to learn: a heading, a short lesson, and the facts it states."""

    id: Id
    """Stable: questions cite it as `module#id`."""
    heading: Text
    lesson: Text
    """Markdown, a few sentences."""
    facts: list[Fact] = Field(default_factory=list)


@dataclass(frozen=True, slots=True, config=CONFIG)
class SourceCitation:
    """Where the module's facts come from."""

    outlet: Annotated[Str, Field(min_length=1)]
    """Who published the article the module is built on."""
    dateline: Str | None = None
    """The city the article was filed from."""
    date: DateText | None = None
    """When it was published, as precisely as known."""
    relays: Str | None = None
    """The report the article passes on, when it relays another outlet."""
    note: Text | None = None
    """Anything a reader should know about the source (e.g. how the date is known)."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class TagLabel:
    """What a learner reads for a tag the module's quizzes use."""

    id: Id
    """The tag as quizzes write it in `tags`."""
    label: Text
    """Its name in each language, e.g. { id = "Pelatihan", en = "The training" }."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class ModuleInfo:
    """The `[module]` table."""

    id: Id
    """Unique across modules; the part of a question's `source` before `#`."""
    title: Text
    source: SourceCitation
    languages: Annotated[list[Language], Field(min_length=1)] = Field(
        default_factory=lambda: ["en"]
    )
    summary: Text | None = None
    tags: list[TagLabel] = Field(default_factory=list)
    """Names for the tags of the module's quizzes, shown with mastery per tag. A tag
    named like a key point needs none: the point's heading is its name."""


@dataclass(frozen=True, slots=True, config=CONFIG)
class ContentModule:
    """A whole learning-module file."""

    module: ModuleInfo
    points: Annotated[list[KeyPoint], Field(min_length=1)]

    @property
    def id(self) -> str:
        return self.module.id

    @property
    def languages(self) -> list[str]:
        return self.module.languages

    def point(self, point_id: str) -> KeyPoint | None:
        """The key point with this id, or None."""
        return next((p for p in self.points if p.id == point_id), None)

    def tag_label(self, tag: str, lang: str) -> str | None:
        """The name of a quiz tag in `lang`: its label, else the heading of the key point
        with its id; None when the module does not know the tag."""
        for named in self.module.tags:
            if named.id == tag:
                return localize(named.label, lang, self.languages[0])
        point = self.point(tag)
        return localize(point.heading, lang, self.languages[0]) if point else None

    def facts(self) -> list[tuple[KeyPoint, Any]]:
        """Every fact with its key point, in reading order."""
        return [(p, f) for p in self.points for f in p.facts]


def tag_label(modules: Mapping[str, ContentModule], tag: str, lang: str) -> str | None:
    """The name of a quiz tag in `lang` from the first module that names it, or None."""
    for module in modules.values():
        name = module.tag_label(tag, lang)
        if name:
            return name
    return None


# -- rendering facts as each language writes them ----------------------------------------


def scaled(value: float, scale: str) -> float:
    """`value` times the scale's power of ten, exactly (14.7 trillion has no float noise)."""
    exact = Decimal(repr(value)).scaleb(SCALES[scale])
    return float(exact) if exact != exact.to_integral_value() else int(exact)


def format_number(value: float, lang: str) -> str:
    """147, 14,7 / 14.7, 158.273 / 158,273 (thousands grouped, decimals as each language)."""
    text = format(Decimal(repr(value)).normalize(), "f")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    group, point = (".", ",") if lang == "id" else (",", ".")
    if len(whole) > 3:
        parts: list[str] = []
        while whole:
            parts.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = group.join(parts)
    return sign + whole + (point + frac if frac else "")


def format_amount(
    value: float,
    scale: str,
    unit: Any,
    lang: str,
    *,
    prefix: bool = False,
    bound: str = "exact",
) -> str:
    """A figure as a reader of `lang` writes it: "Rp14,7 triliun", "more than 200 countries"."""
    number = format_number(value, lang)
    word = SCALE_WORDS[scale].get(lang, SCALE_WORDS[scale]["en"])
    unit_text = localize(unit, lang, "en")
    if prefix:
        body = f"{unit_text}{number}" + (f" {word}" if word else "")
    else:
        body = " ".join(part for part in (number, word, unit_text) if part)
    return BOUND_WORDS[bound].get(lang, BOUND_WORDS[bound]["en"]) + body


def render_number(fact: NumberFact, lang: str) -> str:
    """The fact's figure in `lang`."""
    return format_amount(
        fact.value, fact.scale, fact.unit, lang, prefix=fact.prefix, bound=fact.bound
    )


def format_date(value: str, until: str | None, lang: str) -> str:
    """ "28–29 Januari 2019", "Agustus 2017", "2017", as `lang` writes dates."""
    months = MONTHS.get(lang, MONTHS["en"])

    def one(parts: tuple[int, int | None, int | None], with_year: bool = True) -> str:
        year, month, day = parts
        words = [str(day)] if day else []
        if month:
            words.append(months[month - 1])
        if with_year:
            words.append(str(year))
        return " ".join(words)

    start = parse_date(value)
    if until is None or until == value:
        return one(start)
    end = parse_date(until)
    if start[0] == end[0] and start[1] == end[1] and start[2] and end[2]:
        return f"{start[2]}–{one(end)}"
    if start[0] == end[0]:
        return f"{one(start, with_year=False)} – {one(end)}"
    return f"{one(start)} – {one(end)}"


def render_date(fact: DateFact, lang: str) -> str:
    """The fact's date in `lang`."""
    return format_date(fact.value, fact.until, lang)


def name_forms(fact: NameFact) -> list[str]:
    """Every accepted way of writing the name: each translation, then the aliases."""
    forms = [fact.value] if isinstance(fact.value, str) else list(fact.value.values())
    forms.extend(fact.aliases)
    out: list[str] = []
    for form in forms:
        if normalize_name(form) not in map(normalize_name, out):
            out.append(form)
    return out


def normalize_name(text: str) -> str:
    """How names are compared: case, surrounding and repeated spaces do not count."""
    return " ".join(text.split()).casefold()


def name_matches(fact: NameFact, answer: str) -> bool:
    """True when `answer` is one of the name's translations or aliases."""
    return normalize_name(answer) in {normalize_name(f) for f in name_forms(fact)}
