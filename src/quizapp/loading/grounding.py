"""Are a quiz's answers the facts of the key points its questions cite?

A question cites a key point with `source = "module#point"`. Its answer is *grounded*
when it is one of that point's typed facts:

- `numeric`: every full-credit accepted value equals the amount of a number fact
  (14.7 trillion is 14_700_000_000_000).
- `short_answer`: every full-credit accepted answer without a `*` wildcard is a name fact's
  value (in any language) or one of its aliases, compared without regard to case or
  repeated spaces (`normalize_name`). Short answers are names by design: a free-text answer
  that is not a name cannot be checked.
- `single` on a date: a single-answer question whose right choice reads as a date in some
  language ("2017", "Agustus 2017", "28–29 January 2019", as `format_date` writes them) is
  a date question. Its right choice must be a date fact's rendering in every language of
  the quiz, and no wrong choice may be that same rendering.

`facts_asked` says which facts a question asks about, for the coverage check that every
fact of a module is met by some question:

- a number: a `numeric` question accepting its amount, or a `single` whose right choice is
  its rendering in every language;
- a date: a `single` whose right choice is its rendering in every language;
- a name: a `short_answer` accepting it, a `single` whose right choice is the name, or a
  `matching` question with the name as a left or right item;
- a list: a `multiple` question whose right choices are exactly its items, or an
  `ordering` question whose items are exactly its items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from quizapp.model.content import (
    MONTHS,
    ContentModule,
    DateFact,
    KeyPoint,
    ListFact,
    NameFact,
    NumberFact,
    name_matches,
    normalize_name,
    render_date,
    render_number,
)
from quizapp.model.quiz import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Quiz,
    ShortAnswerQuestion,
    SingleQuestion,
)
from quizapp.model.text import localize

_FULL = 1 - 1e-9


@cache
def _date_pattern(lang: str) -> re.Pattern[str]:
    months = "|".join(MONTHS.get(lang, MONTHS["en"]))
    day = r"\d{1,2}"
    one = rf"(?:(?:{day} )?(?:{months}) )?\d{{4}}"
    same_month = rf"{day}–{day} (?:{months}) \d{{4}}"
    span = rf"(?:{day} )?(?:{months})(?: \d{{4}})? – {one}"
    return re.compile(rf"^(?:{one}|{same_month}|{span})$")


def reads_as_date(text: str, lang: str) -> bool:
    """True when `text` is a date as `format_date` writes them in `lang`."""
    return bool(_date_pattern(lang).match(text.strip()))


def cited_point(question: Any, modules: Mapping[str, ContentModule]) -> KeyPoint | None:
    """The key point a question's `source` names, when it exists."""
    if not question.source:
        return None
    module_id, _, point_id = question.source.partition("#")
    module = modules.get(module_id)
    return module.point(point_id) if module else None


def ungrounded(quiz: Quiz, modules: Mapping[str, ContentModule]) -> Iterator[tuple[str, str]]:
    """(question id, why) for every answer that is not a fact of the point it cites."""
    langs = quiz.languages
    for q in quiz.questions:
        point = cited_point(q, modules)
        facts = point.facts if point else []
        if isinstance(q, NumericQuestion):
            amounts = [f.amount for f in facts if isinstance(f, NumberFact)]
            for value in q.accepted():
                if value.weight >= _FULL and not any(_same(value.value, a) for a in amounts):
                    yield q.id, f"{value.value:g} is not a number fact of {q.source}"
        elif isinstance(q, ShortAnswerQuestion):
            names = [f for f in facts if isinstance(f, NameFact)]
            for answer in q.answers:
                if answer.weight < _FULL or "*" in answer.text:
                    continue
                if not any(name_matches(f, answer.text) for f in names):
                    yield q.id, f'"{answer.text}" is not a name fact of {q.source}'
        elif isinstance(q, SingleQuestion):
            right = next(c for c in q.choices if c.correct)
            if not any(reads_as_date(localize(right.text, lang), lang) for lang in langs):
                continue
            dates = [f for f in facts if isinstance(f, DateFact)]
            match = next((f for f in dates if _renders(right.text, f, langs)), None)
            if match is None:
                shown = localize(right.text, langs[0])
                yield q.id, f'"{shown}" is not a date fact of {q.source}'
                continue
            for choice in q.choices:
                if not choice.correct and _renders(choice.text, match, langs):
                    yield q.id, "a wrong choice is the right date"


def facts_asked(question: Any, point: KeyPoint, langs: list[str]) -> set[str]:
    """The ids of the point's facts that the question asks about."""
    asked: set[str] = set()
    for fact in point.facts:
        if _asks(question, fact, langs):
            asked.add(fact.id)
    return asked


def _asks(q: Any, fact: Any, langs: list[str]) -> bool:
    right = (
        next((c.text for c in q.choices if c.correct), None)
        if isinstance(q, SingleQuestion)
        else None
    )
    if isinstance(fact, NumberFact):
        if isinstance(q, NumericQuestion):
            return any(v.weight >= _FULL and _same(v.value, fact.amount) for v in q.accepted())
        return right is not None and all(
            localize(right, lang) == render_number(fact, lang) for lang in langs
        )
    if isinstance(fact, DateFact):
        return right is not None and _renders(right, fact, langs)
    if isinstance(fact, NameFact):
        if isinstance(q, ShortAnswerQuestion):
            return any(a.weight >= _FULL and name_matches(fact, a.text) for a in q.answers)
        if right is not None:
            return all(name_matches(fact, localize(right, lang)) for lang in langs)
        if isinstance(q, MatchingQuestion):
            return any(
                name_matches(fact, localize(side, lang))
                for pair in q.pairs
                for side in (pair.left, pair.right)
                for lang in langs
            )
        return False
    if isinstance(fact, ListFact):
        items = {_key(t, langs) for t in fact.items}
        if isinstance(q, MultipleQuestion):
            return {_key(c.text, langs) for c in q.choices if c.correct} == items
        if isinstance(q, OrderingQuestion):
            return {_key(t, langs) for t in q.items} == items
    return False


def _renders(text: Any, fact: DateFact, langs: list[str]) -> bool:
    return all(localize(text, lang) == render_date(fact, lang) for lang in langs)


def _key(text: Any, langs: list[str]) -> tuple[str, ...]:
    return tuple(normalize_name(localize(text, lang)) for lang in langs)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))
