"""argparse in the command line's language: `--help`, usage lines and usage errors.

Every command's `help=` and `description=` is a catalog key (`cli.help.<key>`, e.g.
`help="lint_strict"`), put into words only when a help text is printed, so a command
that just runs looks nothing up. argparse's own words ("usage: ", "options", "the
following arguments are required: %s") are catalog messages too (`argparse.*`), found by
their English, which is argparse's msgid:

- on output, by `Formatter` (headings, the help option's text, the usage prefix), which
  is where argparse shows the words it made when the parser was built;
- in its errors, which argparse words with `gettext` as they happen through two names
  it imports (`argparse._`, `argparse.ngettext`): `Parser` binds those to the catalog
  only while it parses, then gives the old ones back. (The alternatives were worse: a
  textdomain for the whole process answers to the environment, not `--lang`; re-writing
  argparse's methods that word errors would copy the standard library.)

The language is chosen before the parser is built (`argv_language`): `--lang` in the
arguments, else the environment, else English; never the score store, so `--help` opens
nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
from collections.abc import Iterator, Sequence
from typing import Any

from quizapp import i18n

HELP = "cli.help."
"""The keys of the commands' help and description texts."""
ARGPARSE = "argparse."
"""The keys of argparse's own words; each one's English is argparse's msgid."""


def argv_language(argv: Sequence[str]) -> str:
    """The language of the command line's help and usage errors, from the arguments
    alone: the last `--lang X` or `--lang=X` (global or a command's), else the
    environment's, else English (`quizapp.i18n.command_language`)."""
    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
    return i18n.command_language(explicit)


def argparse_words() -> dict[str, str]:
    """The catalog keys of argparse's words, by their English (the singular, for a
    plural)."""
    return _words_of(i18n.catalog(i18n.SOURCE_LANGUAGE))


@functools.lru_cache(maxsize=1)
def _words_of(catalog: Any) -> dict[str, str]:
    # Once per catalog (a reset reads a new one): a help text looks up each line here.
    words = {}
    for key, text in catalog.messages.items():
        if key.startswith(ARGPARSE):
            words[text if isinstance(text, str) else text[0]] = key
    return words


def argparse_word(text: str, lang: str, n: int | None = None) -> str:
    """argparse's own `text` in `lang` (with the plural form for `n`): the catalog's
    when it has it, else argparse's English."""
    key = argparse_words().get(text)
    if key is None:
        return text
    return i18n.t(key, lang) if n is None else i18n.t(key, lang, count=n)


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse words its errors in `lang` inside this block."""
    names = vars(argparse)  # the names argparse imported from gettext: `_`, `ngettext`
    saved = names["_"], names["ngettext"]

    def ngettext(singular: str, plural: str, n: int) -> str:
        if singular in argparse_words():
            return argparse_word(singular, lang, n)
        return singular if n == 1 else plural

    names["_"], names["ngettext"] = functools.partial(argparse_word, lang=lang), ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved


class Formatter(argparse.HelpFormatter):
    """A help text in `lang`: the commands' texts by their keys, argparse's by its words."""

    def __init__(self, prog: str, *, lang: str) -> None:
        super().__init__(prog)
        self.lang = lang

    def say(self, text: str) -> str:
        key = HELP + text
        if text.isidentifier() and i18n.has(key):
            return i18n.t(key, self.lang)
        return argparse_word(text, self.lang)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return self.say(action.help) if action.help else action.help

    def add_text(self, text: str | None) -> None:
        super().add_text(self.say(text) if text and text != argparse.SUPPRESS else text)

    def start_section(self, heading: str | None) -> None:
        super().start_section(argparse_word(heading, self.lang) if heading else heading)

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None:
            prefix = argparse_word("usage: ", self.lang)
        super().add_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """An `ArgumentParser` that speaks `lang`, and makes its commands' parsers so too."""

    def __init__(self, *args: Any, lang: str = i18n.SOURCE_LANGUAGE, **kwargs: Any) -> None:
        self.lang = lang
        super().__init__(*args, **kwargs)

    def _get_formatter(self) -> argparse.HelpFormatter:
        return Formatter(self.prog, lang=self.lang)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", functools.partial(Parser, lang=self.lang))
        return super().add_subparsers(**kwargs)

    # "unrecognized arguments" is said by parse_args, after parse_known_args.
    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with speaking(self.lang):
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with speaking(self.lang):
            return super().parse_known_args(*args, **kwargs)
