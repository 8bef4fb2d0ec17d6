"""What text may reach a terminal: every control character made visible.

Quiz text, learner names, file names and received files are data. A terminal obeys the
control characters in what it is sent (ESC starts sequences that set the window title,
write the clipboard or wipe the screen), so nothing the program writes to a terminal may
carry them raw. `visible` is the one place that decides how they are shown: C0 controls
other than newline and tab become their Unicode control pictures (ESC is `␛`), DEL is `␡`,
C1 controls are written `\\x9b`, and lone surrogates (undecodable input bytes) are `�`.

Every writer uses it: `TerminalStream` wraps the command line's stderr (always) and stdout
(when it is a terminal) and plain mode's output; the TUI hands it to Textual
(`quizapp.tui.safe_text`); the CSV and Markdown writers apply it to every cell, since a
terminal may show those files. Files written to disk otherwise keep data exactly.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_PICTURES: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in (9, 10)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})
_PICTURES.update({c: "\ufffd" for c in range(0xD800, 0xE000)})

VISIBLE_TABLE: dict[int, str] = _PICTURES
"""`str.translate` table: every character a terminal would act on, to what it shows."""

_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def visible(text: str) -> str:
    """`text` with every control character but newline and tab made visible. A Windows
    line end (CR LF) is a line end, not a control picture."""
    if _HIDDEN.search(text) is None:
        return text
    return text.replace("\r\n", "\n").translate(VISIBLE_TABLE)


def has_controls(text: str) -> bool:
    """Whether `text` holds a character `visible` would change (tests, checks)."""
    return _HIDDEN.search(text) is not None


class _VisibleBuffer:
    """The binary side of a `TerminalStream`: UTF-8 bytes decoded, made visible, re-encoded
    (a report written as bytes to a terminal passes here)."""

    def __init__(self, stream: TerminalStream, raw: Any) -> None:
        self._stream = stream
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")

    def write(self, data: bytes) -> int:
        self._stream.flush()
        text = visible(self._decoder.decode(bytes(data)))
        self._raw.write(text.encode("utf-8", "replace"))
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class TerminalStream:
    """A text stream that makes control characters visible on their way to `raw`.
    Wrapping twice is harmless (`wrap` returns an existing wrapper)."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw
        """The stream underneath, for the program's own control output (a progress line's
        carriage return), never for data."""

    @classmethod
    def wrap(cls, stream: TextIO) -> TextIO:
        return stream if isinstance(stream, TerminalStream) else cls(stream)  # type: ignore[return-value]  # a TextIO by delegation, not by class

    def write(self, text: str) -> int:
        self.raw.write(visible(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    @property
    def buffer(self) -> _VisibleBuffer:
        return _VisibleBuffer(self, self.raw.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@contextmanager
def terminal_streams() -> Iterator[None]:
    """While inside: stderr (messages, never data) always shows control characters
    visibly; stdout does when it is a terminal (a report piped to a file stays exact)."""
    saved = sys.stdout, sys.stderr
    if sys.stderr is not None:
        sys.stderr = TerminalStream.wrap(sys.stderr)
    if sys.stdout is not None and _is_terminal(sys.stdout):
        sys.stdout = TerminalStream.wrap(sys.stdout)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
