"""The form short answers are compared in, in one place: the engine grades with it and
the loader refuses an accepted answer that it reduces to nothing."""

from __future__ import annotations

import unicodedata

_AS_SPACE = {"Pd", "Zs"}


def normalize_answer(text: str, case_sensitive: bool = False) -> str:
    """The form short answers are compared in (see `quizapp.engine.scoring`)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue  # a diacritic, split off by NFKD: "é" compares as "e"
        if cat in _AS_SPACE or ch in "/\\_" or ch.isspace():
            out.append(" ")
        elif cat.startswith("P") or cat in ("Cf", "Cc"):
            continue  # punctuation, and characters that show nothing (zero-width, controls)
        else:
            out.append(ch)
    joined = unicodedata.normalize("NFC", "".join(out))
    if not case_sensitive:
        joined = joined.casefold()
    return " ".join(joined.split())
