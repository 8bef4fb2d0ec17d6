"""`quizapp lint`: item-quality checks that keep a quiz honest, for any trainer's quiz.

A valid quiz can still teach badly: one question gives away another's answer, a hint says
the answer, two questions ask the same thing, a distractor is true as well, a wrong choice
is absurd, the right one is the longest. Each check here yields warnings located like the
loader's problems (file, line, question, field, one sentence with the fix); none is an error.

The checks read loaded models only. Positions are found afterwards, and only in the files
that have something to say, so a clean bank costs no second read. A finding can be
justified in the file itself: a comment line `# lint: allow CHECK reason` inside a
question's table (or above the first question, for the whole quiz) silences CHECK there.

`CHEAP` names the checks that cost next to nothing per question; `quizapp validate` runs
those as warnings. Every check is described in docs/authoring.md with a bad and a good
example.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from quizapp.i18n import Message, Said
from quizapp.loading.catalog import Catalog
from quizapp.loading.grounding import cited_point, facts_asked
from quizapp.loading.locate import locate_keys, nearest
from quizapp.loading.problems import Problem, field_path

# The checks make hundreds of thousands of short-lived objects in no cycle: the cyclic
# collector, left on, walks the whole loaded bank again and again meanwhile.
from quizapp.loading.results import gc_paused
from quizapp.model.content import ContentModule, KeyPoint
from quizapp.model.quiz import LEVELS, Quiz

FieldPath = tuple[str | int, ...]

CHECKS: dict[str, Message] = {
    "leak": Message("lint.check_leak"),
    "hint-answer": Message("lint.check_hint_answer"),
    "format-example": Message("lint.check_format_example"),
    "twin": Message("lint.check_twin"),
    "same-fact": Message("lint.check_same_fact"),
    "also-true": Message("lint.check_also_true"),
    "not-stated": Message("lint.check_not_stated"),
    "implausible": Message("lint.check_implausible"),
    "longest": Message("lint.check_longest"),
    "odd-form": Message("lint.check_odd_form"),
    "all-of-the-above": Message("lint.check_all_of_the_above"),
    "repeats-prompt": Message("lint.check_repeats_prompt"),
    "no-feedback": Message("lint.check_no_feedback"),
    "coverage": Message("lint.check_coverage"),
}
"""Every check, by the name used in output, `--check` and `# lint: allow` (a name, the
same in every language), with what it finds (the catalog's `lint.check_*`)."""

CHEAP = frozenset({"hint-answer", "twin", "all-of-the-above", "longest", "also-true"})
"""Checks cheap enough for `quizapp validate` to run on every file."""

DEFAULT_MAX_SHARE = 0.15
"""A fact (or a key point without facts) asked by more than this share of its module's
questions is flagged: with thirty facts an even share is about 3%, so 15% is one fact
crowding out four or five others."""


@dataclasses.dataclass(frozen=True, slots=True)
class Finding:
    """One warning before it is placed: which check, which file, where in it, and why."""

    check: str
    file: str
    path: FieldPath
    message: str
    question_id: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class LintWarning:
    """A placed finding: the check's name and the problem as validate reports it."""

    check: str
    problem: Problem

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str) -> str:
        """The whole line in `lang`, ending with the check's name (the same in every
        language: `--check` and `# lint: allow` take it)."""
        return f"{self.problem.render(lang)} [{self.check}]"


@dataclasses.dataclass(slots=True)
class QuizCoverage:
    """The make-up of one quiz: question types, levels, and wrong choices without feedback."""

    quiz_id: str
    questions: int
    types: dict[str, int]
    levels: dict[str, int]
    without_feedback: int
    """Questions with at least one wrong choice (or wrong true/false answer) that says
    nothing about why it is wrong."""
    wrong_choices: int
    wrong_with_feedback: int


@dataclasses.dataclass(slots=True)
class LintReport:
    """Every warning, in reading order per file, and the coverage figures."""

    warnings: list[LintWarning]
    quizzes: list[QuizCoverage]
    facts: dict[str, dict[str, int]]
    """Per module, per `point/fact` id: how many questions ask it."""


# -- texts and answers ---------------------------------------------------------------------


def _forms(text: Any) -> list[tuple[str | None, str]]:
    """Each translation of a text with its language (None for a plain string)."""
    if text is None:
        return []
    if isinstance(text, str):
        return [(None, text)]
    return list(text.items())


def _in(text: Any, lang: str | None) -> str:
    """A text in `lang`; a plain string is the same in every language."""
    if isinstance(text, str):
        return text
    return text.get(lang) or next(iter(text.values()), "") if lang else next(iter(text.values()))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


_MIN_ANSWER = 3
"""Shorter text answers ("AS") match inside too many words to be worth a warning."""


def _text_answers(q: Any) -> list[str]:
    """A question's answers that are text, normalised, as they would appear elsewhere."""
    kind = q.type
    if kind in ("single", "multiple"):
        raw = []
        for c in q.choices:
            if c.correct:
                text = c.text
                if type(text) is str:
                    raw.append(text)
                elif text is not None:
                    raw += text.values()
    elif kind == "short_answer":
        raw = [a.text for a in q.answers if a.weight >= 1 - 1e-9 and "*" not in a.text]
    else:
        return []
    return _normed_answers(raw)


def _normed_answers(raw: list[str]) -> list[str]:
    """Answers normalised, each once, those too short to warn about left out."""
    return list(dict.fromkeys(n for n in map(_norm, raw) if len(n) >= _MIN_ANSWER))


def _numeric_answers(q: Any) -> list[float]:
    if q.type != "numeric":
        return []
    # What `q.accepted()` lists, read without making a value object for `answer`.
    values = [] if q.answer is None else [q.answer]
    if q.answers:
        values += [v.value for v in q.answers if v.weight >= 1 - 1e-9]
    return values


# -- numbers as they are written ---------------------------------------------------------

_SCALE_EXP = {
    "ribu": 3,
    "thousand": 3,
    "juta": 6,
    "million": 6,
    "miliar": 9,
    "milyar": 9,
    "billion": 9,
    "triliun": 12,
    "trillion": 12,
}
_NUMBER = re.compile(
    r"(?<![\d.,])(\d+(?:[.,]\d+)*)(?:\s*(ribu|thousand|juta|million|miliar|milyar|billion"
    r"|triliun|trillion)\b)?(?:\s+(\w+))?",
    re.IGNORECASE,
)


def _readings(digits: str) -> set[float]:
    """What a written numeral can mean: "158,273" is 158.273 (id) or 158273 (en)."""
    if "." not in digits and "," not in digits:
        return {float(digits)}
    out: set[float] = set()
    for point, group in ((",", "."), (".", ",")):
        body = digits.replace(group, "")
        if body.count(point) > 1:
            continue
        try:
            out.add(float(body.replace(point, ".")))
        except ValueError:
            continue
    return out


class _Written(NamedTuple):
    """A number found in a text: its possible values, scale word applied, and the word
    after it (a unit, for "2 hari")."""

    values: tuple[float, ...]
    scaled: bool
    mantissas: tuple[float, ...]
    after: str


@lru_cache(maxsize=65_536)
def _numbers_in(text: str) -> tuple[_Written, ...]:
    """Every number written in a lower-case text. Cached: the leak, format and
    distractor checks all read the same choices."""
    found = []
    for digits, word, after in _NUMBER.findall(text):
        readings = tuple(_readings(digits))
        if word:
            factor = 10 ** _SCALE_EXP[word]
            values = tuple(_key(r * factor) for r in readings)
        else:
            values = readings
        found.append(_Written(values, bool(word), readings, after))
    return tuple(found)


def _mantissas(value: float) -> set[float]:
    """The figure before a scale word as a large answer is usually written: 14.7 for
    14.7 trillion, 158.273 for 158.273 billion; only when at least three digits."""
    out: set[float] = set()
    for exp in (3, 6, 9, 12):
        m = value / 10**exp
        if 1 <= m < 1000:
            r = round(m, 6)
            if len(str(r).replace(".", "").rstrip("0").lstrip("0")) >= 3 or r != int(r):
                out.add(r)
    return out


_HAS_DIGIT = re.compile(r"\d").search


def _key(value: float) -> float:
    """A number rounded to twelve significant digits, so 14.7e12 read from "14,7 triliun"
    and the answer 14_700_000_000_000 meet in one dictionary slot."""
    return float(f"{value:.12g}")


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _states_number(text_numbers: Sequence[_Written], value: float, unit_words: set[str]) -> bool:
    """True when a text writes `value` in one of its forms."""
    small = abs(value) < 10 and float(value).is_integer()
    mantissas = _mantissas(value)
    for w in text_numbers:
        if any(_same(v, value) for v in w.values):
            # "2" alone is everywhere; "2 hari" is the answer.
            if not small or w.after in unit_words:
                return True
        elif not w.scaled and any(_same(m, x) for m in mantissas for x in w.mantissas):
            return True
    return False


def _unit_words(q: Any) -> set[str]:
    unit = getattr(q, "unit", None)
    return {_norm(s) for _, s in _forms(unit)}


def _word_bounded(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum()
    )


def _contains(text: str, needle: str) -> bool:
    start = text.find(needle)
    while start != -1:
        if _word_bounded(text, start, start + len(needle)):
            return True
        start = text.find(needle, start + 1)
    return False


# -- the checks ----------------------------------------------------------------------------


class _Entry(NamedTuple):
    """A question as it sits in a pool: the quiz it is written in, its place there. (A
    named tuple: one is made per question, and a frozen dataclass costs more to make.)"""

    quiz_id: str
    index: int  # type: ignore[assignment]  # the field hides tuple.index(), which nothing calls
    question: Any


def _label(entry: _Entry, own_quiz: str) -> Message:
    where = Message("lint.question", number=entry.index + 1, id=entry.question.id)
    if entry.quiz_id == own_quiz:
        return where
    return Message("lint.question_of", question=where, quiz=entry.quiz_id)


def _leaks(
    entries: list[_Entry],
    files: Mapping[str, str],
    title: tuple[str, Any] | None,
    pool: str | None,
    prompts: list[str] | None = None,
) -> list[Finding]:
    """Answers that appear in other questions' texts (and the quiz title).

    One Aho-Corasick pass over all texts of the pool finds every text answer, and the
    start of every number; a number is read there into the values its written form can
    mean (see `_Figures`) and looked up among the numeric answers. Only the first place
    an answer leaks to is named, with a count of the others, so a bank that leaks badly
    still gets one line per question.
    """
    import ahocorasick_rs  # deferred: only lint needs it

    # A right choice seen among another question's choices gives nothing away: a choice
    # is only a candidate. A typed answer (short or numeric) seen anywhere does: recall
    # becomes recognition. Statements (prompts, hints, items) give every answer away.
    # pattern (with a space each side, punctuation as space) -> [(question, typed)]
    owners: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    figures = _Figures()
    # Every text as a plain string, with its question; which field a text is in is
    # worked out only for the few that an answer turns up in.
    raw: list[str] = []
    if title is not None:
        raw += [s for _, s in _forms(title[1])]
    # Where each question's texts start in `raw` (the title's come first): a text's
    # question is looked up only for the few texts an answer turns up in.
    first_text: list[int] = []
    add_text = raw.append
    # Every text answer as written, its question and whether it is typed: normalised
    # all at once after the loop (one call per step for the whole list).
    written: list[str] = []
    whose: list[int] = []
    typed: list[bool] = []
    for k, e in enumerate(entries):
        q = e.question
        kind = q.type
        first_text.append(len(raw))
        # The texts of `_text_values`, in its order, and the answers met on the way.
        text = q.prompt
        if type(text) is str:
            add_text(text)
        else:
            raw += text.values()
        text = q.hint
        if text is not None:
            if type(text) is str:
                add_text(text)
            else:
                raw += text.values()
        if kind == "single" or kind == "multiple":
            for c in q.choices:
                text = c.text
                if type(text) is str:
                    add_text(text)
                    if c.correct:
                        written.append(text)
                        whose.append(k)
                        typed.append(False)
                else:
                    values = list(text.values())
                    raw += values
                    if c.correct:
                        written += values
                        whose += [k] * len(values)
                        typed += [False] * len(values)
        elif kind == "short_answer":
            for a in q.answers:
                if a.weight >= 1 - 1e-9 and "*" not in a.text:
                    written.append(a.text)
                    whose.append(k)
                    typed.append(True)
        elif kind == "numeric":
            figures.add(k, _numeric_answers(q), _unit_words(q))
        elif kind == "ordering":
            for text in q.items:
                if type(text) is str:
                    add_text(text)
                else:
                    raw += text.values()
        elif kind == "matching":
            for p in q.pairs:
                for text in (p.left, p.right):
                    if type(text) is str:
                        add_text(text)
                    else:
                        raw += text.values()
            for text in q.distractors:
                if type(text) is str:
                    add_text(text)
                else:
                    raw += text.values()

    # Each question's answers as `_normed_answers` makes them: normalised, each once per
    # question, none too short; then as patterns (see below), punctuation as space.
    normed = map(str.casefold, map(" ".join, map(str.split, written)))
    kept = [
        (k, a, is_typed)
        for k, a, is_typed in dict.fromkeys(zip(whose, normed, typed, strict=True))
        if len(a) >= _MIN_ANSWER
    ]
    answers = [a for _, a, _ in kept]
    for (k, _, is_typed), a in zip(kept, _spaced(answers), strict=True):
        owners[f" {a} "].append((k, is_typed))

    hits: dict[int, list[tuple[int, FieldPath]]] = defaultdict(list)
    if owners or figures:
        # Every answer is looked for with a space on each side in a text whose
        # punctuation is space: a match is a whole-word match, with no check per match.
        patterns = list(owners)
        number = len(patterns)
        # Where a number that can spell a figure starts (see `_Figures.starts`): the
        # patterns after the answers.
        if figures:
            patterns += figures.starts()
        # Lower case only (it keeps lengths, unlike casefold), the whole bank at once;
        # text by text when some character's lower case is longer ("İ").
        joined = "  ".join(raw)
        lowered = joined.lower()
        if len(lowered) != len(joined):
            raw = [s.lower() for s in raw]
            lowered = "  ".join(raw)
        big = " " + lowered.translate(_SPACES) + " "
        # Every match, overlapping ones too, in order of where they end. ASCII text is
        # searched as bytes (the same offsets): a third faster than as a string.
        if big.isascii():
            matches = ahocorasick_rs.BytesAhoCorasick(
                [p.encode() for p in patterns]
            ).find_matches_as_indexes(big.encode("ascii"), overlapping=True)
        else:
            matches = ahocorasick_rs.AhoCorasick(patterns).find_matches_as_indexes(
                big, overlapping=True
            )
        # Where each text starts in `big` (two spaces between texts), all in C.
        starts = list(
            map(
                operator.add,
                itertools.accumulate(map(len, raw), initial=0),
                range(0, 2 * len(raw), 2),
            )
        )
        if prompts is not None:
            # Each question's first prompt text as `_twins` reads it (lower case,
            # punctuation as space), cut from the bank searched: not made again.
            prompts += [big[starts[t] + 1 : starts[t] + 1 + len(raw[t])] for t in first_text]
        seen: set[int] = set()
        n = len(raw)
        owner_lists = [owners[p] for p in patterns]
        # A pattern's one question (-1 when it has several), and where each question's
        # texts start in `big`: most answers found are a right choice among its own
        # question's choices, told so with two comparisons.
        sole = [o[0][0] if len(o) == 1 else -1 for o in owner_lists]
        own_from = [starts[f] for f in first_text]
        own_from.append(starts[-1])
        fields: dict[int, list[FieldPath]] = {}
        last = -1
        for pid, start, end in matches:
            end -= 1  # the last character matched
            if pid >= number:
                start += 1  # the first digit, or the "rp" glued to it
                if start == last:
                    continue  # another beginning of the same number
                last = start
                owned = figures.at(big, start)
                if not owned:
                    continue
            else:
                k = sole[pid]
                if k >= 0 and own_from[k] < end <= own_from[k + 1]:
                    continue  # a question's own answer, in its own texts (a right choice)
                owned = owner_lists[pid]
            t = bisect.bisect_right(starts, end - 1) - 1
            owner = bisect.bisect_right(first_text, t) - 1
            if len(owned) == 1 and owned[0][0] == owner:
                continue  # a question's own answer, in its own texts (a right choice)
            if pid < number:
                key = pid * n + t
                if key in seen:
                    continue
                seen.add(key)
            path = (
                _text_path(entries, owner, t - first_text[owner], fields)
                if owner >= 0
                else (
                    "quiz",
                    "title",
                )
            )
            candidate = path[0] in _CANDIDATES
            for k, is_typed in owned:
                if candidate and not is_typed:
                    continue
                if k != owner and _counts(entries, k, owner, pool):
                    hits[k].append((owner, path))

    found = []
    for k, places in hits.items():
        places = list(dict.fromkeys(places))
        owner, path = places[0]
        e = entries[k]
        answered = _label(e, entries[owner].quiz_id if owner >= 0 else e.quiz_id)
        more = Message("lint.more_places", n=len(places) - 1) if len(places) > 1 else ""
        drawn = Message("lint.drawn_together", pool=pool) if pool else ""
        if owner < 0:
            found.append(
                Finding(
                    "leak",
                    files[e.quiz_id],
                    path,
                    Said(Message("lint.leak_title", question=answered, more=more)),
                )
            )
            continue
        o = entries[owner]
        found.append(
            Finding(
                "leak",
                files[o.quiz_id],
                ("questions", o.index, *path),
                Said(Message("lint.leak", question=_label(e, o.quiz_id), drawn=drawn, more=more)),
                o.question.id,
            )
        )
    return found


_SPACES = {
    ord(ch): " "
    for ch in "\n\t!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00a0"
}
"""Punctuation as space, so answers match whole words only (J&T as "j t" in "j&t")."""


_POWERS = ((3, 10**3), (6, 10**6), (9, 10**9), (12, 10**12))
"""The scale words' powers of ten, with their exponents."""


class _Figures:
    """The numeric answers of a pool, by the values their written forms spell, so that a
    number met in a text is read once and looked up, not matched against every form.

    The forms are those a figure is written in: in full, grouped or not ("14700000",
    "14.700.000", "14,700,000"), with a decimal point or comma ("14,7"), with a scale
    word ("14,7 triliun", "550 million"), as the bare figure before a scale word when it
    has three digits or a decimal ("14,7", "550"), and glued to "Rp"; a count under 10
    only with its unit ("2 hari"). A figure written bare, then a scale word, is not that
    figure: "147" is not 147 in "Rp147 triliun". Punctuation is space in the texts read,
    so "14,7" reads as the tokens "14" "7".
    """

    _TOKENS = re.compile(r"(?:rp)?(\d+(?: \d+)*) ")

    def __init__(self) -> None:
        self.whole: dict[int, list[int]] = defaultdict(list)
        """Whole figures of 10 and more, written in full ("147", "14 700 000")."""
        self.decimal: dict[float, list[int]] = defaultdict(list)
        """Figures with a fraction, written in full ("14 7")."""
        self.scaled: dict[tuple[int, float], list[int]] = defaultdict(list)
        """(power of ten, figure before the scale word): "14 7 triliun" is (12, 14.7)."""
        self.bare: dict[float, list[int]] = defaultdict(list)
        """Figures before a scale word, written without it ("14 7", "550")."""
        self.counts: dict[int, list[tuple[str, int]]] = defaultdict(list)
        """Counts under 10: (unit, question) per count ("2 hari")."""

    def __bool__(self) -> bool:
        return bool(self.whole or self.decimal or self.scaled or self.bare or self.counts)

    def add(self, k: int, values: Iterable[float], units: set[str]) -> None:
        """Question k's answers; `units` its unit in each language, normalised."""
        for value in values:
            # A minus sign is punctuation in the texts read: a negative figure never
            # shows (nor did any of its forms in the leak check before).
            if value < 0:
                continue
            whole = float(value).is_integer()
            if whole and value < 10:
                for u in units:
                    if u:
                        self.counts[int(value)].append((u.translate(_SPACES), k))
                continue
            if whole:
                self.whole[int(value)].append(k)
            elif "e" not in repr(float(value)):
                self.decimal[float(value)].append(k)
            for exp, power in _POWERS:
                m = value / power
                # Rounding moves the figure by less than 1e-6: only a figure near the
                # range is rounded (round(_, 6) costs more than the rest of the loop).
                if not 0.999 <= m < 1000.001:
                    continue
                m = round(m, 6)
                if 1 <= m < 1000:
                    self.scaled[exp, m].append(k)
                    if m != int(m) or m >= 100:
                        self.bare[m].append(k)

    def starts(self) -> set[str]:
        """How the numbers that can spell a figure begin, each with a space before it
        (and "rp" glued or not): two digits; or one digit, then a space and a digit, a
        scale word or a count's unit. One digit alone ("choice 2") spells nothing."""
        heads = [f"{a}{b}" for a in "123456789" for b in "0123456789"]
        heads += [f"{a} {b}" for a in "0123456789" for b in "0123456789"]
        heads += [f"{a} {w}" for a in "123456789" for w in _SCALE_EXP]
        heads += [f"{v} {unit}" for v, units in self.counts.items() for unit, _ in units]
        return {f" {rp}{head}" for head in heads for rp in ("", "rp")}

    def at(self, big: str, start: int) -> list[tuple[int, bool]]:
        """The questions whose answer the number starting at `start` (its first digit,
        or the "rp" glued to it) spells, each once, as typed answers."""
        m = self._TOKENS.match(big, start)
        if m is None:
            return []  # digits glued to letters ("2019an", "l0"): not a number
        tokens = m[1].split(" ")
        found: list[int] = []
        position = m.start(1)
        first = tokens[0]
        for j in range(len(tokens)):
            position += len(tokens[j]) + (1 if j else 0)
            # `position` is the space after the first j + 1 tokens.
            after = big[position + 1 : position + 10].split(" ", 1)[0]
            exp = _SCALE_EXP.get(after)
            if j == 0:
                if len(first) == 1 and self.counts:
                    for unit, k in self.counts.get(int(first), ()):
                        if big.startswith(unit + " ", position + 1):
                            found.append(k)
                if first[0] == "0":
                    continue  # "0" and "05" are no whole figure's form ("0,5" is read next)
                figure = int(first)
                if exp is not None:
                    found += self.scaled.get((exp, float(figure)), ())
                else:
                    found += self.whole.get(figure, ()) if figure >= 10 else ()
                    found += self.bare.get(float(figure), ()) if figure >= 100 else ()
                continue
            if j == 1:
                written = f"{first}.{tokens[1]}"
                value = float(written)
                if repr(value) == written and not value.is_integer():
                    if exp is not None:
                        found += self.scaled.get((exp, value), ())
                    else:
                        found += self.decimal.get(value, ())
                        found += self.bare.get(value, ())
                if len(first) > 3 or first[0] == "0":
                    break  # "1234 567" and "012 345" group no figure
            if len(tokens[j]) != 3:
                break
            if exp is None:
                found += self.whole.get(int("".join(tokens[: j + 1])), ())
        return [(k, True) for k in dict.fromkeys(found)]


def _base_texts(q: Any) -> list[tuple[FieldPath, Any]]:
    out: list[tuple[FieldPath, Any]] = [(("prompt",), q.prompt)]
    if q.hint is not None:
        out.append((("hint",), q.hint))
    return out


def _choice_texts(q: Any) -> list[tuple[FieldPath, Any]]:
    out = _base_texts(q)
    out += [(("choices", i, "text"), c.text) for i, c in enumerate(q.choices)]
    return out


def _item_texts(q: Any) -> list[tuple[FieldPath, Any]]:
    return _base_texts(q) + [(("items", i), t) for i, t in enumerate(q.items)]


def _pair_texts(q: Any) -> list[tuple[FieldPath, Any]]:
    out = _base_texts(q)
    for i, p in enumerate(q.pairs):
        out += [(("pairs", i, "left"), p.left), (("pairs", i, "right"), p.right)]
    out += [(("distractors", i), d) for i, d in enumerate(q.distractors)]
    return out


_TEXT_FIELDS: dict[str, Any] = {
    "single": _choice_texts,
    "multiple": _choice_texts,
    "ordering": _item_texts,
    "matching": _pair_texts,
    "true_false": _base_texts,
    "short_answer": _base_texts,
    "numeric": _base_texts,
}
"""Per question type, the texts a learner reads before answering, with their fields
(the same as `_shown`, as lists: the leak check reads every text of a bank)."""


def _text_values(q: Any) -> list[Any]:
    """The texts of `_TEXT_FIELDS`, without their fields, in the same order."""
    kind = q.type
    out = [q.prompt] if q.hint is None else [q.prompt, q.hint]
    if kind in ("single", "multiple"):
        out += [c.text for c in q.choices]
    elif kind == "ordering":
        out += q.items
    elif kind == "matching":
        for p in q.pairs:
            out += (p.left, p.right)
        out += q.distractors
    return out


def _text_path(
    entries: list[_Entry], k: int, j: int, cache: dict[int, list[FieldPath]]
) -> FieldPath:
    """The field of question k's j-th text string (a translation counts as one)."""
    paths = cache.get(k)
    if paths is None:
        q = entries[k].question
        paths = cache[k] = [
            field
            for field, value in _TEXT_FIELDS[q.type](q)
            for _ in ((value,) if type(value) is str else value.values())
        ]
    return paths[j]


_CANDIDATES = frozenset({"choices", "distractors", "pairs"})
"""Fields whose texts are candidates to pick, not statements. (A matching question's
pairs are shown apart, so each side is only a candidate too.)"""


def _counts(entries: list[_Entry], k: int, owner: int, pool: str | None) -> bool:
    """In a pool only pairs from different quizzes count: each quiz's own are reported
    when that quiz is checked."""
    if owner < 0:
        return pool is None
    return pool is None or entries[k].quiz_id != entries[owner].quiz_id


_DATE_IN_ITEM = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}/\d{1,2}\b|\((?:[^)]*\d[^)]*)\)",
)


def _ordering_dates(q: Any) -> list[tuple[FieldPath, str]]:
    if q.type != "ordering":
        return []
    # Every date the pattern knows has a digit: most orderings have none at all.
    if not _HAS_DIGIT("".join(_all_texts(q.items))):
        return []
    for i, item in enumerate(q.items):
        for _, s in _forms(item):
            if _DATE_IN_ITEM.search(s):
                return [
                    (
                        ("items", i),
                        Said(Message("lint.ordering_dates")),
                    )
                ]
    return []


def _all_texts(values: Iterable[Any]) -> list[str]:
    """Every translation of every text, flattened."""
    out: list[str] = []
    for value in values:
        if type(value) is str:
            out.append(value)
        elif value is not None:
            out += value.values()
    return out


def _hint_answer(q: Any) -> list[tuple[FieldPath, str]]:
    if q.hint is None:
        return []
    hints = [_norm(s) for _, s in _forms(q.hint)]
    for a in _text_answers(q):
        if any(_contains(h, a) for h in hints):
            return [(("hint",), Said(Message("lint.hint_answer", answer=a)))]
    values = _numeric_answers(q)
    if values:
        units = _unit_words(q)
        for h in hints:
            numbers = _numbers_in(h.lower())
            if any(_states_number(numbers, v, units) for v in values):
                return [
                    (
                        ("hint",),
                        Said(Message("lint.hint_figure")),
                    )
                ]
    return []


_EXAMPLE = re.compile(
    r"(?:e\.g\.|for example|for instance|such as|like|misalnya|contohnya|contoh|seperti)"
    r"[:,]?\s+(?:rp\s?)?([^\s].{0,40})",
    re.IGNORECASE,
)


def _with_digits(questions: list[Any]) -> set[int]:
    """The questions whose prompt or hint has a digit (no format example without one),
    found by one search over all of them instead of one per text."""
    n = len(questions)
    prompts = list(map(operator.attrgetter("prompt"), questions))
    hints = list(map(operator.attrgetter("hint"), questions))
    # Most banks' prompts and hints have no digit: told by every translation joined in
    # one string (in C when all are translated), before any question's own text is made.
    whole = "\0".join(itertools.chain(_every_text(prompts), _every_text(hints)))
    if whole.isascii() and not any(digit in whole for digit in "0123456789"):
        return set()
    # Every prompt, then every hint, a text per question (its translations joined).
    texts = [
        v if type(v) is str else "" if v is None else "\1".join(v.values())
        for v in itertools.chain(prompts, hints)
    ]
    joined = "\0".join(texts)
    starts = list(
        map(operator.add, itertools.accumulate(map(len, texts), initial=0), range(len(texts)))
    )
    if not joined.isascii():
        # Other scripts' digits count too (as \d finds them): one match per text with
        # digits, from its first digit to the separator.
        return {
            (bisect.bisect_right(starts, m.start()) - 1) % n for m in _DIGIT_ON.finditer(joined)
        }
    # Each digit looked for in turn (a string search, far faster than a pattern's), and
    # after a find, from the next text on.
    found: set[int] = set()
    for digit in "0123456789":
        at = joined.find(digit)
        while at != -1:
            t = bisect.bisect_right(starts, at) - 1
            found.add(t % n)
            at = joined.find(digit, starts[t + 1]) if t + 1 < len(texts) else -1
    return found


_DIGIT_ON = re.compile(r"\d[^\0]*")


def _every_text(values: list[Any]) -> Iterable[str]:
    """Every translation of these texts (None for none): in C when all are translated,
    or none given (a bank's prompts usually are, its hints absent)."""
    kinds = set(map(type, values))
    if kinds == {dict}:
        return itertools.chain.from_iterable(map(dict.values, values))
    if kinds == {type(None)}:
        return ()
    return _all_texts(values)


def _format_examples(q: Any, answers: Mapping[float, str]) -> list[tuple[FieldPath, str]]:
    """Numbers written as examples ("e.g. 14,7 triliun") that are answers of loaded
    questions: a learner who reads the example reads an answer."""
    if not answers:
        return []
    for field in ("hint", "prompt"):
        for s in _all_texts((getattr(q, field),)):
            if not _HAS_DIGIT(s):
                continue
            for m in _EXAMPLE.finditer(s):
                for w in _numbers_in(m[1].lower())[:1]:
                    for value, who in answers.items():
                        if who == q.id and field == "hint":
                            continue  # the hint-answer check says it
                        if any(_same(v, value) for v in w.values) or (
                            not w.scaled
                            and any(_same(x, mm) for x in w.mantissas for mm in _mantissas(value))
                        ):
                            return [
                                (
                                    (field,),
                                    Said(
                                        Message(
                                            "lint.format_example",
                                            example=m[1].split()[0],
                                            question=who,
                                        )
                                    ),
                                )
                            ]
    return []


_WORD = re.compile(r"\w+")


def _cleaned(texts: list[str]) -> list[str]:
    """Each text lower case, punctuation as space: all at once (one call per step for
    the whole list, not per text), unless a text holds the separator itself."""
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:
        return [t.lower().translate(_SPACES) for t in texts]
    return joined.lower().translate(_SPACES).split("\0") if texts else []


def _spaced(texts: list[str]) -> list[str]:
    """Each text with punctuation as space, all in one call (one per text costs more
    than the text), unless a text holds the separator itself."""
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:
        return [t.translate(_SPACES) for t in texts]
    return joined.translate(_SPACES).split("\0") if texts else []


def _twins(
    entries: list[_Entry], cleaned: list[str] | None = None
) -> list[tuple[int, FieldPath, str]]:
    """Questions with the same prompt as an earlier one, or one word apart from it (a
    word changed, added or left out), compared in the first language (lower case,
    punctuation aside).

    Two prompts one word apart share their first two words or their last two, so only
    prompts in the same such bucket are compared, word by word.
    """
    found: list[tuple[int, FieldPath, str]] = []
    exact: dict[tuple[str, ...], int] = {}
    heads: dict[tuple[str, ...], list[int]] = defaultdict(list)
    tails: dict[tuple[str, ...], list[int]] = defaultdict(list)
    # `cleaned`: the prompts so, if the leak check has cut them from its search already.
    prompts = cleaned or _cleaned(
        [
            p if type(p) is str else next(iter(p.values()), "")
            for p in map(operator.attrgetter("prompt"), map(operator.itemgetter(2), entries))
        ]
    )
    # Only a prompt that shares its first two words or its last two with another can be
    # (or have) a twin (the same prompt shares both): those are found by counting
    # strings (each hashed once), all in C, and only they are walked, in order; any
    # other would open a bucket no one joins.
    two, last_two = operator.itemgetter(slice(0, 2)), operator.itemgetter(slice(-2, None))
    ends = itertools.repeat(None), itertools.repeat(2)
    heads_of = list(map(" ".join, map(two, map(str.split, prompts, *ends))))
    tails_of = list(map(" ".join, map(last_two, map(str.rsplit, prompts, *ends))))
    shared_head, shared_tail = (
        {key for key, n in Counter(keys).items() if n > 1} for keys in (heads_of, tails_of)
    )
    if not shared_head and not shared_tail:
        return found
    walk = list(
        itertools.compress(
            itertools.count(),
            map(
                operator.or_,
                map(shared_head.__contains__, heads_of),
                map(shared_tail.__contains__, tails_of),
            ),
        )
    )
    words_of: dict[int, tuple[str, ...]] = {}
    for k in walk:
        words = words_of[k] = tuple(prompts[k].split())
        first = exact.setdefault(words, k)
        if first != k:
            found.append((k, ("prompt",), _twin_message("lint.twin_same", entries[first])))
            continue
        if len(words) < 5:
            continue
        head, tail = words[:2], words[-2:]
        same_head, same_tail = heads.get(head), tails.get(tail)
        if same_head or same_tail:
            other = next(
                (
                    j
                    for j in itertools.chain(same_head or (), same_tail or ())
                    if _one_word_apart(words, words_of[j])
                ),
                None,
            )
            if other is not None:
                found.append((k, ("prompt",), _twin_message("lint.twin_near", entries[other])))
        heads[head].append(k)
        tails[tail].append(k)
    return found


def _one_word_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One word changed, added or left out (and no more)."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def _twin_message(key: str, other: _Entry) -> str:
    return Said(Message(key, number=other.index + 1, id=other.question.id))


_BOUND = re.compile(
    r"\b(more than|over|at least|lebih dari|di atas|sedikitnya|paling sedikit|less than|"
    r"under|fewer than|kurang dari|di bawah)\s+(\d+(?:[.,]\d+)*)",
    re.IGNORECASE,
)
_LOWER_BOUNDS = ("more than", "over", "at least", "lebih dari", "di atas", "sedikitnya")


def _bounds(text: str) -> tuple[str, float] | None:
    m = _BOUND.search(text)
    if not m:
        return None
    values = _readings(m[2])
    kind = "lower" if m[1].lower() in _LOWER_BOUNDS or "paling sedikit" in m[1].lower() else "upper"
    return kind, min(values) if values else 0.0


def _also_true(q: Any) -> list[tuple[FieldPath, str]]:
    if q.type != "single":
        return []
    right = next((c for c in q.choices if c.correct), None)
    if right is None:
        return []
    for lang, s in _forms(right.text):
        bound = _bounds(s)
        if bound is None:
            continue
        for i, c in enumerate(q.choices):
            if c.correct:
                continue
            other = _bounds(_in(c.text, lang))
            if other is None or other[0] != bound[0]:
                continue
            if (bound[0] == "lower" and other[1] < bound[1]) or (
                bound[0] == "upper" and other[1] > bound[1]
            ):
                return [
                    (
                        ("choices", i, "text"),
                        Said(Message("lint.also_true")),
                    )
                ]
    return []


_FRAMED = re.compile(
    r"\b(report|article|story|news|source)\b.{0,20}\b(says?|states?|names?|lists?|mentions?|"
    r"calls?|writes?|reports?)\b|according to|\bberita\b.{0,12}\b(mengatakan|menyebut\w*|"
    r"menulis|melaporkan)\b|\bmenurut\b",
    re.IGNORECASE,
)
_UNSTATED = re.compile(
    r"does not (say|state|name|mention|list)|doesn't (say|name)|not (named|mentioned|stated)|"
    r"only (says|examples|names)|such as|tidak (menyebut|mengatakan|disebut|menulis)|"
    r"hanya (menulis|menyebut|contoh)|\bseperti\b",
    re.IGNORECASE,
)


def _not_stated(q: Any) -> list[tuple[FieldPath, str]]:
    if q.type != "true_false" or q.answer:
        return []
    if any(_FRAMED.search(s) for _, s in _forms(q.prompt)):
        return []
    said = [s for t in (q.feedback_true, q.explanation) for _, s in _forms(t)]
    if any(_UNSTATED.search(s) for s in said):
        return [
            (
                ("answer",),
                Said(Message("lint.not_stated")),
            )
        ]
    return []


_PEOPLE = {
    "orang",
    "people",
    "persons",
    "pelanggan",
    "customers",
    "delegasi",
    "delegates",
    "penduduk",
    "users",
    "pengguna",
    "peserta",
    "participants",
    "karyawan",
    "employees",
}
_COUNTRIES = {"negara", "countries"}
_WORLD = 8.2e9
"""About everyone alive: no count of people is larger."""


def _amount(text: str) -> tuple[float, str] | None:
    numbers = _numbers_in(text.lower())
    if len(numbers) != 1:
        return None
    w = numbers[0]
    return min(w.values), w.after


_MAY_BE_IMPLAUSIBLE = re.compile(
    r"\d[.,]\d|\d{4}|" + "|".join(sorted(_SCALE_EXP)) + "|" + "|".join(sorted(_PEOPLE | _COUNTRIES))
)
"""What a choice has when this check can fire: a unit it names a count of, or a figure
of a thousand or more (four digits or a scale word) or with a fraction (a separator).
Without, every figure is a whole number from 1 to 999 (or 0, left aside), no two a
thousand times apart."""


_IMPLAUSIBLE_WORDS = tuple(sorted(_SCALE_EXP)) + tuple(sorted(_PEOPLE | _COUNTRIES))
_TO_ZERO = str.maketrans("123456789", "000000000")


def _holding(texts: list[str], needles: Iterable[str]) -> set[int]:
    """Which of `texts` hold one of `needles`: each needle looked for with a string search
    over all the texts at once, and after a find, from the next text on."""
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:
        return {t for t, text in enumerate(texts) if any(n in text for n in needles)}
    starts = list(
        map(operator.add, itertools.accumulate(map(len, texts), initial=0), range(len(texts)))
    )
    found: set[int] = set()
    for needle in needles:
        at = joined.find(needle)
        while at != -1:
            t = bisect.bisect_right(starts, at) - 1
            found.add(t)
            at = joined.find(needle, starts[t + 1]) if t + 1 < len(texts) else -1
    return found


def _may_be_implausible(questions: list[Any], indices: list[int]) -> list[int]:
    """Those of `indices` (choice questions) whose choices `_MAY_BE_IMPLAUSIBLE` finds
    something in: on ASCII text, each of its words is looked for with a string search,
    and each figure's shape after every digit is made a 0."""
    texts = ["\n".join(_all_texts([c.text for c in questions[i].choices])).lower() for i in indices]
    if not all(map(str.isascii, texts)):
        return [i for i, t in zip(indices, texts, strict=True) if _MAY_BE_IMPLAUSIBLE.search(t)]
    found = _holding(texts, _IMPLAUSIBLE_WORDS)
    found |= _holding([t.translate(_TO_ZERO) for t in texts], ("0.0", "0,0", "0000"))
    return [indices[t] for t in sorted(found)]


_BOUND_WORDS = ("than", "over", "least", "dari", "atas", "sedikit", "under", "bawah")
"""A word of every phrase `_BOUND` finds, in lower case."""


def _may_be_also_true(questions: list[Any], indices: list[int]) -> list[int]:
    """Those of `indices` (single-answer questions) whose right choice could state a
    bound: on ASCII text, one of the words of `_BOUND`'s phrases is in it."""
    texts = [
        "\n".join(_all_texts([c.text for c in questions[i].choices if c.correct][:1])).lower()
        for i in indices
    ]
    if not all(map(str.isascii, texts)):
        return indices
    return [indices[t] for t in sorted(_holding(texts, _BOUND_WORDS))]


_ABOVE_WORDS = ("above", "benar", "atas")
"""A word of every phrase `_ABOVE` finds."""

_GATE_NEEDLES: dict[str, tuple[str, ...]] = {
    "implausible": (*_IMPLAUSIBLE_WORDS, "0.0", "0,0", "0000"),
    "also-true": _BOUND_WORDS,
    "all-of-the-above": _ABOVE_WORDS,
}
"""What a choice must hold (lower case, every digit made a 0) for each check to fire."""


def _choice_gates(
    questions: list[Any], single: list[int], multiple: list[int]
) -> dict[str, set[int]] | None:
    """The questions each choice check can fire on, for one quiz's choice questions,
    each check a superset of what it finds: one automaton search over all their choices
    for the words of `_GATE_NEEDLES` (also-true: in the first right choice only), and
    for odd-form and longest, when every choice is a plain string, each question's
    choices' forms or lengths compared. None when some choice text is not ASCII (other
    scripts' digits and case rules): each check's own gate then."""
    import ahocorasick_rs  # deferred: only lint needs it

    indices = sorted(single + multiple)
    choices = [questions[i].choices for i in indices]
    texts = list(map(operator.attrgetter("text"), itertools.chain.from_iterable(choices)))
    plain = set(map(type, texts)) <= {str}
    flat = texts if plain else [t if type(t) is str else "\n".join(t.values()) for t in texts]
    joined = "\0".join(flat)
    if not joined.isascii() or joined.count("\0") != len(flat) - 1:
        return None
    # Where each question's choices start among all choices, and each choice in `joined`.
    bounds = list(itertools.accumulate(map(len, choices), initial=0))
    starts = list(
        map(operator.add, itertools.accumulate(map(len, flat), initial=0), range(len(flat) + 1))
    )
    groups: dict[str, list[str]] = defaultdict(list)
    for name, words in _GATE_NEEDLES.items():
        for word in words:
            groups[word].append(name)
    needles = list(groups)
    gates: dict[str, set[int]] = {name: set() for name in (*_GATE_NEEDLES, "odd-form", "longest")}
    zeroed = joined.lower().translate(_TO_ZERO)
    automaton = ahocorasick_rs.BytesAhoCorasick([n.encode() for n in needles])
    for pid, at, _ in automaton.find_matches_as_indexes(zeroed.encode(), overlapping=True):
        choice = bisect.bisect_right(starts, at) - 1
        j = bisect.bisect_right(bounds, choice) - 1
        i = indices[j]
        for name in groups[needles[pid]]:
            if name == "also-true":
                cs = choices[j]
                first = next((k for k, c in enumerate(cs) if c.correct), None)
                if first is None or bounds[j] + first != choice:
                    continue
            gates[name].add(i)
    odd, longest = gates["odd-form"], gates["longest"]
    if not plain:
        odd.update(single)
        longest.update(single)
        return gates
    # Every choice's `_form` and length, all at once, and of each question its choices'
    # (ASCII: a digit is a 0 in `zeroed`).
    stripped = list(map(str.strip, texts))
    digit = list(map(operator.contains, zeroed.split("\0"), itertools.repeat("0")))
    upper = list(map(str.isupper, map(operator.itemgetter(slice(0, 1)), stripped)))
    stop = list(map(str.endswith, stripped, itertools.repeat(".")))
    own = list(map(slice, bounds, bounds[1:]))
    for part in (digit, upper, stop):
        # A form that every choice of the quiz shares sets no choice apart.
        if len(set(part)) > 1:
            varies = map(len, map(set, map(operator.getitem, itertools.repeat(part), own)))
            odd.update(i for i, n in zip(indices, varies, strict=True) if n > 1)
    # The longest right choice against the longest wrong one (0 when none): if any
    # right choice is markedly the longest, that one is.
    lengths = list(map(len, texts))
    right = list(map(operator.attrgetter("correct"), itertools.chain.from_iterable(choices)))
    rights = list(map(operator.mul, lengths, right))
    wrongs = list(map(operator.mul, lengths, map(operator.not_, right)))
    longest_right = map(max, map(operator.getitem, itertools.repeat(rights), own))
    longest_wrong = map(max, map(operator.getitem, itertools.repeat(wrongs), own))
    longest.update(
        i
        for i, r, w in zip(indices, longest_right, longest_wrong, strict=True)
        if r > 1.5 * w and r - w >= 15
    )
    return gates


def _implausible(q: Any) -> list[tuple[FieldPath, str]]:
    if q.type not in ("single", "multiple"):
        return []
    texts = [c.text for c in q.choices]
    if not _MAY_BE_IMPLAUSIBLE.search("\n".join(_all_texts(texts)).lower()):
        return []
    first = None if type(texts[0]) is str else next(iter(texts[0]))
    amounts = [
        _amount(t if type(t) is str else (t.get(first) or next(iter(t.values())))) for t in texts
    ]
    for i, (c, a) in enumerate(zip(q.choices, amounts, strict=True)):
        if a is None or c.correct:
            continue
        value, unit = a
        if (unit in _PEOPLE and value > _WORLD) or (unit in _COUNTRIES and value > 250):
            return [
                (
                    ("choices", i, "text"),
                    Said(Message("lint.implausible_unit", unit=unit)),
                )
            ]
    values = [a[0] for a in amounts if a is not None and a[0] > 0]
    # No choice is a thousand times from its nearest when none is from the farthest.
    if len(values) >= 3 and max(values) > 1000 * (1 + 1e-9) * min(values):
        for i, (c, a) in enumerate(zip(q.choices, amounts, strict=True)):
            if a is None or c.correct or a[0] <= 0:
                continue
            others = [v for v in values if v is not a[0]]
            nearest_ratio = min(max(a[0] / v, v / a[0]) for v in others) if others else 0
            if nearest_ratio > 1000 * (1 + 1e-9):
                return [
                    (
                        ("choices", i, "text"),
                        Said(Message("lint.implausible_far")),
                    )
                ]
    return []


_ABOVE = re.compile(
    r"\b(all|none|both) of the above\b|\bsemua(nya)? (jawaban )?(di atas )?benar\b|"
    r"\bsemua (jawaban )?di atas\b|\btidak ada (jawaban )?yang benar\b",
    re.IGNORECASE,
)


_ABOVE_WORD = re.compile(r"\b(?:above|benar|atas)\b")
"""A word of every phrase `_ABOVE` finds."""


def _may_say_above(questions: list[Any]) -> bool:
    """Whether any choice of these questions could say "all of the above": one look
    over all their choices for a word every such phrase has."""
    choices = _all_texts(
        c.text for q in questions if q.type in ("single", "multiple") for c in q.choices
    )
    folded = "\n".join(choices).casefold()
    # Each word looked for with a string search first: the pattern only if one is there.
    if folded.isascii() and not any(word in folded for word in ("above", "benar", "atas")):
        return False
    return _ABOVE_WORD.search(folded) is not None


def _all_of_the_above(q: Any) -> list[tuple[FieldPath, str]]:
    if q.type not in ("single", "multiple"):
        return []
    # One search over every choice (no phrase spans a line) tells whether to look closer.
    if not _ABOVE.search("\n".join(_all_texts(c.text for c in q.choices))):
        return []
    for i, c in enumerate(q.choices):
        if any(_ABOVE.search(s) for _, s in _forms(c.text)):
            return [
                (
                    ("choices", i, "text"),
                    Said(Message("lint.all_of_the_above")),
                )
            ]
    return []


def _longest(q: Any) -> list[tuple[FieldPath, str]]:
    if q.type != "single" or len(q.choices) < 3:
        return []
    for k, c in enumerate(q.choices):
        if not c.correct:
            continue
        for lang, s in _forms(c.text):
            wrong = [len(_in(o.text, lang)) for o in q.choices if not o.correct]
            longest = max(wrong, default=0)
            if len(s) > 1.5 * longest and len(s) - longest >= 15:
                return [
                    (
                        ("choices", k, "text"),
                        Said(Message("lint.longest")),
                    )
                ]
    return []


def _form(text: str) -> tuple[bool, bool, bool]:
    s = text.strip()
    # str.isdigit also takes "²", which \d does not: the slow test only when \d finds none.
    digit = _HAS_DIGIT(s) is not None or (not s.isascii() and any(ch.isdigit() for ch in s))
    return (digit, s[:1].isupper(), s.endswith("."))


def _odd_form(q: Any) -> list[tuple[FieldPath, str]]:
    if q.type != "single" or len(q.choices) < 4:
        return []
    k = next((i for i, c in enumerate(q.choices) if c.correct), None)
    if k is None:
        return []
    for lang, _ in _forms(q.choices[k].text):
        forms = [_form(_in(c.text, lang)) for c in q.choices]
        right = forms[k]
        others = [f for i, f in enumerate(forms) if i != k]
        if len(set(others)) == 1 and others[0] != right:
            return [
                (
                    ("choices", k, "text"),
                    Said(Message("lint.odd_form")),
                )
            ]
    return []


_STOP = frozenset(
    {
        "yang",
        "dan",
        "atau",
        "dari",
        "untuk",
        "dengan",
        "dalam",
        "pada",
        "adalah",
        "itu",
        "ini",
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "what",
        "which",
        "when",
        "where",
        "were",
        "have",
        "into",
        "their",
        "they",
        "them",
    }
)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) >= 4 and w not in _STOP}


def _repeats_prompt(q: Any) -> list[tuple[FieldPath, str]]:
    if q.type != "single" or len(q.choices) < 3:
        return []
    k = next((i for i, c in enumerate(q.choices) if c.correct), None)
    if k is None:
        return []
    # A plain right choice is the same in every language: its words found once.
    said = q.choices[k].text
    plain = _content_words(said) if type(said) is str else None
    for lang, prompt in _forms(q.prompt):
        right = plain if plain is not None else _content_words(_in(said, lang))
        folded = prompt.casefold()
        if sum(w in folded for w in right) < 2:
            continue  # not even as parts of the prompt's words: it cannot repeat two
        words = _content_words(prompt)
        if len(right & words) < 2:
            continue  # the right choice does not repeat the prompt: the others do not matter
        overlaps = []
        for c in q.choices:
            text = _in(c.text, lang)
            overlaps.append(len(_content_words(text) & words))
        if overlaps[k] >= 2 and all(o == 0 for i, o in enumerate(overlaps) if i != k):
            return [
                (
                    ("choices", k, "text"),
                    Said(Message("lint.repeats_prompt")),
                )
            ]
    return []


def wrong_without_feedback(q: Any) -> tuple[int, int, list[FieldPath]]:
    """(wrong choices, those with feedback, paths of those without) of one question."""
    if q.type in ("single", "multiple"):
        missing: list[FieldPath] = []
        wrong = 0
        for i, c in enumerate(q.choices):
            if not c.correct:
                wrong += 1
                if c.feedback is None:
                    missing.append(("choices", i))
        return wrong, wrong - len(missing), missing
    if q.type == "true_false":
        field = "feedback_true" if not q.answer else "feedback_false"
        if getattr(q, field) is None:
            return 1, 0, [(field,)]
        return 1, 1, []
    return 0, 0, []


def _feedback_of(questions: Sequence[Any]) -> tuple[int, int, list[int]]:
    """(wrong choices, those with feedback, the questions with a wrong choice or wrong
    true/false answer that says nothing) of a quiz: `wrong_without_feedback` summed,
    without its paths, which only the first such question's warning needs."""
    wrong = said = 0
    silent: list[int] = []
    for i, q in enumerate(questions):
        kind = q.type
        if kind == "single" or kind == "multiple":
            n = quiet = 0
            for c in q.choices:
                if not c.correct:
                    n += 1
                    if c.feedback is None:
                        quiet += 1
            wrong += n
            said += n - quiet
            if quiet:
                silent.append(i)
        elif kind == "true_false":
            wrong += 1
            if (q.feedback_false if q.answer else q.feedback_true) is None:
                silent.append(i)
            else:
                said += 1
    return wrong, said, silent


def _no_feedback(quiz: Quiz, file: str, silent: list[int]) -> list[Finding]:
    """One warning per quiz, at the first question whose wrong choices say nothing, with
    how many such questions there are and which (`silent`, from `_feedback_of`)."""
    if not silent:
        return []
    i = silent[0]
    q = quiz.questions[i]
    paths = wrong_without_feedback(q)[2]
    first: Message
    if paths[0][0] == "choices":
        which = ", ".join(str(int(p[1]) + 1) for p in paths)
        first = Message("lint.no_feedback_choices", n=len(paths), which=which)
    else:
        first = Message("lint.no_feedback_answer")
    others = [j + 1 for j in silent[1:]]
    listed: str | Message = ", ".join(map(str, others[:10]))
    if len(others) > 10:
        listed = Message("lint.and_more", listed=listed, n=len(others) - 10)
    also: str | Message = ""
    if others:
        also = Message(
            "lint.no_feedback_also",
            n=len(others),
            listed=listed,
            silent=len(silent),
            total=len(quiz.questions),
        )
    return [
        Finding(
            "no-feedback",
            file,
            ("questions", i, *paths[0]),
            Said(Message("lint.no_feedback", first=first, also=also)),
            q.id,
        )
    ]


_PER_QUESTION = {
    "hint-answer": (_hint_answer, ()),
    "also-true": (_also_true, ("single",)),
    "not-stated": (_not_stated, ("true_false",)),
    "implausible": (_implausible, ("single", "multiple")),
    "longest": (_longest, ("single",)),
    "odd-form": (_odd_form, ("single",)),
    "all-of-the-above": (_all_of_the_above, ("single", "multiple")),
    "repeats-prompt": (_repeats_prompt, ("single",)),
}
"""The checks of one question, with the types they apply to (none listed: a question of
any type with a hint)."""


# -- running them --------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Shared:
    """What `find` works out that the coverage figures need too, kept for them."""

    feedback: dict[str, tuple[int, int, list[int]]] = dataclasses.field(default_factory=dict)
    """Per quiz, `_feedback_of` its questions."""
    facts: dict[str, dict[str, int]] | None = None
    """`facts_coverage` of the catalog."""


def find(
    catalog: Catalog,
    modules: Mapping[str, ContentModule] | None = None,
    *,
    checks: Iterable[str] | None = None,
    max_share: float = DEFAULT_MAX_SHARE,
    module_paths: Mapping[str, Path] | None = None,
    shared: _Shared | None = None,
) -> list[Finding]:
    """Every finding of the chosen checks (all by default) over a loaded catalog;
    `shared` keeps what the coverage figures need too."""
    chosen = set(CHECKS if checks is None else checks)
    modules = modules or {}
    files = {qid: str(p) for qid, p in catalog.paths.items()}
    found: list[Finding] = []
    # Each quiz's questions by type, worked out once: the numeric answers need them first.
    types_of: dict[str, defaultdict[str, list[int]]] = {}
    for quiz_id, quiz in catalog.quizzes.items():
        by_kind = types_of[quiz_id] = defaultdict(list)
        for i, kind in enumerate(map(operator.attrgetter("type"), quiz.questions)):
            by_kind[kind].append(i)
    numeric_answers: dict[float, str] = {}
    if "format-example" in chosen:
        for quiz_id, quiz in catalog.quizzes.items():
            for i in types_of[quiz_id].get("numeric", ()):
                q = quiz.questions[i]
                for v in _numeric_answers(q):
                    numeric_answers.setdefault(v, q.id)
    # Each type's own checks, so a question meets only those that can apply to it.
    by_type: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for name, (check, types) in _PER_QUESTION.items():
        if name in chosen and types:
            for kind in types:
                by_type[kind].append((name, check))
    hints = "hint-answer" in chosen
    without_above = {
        kind: [(name, check) for name, check in named if name != "all-of-the-above"]
        for kind, named in by_type.items()
    }
    gated = chosen & {*_GATE_NEEDLES, "odd-form", "longest"}
    for quiz_id, quiz in catalog.quizzes.items():
        file = files[quiz_id]
        entries = list(map(_Entry, itertools.repeat(quiz_id), itertools.count(), quiz.questions))
        examples = (
            _with_digits(quiz.questions) if "format-example" in chosen and numeric_answers else ()
        )
        # Check by check over the questions it applies to (a question's findings keep
        # the order of its checks: `place` sorts by position, equal places stay in turn).
        questions = quiz.questions
        of_type = types_of[quiz_id]
        gates = (
            _choice_gates(questions, of_type.get("single", []), of_type.get("multiple", []))
            if gated
            else None
        )
        if gates is not None:
            per_type = by_type
        else:
            # No choice of the quiz has a word of "all of the above": no question needs a look.
            above = "all-of-the-above" in chosen and _may_say_above(quiz.questions)
            per_type = by_type if above else without_above
        runs: list[tuple[str, Any, list[int]]] = [
            (name, check, indices)
            for kind, indices in of_type.items()
            for name, check in per_type.get(kind, ())
        ]
        if hints:
            with_hint = [i for i, q in enumerate(questions) if q.hint is not None]
            runs.append(("hint-answer", _hint_answer, with_hint))
        if "leak" in chosen:
            runs.append(("leak", _ordering_dates, of_type.get("ordering", [])))
        if examples:
            runs.append(
                (
                    "format-example",
                    lambda q: _format_examples(q, numeric_answers),
                    sorted(examples),
                )
            )
        flagged: list[tuple[int, int, str, list[tuple[FieldPath, str]]]] = []
        for order, (name, check, indices) in enumerate(runs):
            if gates is not None:
                if name in gates:
                    gate = gates[name]
                    indices = [i for i in indices if i in gate]
            elif name == "implausible":
                indices = _may_be_implausible(questions, indices)
            elif name == "also-true":
                indices = _may_be_also_true(questions, indices)
            results = map(check, [questions[i] for i in indices])
            flagged += [(i, order, name, r) for i, r in zip(indices, results, strict=True) if r]
        flagged.sort(key=operator.itemgetter(0, 1))
        for i, _, name, messages in flagged:
            q = questions[i]
            for path, message in messages:
                found.append(Finding(name, file, ("questions", i, *path), message, q.id))
        cleaned: list[str] = []
        if "leak" in chosen:
            found += _leaks(entries, files, (quiz_id, quiz.quiz.title), None, cleaned)
            if quiz.quiz.include:
                drawn = catalog.pool(quiz_id)
                places = {
                    id(q): i
                    for other in {e.quiz_id for e in drawn}
                    for i, q in enumerate(catalog.quizzes[other].questions)
                }
                pool = [_Entry(e.quiz_id, places[id(e.question)], e.question) for e in drawn]
                found += _leaks(pool, files, None, quiz_id)
        if "twin" in chosen:
            for k, path, message in _twins(entries, cleaned):
                q = entries[k].question
                found.append(Finding("twin", file, ("questions", k, *path), message, q.id))
        if "same-fact" in chosen and modules:
            found += _same_fact(quiz, file, modules)
        if "no-feedback" in chosen:
            feedback = _feedback_of(quiz.questions)
            if shared is not None:
                shared.feedback[quiz_id] = feedback
            found += _no_feedback(quiz, file, feedback[2])
    if "coverage" in chosen and modules:
        counts = facts_coverage(catalog, modules)
        if shared is not None:
            shared.facts = counts
        found += _coverage_findings(catalog, modules, max_share, module_paths or {}, counts)
    return found


def _same_fact(quiz: Quiz, file: str, modules: Mapping[str, ContentModule]) -> list[Finding]:
    if quiz.quiz.shuffle_questions:
        return []
    # No question cites a point: none asks a fact (told in C, without a look at each).
    if not any(map(operator.attrgetter("source"), quiz.questions)):
        return []
    found = []
    previous: set[str] = set()
    for i, q in enumerate(quiz.questions):
        point = cited_point(q, modules)
        asked = (
            {f"{point.id}/{f}" for f in facts_asked(q, point, quiz.languages)} if point else set()
        )
        both = asked & previous
        if both:
            found.append(
                Finding(
                    "same-fact",
                    file,
                    ("questions", i, "source"),
                    Said(Message("lint.same_fact", fact=sorted(both)[0])),
                    q.id,
                )
            )
        previous = asked
    return found


def facts_coverage(
    catalog: Catalog, modules: Mapping[str, ContentModule]
) -> dict[str, dict[str, int]]:
    """Per module, per `point/fact`: how many questions of the catalog ask it. A key
    point without facts counts the questions that cite it, as `point`."""
    counts: dict[str, dict[str, int]] = {}
    point: KeyPoint | None  # each of a module's, then the one a question cites
    for module in modules.values():
        table: dict[str, int] = {}
        for point in module.points:
            if point.facts:
                for fact in point.facts:
                    table[f"{point.id}/{fact.id}"] = 0
            else:
                table[point.id] = 0
        counts[module.id] = table
    for quiz in catalog.quizzes.values():
        for q in quiz.questions:
            point = cited_point(q, modules)
            if point is None:
                continue
            assert q.source is not None  # the point is the one it names
            module_id = q.source.partition("#")[0]
            table = counts[module_id]
            if not point.facts:
                table[point.id] += 1
                continue
            for fact_id in facts_asked(q, point, quiz.languages):
                table[f"{point.id}/{fact_id}"] += 1
    return counts


def _coverage_findings(
    catalog: Catalog,
    modules: Mapping[str, ContentModule],
    max_share: float,
    module_paths: Mapping[str, Path],
    counts: dict[str, dict[str, int]],
) -> list[Finding]:
    found = []
    for module_id, table in counts.items():
        module = modules[module_id]
        total = sum(
            1
            for quiz in catalog.quizzes.values()
            for q in quiz.questions
            if q.source and q.source.partition("#")[0] == module_id
        )
        if total == 0:
            continue  # no quiz on this module was checked
        file = str(module_paths.get(module_id, module_id))
        for i, point in enumerate(module.points):
            keys = (
                [
                    (f"{point.id}/{f.id}", ("points", i, "facts", j))
                    for j, f in enumerate(point.facts)
                ]
                if point.facts
                else [(point.id, ("points", i))]
            )
            for key, path in keys:
                n = table[key]
                if n == 0:
                    found.append(
                        Finding(
                            "coverage",
                            file,
                            path,
                            Said(Message("lint.coverage_unasked", key=key)),
                        )
                    )
                elif n / total > max_share:
                    found.append(
                        Finding(
                            "coverage",
                            file,
                            path,
                            _crowded(n, total, key, max_share),
                        )
                    )
    return found


def _crowded(n: int, total: int, key: str, max_share: float) -> str:
    from quizapp.cldr import Percent  # here: only such a finding writes a share

    share, most = Percent(n / total), Percent(max_share)
    return Said(Message("lint.coverage_crowded", n=n, total=total, share=share, key=key, max=most))


def quiz_coverage(quiz: Quiz, feedback: tuple[int, int, list[int]] | None = None) -> QuizCoverage:
    """The make-up of one quiz, for the coverage table (`feedback`, if known already:
    `_feedback_of` its questions)."""
    # Counted in C; a level not given (None) counts as "unset".
    types: Counter[str] = Counter(map(operator.attrgetter("type"), quiz.questions))
    levels: Counter[str | None] = Counter(map(operator.attrgetter("level"), quiz.questions))
    levels["unset"] += levels.pop(None, 0) + levels.pop("", 0)
    wrong, with_feedback, silent = feedback or _feedback_of(quiz.questions)
    without = len(silent)
    ordered = {lvl: levels[lvl] for lvl in (*LEVELS, "unset") if levels[lvl]}
    return QuizCoverage(
        quiz.id, len(quiz.questions), dict(types), ordered, without, wrong, with_feedback
    )


# -- placing findings ----------------------------------------------------------------------

_ALLOW = re.compile(r"#\s*lint:\s*allow\s+([\w\-, ]+)", re.IGNORECASE)
_MARK = "\n[[questions]]"
_MARKS = re.compile(re.escape(_MARK)).finditer


class _Placed:
    """Where findings are in one file, and its `# lint: allow` comments.

    A bank with thousands of warnings must not pay for scanning every key of the file:
    each question's table is scanned on its own, when a finding is in it, and placed by
    its offset. That needs the `[[questions]]` headers to be the questions, one each;
    when they are not (a header inside a multi-line string), the file is scanned whole.
    """

    def __init__(self, file: str, questions: int | None) -> None:
        try:
            self.text = Path(file).read_text(encoding="utf-8-sig")
        except OSError:
            self.text = ""
        text = self.text
        # Where each header's line starts (no copy of the text between them is made).
        starts = [m.start() + 1 for m in _MARKS(text)]
        if text.startswith(_MARK[1:]):
            starts.insert(0, 0)
        self.starts = starts if questions is not None and len(starts) == questions else None
        self.headers = starts
        # The line a question's table starts on, counted when a finding is in it, from
        # the nearest question counted before it.
        self.lines: dict[int, int] = {}
        self.counted: list[int] = []
        self.blocks: dict[int, dict[FieldPath, tuple[int, int]]] = {}
        self.whole: dict[FieldPath, tuple[int, int]] | None = None
        # allowed[question index, or -1 for the quiz] = checks
        self.allowed: dict[int, set[str]] = defaultdict(set)
        # Each "#" is found with a one-character search (memchr, far faster over a large
        # file than a search for the whole "# lint:"), and the rest compared there.
        at = text.find("#")
        while at >= 0:
            if text.startswith("# lint:", at):
                line_start = text.rfind("\n", 0, at) + 1
                m = _ALLOW.match(text, at) if not text[line_start:at].strip() else None
                if m:
                    index = bisect.bisect_right(starts, at) - 1
                    names = {n for n in re.split(r"[,\s]+", m[1]) if n in CHECKS}
                    self.allowed[index].update(names)
            at = text.find("#", at + 1)

    def allows(self, finding: Finding) -> bool:
        return finding.check in self.allowed.get(_question_of(finding.path), ())

    def position(self, path: FieldPath) -> tuple[int, int] | None:
        index = _question_of(path)
        if self.starts is None or index >= len(self.starts):
            if self.whole is None:
                self.whole = locate_keys(self.text)
            position, _ = nearest(self.whole, path)
            return position
        start = self.starts[index] if index >= 0 else 0
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        if index < 0:
            end = self.starts[0] if self.starts else len(self.text)
        block = self.blocks.get(index)
        if block is None:
            chunk = self.text[start:end]
            block = self.blocks[index] = _light_keys(chunk) if index >= 0 else locate_keys(chunk)
        local = ("questions", 0, *path[2:]) if index >= 0 else path
        position, found = nearest(block, local)
        if index >= 0 and len(found) < len(local) and len(local) > 3:
            # Laid out otherwise than one element a line: the full scanner finds it.
            block = self.blocks[index] = locate_keys(self.text[start:end])
            position, _ = nearest(block, local)
        if position is None:
            return None
        return position[0] + (self.line(index) if index >= 0 else 0), position[1]

    def line(self, index: int) -> int:
        """How many lines come before question `index`'s table."""
        line = self.lines.get(index)
        if line is None:
            j = bisect.bisect_left(self.counted, index)
            before = self.counted[j - 1] if j else -1
            start = self.headers[before] if before >= 0 else 0
            line = self.lines.get(before, 0) + self.text.count("\n", start, self.headers[index])
            self.lines[index] = line
            self.counted.insert(j, index)
        return line


_KEY = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=")
_ELEMENT_KEY = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=")
_ELEMENT_FIELDS = frozenset(
    {"text", "correct", "weight", "feedback", "left", "right", "value", "tolerance"}
)


def _light_keys(block: str) -> dict[FieldPath, tuple[int, int]]:
    """Where the keys of one `[[questions]]` table are, for the common layout: one key a
    line, and arrays of tables one element a line (`choices = [` then `{ text = ... },`).
    Much faster than the full scanner, which `_Placed` falls back on when a path is
    deeper than this finds."""
    found: dict[FieldPath, tuple[int, int]] = {("questions", 0): (1, 1)}
    array: str | None = None
    element = 0
    m: re.Match[str] | None  # an element's key, then a line's
    for number, line in enumerate(block.split("\n"), 1):
        stripped = line.lstrip()
        if array is not None:
            if stripped.startswith("]"):
                array = None
                continue
            if stripped.startswith(("{", '"')):
                column = len(line) - len(stripped) + 1
                found[("questions", 0, array, element)] = (number, column)
                if stripped.startswith("{"):
                    for m in _ELEMENT_KEY.finditer(stripped):
                        if m[1] in _ELEMENT_FIELDS:
                            where = (number, column + m.start(1))
                            found.setdefault(("questions", 0, array, element, m[1]), where)
                element += 1
            continue
        m = _KEY.match(line)
        if m:
            found[("questions", 0, m[1])] = (number, m.start(1) + 1)
            if line.rstrip().endswith("["):
                array, element = m[1], 0
    return found


def _question_of(path: FieldPath) -> int:
    if len(path) > 1 and path[0] == "questions" and isinstance(path[1], int):
        return path[1]
    return -1


def place(
    findings: Iterable[Finding], questions: Mapping[str, int] | None = None
) -> list[LintWarning]:
    """Findings as located warnings, those a `# lint: allow` comment justifies left out,
    in reading order per file. `questions` gives each quiz file's number of questions."""
    files: dict[str, _Placed] = {}
    out = []
    for f in findings:
        placed = files.get(f.file)
        if placed is None:
            placed = files[f.file] = _Placed(f.file, (questions or {}).get(f.file))
        if placed.allows(f):
            continue
        position = placed.position(f.path)
        line, column = position if position else (None, None)
        question = None
        field = field_path(f.path) or None
        if (index := _question_of(f.path)) >= 0:
            question = index + 1
            field = field_path(f.path[2:]) or None
        problem = Problem(
            f.file, f.message, line, column, question, f.question_id, field, "warning"
        )
        out.append(LintWarning(f.check, problem))
    out.sort(key=lambda w: (w.problem.file, w.problem.line or 0, w.problem.column or 0))
    return out


def _question_counts(catalog: Catalog) -> dict[str, int]:
    return {str(catalog.paths[qid]): len(q.questions) for qid, q in catalog.quizzes.items()}


def lint(
    catalog: Catalog,
    modules: Mapping[str, ContentModule] | None = None,
    *,
    checks: Iterable[str] | None = None,
    max_share: float = DEFAULT_MAX_SHARE,
    module_paths: Mapping[str, Path] | None = None,
) -> LintReport:
    """Run the checks over a catalog: located warnings and the coverage figures."""
    with gc_paused():
        shared = _Shared()
        findings = find(
            catalog,
            modules,
            checks=checks,
            max_share=max_share,
            module_paths=module_paths,
            shared=shared,
        )
        facts = shared.facts
        if facts is None:
            facts = facts_coverage(catalog, modules) if modules else {}
        return LintReport(
            place(findings, _question_counts(catalog)),
            [quiz_coverage(q, shared.feedback.get(qid)) for qid, q in catalog.quizzes.items()],
            facts,
        )


def cheap_problems(catalog: Catalog) -> list[Problem]:
    """The cheap checks' warnings as problems for `quizapp validate`, each message ending
    with its check's name, which a `# lint: allow` comment names to justify it."""
    with gc_paused():
        placed = place(find(catalog, None, checks=CHEAP), _question_counts(catalog))
    return [
        dataclasses.replace(
            w.problem,
            message=Said(Message("lint.with_check", message=w.problem.message, check=w.check)),
        )
        for w in placed
    ]
