"""Reading and writing numbers the way Indonesians and English speakers write them.

`parse_number(text)` reads what a learner typed and returns either a `Number` or a
`NotANumber` that says why (with a message in either language). It never guesses:
when a text can honestly mean two numbers it says so, and the learner types it again
without losing marks.

What is read (case and surrounding spaces do not matter; fullwidth digits are fine):

- plain numbers: `147`, `-3`, `0,5`, `.5`, `1.5e9`;
- grouped thousands: `14.700.000.000.000`, `14,700,000`, `14 700 000`, `1'500'000`;
  groups after the first must have exactly three digits;
- a decimal part: `14,7` or `14.7`. When both `.` and `,` appear, the last one is the
  decimal separator and the other groups thousands (`1.234,5`, `1,234.5`);
- scale words, spaced or attached: `ribu`/`rb`, `juta`/`jt`, `miliar`/`milyar`,
  `triliun`, `thousand`, `million`/`mn`, `billion`/`bn`/`b`, `trillion`/`tn`, and `k`
  and `t` in both languages (`1.5k`, `Rp14,7T`). `m` alone is refused: it means million
  in English and miliar in Indonesian;
- currency, before or after: `Rp`, `IDR`, `rupiah`, `RMB`, `CNY`, `yuan`, `USD`, `US$`,
  `$`, `dolar`/`dollar(s)`, `¥`, `€`; and a question's own unit words (e.g. `orang`);
- a percentage: `25%`, `25 persen`, `25 percent` (the number is 25, marked as a percent);
- the Indonesian price ending `,-` (`Rp150.000,-`).

The one hard case is a single `.` or `,` followed by exactly three digits, after one to
three digits: `1.500` is 1500 to an Indonesian and 1.5 to an English speaker. The text
around it decides when it can, and only then:

- an Indonesian scale word means Indonesian writing (`158,273 miliar` is 158.273e9,
  `1.500 triliun` is 1500e12); an English one means English writing
  (`RMB 158.273 billion`, `1,500 trillion`);
- rupiah with no scale word (`Rp1.500`, `Rp 1,500`): rupiah amounts are whole, so the
  separator groups thousands either way;
- otherwise the text is ambiguous, and the learner is asked which they meant. The
  expected answer is never used to decide: that would tell the learner something about it.

`format_number(value, lang)` writes a number for display in `id` or `en` style, with
scale words from a million up. It writes integers below a million without grouping
(`1500`, `250000`) so that what it writes is never ambiguous on its own; only a bare
decimal with exactly three decimals (`1,234` in Indonesian) needs its language to be
read back, which `parse_number(text, convention=lang)` supplies.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal, TypeAlias

from quizapp.engine.i18n import message

Convention: TypeAlias = Literal["id", "en"]
Reason: TypeAlias = Literal[
    "empty",
    "not_a_number",
    "malformed",
    "ambiguous",
    "unknown_word",
    "ambiguous_scale",
    "too_large",
]


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from text."""

    value: float
    exact: Decimal
    """The value as written, without binary rounding."""
    percent: bool = False
    """Written with `%`, `persen` or `percent`; `value` is the number before the sign."""

    ok = True


@dataclass(frozen=True, slots=True)
class NotANumber:
    """Text that could not be read as one number, and why."""

    text: str
    reason: Reason
    readings: tuple[float, ...] = ()
    """For `ambiguous`: the numbers the text could mean."""
    word: str = ""
    """For `unknown_word` and `ambiguous_scale`: the word that stopped the reading."""

    ok = False

    def message(self, lang: str = "en", examples: Sequence[str] | None = None) -> str:
        """One sentence for the learner, in `lang` (`id` or `en`). `examples` are the
        number box's format examples (`quizapp.engine.examples`), checked to be no
        question's answer; without them, the unchecked defaults."""
        style = "id" if lang == "id" else "en"
        if self.reason == "ambiguous":
            a, b = (format_number(r, style) for r in self.readings[:2])
            return message("ambiguous", lang, text=self.text, a=a, b=b)
        if not examples:
            from quizapp.engine.examples import number_examples

            examples = number_examples((), style)
        return message(
            self.reason,
            lang,
            text=self.text,
            word=self.word,
            example=examples[0],
            scaled=" / ".join(examples[1:4:2]),
        )


ParsedNumber: TypeAlias = Number | NotANumber

# exponent of ten, and the writing convention the word implies (None: both languages)
SCALE_WORDS: dict[str, tuple[int, Convention | None]] = {
    "ribu": (3, "id"),
    "rb": (3, "id"),
    "juta": (6, "id"),
    "jt": (6, "id"),
    "miliar": (9, "id"),
    "milyar": (9, "id"),
    "triliun": (12, "id"),
    "k": (3, None),
    "thousand": (3, "en"),
    "thousands": (3, "en"),
    "million": (6, "en"),
    "millions": (6, "en"),
    "mn": (6, "en"),
    "mio": (6, "en"),
    "billion": (9, "en"),
    "billions": (9, "en"),
    "bn": (9, "en"),
    "b": (9, "en"),
    "trillion": (12, "en"),
    "trillions": (12, "en"),
    "tn": (12, "en"),
    "t": (12, None),
}
AMBIGUOUS_SCALES = frozenset({"m", "mil"})
RUPIAH = frozenset({"rp", "rp.", "idr", "rupiah"})
CURRENCY = RUPIAH | frozenset(
    {"rmb", "cny", "yuan", "renminbi", "usd", "us$", "$", "dolar", "dollar", "dollars", "¥", "€"}
)
PERCENT = frozenset({"%", "persen", "percent", "pct"})

_PREFIX = re.compile(r"(?:rp\.?|idr|rmb|cny|usd|us\$|\$|¥|€)")
_NUMERAL = re.compile(r"(?:[0-9]+(?:[.,' _’][0-9]+)*|[.,][0-9]+)(?:e[-+]?[0-9]+)?")
_GROUPING = frozenset(" '’_")
_TOKEN = re.compile(r"%|[^\s%]+")
_MINUS = "-\u2212"
_GROUP_MARK = {"id": ".", "en": ","}
"""The mark each language groups thousands with; the other one is its decimal point."""


def parse_number(
    text: str, *, convention: Convention | None = None, units: Iterable[str] = ()
) -> ParsedNumber:
    """Read `text` as one number, or say why it cannot be read.

    `convention` says how the text is known to be written (e.g. the language of the
    formatter that wrote it); it only settles a lone separator before three digits.
    `units` are extra words to ignore around the number (a question's unit).
    """
    shown = text.strip()
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if s.endswith(".") and len(s) > 1 and s[-2].isalnum():
        s = s[:-1]  # the full stop of a sentence, "It was 147."
    if s.endswith((",-", ".-")):
        s = s[:-2]  # the Indonesian price ending: "Rp150.000,-" (no cents)
    if not s:
        return NotANumber(shown, "empty")

    negative = False
    if s[0] in _MINUS + "+":
        negative, s = s[0] in _MINUS, s[1:].lstrip()
    prefix = _PREFIX.match(s)
    currency = prefix.group(0) if prefix else ""
    if prefix:
        s = s[prefix.end() :].lstrip()
        if s and s[0] in _MINUS + "+":
            negative, s = s[0] in _MINUS, s[1:].lstrip()

    numeral = _NUMERAL.match(s)
    if not numeral:
        return NotANumber(shown, "not_a_number")
    digits, rest = numeral.group(0), s[numeral.end() :]

    unit_words = {w for u in units for w in unicodedata.normalize("NFKC", u).lower().split()}
    scale: tuple[int, Convention | None] | None = None
    percent = False
    for token in _TOKEN.findall(rest):
        if token in SCALE_WORDS and scale is None:
            scale = SCALE_WORDS[token]
        elif token in AMBIGUOUS_SCALES and scale is None:
            return NotANumber(shown, "ambiguous_scale", word=token)
        elif token in PERCENT and not percent:
            percent = True
        elif token in CURRENCY or token in unit_words:
            currency = currency or token
        else:
            return NotANumber(shown, "unknown_word", word=token)

    # Who settles a lone "1.500": the scale word's language, else rupiah, else the caller.
    settle: Literal["id", "en", "group"] | None = convention
    if scale is not None and scale[1] is not None:
        settle = scale[1]
    elif scale is None and currency in RUPIAH:
        settle = "group"

    read = _read_numeral(digits, settle)
    if isinstance(read, str):
        return NotANumber(shown, "malformed")
    if isinstance(read, tuple):
        exp = scale[0] if scale else 0
        readings = tuple(float(_signed(r.scaleb(exp), negative)) for r in read)
        return NotANumber(shown, "ambiguous", readings=readings)
    exact = _signed(read.scaleb(scale[0]) if scale else read, negative)
    try:
        value = float(exact)
    except (OverflowError, InvalidOperation):  # pragma: no cover - float() saturates
        return NotANumber(shown, "too_large")
    if value in (float("inf"), float("-inf")):
        return NotANumber(shown, "too_large")
    return Number(value, exact, percent)


def _signed(value: Decimal, negative: bool) -> Decimal:
    return -value if negative else value


_FLOAT_EXPONENT = 400
"""No float is as large as 1e400 or, but zero, as small as 1e-400."""


def _scaled(value: Decimal, exponent: str) -> Decimal:
    """`value` times ten to `exponent`, which a learner may have typed with any digits.

    Beyond what a float can hold, an exponent only says "too large" or "zero": the
    decimal context would refuse to scale that far, and Python to read a long one.
    """
    digits = exponent.lstrip("+-").lstrip("0")
    if len(digits) > len(str(_FLOAT_EXPONENT)) or int(digits or 0) > _FLOAT_EXPONENT:
        if exponent.startswith("-") or value.is_zero():
            return Decimal(0)
        return Decimal("Infinity")
    return value.scaleb(int(exponent))


def _read_numeral(
    digits: str, settle: Literal["id", "en", "group"] | None
) -> Decimal | tuple[Decimal, Decimal] | str:
    """The numeral's value; two readings when it is ambiguous; a str when malformed."""
    mantissa, _, exponent = digits.partition("e")
    if exponent:
        # Scientific notation is written the programmers' way: "." is the decimal point.
        if "," in mantissa or any(c in _GROUPING for c in mantissa) or mantissa.count(".") > 1:
            return "malformed"
        return _scaled(Decimal(mantissa), exponent)

    runs = re.split(r"[.,' _’]", mantissa)
    seps = re.findall(r"[.,' _’]", mantissa)
    if not seps:
        return Decimal(mantissa)
    marks = [s for s in seps if s in ".,"]
    kinds = set(marks)
    last = seps[-1]

    decimal_sep: str | None = None
    if len(kinds) == 2:
        decimal_sep = last
        if last not in ".," or marks.count(last) != 1:
            return "malformed"
    elif len(kinds) == 1:
        (k,) = kinds
        if len(marks) == 1 and last == k:
            has_grouping = len(seps) > 1
            if has_grouping or _decimal_only(runs[-2], runs[-1]):
                decimal_sep = k
            elif settle == "group" or _GROUP_MARK.get(settle or "") == k:
                decimal_sep = None
            elif settle is not None:
                decimal_sep = k
            else:
                as_decimal = Decimal(f"{runs[0]}.{runs[1]}")
                as_group = Decimal(runs[0] + runs[1])
                return (as_decimal, as_group)
        elif len(marks) == 1:
            return "malformed"  # "1.234 567": a lone mark before more grouping

    if decimal_sep is not None:
        int_runs, frac = runs[:-1], runs[-1]
    else:
        int_runs, frac = runs, ""
    if len(int_runs) > 1:
        first = int_runs[0]
        if not 1 <= len(first) <= 3 or any(len(r) != 3 for r in int_runs[1:]):
            return "malformed"
        if first == "" or (first.startswith("0")):
            return "malformed"
    whole = "".join(int_runs) or "0"
    return Decimal(f"{whole}.{frac}" if frac else whole)


def _decimal_only(before: str, after: str) -> bool:
    """A lone separator that cannot be grouping: not exactly three digits after, or a
    leading part that no grouped number starts with (empty, a zero, four or more)."""
    return len(after) != 3 or not before or before.startswith("0") or len(before) > 3


# -- writing ------------------------------------------------------------------------------


def _writing(lang: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """How `lang` writes numbers: which of the two conventions `parse_number` reads its
    CLDR decimal symbol belongs to ("id": 14,7; "en": 14.7), and CLDR's long scale words
    ("triliun", "miliar", "juta"). Babel loads on the first number written, never before."""
    from quizapp import cldr

    point, _ = cldr.symbols(lang)
    return ("id" if point == "," else "en"), cldr.scale_words(lang)


def format_number(value: float | int | Decimal, lang: str = "en", *, scale: bool = True) -> str:
    """`value` written in `id` (`14,7 triliun`) or `en` (`14.7 trillion`) style.

    Floats are written with the shortest digits that read back as the same float, so
    `parse_number(format_number(x, lang), convention=lang)` gives back `x` exactly.
    """
    style, words = _writing(lang)
    point, group = (",", ".") if style == "id" else (".", ",")
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    if not exact.is_finite():
        raise ValueError(f"cannot write {value!r} as a number")
    sign = "-" if exact < 0 else ""
    exact = abs(exact)
    word = ""
    if scale:
        for exp, name in words:
            if exact >= Decimal(10) ** exp:
                exact, word = exact.scaleb(-exp), name
                break
    whole, _, frac = f"{exact:f}".partition(".")
    frac = frac.rstrip("0")
    # Grouping only where it cannot be misread: two or more separators, or with a scale
    # word whose language settles a lone separator.
    if len(whole) > 6 or (word and len(whole) > 3):
        whole = f"{int(whole):,}".replace(",", group)
    text = sign + whole + (point + frac if frac else "")
    if text in ("-0",):
        text = "0"
    return f"{text} {word}" if word else text


# Units written before the number, touching it, as Indonesian writes rupiah (Rp14,7
# triliun) and English writes dollars; every other unit, RMB included, follows the
# number as the content writes it ("158,273 miliar RMB").
_UNITS_FIRST = frozenset({"rp", "rp.", "idr", "$", "us$", "¥", "€"})


def unit_goes_first(unit: str) -> bool:
    """True for a unit written before the number ("Rp"), as the app's input box shows it."""
    return unit.strip().lower() in _UNITS_FIRST


def format_with_unit(value: float | int | Decimal, unit: str, lang: str = "en") -> str:
    """A number with its unit as the content writes it: "Rp14,7 triliun", "147 orang",
    "158,273 miliar RMB"."""
    text = format_number(value, lang)
    unit = unit.strip()
    if not unit:
        return text
    return f"{unit}{text}" if unit_goes_first(unit) else f"{text} {unit}"
