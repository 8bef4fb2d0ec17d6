"""The engine's own words (number-reading messages, verdicts), in Indonesian and English.

Front ends have their own tables; these are the messages that come out of the engine,
so every front end says the same thing the same way. Unknown languages fall back to
English.
"""

from __future__ import annotations

from typing import Any

UI_LANGUAGES = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "empty": {
        "en": "Please type a number.",
        "id": "Silakan ketik sebuah angka.",
    },
    "not_a_number": {
        "en": '"{text}" is not a number; please type a number such as {example}.',
        "id": '"{text}" bukan angka; silakan ketik angka seperti {example}.',
    },
    "malformed": {
        "en": '"{text}" mixes separators in a way that cannot be read; '
        "please type it again, e.g. {example}.",
        "id": '"{text}" memakai pemisah angka yang tidak dapat dibaca; '
        "silakan ketik ulang, misalnya {example}.",
    },
    "ambiguous": {
        "en": '"{text}" could be read as {a} or as {b}; please type it again as one of those.',
        "id": '"{text}" dapat dibaca {a} atau {b}; silakan ketik ulang salah satunya.',
    },
    "unknown_word": {
        "en": '"{word}" is not a word I can read in a number; try e.g. {scaled}.',
        "id": '"{word}" tidak dapat dibaca sebagai bagian angka; coba misalnya {scaled}.',
    },
    "ambiguous_scale": {
        "en": '"{word}" can mean million or (in Indonesian) miliar; please write the word out.',
        "id": '"{word}" dapat berarti juta (million) atau miliar; silakan tulis kata lengkapnya.',
    },
    "too_large": {
        "en": '"{text}" is too large a number to work with.',
        "id": '"{text}" terlalu besar untuk dihitung.',
    },
    "bad_response": {
        "en": "That answer does not fit this question.",
        "id": "Jawaban itu tidak sesuai dengan pertanyaan ini.",
    },
}


def message(key: str, lang: str, **values: Any) -> str:
    """The message `key` in `lang` (English when the language is unknown)."""
    table = MESSAGES[key]
    template = table.get(lang) or table["en"]
    return template.format(**values)
