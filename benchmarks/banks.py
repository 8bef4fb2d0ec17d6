"""Generated quiz banks of any size, with every question type in realistic proportions."""

from __future__ import annotations

import random

_TYPES = ("single", "multiple", "true_false", "short_answer", "numeric", "ordering", "matching")


def prose_vocabulary(size: int = 6_000, seed: int = 1) -> list[str]:
    """Made-up words of two to four syllables: a bank written with these repeats phrases
    about as rarely as real prose does, where the default twenty words repeat them all."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bdgjklmnprstw" for v in "aeiou"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


_VOCABULARY: list[str] | None = None


def _text(rng: random.Random, words: int) -> str:
    if _VOCABULARY is not None:
        return " ".join(rng.choice(_VOCABULARY) for _ in range(words))
    vocab = [
        "delegasi",
        "pelatihan",
        "Hangzhou",
        "Alibaba",
        "Tokopedia",
        "Bukalapak",
        "gudang",
        "sistem",
        "tim",
        "produk",
        "delegates",
        "training",
        "warehouse",
        "system",
        "team",
        "product",
        "platform",
        "customers",
        "figures",
        "year",
    ]
    return " ".join(rng.choice(vocab) for _ in range(words))


def _tr(rng: random.Random, words: int) -> str:
    return f'{{ id = "{_text(rng, words)}", en = "{_text(rng, words)}" }}'


def generate_bank(n_questions: int, seed: int = 0, vocabulary: list[str] | None = None) -> str:
    """A valid bilingual quiz file with `n_questions` questions, its text drawn from
    `vocabulary` (default: twenty words of the module, repeated everywhere)."""
    global _VOCABULARY
    _VOCABULARY = vocabulary
    try:
        return _generate(n_questions, seed)
    finally:
        _VOCABULARY = None


def _generate(n_questions: int, seed: int) -> str:
    rng = random.Random(seed)
    out = [
        "[quiz]",
        'id = "bench"',
        'title = { id = "Uji kecepatan", en = "Speed test" }',
        'languages = ["id", "en"]',
        "",
    ]
    for i in range(n_questions):
        kind = _TYPES[i % len(_TYPES)]
        out += [
            "[[questions]]",
            f'id = "q{i}"',
            f'type = "{kind}"',
            f"prompt = {_tr(rng, 10)}",
            f"explanation = {_tr(rng, 14)}",
            'tags = ["bench"]',
        ]
        if kind in ("single", "multiple"):
            out.append("choices = [")
            for c in range(4):
                correct = "true" if c == 0 or (kind == "multiple" and c == 1) else "false"
                out.append(f'  {{ text = "{_text(rng, 3)} {c}", correct = {correct} }},')
            out.append("]")
        elif kind == "true_false":
            out.append("answer = true")
        elif kind == "short_answer":
            out.append(f'answers = ["{_text(rng, 2)}", {{ text = "alt", weight = 0.5 }}]')
        elif kind == "numeric":
            out.append(f"answer = {rng.randint(1, 10**6)}")
            out.append('tolerance = "5%"')
        elif kind == "ordering":
            out.append(f'items = ["{_text(rng, 3)} a", "{_text(rng, 3)} b", "{_text(rng, 3)} c"]')
        else:
            out.append("pairs = [")
            for c in range(3):
                out.append(
                    f'  {{ left = "L{c} {_text(rng, 2)}", right = "R{c} {_text(rng, 2)}" }},'
                )
            out.append("]")
        out.append("")
    return "\n".join(out)
