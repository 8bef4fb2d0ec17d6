"""Where each key and array element of a TOML document starts, for located error messages.

tomli gives values but no positions, so this small scanner walks the text once more and
records the line and column of every key path, e.g. `("questions", 3, "choices", 1, "text")`.
It only runs when a file has problems, and it never raises: on text it cannot follow it
returns what it found so far, and callers fall back to the nearest located ancestor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

Path = tuple[str | int, ...]
Position = tuple[int, int]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_MAX_DEPTH = 64


class _Stop(Exception):
    """The scanner reached text it cannot follow; keep what was found."""


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.positions: dict[Path, Position] = {}
        self.array_tables: dict[Path, int] = {}

    # -- characters --------------------------------------------------------------------

    def peek(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.text[i] if i < len(self.text) else ""

    def here(self) -> Position:
        return (self.line, self.pos - self.line_start + 1)

    def advance(self, n: int = 1) -> None:
        for _ in range(n):
            if self.pos >= len(self.text):
                raise _Stop
            if self.text[self.pos] == "\n":
                self.line += 1
                self.line_start = self.pos + 1
            self.pos += 1

    def skip_blank(self, newlines: bool) -> None:
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif c == "#" and newlines:
                while self.pos < len(self.text) and self.text[self.pos] != "\n":
                    self.pos += 1
            else:
                return

    def skip_line(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] != "\n":
            self.pos += 1

    def record(self, path: Path, at: Position) -> None:
        self.positions.setdefault(path, at)

    # -- pieces ------------------------------------------------------------------------

    def string(self) -> str:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.pos):
            self.advance(3)
            end = self.text.find(quote * 3, self.pos)
            if end < 0:
                raise _Stop
            # A closing run may be up to five quotes long ("""a"""" ends with a quote).
            while self.text.startswith(quote, end + 3):
                end += 1
            value = self.text[self.pos : end]
            self.advance(end + 3 - self.pos)
            return value
        self.advance()
        out: list[str] = []
        while True:
            c = self.peek()
            if c in ("", "\n"):
                raise _Stop
            if c == quote:
                self.advance()
                return "".join(out)
            if c == "\\" and quote == '"':
                out.append(self.peek(1))
                self.advance(2)
                continue
            out.append(c)
            self.advance()

    def key(self) -> list[tuple[str, Position]]:
        parts = []
        while True:
            self.skip_blank(newlines=False)
            at = self.here()
            c = self.peek()
            if c in ('"', "'"):
                parts.append((self.string(), at))
            else:
                start = self.pos
                while self.peek() in _BARE and self.peek() != "":
                    self.advance()
                if self.pos == start:
                    raise _Stop
                parts.append((self.text[start : self.pos], at))
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return parts
            self.advance()

    def value(self, path: Path, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _Stop
        c = self.peek()
        if c == "[":
            self.advance()
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if self.peek() == "]":
                    self.advance()
                    return
                self.record((*path, index), self.here())
                self.value((*path, index), depth + 1)
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.advance()
                elif self.peek() != "]":
                    raise _Stop
                index += 1
        elif c == "{":
            self.advance()
            while True:
                self.skip_blank(newlines=True)
                if self.peek() == "}":
                    self.advance()
                    return
                full = self.record_key(path)
                self.skip_blank(newlines=False)
                if self.peek() != "=":
                    raise _Stop
                self.advance()
                self.skip_blank(newlines=False)
                self.value(full, depth + 1)
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.advance()
                elif self.peek() != "}":
                    raise _Stop
        elif c in ('"', "'"):
            self.string()
        else:
            while self.peek() not in ("", ",", "]", "}", "\n", "#"):
                self.advance()

    def record_key(self, base: Path) -> Path:
        path = base
        for part, at in self.key():
            path = (*path, part)
            self.record(path, at)
        return path

    def resolve(self, parts: Sequence[str]) -> Path:
        """A header's key, with the latest index of every array of tables on the way."""
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in self.array_tables:
                path = (*path, self.array_tables[path] - 1)
        return path

    # -- document ----------------------------------------------------------------------

    def run(self) -> None:
        table: Path = ()
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            at = self.here()
            if self.text.startswith("[[", self.pos):
                self.advance(2)
                parts = [p for p, _ in self.key()]
                parent = self.resolve(parts[:-1])
                array = (*parent, parts[-1])
                index = self.array_tables.get(array, 0)
                self.array_tables[array] = index + 1
                table = (*array, index)
                self.record(array, at)
                self.record(table, at)
            elif self.peek() == "[":
                self.advance()
                table = self.resolve([p for p, _ in self.key()])
                self.record(table, at)
            else:
                full = self.record_key(table)
                self.skip_blank(newlines=False)
                if self.peek() != "=":
                    raise _Stop
                self.advance()
                self.skip_blank(newlines=False)
                self.value(full, 0)
            self.skip_line()


def locate_keys(text: str) -> dict[Path, Position]:
    """Map each key path in `text` to the (line, column) where it starts, both 1-based."""
    scanner = _Scanner(text)
    with contextlib.suppress(_Stop, RecursionError, IndexError):
        scanner.run()
    return scanner.positions


def nearest(positions: dict[Path, Position], path: Path) -> tuple[Position | None, Path]:
    """The position of `path`, or of its nearest located ancestor, and which path it was."""
    for cut in range(len(path), 0, -1):
        found = positions.get(path[:cut])
        if found is not None:
            return found, path[:cut]
    return None, ()
