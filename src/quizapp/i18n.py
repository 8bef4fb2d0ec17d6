"""The interface's words: one gettext catalog for every layer and front end.

The messages live in `quizapp/locale/<lang>/LC_MESSAGES/quizapp.po` (one domain,
`quizapp`; the template is `quizapp/locale/quizapp.pot`). Each message is found by a
stable key, its `msgctxt` (`app.quit`, `report.mode`, `plain.results`, `engine.empty`:
the layer, then the name), and carries its English text as `msgid`, which is what a
translator reads. Messages with a count have plural forms (`msgid_plural`, the
language's own `Plural-Forms`); the count is the `n` field unless `count=` says
otherwise.

Shipped languages are read from their compiled `.mo` (`_read_mo` reads what gettext's
`GNUTranslations` would, in under a millisecond); a language that has only a `.po` (a
translator's new one, in a folder named by `$QUIZAPP_LOCALE_DIR`) is compiled in memory
with Babel. A message missing from a language falls back to English; a language with no
catalog is English.

Only the standard library is imported here, so every layer may use it (the core never
imports textual) and importing it costs nothing until a word is looked up.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

DOMAIN = "quizapp"
SOURCE_LANGUAGE = "en"
"""The language of the msgids, and the fallback for a missing message."""
DEFAULT_LANGUAGE = "id"
"""The interface's language when the learner has not chosen one."""
LOCALE_DIR_ENV = "QUIZAPP_LOCALE_DIR"
"""Extra folders of catalogs (os.pathsep between them), searched before the shipped one."""
LANGUAGE_NAME = "language_name"
"""The key whose translation is the language's name in itself ("Bahasa Indonesia")."""

_SHIPPED = Path(__file__).resolve().parent / "locale"


def locale_dirs() -> list[Path]:
    """Where catalogs are looked for: `$QUIZAPP_LOCALE_DIR`'s folders, then the shipped one."""
    extra = os.environ.get(LOCALE_DIR_ENV, "")
    return [Path(p).expanduser() for p in extra.split(os.pathsep) if p] + [_SHIPPED]


class _Catalog:
    """One language's messages by key: a string, or a tuple of plural forms."""

    def __init__(self, mo: bytes | None = None) -> None:
        self.messages: dict[str, str | tuple[str, ...]] = {}
        self.locale = ""
        self._rule = "n != 1"
        """The header's plural expression (C syntax), compiled at the first count."""
        self._plural: Callable[[int], int] | None = None
        if mo is None:
            return
        self.messages, header = _read_mo(mo)
        self.locale = header.get("language", "")
        forms = header.get("plural-forms")
        if forms:
            # As gettext reads it: "nplurals=2; plural=(n != 1);"
            self._rule = forms.split(";")[1].split("plural=")[1]

    @property
    def plural(self) -> Callable[[int], int]:
        """The index of the plural form for a count, from the catalog's own rule."""
        if self._plural is None:
            import gettext  # a millisecond to import: not before a count is shown

            self._plural = gettext.c2py(self._rule)
        return self._plural


_MO_MAGIC = 0x950412DE


def _read_mo(data: bytes) -> tuple[dict[str, str | tuple[str, ...]], dict[str, str]]:
    """A compiled catalog's messages by key (`msgctxt`) and its header's fields (names
    lower-cased), as gettext's `GNUTranslations` reads the same file (its parsing and
    its import cost a start-up 2.5 ms; this, 0.9). Messages without a context or a
    translation are left out; a plural's empty forms too."""
    import struct

    order = "<"
    if struct.unpack_from("<I", data)[0] != _MO_MAGIC:
        order = ">"
        if struct.unpack_from(">I", data)[0] != _MO_MAGIC:
            raise ValueError("not a gettext .mo file")
    count, keys_at, texts_at = struct.unpack_from(f"{order}3I", data, 8)
    keys = struct.unpack_from(f"{order}{2 * count}I", data, keys_at)
    texts = struct.unpack_from(f"{order}{2 * count}I", data, texts_at)
    header: dict[str, str] = {}
    charset = "utf-8"
    messages: dict[str, str | tuple[str, ...]] = {}
    for i in range(0, 2 * count, 2):
        key = data[keys[i + 1] : keys[i + 1] + keys[i]]
        text = data[texts[i + 1] : texts[i + 1] + texts[i]]
        if not key:
            for line in text.decode(charset).splitlines():
                name, colon, value = line.partition(":")
                if colon:
                    header[name.strip().lower()] = value.strip()
            charset = header.get("content-type", "").partition("charset=")[2] or charset
            continue
        context, separator, msgid = key.partition(b"\x04")
        if not separator or not context or not text:
            continue
        name = context.decode(charset)
        if b"\x00" in msgid:
            forms = tuple(form for form in text.decode(charset).split("\x00") if form)
            if forms:
                messages[name] = forms
        else:
            messages[name] = text.decode(charset)
    return messages, header


def _find(lang: str, suffix: str) -> Path | None:
    for folder in locale_dirs():
        path = folder / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"
        if path.is_file():
            return path
    return None


def compile_po(po: Path) -> bytes:
    """A `.po` file compiled to `.mo` bytes with Babel (imported here: it costs)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


@functools.cache
def catalog(lang: str) -> _Catalog:
    """The messages of `lang` (empty when it has no catalog): its `.mo`, else its `.po`
    compiled in memory. (No date comparison: a checkout's file times are arbitrary;
    tests/unit/test_messages.py holds each shipped `.mo` equal to its `.po`.)"""
    po, mo = _find(lang, ".po"), _find(lang, ".mo")
    if mo is not None and (po is None or po.parent == mo.parent):
        return _Catalog(mo.read_bytes())
    if po is not None:
        return _Catalog(compile_po(po))
    return _Catalog()


def reset() -> None:
    """Forget the loaded catalogs (after `$QUIZAPP_LOCALE_DIR` or a catalog changed)."""
    catalog.cache_clear()
    languages.cache_clear()


def has(key: str) -> bool:
    """Whether the catalog has a message `key`."""
    return key in catalog(SOURCE_LANGUAGE).messages


def t(key: str, lang: str, /, *, count: object = None, **values: object) -> str:
    """The message `key` in `lang` (English when missing), its `{fields}` filled in.

    A message with plural forms takes the form for `count` (default: the `n` field).
    """
    cat = catalog(lang)
    text = cat.messages.get(key)
    if text is None:
        cat = catalog(SOURCE_LANGUAGE)
        text = cat.messages.get(key)
        if text is None:
            raise KeyError(f"no message {key!r} in the catalog")
    if isinstance(text, tuple):
        number = count if count is not None else values.get("n")
        index = cat.plural(int(number)) if isinstance(number, int | float) else len(text) - 1
        text = text[min(index, len(text) - 1)]
    return text.format(**values) if values else text


@functools.cache
def languages() -> dict[str, str]:
    """The interface's languages, by code, each named in itself: every folder with a
    catalog; the default language first, then English, then the rest by code."""
    codes: set[str] = set()
    for folder in locale_dirs():
        if folder.is_dir():
            for entry in folder.iterdir():
                messages = entry / "LC_MESSAGES"
                if (messages / f"{DOMAIN}.po").is_file() or (messages / f"{DOMAIN}.mo").is_file():
                    codes.add(entry.name)
    first = [c for c in (DEFAULT_LANGUAGE, SOURCE_LANGUAGE) if c in codes]
    order = first + sorted(codes - set(first))
    return {code: t(LANGUAGE_NAME, code) for code in order}


def base_language(lang: str | None) -> str:
    """The interface language for a setting such as `id-ID`: its base language when
    there is a catalog for it, else English."""
    base = (lang or SOURCE_LANGUAGE).split("-")[0].split("_")[0].lower()
    return base if base in languages() else SOURCE_LANGUAGE


class _Languages(Mapping[str, str]):
    """`languages()` as a mapping that reads the catalogs only when first asked, so
    modules can import it at the top without touching the disk."""

    def __getitem__(self, code: str) -> str:
        return languages()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


LANGUAGES: Mapping[str, str] = _Languages()
"""The interface's languages, by code, each named in itself (see `languages`)."""


def cldr_locale(lang: str) -> str:
    """The CLDR locale whose numbers and dates `lang` uses: its catalog's `Language:`
    header (`en_GB`), else the code itself."""
    header = catalog(lang).locale
    return header or lang


def language_argument(value: str) -> str:
    """`--lang`'s check: an interface language with a catalog (any added one too), read
    only when the option is given, so start-up lists no folders."""
    if value in languages():
        return value
    import argparse

    have = ", ".join(languages())
    raise argparse.ArgumentTypeError(
        t("cli.no_language", command_language(), value=repr(value), have=have)
    )


ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where a shell says its language, in gettext's order: the first one set decides."""


def _code(value: str) -> str | None:
    """The language code of a setting (`id_ID.UTF-8`, `id-ID` and `ID` are `id`) when
    there is a catalog for it, else None. Only looks for the files: no catalog is read."""
    code = value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].strip().lower()
    if not code or code in ("c", "posix") or "/" in code:
        return None
    return code if _find(code, ".mo") or _find(code, ".po") else None


def environment_language() -> str | None:
    """The interface language the environment asks for, or None: the first of
    `LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG` that is set decides (`id_ID.UTF-8` is
    `id`; `LANGUAGE` may list several, `fr:id`, and the first with a catalog wins).
    `C` and `POSIX`, or a language with no catalog, ask for none."""
    for variable in ENVIRONMENT_VARIABLES:
        value = os.environ.get(variable, "")
        if value:
            return next(filter(None, map(_code, value.split(":"))), None)
    return None


def command_language(explicit: str | None = None, learner: str | None = None) -> str:
    """The language of the command line's messages (`cli.*`; docs/translating.md): an
    explicit `--lang`, else the stored language of the learner the command runs for,
    else the environment's (`environment_language`), else English. A setting with no
    catalog is passed over."""
    for choice in (explicit, learner):
        code = _code(choice) if choice else None
        if code:
            return code
    return environment_language() or SOURCE_LANGUAGE


class Message:
    """A catalog message not yet put into words: its key and its fields. What a lower
    layer (the store, reports, the engine, authoring, `fileio`) says to people, worded
    where it is shown, in the reader's language (`explain`). `str()` is its English.

    An error that says something carries one as its `message` attribute (and is, as
    `str()`, the English text), so a front end words it with `explain(exc, lang)`."""

    __slots__ = ("fields", "key")

    def __init__(self, key: str, /, **fields: object) -> None:
        self.key = key
        self.fields = fields

    def say(self, lang: str) -> str:
        """The message in `lang`; fields that are messages (or errors carrying one) too."""
        return t(self.key, lang, **{k: _field(v, lang) for k, v in self.fields.items()})

    def __str__(self) -> str:
        return self.say(SOURCE_LANGUAGE)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.fields!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.fields) == (other.key, other.fields)

    def __hash__(self) -> int:
        return hash(self.key)


class Said(str):
    """A message worded as a string (for a list of warnings, a summary, a function that
    returns a sentence): in English unless `lang` says otherwise, still carrying its
    `message`, so a front end words it in its own reader's language (`explain`)."""

    message: Message

    def __new__(cls, message: Message, lang: str = SOURCE_LANGUAGE) -> Said:
        said = super().__new__(cls, message.say(lang))
        said.message = message
        return said


def message_of(value: object) -> Message | None:
    """The catalog message `value` is, or carries as its `message`; None for a plain text."""
    if isinstance(value, Message):
        return value
    carried = getattr(value, "message", None)
    return carried if isinstance(carried, Message) else None


def _field(value: object, lang: str) -> object:
    """A field for a reader of `lang`: a message (or an error carrying one) worded, a
    figure with an `in_language` (`quizapp.cldr.Percent`) written as `lang` writes it,
    anything else as it is (a count stays a number, for plural forms)."""
    carried = message_of(value)
    if carried is not None:
        return carried.say(lang)
    in_language = getattr(value, "in_language", None)
    return in_language(lang) if callable(in_language) else value


def explain(value: object, lang: str) -> str:
    """What `value` says to a reader of `lang`: a `Message`, or an error (or a `Said`)
    carrying one as its `message`, or a report's `Note`, worded in `lang`; anything else
    its `str()` (English, or the system's words)."""
    carried = message_of(value)
    if carried is not None:
        return carried.say(lang)
    in_language = getattr(value, "in_language", None)  # a report's `Note`
    return str(in_language(lang)) if callable(in_language) else str(value)


class MessageError(Exception):
    """An error that says one catalog message (`message`) to people; `str()` is its
    English, for logs and tests. A front end shows `explain(exc, lang)`."""

    def __init__(self, message: Message | str) -> None:
        self.message: Message | None = message if isinstance(message, Message) else None
        super().__init__(str(message))
