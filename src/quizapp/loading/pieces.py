"""Cut a quiz file into pieces that TOML can read one at a time.

A bank of many thousand questions parsed whole holds every raw table at once before
validation can drop any; parsed a few dozen questions at a time, each piece's tables
are validated and freed while the next is read. Peak memory then stays near the size
of the models, and the tables are still in the processor's cache when validated.

A piece starts at a line that opens with `[[questions]]`. Reading the pieces gives
the same tables as reading the file whole whenever every piece reads cleanly and each
piece after the first defines nothing but `questions`:

- a cut inside a multi-line string or array leaves the piece holding its opening
  unterminated, which TOML rejects, so such a file is never taken in pieces;
- tables under `[[questions]]` (`[questions.x]`, `[[questions.choices]]`) belong to the
  latest question, which is in the same piece;
- anything else a later piece defines (`[quiz]` written after the questions, say) could
  clash with the first piece, so the caller reads such a file whole.

Only those checks are left to the caller; this module only finds the cuts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, AnyStr

MARK = "\n[[questions]]"
PIECE_CHARS = 32 * 1024
"""Characters per piece, cut at the next question: enough that a call to the parser
costs nothing next to its work, few enough that a piece's tables fit in the
processor's cache."""


def question_pieces(text: AnyStr, piece_chars: int = PIECE_CHARS) -> Iterator[AnyStr]:
    """The header (everything before the first cut), then pieces of whole questions, each
    about `piece_chars` long, or one question if that is longer.

    Pieces are cut as they are asked for, so each can be freed before the next is made.
    A file with no `[[questions]]` line after its first line is all header. Bytes are
    cut the same way: the mark is ASCII, so a cut never splits a UTF-8 character.
    """
    mark: Any = MARK if isinstance(text, str) else MARK.encode()
    at = text.find(mark)
    if at < 0:
        yield text
        return
    yield text[: at + 1]
    start = at + 1
    while True:
        # Only where a piece ends is looked for, not every question on the way.
        at = text.find(mark, start + piece_chars)
        if at < 0:
            yield text[start:]
            return
        yield text[start : at + 1]
        start = at + 1
