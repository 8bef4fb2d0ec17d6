"""Learner names: the one place that says what a name may be (standard library only, so
the first screen can check a name before anything heavy is loaded).

The score store, the command line and the app all pass a typed name through
`clean_learner_name`, so a name that one of them accepts every other can use (list,
export, show on a terminal, put in a report). Names match without regard to case
(`same_name`), in every script, not only ASCII.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.i18n import Message

MAX_LEARNER_NAME = 60
"""Characters in a learner's name at most: room for any real name, and short enough that
an export file, a report heading and a file name built from it stay usable."""

_INVISIBLE = {"Cc", "Cs", "Co", "Cn"}
"""Control characters, lone surrogates, private-use and unassigned code points."""
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
"""Direction overrides: they make one name look like another on screen."""


class InvalidName(ValueError):
    """A learner name that cannot be used; the message is one sentence, and `reason`
    (`empty`, `long` or `control`) lets a front end word it in its own language."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def clean_learner_name(name: str) -> str:
    """`name` as stored: NFC, runs of whitespace made one space, trimmed. Raises
    `InvalidName` for an empty or whitespace-only name, one longer than
    `MAX_LEARNER_NAME`, or one holding control characters."""
    text = unicodedata.normalize("NFC", name)
    # Checked before whitespace is folded: a tab or a newline is a control character too.
    if any(unicodedata.category(c) in _INVISIBLE or c in _BIDI_CONTROLS for c in text):
        raise InvalidName("A learner's name cannot hold control characters.", "control")
    text = " ".join(text.split())
    if not text:
        raise InvalidName("A learner's name cannot be empty or only spaces.", "empty")
    if len(text) > MAX_LEARNER_NAME:
        raise InvalidName(
            f"A learner's name is at most {MAX_LEARNER_NAME} characters "
            f"(this one has {len(text)}).",
            "long",
        )
    return text


def name_key(name: str) -> str:
    """What two names that are the same learner share: case folded, NFC, one space."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def no_such_learner(name: str, known: list[str], lang: str = "en") -> str:
    """The one sentence for a name that matches nobody, listing who is known, in `lang`
    (the catalog's `cli.no_such_learner`), carrying its message so that a front end of
    another language words it in its own (`quizapp.i18n.explain`)."""
    from quizapp.i18n import Said

    return Said(no_such_learner_message(name, known), lang)


def no_such_learner_message(name: str, known: list[str]) -> Message:
    """`no_such_learner`'s sentence as a catalog message, worded where it is shown."""
    from quizapp.i18n import Message

    shown = repr(name.strip())
    if not known:
        return Message("cli.no_learners_yet", name=shown)
    listed = ", ".join(sorted(known, key=name_key))
    return Message("cli.no_such_learner", name=shown, known=listed)
