"""Moodle GIFT in and out.

GIFT in follows Moodle's own importer (question/format/gift/format.php) rule for rule:
questions are separated by blank lines, `//` lines are comments (`[id:...]` and `[tag:...]`
in them name the question and tag it), `$CATEGORY:` lines set the category of the
questions after them, and the type of a question follows from its answer block `{...}`.
Where GIFT says more than quizapp can hold (an essay, a 0% catch-all answer), the question
or the part is left out with a note saying so, never silently. A malformed question is an
error naming its line and the question.

GIFT out writes what GIFT can express and notes everything it had to leave out.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from quizapp.i18n import Message, Said
from quizapp.model.quiz import ID_PATTERN, Quiz, choice_weights
from quizapp.model.text import localize

BLANK = "_____"
"""What Moodle puts where the answer block of a missing-word question stood."""

FORMATS = ("html", "markdown", "plain", "moodle")

# Escaped characters become private-use placeholders while the question is taken apart,
# as Moodle does with its "&&058;" placeholders, and are put back in the finished text.
# The placeholders are chosen from a private-use area the file itself does not use, so a
# character that happens to be one is never mistaken for an escape.
_ESCAPABLE = ":#={}~n\\"
_PRIVATE_BASES = (0xF0000, 0x100000, 0xE000)
_Codes = tuple[dict[str, str], dict[int, str]]


def _codes_for(source: str) -> _Codes | None:
    for base in _PRIVATE_BASES:
        placeholder = {c: chr(base + ord(c)) for c in _ESCAPABLE}
        if not any(p in source for p in placeholder.values()):
            restore = {v: ("\n" if c == "n" else c) for c, v in placeholder.items()}
            return placeholder, str.maketrans(restore)
    return None


_CODES: ContextVar[_Codes] = ContextVar("gift_codes", default=_codes_for("") or ({}, {}))
_COUNTERS: ContextVar[dict[str, int]] = ContextVar("gift_id_counters")
_ESCAPE_RE = re.compile(r"\\([:#={}~n\\])")

# Each part can match in one way only, so a long run of digits that is not a number fails
# in one pass instead of being tried at every split.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_WEIGHT = re.compile(r"^%([^%]*)%")
_PERCENT = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*")
_MOODLE_WEIGHT = re.compile(r"-*[0-9]{1,2}\.?[0-9]*")
"""The weights Moodle's importer reads (`$giftanswerweightregex`); any other `%...%` is, to
Moodle, part of the answer's text."""
_HEADER = re.compile(r"//[ \t]?(.*)\n//[ \t]?quiz: (\S+)[ \t]*(?:\n|$)")
"""The two comment lines `write_gift` starts a file with: the title, then the quiz id."""

MOODLE_GRADES = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25,
    0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
)  # fmt: skip
"""Moodle's answer grades (`question_bank::fraction_options_full`), 1 to 0; their
negatives too. An import with any other grade is refused whole by Moodle."""
_ALL_GRADES = tuple(sorted({*MOODLE_GRADES, *(-g for g in MOODLE_GRADES)}, reverse=True))
_GRADE_MATCH = 0.00001
"""How close Moodle's `match_grade_options` wants a weight to one of its grades."""
_ID_RE = re.compile(ID_PATTERN)
_TOKEN_EVENTS = {
    kind: re.compile(re.escape(f"[{kind}:") + r"|\\\]|\]|[\x00-\x1f]") for kind in ("id", "tag")
}


class GiftError(Exception):
    """A GIFT file cannot be converted; `errors` holds one located sentence each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclasses.dataclass(slots=True)
class GiftImport:
    """The questions read from a GIFT file, as quiz question tables ready to write."""

    questions: list[dict[str, Any]]
    lines: list[int]
    """The line each question starts on, for messages."""
    notes: list[str]
    """What was skipped or left out, one sentence each."""
    errors: list[str]
    """Malformed questions, one located sentence each."""
    title: str | None = None
    """The quiz title from the comment a quizapp GIFT export starts with."""


# -- reading ------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Block:
    """One question's lines, comments blanked as Moodle does, escapes as placeholders."""

    text: str
    first_line: int
    """The file line of `text[0]`."""
    comments: str

    def line_at(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, max(offset, 0))


def _blocks(source: str) -> Iterator[_Block]:
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = 0
    while start < len(lines):
        if not lines[start].strip():
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        chunk = lines[start:end]
        comments = "\n".join(line for line in chunk if line.strip().startswith("//"))
        kept = [" " if line.strip().startswith("//") else line for line in chunk]
        # Escapes never span lines, so placeholders keep line numbers right.
        kept = [_ESCAPE_RE.sub(_placeholder, line) for line in kept]
        joined = "\n".join(kept)
        lead = len(joined) - len(joined.lstrip())
        text = joined.strip()
        if text:
            first = start + 1 + joined.count("\n", 0, lead)
            yield _Block(text, first, comments)
        start = end


def _placeholder(match: re.Match[str]) -> str:
    return _CODES.get()[0][match.group(1)]


def _restore(text: str) -> str:
    return text.translate(_CODES.get()[1])


_TAG = re.compile(r"<[^<>]*>")
"""A tag; `[^<>]` rather than `[^>]`, so an unclosed `<` costs one step, not a rescan."""
_LI = re.compile(r"(?i)<li\b[^<>]*>")
_BLOCK = re.compile(r"(?i)</?(p|div|ul|ol|h[1-6]|tr|table|blockquote)\b[^<>]*>")
_BR = re.compile(r"(?i)<br\s*/?>")


def _elements(markup: str, names: tuple[str, ...]) -> Iterator[tuple[int, int, int, int]]:
    """Each `<name ...>...</name>` (no nesting), as (start, inner start, inner end, end).

    With `str.find`, not a lazy regular expression: an element never closed ends the
    search at once instead of being tried again from every later `<name`.
    """
    lower = markup.translate(_ASCII_LOWER)  # same length, unlike str.lower()
    at = 0
    next_at = dict.fromkeys(names, -2)
    while True:
        for name in names:
            if -1 < next_at[name] < at or next_at[name] == -2:
                next_at[name] = _open_tag(lower, name, at)
        found = [(i, n) for n, i in next_at.items() if i >= 0]
        if not found:
            return
        start, name = min(found)
        inner = lower.find(">", start)
        close = lower.find(f"</{name}", inner) if inner >= 0 else -1
        if close < 0:
            return
        end = lower.find(">", close)
        if end < 0:
            return
        yield start, inner + 1, close, end + 1
        at = end + 1


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _open_tag(lower: str, name: str, at: int) -> int:
    """Where `<name` starts as a whole tag name from `at`, or -1."""
    while (i := lower.find(f"<{name}", at)) >= 0:
        after = lower[i + 1 + len(name) : i + 2 + len(name)]
        if not after or not (after.isalnum() or after in "_-"):
            return i
        at = i + 1
    return -1


def html_to_text(markup: str) -> str:
    """Readable plain text from Moodle HTML.

    Outside `<pre>`, white space collapses as a browser would, and line breaks come from
    `<br>`, paragraphs, list items and other blocks; inside `<pre>` the layout is kept.
    Tags are dropped and entities read. Linear in the length of the text.
    """
    kept: list[str] = []
    at = 0
    for start, _, _, end in _elements(markup, ("script", "style")):
        kept.append(markup[at:start])
        at = end
    kept.append(markup[at:])
    markup = "".join(kept)
    out: list[str] = []
    at = 0
    for start, inner_start, inner_end, end in _elements(markup, ("pre",)):
        out.append(_flow(markup[at:start]))
        inner = _BR.sub("\n", markup[inner_start:inner_end])
        inner = html.unescape(_TAG.sub("", inner)).replace("\xa0", " ")
        out.append("\n" + inner.strip("\n") + "\n")
        at = end
    out.append(_flow(markup[at:]))
    return re.sub(r"^\n+|\s+$", "", "".join(out))


def _flow(part: str) -> str:
    """HTML outside `<pre>` as text: white space collapsed, blocks on their own lines."""
    text = re.sub(r"\s+", " ", part)
    text = _BR.sub("\n", text)
    text = _LI.sub("\n- ", text)
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text)).replace("\xa0", " ")
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text)


def _text(raw: str, default_format: str = "moodle") -> tuple[str, str]:
    """Moodle's parse_text_with_format: an optional `[format]` marker, then the text."""
    raw = raw.strip()
    fmt = default_format
    if raw.startswith("["):
        end = raw.find("]")
        if end > 0 and raw[1:end] in FORMATS:
            fmt = raw[1:end]
            raw = raw[end + 1 :]
    text = _restore(raw).strip()
    if fmt == "html":
        return fmt, html_to_text(text)
    # Continuation lines are indented to line up in the file; the indent is not text.
    return fmt, "\n".join(line.strip() for line in text.split("\n"))


def slug(text: str, max_length: int = 60) -> str:
    """A question id from a name: ASCII letters, digits and dashes, lower case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return out[:max_length].strip("-")


def _split(answer_text: str, markers: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Cut an answer block at each marker: (text before the first, [(offset, marker, piece)])."""
    cuts = [i for i, c in enumerate(answer_text) if c in markers]
    head = answer_text[: cuts[0]] if cuts else answer_text
    pieces = []
    for n, i in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else len(answer_text)
        pieces.append((i, answer_text[i], answer_text[i + 1 : end]))
    return head, pieces


class _QuestionError(Exception):
    def __init__(self, offset: int, message: Message) -> None:
        self.offset = offset
        self.message = message


class _Skip(Exception):
    def __init__(self, message: Message) -> None:
        self.message = message


def _weight(piece: str, offset: int) -> tuple[float | None, str]:
    """A leading `%50%` weight as a fraction, and the rest of the answer."""
    stripped = piece.lstrip()
    match = _WEIGHT.match(stripped)
    if not match:
        return None, piece
    if not _PERCENT.fullmatch(match.group(1)):
        raise _QuestionError(
            offset, Message("author.gift_bad_weight", weight=_restore(match.group(1)))
        )
    fraction = float(match.group(1)) / 100
    if not -1 <= fraction <= 1:
        raise _QuestionError(
            offset, Message("author.gift_weight_range", weight=_short(match.group(1)) + "%")
        )
    written = f"%{_short(match.group(1))}%"
    if not _MOODLE_WEIGHT.fullmatch(match.group(1)):
        _note(Message("author.gift_moodle_weight", written=written, read=f"{fraction * 100:g}%"))
    elif abs(moodle_grade(fraction) - fraction) >= _GRADE_MATCH:
        _note(Message("author.gift_moodle_grade", written=written, kept=f"{fraction * 100:g}%"))
    return fraction, stripped[match.end() :]


_NOTES: ContextVar[list[Message]] = ContextVar("gift_question_notes")


def _note(text: Message) -> None:
    """A note about the question being read, said with the question's other notes."""
    notes = _NOTES.get(None)
    if notes is not None and text not in notes:
        notes.append(text)


def _feedback(piece: str, fmt: str) -> tuple[str, str | None]:
    """Moodle's commentparser: answer text, then feedback after the first `#`."""
    answer, sep, feedback = piece.partition("#")
    _, answer_text = _text(answer, fmt)
    if not sep:
        return answer_text, None
    _, feedback_text = _text(feedback, fmt)
    return answer_text, feedback_text or None


def read_gift(source: str) -> GiftImport:
    """Every question of a GIFT file, as quizapp question tables, with notes and errors."""
    result = GiftImport([], [], [], [])
    header = _HEADER.match(source.lstrip("\ufeff"))
    if header and _ID_RE.fullmatch(header.group(2)) and header.group(1).strip():
        result.title = header.group(1).strip()
    codes = _codes_for(source)
    if codes is None:
        result.errors.append(Said(Message("author.gift_private_use")))
        return result
    token = _CODES.set(codes)
    counters = _COUNTERS.set({})
    try:
        _read_blocks(source, result)
    finally:
        _CODES.reset(token)
        _COUNTERS.reset(counters)
    return result


def _read_blocks(source: str, result: GiftImport) -> None:
    tags_from_category: list[str] = []
    used_ids: set[str] = set()
    number = 0
    for block in _blocks(source):
        if block.text.startswith("$CATEGORY:"):
            category = _category_tag(_restore(block.text[len("$CATEGORY:") :]).strip())
            tags_from_category = [category] if category else []
            continue
        number += 1
        name, text, offset = _name(block)
        label = (
            Message("author.gift_question_named", n=number, name=name)
            if name
            else Message("author.gift_question", n=number)
        )
        first = block.first_line
        try:
            question = _question(text, offset)
        except _Skip as skip:
            said = Message("author.gift_skipped", line=first, label=label, why=skip.message)
            result.notes.append(Said(said))
            continue
        except _QuestionError as err:
            line = block.line_at(err.offset)
            said = Message("author.gift_at", line=line, label=label, what=err.message)
            result.errors.append(Said(said))
            continue
        for note in question.pop("_notes", []):
            said = Message("author.gift_at", line=first, label=label, what=note)
            result.notes.append(Said(said))
        question_id = _question_id(block.comments, name, number, used_ids)
        used_ids.add(question_id)
        tags = [*tags_from_category]
        for tag in _tokens(block.comments, "tag"):
            tag = tag.replace("\\]", "]").strip()
            if tag and tag not in tags:
                tags.append(tag)
        ordered: dict[str, Any] = {"id": question_id, **question}
        if tags:
            ordered["tags"] = tags
        result.questions.append(ordered)
        result.lines.append(block.first_line)


def _tokens(comments: str, kind: str, *, first: bool = False) -> list[str]:
    """The values of every `[kind:...]` in the comments (`\\]` inside one is kept).

    One pass over the text: a token runs from its `[kind:` to the next `]` on its line; a
    line break or other control character ends it unclosed. A regular expression tried at
    every `[kind:` would rescan the rest of the line each time, which is quadratic.
    """
    found: list[str] = []
    start = -1
    for event in _TOKEN_EVENTS[kind].finditer(comments):
        text = event.group()
        if text == "]":
            if start >= 0 and event.start() > start:
                found.append(comments[start : event.start()])
                if first:
                    break
            start = -1
        elif text.startswith("["):
            if start < 0:
                start = event.end()
        elif text != "\\]":
            start = -1  # a control character: the token is not closed on its line
    return found


def _category_tag(category: str) -> str:
    """`$course$/top/Maths/Algebra` as the tag `Maths/Algebra`."""
    parts = [p.strip() for p in category.split("/")]
    parts = [p for p in parts if p and not re.fullmatch(r"\$\w+\$", p)]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return "/".join(parts)


def _name(block: _Block) -> tuple[str | None, str, int]:
    """The `::Name::`, and the rest of the text with its offset in the block."""
    text = block.text
    if not text.startswith("::"):
        return None, text, 0
    end = text.find("::", 2)
    if end < 0:
        return None, text[2:], 2
    name = _restore(text[2:end]).strip() or None
    rest = text[end + 2 :]
    lead = len(rest) - len(rest.lstrip())
    return name, rest.strip(), end + 2 + lead


def _question_id(comments: str, name: str | None, number: int, used: set[str]) -> str:
    base = ""
    found = _tokens(comments, "id", first=True)
    if found:
        given = found[0].replace("\\]", "]").strip()
        base = given if _ID_RE.fullmatch(given) and len(given) <= 100 else slug(given)
    if not base and name:
        base = slug(name)
    if not base:
        base = f"q{number}"
    # The next number to try for each base, so a thousand questions of one name do not
    # each count up from 2 again.
    counters = _COUNTERS.get()
    candidate, n = base, counters.get(base, 2)
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    counters[base] = n
    return candidate


def _question(text: str, offset: int) -> dict[str, Any]:
    token = _NOTES.set([])
    try:
        out = _read_question(text, offset)
        if _NOTES.get():
            out["_notes"] = [*_NOTES.get(), *out.get("_notes", [])]
        return out
    finally:
        _NOTES.reset(token)


def _read_question(text: str, offset: int) -> dict[str, Any]:
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        raise _Skip(Message("author.gift_description"))
    if start < 0:
        raise _QuestionError(offset + finish, Message("author.gift_lone_close"))
    if finish < 0:
        raise _QuestionError(offset + start, Message("author.gift_unclosed"))
    if finish < start:
        raise _QuestionError(offset + finish, Message("author.gift_close_first"))
    extra = next((i for i in range(finish + 1, len(text)) if text[i] in "{}"), -1)
    if extra >= 0:
        raise _QuestionError(offset + extra, Message("author.gift_two_blocks"))
    answer_offset = offset + start + 1
    answer_text = text[start + 1 : finish]
    lead = len(answer_text) - len(answer_text.lstrip())
    answer_offset += lead
    answer_text = answer_text.strip()

    # Text after the block makes a missing-word question: the blank marks the gap.
    tail = "" if text.endswith("}") else BLANK + text[finish + 1 :]
    question_text = text[:start] + tail

    general = ""
    cut = answer_text.rfind("####")
    if cut >= 0:
        general = answer_text[cut + 4 :]
        answer_text = answer_text[:cut].strip()

    fmt, prompt = _text(question_text)
    _, explanation = _text(general, fmt)
    q: dict[str, Any] = {}

    if answer_text == "":
        raise _Skip(Message("author.gift_essay"))
    if answer_text.startswith("#"):
        q = _numeric(answer_text[1:], answer_offset + 1, fmt)
    elif "~" in answer_text:
        q = _multichoice(answer_text, answer_offset, fmt)
    elif "=" in answer_text and "->" in answer_text:
        q = _matching(answer_text, answer_offset, fmt)
    else:
        check = answer_text.split("#", 1)[0].strip() if "#" in answer_text[1:] else answer_text
        if check in ("T", "TRUE", "F", "FALSE"):
            q = _true_false(answer_text, fmt)
        else:
            q = _short_answer(answer_text, answer_offset, fmt)

    notes = q.pop("_notes", [])
    if "####" in text[finish + 1 :]:
        # Moodle reads text after the block as the rest of a missing-word question, so a
        # general feedback written there becomes question text. Follow Moodle, but say so.
        notes.append(Message("author.gift_general_feedback"))
    out: dict[str, Any] = {"type": q.pop("type"), "prompt": prompt, **q}
    if explanation:
        out["explanation"] = explanation
    if notes:
        out["_notes"] = notes
    return out


def _answers(answer_text: str, base: int, markers: str, kind: str) -> list[tuple[int, str, str]]:
    head, pieces = _split(answer_text, markers)
    if head.strip():
        raise _QuestionError(
            base,
            Message(
                "author.gift_text_first",
                text=_restore(head.strip()),
                kind=kind,
                markers=" or ".join(markers),
            ),
        )
    return [(base + i, marker, piece) for i, marker, piece in pieces]


def _multichoice(answer_text: str, base: int, fmt: str) -> dict[str, Any]:
    pieces = _answers(answer_text, base, "~=", "multiple-choice question")
    if len(pieces) < 2:
        raise _QuestionError(base, Message("author.gift_two_answers"))
    single = any(marker == "=" for _, marker, _ in pieces)
    parsed: list[tuple[float, str, str | None]] = []
    for at, marker, piece in pieces:
        if marker == "=":
            weight, rest = 1.0, piece
        else:
            given, rest = _weight(piece, at)
            weight = 0.0 if given is None else given
        answer, feedback = _feedback(rest, fmt)
        if not answer:
            raise _QuestionError(at, Message("author.gift_empty_choice"))
        parsed.append((weight, answer, feedback))

    choices: list[dict[str, Any]] = []
    if single:
        full = sum(1 for w, _, _ in parsed if w >= 1 - 1e-9)
        if full != 1:
            raise _Skip(Message("author.gift_many_right", n=full))
        for weight, answer, feedback in parsed:
            choice: dict[str, Any] = {"text": answer}
            if weight >= 1 - 1e-9:
                choice["correct"] = True
            elif weight < 0:
                # quizapp never scores a single-choice question below 0: a negative weight
                # would be kept but never count. Say so, and keep what counts: 0.
                _note(
                    Message(
                        "author.gift_negative", answer=_short(answer), off=f"{-weight * 100:g}%"
                    )
                )
            elif weight != 0:
                choice["weight"] = weight
            if feedback:
                choice["feedback"] = feedback
            choices.append(choice)
        return {"type": "single", "choices": choices}

    n_correct = sum(1 for w, _, _ in parsed if w > 0) or 1
    share = 1 / n_correct
    for weight, answer, feedback in parsed:
        choice = {"text": answer}
        if weight > 0:
            choice["correct"] = True
        default = share if weight > 0 else -share
        # GIFT writes thirds as 33.33333%: within a millionth, it is the default share.
        if abs(weight - default) > 1e-6:
            choice["weight"] = weight
        if feedback:
            choice["feedback"] = feedback
        choices.append(choice)
    return {"type": "multiple", "choices": choices}


def _true_false(answer_text: str, fmt: str) -> dict[str, Any]:
    bits = answer_text.split("#", 2)
    value = bits[0].strip() in ("T", "TRUE")
    wrong = _text(bits[1], fmt)[1] if len(bits) > 1 else ""
    right = _text(bits[2], fmt)[1] if len(bits) > 2 else ""
    q: dict[str, Any] = {"type": "true_false", "answer": value}
    on_true, on_false = (right, wrong) if value else (wrong, right)
    if on_true:
        q["feedback_true"] = on_true
    if on_false:
        q["feedback_false"] = on_false
    return q


def _short_answer(answer_text: str, base: int, fmt: str) -> dict[str, Any]:
    # As in Moodle, text before the first "=" is an answer too: {four} accepts "four".
    head, cut = _split(answer_text, "=")
    pieces = [(base + i, m, p) for i, m, p in cut]
    if head.strip():
        pieces.insert(0, (base, "=", head))
    if not pieces:
        raise _QuestionError(base, Message("author.gift_no_answer"))
    answers: list[Any] = []
    notes: list[Message] = []
    seen: set[str] = set()
    patterns: list[tuple[list[str], float]] = []
    for at, _, piece in pieces:
        given, rest = _weight(piece, at)
        weight = 1.0 if given is None else given
        answer, feedback = _feedback(rest, fmt)
        if not answer:
            raise _QuestionError(at, Message("author.gift_empty_answer"))
        if answer.casefold() in seen:
            # Moodle compares without case by default, as quizapp does: the first one wins.
            notes.append(Message("author.gift_repeated", answer=answer))
            continue
        seen.add(answer.casefold())
        for earlier, earlier_weight in patterns:
            # Moodle gives the first matching answer's credit; quizapp the best one's.
            if earlier_weight < weight and _glob(earlier, answer.casefold()):
                _note(
                    Message(
                        "author.gift_first_match",
                        answer=_short(answer),
                        moodle=f"{max(earlier_weight, 0) * 100:g}%",
                        quizapp=f"{weight * 100:g}%",
                    )
                )
                break
        if "*" in answer:
            patterns.append((answer.casefold().split("*"), weight))
        if weight <= 0:
            notes.append(
                Message("author.gift_no_credit", answer=answer, credit=f"{weight * 100:g}%")
            )
            continue
        if weight == 1 and not feedback:
            answers.append(answer)
        else:
            entry: dict[str, Any] = {"text": answer}
            if weight != 1:
                entry["weight"] = weight
            if feedback:
                entry["feedback"] = feedback
            answers.append(entry)
    if not answers:
        raise _QuestionError(base, Message("author.gift_none_earns"))
    q: dict[str, Any] = {"type": "short_answer", "answers": answers}
    if notes:
        q["_notes"] = notes
    return q


def _glob(parts: list[str], text: str) -> bool:
    """Whether `text` matches the `*` pattern cut into `parts` at each `*`. Greedy, with
    `str.find`: never the backtracking a regular expression of many `.*` can take."""
    first, *middle, last = parts
    if not text.startswith(first) or len(text) < len(first) + len(last):
        return False
    at, end = len(first), len(text) - len(last)
    if not text.endswith(last):
        return False
    for part in middle:
        found = text.find(part, at, end)
        if found < 0:
            return False
        at = found + len(part)
    return True


def _number(text: str, at: int) -> float:
    if not _NUMBER.fullmatch(text):
        raise _QuestionError(at, Message("author.gift_not_number", text=_short(text)))
    value = float(text)
    if not math.isfinite(value):
        raise _QuestionError(at, Message("author.gift_too_large", text=_short(text)))
    return value


def _short(text: str, limit: int = 40) -> str:
    """A piece of the file quoted in a message: a 10,000-digit number is not repeated."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounded(value: float, tolerance: float, raw: str, at: int) -> None:
    """The accepted interval must be finite: `-1e308..1e308` is two numbers, not one."""
    if not all(map(math.isfinite, (value, tolerance, value + tolerance, value - tolerance))):
        raise _QuestionError(at, Message("author.gift_too_wide", range=_short(raw)))


def _tidy(value: float) -> float:
    return float(f"{value:.12g}")


def _whole(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _numeric(answer_text: str, base: int, fmt: str) -> dict[str, Any]:
    notes: list[Message] = []
    wrong = answer_text.find("~")
    if wrong >= 0:
        _, feedback = _feedback(answer_text[wrong + 1 :], fmt)
        notes.append(
            Message("author.gift_other_feedback_is", feedback=feedback)
            if feedback
            else Message("author.gift_other_feedback")
        )
        answer_text = answer_text[:wrong]
    # As in Moodle, text before the first "=" is a value too: {#1822:5}.
    head, cut = _split(answer_text, "=")
    pieces = [(base + i, m, p) for i, m, p in cut]
    if head.strip():
        pieces.insert(0, (base, "=", head))
    values: list[dict[str, Any]] = []
    spans: list[tuple[float, float, float, str]] = []
    for at, _, piece in pieces:
        given, rest = _weight(piece, at)
        weight = 1.0 if given is None else given
        raw, sep, feedback_raw = rest.partition("#")
        feedback = _text(feedback_raw, fmt)[1] if sep else ""
        raw = _restore(raw).strip()
        if raw == "*":
            notes.append(Message("author.gift_catch_all"))
            continue
        if ".." in raw[1:]:
            low_text, high_text = raw.split("..", 1)
            low, high = _number(low_text.strip(), at), _number(high_text.strip(), at)
            if high < low:
                raise _QuestionError(at, Message("author.gift_range_below", range=_short(raw)))
            # Rounded to 12 digits: 3.141..3.142 is 3.1415 ± 0.0005, not ± 0.0005000000000000782.
            _bounded((low + high) / 2, (high - low) / 2, raw, at)
            value, tolerance = _tidy((low + high) / 2), _tidy((high - low) / 2)
        elif ":" in raw[1:]:
            value_text, tol_text = raw.split(":", 1)
            value, tolerance = _number(value_text.strip(), at), _number(tol_text.strip(), at)
            if tolerance < 0:
                raise _QuestionError(at, Message("author.gift_negative_margin", value=_short(raw)))
            _bounded(value, tolerance, raw, at)
        else:
            value, tolerance = _number(raw, at), 0.0
        _first_match(spans, (value - tolerance, value + tolerance, weight, raw))
        if weight <= 0:
            notes.append(
                Message("author.gift_value_no_credit", value=raw, credit=f"{weight * 100:g}%")
            )
            continue
        entry: dict[str, Any] = {"value": _whole(value)}
        if tolerance:
            entry["tolerance"] = _whole(tolerance)
        if weight != 1:
            entry["weight"] = weight
        if feedback:
            entry["feedback"] = feedback
        values.append(entry)
    if not values:
        raise _QuestionError(base, Message("author.gift_numeric_none"))
    q: dict[str, Any] = {"type": "numeric"}
    if len(values) == 1 and set(values[0]) <= {"value", "tolerance"}:
        q["answer"] = values[0]["value"]
        if "tolerance" in values[0]:
            q["tolerance"] = values[0]["tolerance"]
    else:
        q["answers"] = values
    if notes:
        q["_notes"] = notes
    return q


def _first_match(
    earlier: list[tuple[float, float, float, str]], span: tuple[float, float, float, str]
) -> None:
    """Moodle gives a numeric answer the credit of the first value it matches; quizapp
    the best. Where an earlier value of lower credit overlaps this one, the two differ:
    say so. (A file quizapp writes puts the best first, so the two always agree.)"""
    low, high, weight, raw = span
    for e_low, e_high, e_weight, e_raw in earlier:
        if e_weight < weight and e_low <= high and low <= e_high:
            _note(
                Message(
                    "author.gift_first_value",
                    earlier=_short(e_raw),
                    value=_short(raw),
                    moodle=f"{max(e_weight, 0) * 100:g}%",
                    quizapp=f"{weight * 100:g}%",
                )
            )
            break
    earlier.append(span)


def _matching(answer_text: str, base: int, fmt: str) -> dict[str, Any]:
    pieces = _answers(answer_text, base, "=", "matching question")
    pairs: list[dict[str, Any]] = []
    distractors: list[str] = []
    for at, _, piece in pieces:
        if "->" not in piece:
            raise _QuestionError(at, Message("author.gift_no_arrow", pair=_restore(piece.strip())))
        left_raw, right_raw = piece.split("->", 1)
        _, left = _text(left_raw, fmt)
        right = _restore(right_raw).strip()
        if not right:
            raise _QuestionError(at, Message("author.gift_empty_right"))
        if left:
            pairs.append({"left": left, "right": right})
        else:
            distractors.append(right)
    q: dict[str, Any] = {"type": "matching", "pairs": pairs}
    if distractors:
        q["distractors"] = distractors
    return q


# -- writing ------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class GiftExport:
    """A quiz as GIFT text, and what GIFT could not hold."""

    text: str
    notes: list[str]
    written: int = 0
    """How many questions the text holds."""


def escape(text: str, *, formatted: bool = True) -> str:
    """Text as GIFT writes it: control characters escaped, line breaks as \\n.

    `formatted`: the reader looks for a `[format]` marker at the start of this text (all
    text but the right side of a matching pair).
    """
    out = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    out = out.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    out = out.replace("\n", "\\n")
    # A text that starts like a format marker would be read as one: mark it plain.
    match = re.match(r"^\[([a-z]+)\]", out)
    if formatted and match and match.group(1) in FORMATS:
        out = "[plain]" + out
    return out


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.7g}"


def moodle_grade(fraction: float) -> float:
    """The grade of Moodle's list nearest to `fraction` (its `match_grade_options`
    'nearest'); `fraction` itself when Moodle takes it as it is."""
    nearest = min(_ALL_GRADES, key=lambda g: (abs(g - fraction), -g))
    return fraction if abs(nearest - fraction) < _GRADE_MATCH else nearest


class _Grades:
    """Weights as Moodle's importer accepts them, and a sentence for each one changed."""

    def __init__(self) -> None:
        self.changed: list[Message] = []

    def __call__(self, fraction: float, what: Message) -> str:
        grade = moodle_grade(fraction)
        if grade != fraction:
            worth, written = f"{fraction * 100:.4g}%", f"{_percent(grade)}%"
            self.changed.append(
                Message("author.gift_regraded", what=what, worth=worth, written=written)
            )
        return _percent(grade)


def _number_text(value: float) -> str:
    return str(_whole(float(value)))


def write_gift(quiz: Quiz, lang: str | None = None) -> GiftExport:
    """The quiz as GIFT in language `lang` (default: the quiz's first)."""
    lang = lang or quiz.languages[0]
    notes: list[str] = []
    if len(quiz.languages) > 1:
        others = ", ".join(x for x in quiz.languages if x != lang)
        notes.append(Said(Message("author.gift_one_language", lang=lang, others=others)))
    info = quiz.quiz
    dropped = [
        name
        for name, on in (
            ("description", info.description is not None),
            ("module", info.module is not None),
            ("pass_mark", info.pass_mark != 0.5),
            ("time_limit", info.time_limit is not None),
            ("shuffle_questions", info.shuffle_questions),
            ("shuffle_choices", info.shuffle_choices),
            ("draw", info.draw is not None),
            ("include", bool(info.include)),
            ("feedback", bool(info.feedback)),
            ("tags", bool(info.tags)),
        )
        if on
    ]
    if dropped:
        notes.append(Said(Message("author.gift_no_settings", fields=", ".join(dropped))))

    def t(text: Any) -> str:
        return localize(text, lang)

    parts = [f"// {t(info.title)}".replace("\n", " "), f"// quiz: {info.id}", ""]
    written = 0
    for question in quiz.questions:
        lost: list[str] = []
        grades = _Grades()
        body = _write_question(question, t, lost, grades)
        for change in grades.changed:
            notes.append(Said(Message("author.gift_question_note", id=question.id, note=change)))
        if body is None:
            said = Message("author.gift_question_skipped", id=question.id, why=lost[0])
            notes.append(Said(said))
            continue
        for field, on in (
            ("hint", question.hint is not None),
            ("source", question.source is not None),
            ("points", question.points != 1),
            ("shuffle", getattr(question, "shuffle", True) is False),
            ("case_sensitive", getattr(question, "case_sensitive", False)),
            ("typos", bool(getattr(question, "typos", 0))),
            ("unit", getattr(question, "unit", None) is not None),
        ):
            if on:
                lost.append(field)
        if lost:
            said = Message("author.gift_left_out", id=question.id, fields=", ".join(lost))
            notes.append(Said(said))
        lines = [f"// [id:{question.id}]"]
        lines += [f"// [tag:{_comment_token(tag)}]" for tag in question.tags]
        parts.append("\n".join(lines) + "\n" + body + "\n")
        written += 1
    return GiftExport("\n".join(parts).rstrip("\n") + "\n", notes, written)


def _comment_token(text: str) -> str:
    """A tag as Moodle reads it inside `[tag:...]`: on one line, with `]` escaped."""
    return " ".join(text.split()).replace("]", "\\]")


def _write_question(q: Any, t: Any, lost: list[str], grade: _Grades) -> str | None:
    prompt = t(q.prompt)
    answers: list[str]
    inline = False
    if q.type == "single":
        answers = []
        for n, (choice, weight) in enumerate(zip(q.choices, choice_weights(q), strict=True), 1):
            if weight < 0:
                # quizapp never scores a single-choice question below 0; Moodle would take
                # marks off. 0% gives the learner in Moodle what quizapp gives.
                off = f"{-weight * 100:.4g}%"
                grade.changed.append(Message("author.gift_below_zero", n=n, off=off))
                weight = 0.0
            if weight == 1:
                mark = "="
            elif weight == 0:
                mark = "~"
            else:
                mark = f"~%{grade(weight, Message('author.gift_choice', n=n))}%"
            if mark == "~" and t(choice.text).startswith("%"):
                mark = "~%0%"  # else a leading "%" would be read as the start of a weight
            answers.append(mark + _with_feedback(t(choice.text), choice.feedback, t))
    elif q.type == "multiple":
        answers = [
            f"~%{grade(weight, Message('author.gift_choice', n=n))}%"
            + _with_feedback(t(choice.text), choice.feedback, t)
            for n, (choice, weight) in enumerate(zip(q.choices, choice_weights(q), strict=True), 1)
        ]
    elif q.type == "true_false":
        right, wrong = (
            (q.feedback_true, q.feedback_false) if q.answer else (q.feedback_false, q.feedback_true)
        )
        text = "TRUE" if q.answer else "FALSE"
        if wrong is not None:
            text += "#" + escape(t(wrong))
        elif right is not None:
            text += "#"
        if right is not None:
            text += "#" + escape(t(right))
        answers, inline = [text], True
    elif q.type == "short_answer":
        answers = []
        # Moodle gives the credit of the first answer that matches, quizapp the best one:
        # best first makes the two agree.
        for accepted in sorted(q.answers, key=lambda a: -a.weight):
            if "->" in accepted.text:
                return _lost(lost, Message("author.gift_arrow_answer"))
            what = Message("author.gift_the_answer", answer=_quoted(accepted.text))
            answers.append(
                f"=%{grade(accepted.weight, what)}%"
                + _with_feedback(accepted.text, accepted.feedback, t)
            )
    elif q.type == "numeric":
        answers = []
        # First match in Moodle, best match in quizapp: best first, as for short answers.
        for value in sorted(q.accepted(), key=lambda v: -v.weight):
            tolerance = value.tolerance.value
            if value.tolerance.relative:
                tolerance = abs(value.value) * tolerance
                said = Message(
                    "author.gift_relative", given=value.tolerance, written=f"{tolerance:g}"
                )
                lost.append(Said(said))
            number = _number_text(value.value)
            if tolerance:
                number += f":{_number_text(tolerance)}"
            answers.append(
                f"=%{grade(value.weight, Message('author.gift_the_value', value=number))}%{number}"
                + (f"#{escape(t(value.feedback))}" if value.feedback is not None else "")
            )
        if len(answers) == 1 and answers[0].startswith("=%100%") and "#" not in answers[0]:
            answers, inline = ["#" + answers[0].removeprefix("=%100%")], True
        else:
            answers[0] = "#" + answers[0]
    elif q.type == "matching":
        answers = []
        for pair in q.pairs:
            left, right = t(pair.left), t(pair.right)
            if "->" in left or "->" in right:
                return _lost(lost, Message("author.gift_arrow_pair"))
            answers.append(f"={escape(left)} -> {escape(right, formatted=False)}")
        answers += [f"= -> {escape(t(d), formatted=False)}" for d in q.distractors]
    else:
        return _lost(lost, Message("author.gift_no_type", type=q.type))

    general = f"####{escape(t(q.explanation))}" if q.explanation is not None else ""
    before, after = prompt, ""
    if prompt.count(BLANK) == 1 and prompt.split(BLANK, 1)[1].strip():
        before, after = prompt.split(BLANK, 1)
        inline = True
    head = f"::{q.id}::{escape(before)}"
    if before.endswith((" ", "\n")) and after:
        head += " "
    if inline:
        block = "{" + " ".join(answers) + (" " + general if general else "") + "}"
    else:
        numeric = answers[0].startswith("#")
        block = ("{#\n" if numeric else "{\n") + "".join(
            f"\t{a.removeprefix('#') if numeric and i == 0 else a}\n" for i, a in enumerate(answers)
        )
        block += f"\t{general}\n}}" if general else "}"
    tail = escape(after)
    if tail and after[:1].isspace():
        tail = " " + tail
    return head + block + tail


def _quoted(text: str) -> str:
    return '"' + _short(" ".join(text.split())) + '"'


def _with_feedback(text: str, feedback: Any, t: Any) -> str:
    out = escape(text)
    if feedback is not None:
        out += "#" + escape(t(feedback))
    return out


def _lost(lost: list[str], why: Message) -> str | None:
    # Typed as `_write_question`'s result, which callers return: always None (no GIFT).
    lost.insert(0, Said(why))
    return None
