"""GIFT import figures: converting a Moodle bank costs a small multiple of loading the
result, and reading GIFT is linear: a small multiple of splitting the same text into
stripped lines, at 1 MB and at 10 MB alike, hostile shapes included."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.common import Figure, compare
from quizapp.authoring.convert import gift_to_toml
from quizapp.authoring.gift import read_gift
from quizapp.loading import load_quiz_text

_QUESTION = (
    "// [id:q{n}] [tag:bench]\n"
    "::Q{n}::Which city hosted training {n}?{{=Hangzhou#Yes. ~Beijing#No. ~%50%Xixi Park"
    " ####It was Hangzhou.}}\n\n"
    "::S{n}::Who coordinated event {n}?{{=J&T =%50%JNT#Nearly.}}\n\n"
    "::N{n}::How many delegates in group {n}?{{#147:2}}\n\n"
    "::T{n}::Event {n} lasted a week.{{F#Two days.#Right.}}\n\n"
)


def import_ratio(n: int = 1_000) -> Figure:
    """GIFT -> TOML (parse, write, validate) as a ratio to loading the TOML it writes."""
    source = "".join(_QUESTION.format(n=i) for i in range(n // 4))
    text = gift_to_toml(source, quiz_id="bench", title="Bench").text
    assert load_quiz_text(text).ok
    load, convert = compare(
        [lambda: load_quiz_text(text), lambda: gift_to_toml(source, quiz_id="b", title="B")],
        repeat=5,
    )
    return Figure(
        f"GIFT import / loading the result at {n:,} questions",
        convert / load,
        4.0,
        detail=f"{convert * 1000:.0f} ms vs {load * 1000:.0f} ms",
    )


MB = 1 << 20


def bank(size: int) -> str:
    """Ordinary questions, about `size` characters of them."""
    parts: list[str] = []
    total = n = 0
    while total < size:
        parts.append(_QUESTION.format(n=n))
        total += len(parts[-1])
        n += 1
    return "".join(parts)


def hostile(size: int) -> str:
    """The shapes that were quadratic: comment tokens never closed, HTML tags never
    closed, a number that is not one, and many questions of one name."""
    quarter = size // 4
    return (
        "// " + "[tag:[id:" * (quarter // 9) + "\n::Q::A?{=a ~b}\n\n"
        "[html]::H::" + "<pre><script<" * (quarter // 13) + "?{=a ~b}\n\n"
        "::N::A?{#" + "1" * quarter + "x}\n\n" + "::Same::A?{=a ~b}\n\n" * (quarter // 19)
    )


def _baseline(source: str) -> object:
    """The least any reader does: split the text into lines and strip each."""
    return [line.strip() for line in source.splitlines()]


def read_ratio(size: int, make: Callable[[int], str] = bank, label: str = "") -> Figure:
    """Reading GIFT as a ratio to splitting the same text, at `size`. Python reading
    every character against C splitting lines: about 200 times; what matters is that
    it stays so at 10 MB (`linearity`)."""
    source = make(size)
    repeat = 5 if size <= MB else 3
    base, read = compare([lambda: _baseline(source), lambda: read_gift(source)], repeat=repeat)
    return Figure(
        f"GIFT read / splitting its lines at {size // MB} MB{label}",
        read / base,
        300.0,
        detail=f"{read * 1000:.0f} ms vs {base * 1000:.1f} ms",
    )


def linearity(small: Figure, large: Figure) -> Figure:
    """Reading time per byte at 10 MB over that at 1 MB: 1 when reading is linear, 10
    when quadratic. Measured on the reading times themselves: the baselines of a few
    milliseconds are too short to divide by twice."""
    small_ms = float(small.detail.split(" ms")[0])
    large_ms = float(large.detail.split(" ms")[0])
    return Figure(
        f"GIFT read time per byte at 10 MB / at 1 MB{small.name.partition('1 MB')[2]}",
        large_ms / (10 * small_ms),
        1.5,
    )


def run() -> list[Figure]:
    figures = [import_ratio()]
    for make, label in ((bank, ""), (hostile, ", hostile lines")):
        small = read_ratio(MB, make, label)
        large = read_ratio(10 * MB, make, label)
        figures += [small, large, linearity(small, large)]
    return figures
