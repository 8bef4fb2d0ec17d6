"""Numbers, percentages, dates and times as the interface's language writes them.

The forms are CLDR's (through Babel): Indonesian writes 0,67, 1.234,5, 95% and
"1 Des 2026, 21.33"; English 0.67 and "1 Dec 2026, 21:33". Which CLDR locale a language
uses is its catalog's `Language:` header (`en_GB` for the app's English: day-month-year and
a 24-hour clock), so a translator chooses it without touching Python; a language CLDR does
not know is written as English.

Babel and its locale data cost about a tenth of a second to load, so nothing is imported
until the first number is written (never on the app's first frame). Reading what a learner
types is `quizapp.engine.numbers`'s job: its ambiguity rules are ours, not CLDR's.
"""

from __future__ import annotations

import functools
from datetime import date as Date
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

from quizapp import i18n

if TYPE_CHECKING:
    from babel import Locale

FALLBACK = "en_GB"


@functools.cache
def locale(lang: str) -> Locale:
    """The CLDR locale for the interface language `lang` (its catalog's `Language:`)."""
    from babel import Locale, UnknownLocaleError

    for name in (i18n.cldr_locale(lang), lang, FALLBACK):
        try:
            return Locale.parse(name.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("unreachable: the fallback locale is in every Babel")


def symbols(lang: str) -> tuple[str, str]:
    """The decimal point and the thousands separator of `lang` ("," and "." in Indonesian)."""
    data = locale(lang).number_symbols.get("latn", locale(lang).number_symbols)
    return data["decimal"], data["group"]


def scale_words(lang: str) -> tuple[tuple[int, str], ...]:
    """The long names of 10^12, 10^9 and 10^6 in `lang` ("triliun", "miliar", "juta"),
    from CLDR's long compact forms; none where CLDR has no such word."""
    forms: Any = locale(lang).compact_decimal_formats.get("long", {})
    other = forms.get("other", {})
    words = []
    for exp in (12, 9, 6):
        text = getattr(other.get("1" + "0" * exp), "pattern", "")
        if text.startswith("0 ") and text.count("0") == 1:
            words.append((exp, text[2:].strip("'")))
    return tuple(words)


def number(value: float | int | Decimal, lang: str, *, digits: int = 2) -> str:
    """`value` rounded to at most `digits` decimals, as `lang` writes it (0,67)."""
    from babel.numbers import format_decimal

    rounded = round(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), digits)
    return format_decimal(rounded.normalize() + 0, locale=locale(lang))


WHOLE_PERCENT: dict[str, str] = {"id": "{}%", "en_GB": "{}%"}
"""CLDR's percentage of a whole number below 1000, by CLDR locale, for the shipped
languages: the home screen shows scores as soon as its list is drawn, and loading Babel's
locale data for them would cost the start-up a tenth of a second and 5 MB.
tests/unit/test_messages.py holds each one equal to what Babel writes."""


def percent(fraction: float, lang: str) -> str:
    """A fraction as a whole percentage in `lang` ("95%"), rounded half to even as CLDR's
    formatter rounds."""
    whole = (Decimal(repr(fraction)) * 100).quantize(Decimal(1), ROUND_HALF_EVEN)
    form = WHOLE_PERCENT.get(i18n.cldr_locale(lang))
    if form is not None and 0 <= whole < 1000:
        return form.format(whole)
    from babel.numbers import format_percent

    return format_percent(fraction, locale=locale(lang))


class Percent(float):
    """A fraction to be shown as a whole percentage, as a field of a message
    (`quizapp.i18n.Message`) whose reader's language is not known yet: worded with the
    message, in its language (`percent`)."""

    __slots__ = ()

    def in_language(self, lang: str) -> str:
        return percent(self, lang)


def fixed(value: float, lang: str, *, places: int = 2) -> str:
    """`value` with exactly `places` decimals, as `lang` writes it ("0,50"): a column of
    figures that line up."""
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(Decimal(repr(value)), format=pattern, locale=locale(lang))


def percent_exact(fraction: float, lang: str) -> str:
    """A fraction as a percentage with every decimal it has, as `lang` writes it ("0,5%"
    in Indonesian): a tolerance, not a score to round."""
    from babel.numbers import format_percent

    value = Decimal(repr(fraction)) if isinstance(fraction, float) else Decimal(fraction)
    return format_percent(value, locale=locale(lang), decimal_quantization=False)


def date(when: datetime | Date, lang: str) -> str:
    """A day as `lang` writes it ("1 Des 2026"); a datetime in this computer's time zone."""
    from babel.dates import format_date

    day = when.astimezone().date() if isinstance(when, datetime) else when
    return format_date(day, "medium", locale=locale(lang))


def day_month(when: datetime, lang: str) -> str:
    """A day without its year ("1 Des"), for an axis or a list of this year's dates."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", when.astimezone(), locale=locale(lang))


def time(when: datetime, lang: str) -> str:
    """A time of day as `lang` writes it ("21.33"), in this computer's time zone."""
    from babel.dates import format_time

    return format_time(when.astimezone(), "short", locale=locale(lang))


def date_time(when: datetime, lang: str) -> str:
    """A date and time in this computer's time zone ("1 Des 2026, 21.33")."""
    glue = locale(lang).datetime_formats.get("medium", "{1}, {0}")
    return str(glue).replace("'", "").format(time(when, lang), date(when, lang))
