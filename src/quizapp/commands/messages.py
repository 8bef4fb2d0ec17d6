"""The command line's words: every message a command prints is the catalog's (keys
`cli.*`, docs/translating.md), in the language `language` chooses.

A command asks for its language once (`lang = language(args)`, again with the learner's
stored language once it knows the learner it runs for) and prints through `say` (stdout)
and `fail` (stderr). Both print, so the terminal's sanitizer (`quizapp.model.terminal`,
set up by `quizapp.cli.main`) sees every message, as before. argparse's usage and help
texts are the catalog's too (`quizapp.commands.parsing`).
"""

from __future__ import annotations

import errno
import sys
from typing import Any, TextIO

from quizapp import i18n


def language(args: Any, learner: str | None = None) -> str:
    """The messages' language for a command run with `args`: `--lang` (the global option
    or the command's own), else `learner` (the stored language of the learner the
    command runs for), else the environment's, else English
    (`quizapp.i18n.command_language`)."""
    return i18n.command_language(getattr(args, "lang", None), learner)


def words(key: str, lang: str, /, **values: object) -> str:
    """The message `cli.<key>` in `lang`, its fields filled in (plural forms by `n`)."""
    return i18n.t(f"cli.{key}", lang, **values)


def say(key: str, lang: str, /, *, file: TextIO | None = None, **values: object) -> None:
    """Print the message `cli.<key>` on stdout (or `file`)."""
    print(words(key, lang, **values), file=file or sys.stdout)


def fail(key: str, lang: str, /, **values: object) -> None:
    """Print the message `cli.<key>` on stderr: an error or a warning."""
    print(words(key, lang, **values), file=sys.stderr)


def error(exc: object, lang: str) -> str:
    """What a lower layer's error (or warning) says, in `lang`: its catalog message
    (`store.*`, `report.err.*`, `engine.*`, `file.*`, `author.*`) when it carries one,
    else its text (`quizapp.i18n.explain`)."""
    return i18n.explain(exc, lang)


def reason(exc: OSError, lang: str) -> str:
    """A few words saying why a path could not be read or written, in `lang`: the
    app's wording of the system's error (`app.os_<ENAME>`) when the catalog has one,
    else `quizapp.fileio.reason`'s (in `lang` where the catalog has it)."""
    from quizapp.fileio import RefusedPath
    from quizapp.fileio import reason as english

    name = errno.errorcode.get(exc.errno, "") if exc.errno is not None else ""
    if name and not isinstance(exc, RefusedPath) and i18n.has(f"app.os_{name}"):
        return i18n.t(f"app.os_{name}", lang)
    return i18n.explain(english(exc), lang)


def invalid_name(exc: Any, lang: str) -> str:
    """A `quizapp.names.InvalidName` in `lang`, worded by its `reason`."""
    from quizapp.names import MAX_LEARNER_NAME

    if exc.reason in ("empty", "long", "control"):
        return words(f"name_{exc.reason}", lang, max=MAX_LEARNER_NAME)
    return str(exc)
