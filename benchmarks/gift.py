"""GIFT import figure: converting a Moodle bank costs a small multiple of loading the result."""

from __future__ import annotations

from benchmarks.common import Figure, compare
from quizapp.authoring.convert import gift_to_toml
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


def run() -> list[Figure]:
    return [import_ratio()]
