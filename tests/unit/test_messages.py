"""The message catalog: complete in every shipped language, compiled, used, and the only
place the interface's words come from (`quizapp.i18n`; docs/translating.md)."""

from __future__ import annotations

import argparse
import ast
import io
import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from quizapp import cldr, i18n

SRC = Path(i18n.__file__).parent
LOCALE = SRC / "locale"
SHIPPED = sorted(p.parts[-3] for p in LOCALE.glob("*/LC_MESSAGES/quizapp.po"))


def _po(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "quizapp.po").open("rb") as f:
        return read_po(f)


def _template():
    with (LOCALE / "quizapp.pot").open("rb") as f:
        return read_po(f)


def _keys(catalog) -> set[str]:
    return {m.context for m in catalog if m.id}


def test_the_shipped_languages_are_indonesian_and_english() -> None:
    assert {"en", "id"} <= set(SHIPPED)
    assert list(i18n.languages())[:2] == ["id", "en"]


def test_every_language_has_exactly_the_templates_messages() -> None:
    template = _keys(_template())
    assert len(template) > 300
    for lang in SHIPPED:
        assert _keys(_po(lang)) == template, lang


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_is_translated_in_every_shipped_language(lang: str) -> None:
    catalog = _po(lang)
    untranslated = []
    for m in catalog:
        if not m.id:
            continue
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        if (
            m.fuzzy
            or not all(forms)
            or len(forms) != (catalog.num_plurals if m.pluralizable else 1)
        ):
            untranslated.append(m.context)
    assert untranslated == []


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_translation_keeps_its_messages_fields(lang: str) -> None:
    field = re.compile(r"{(\w+)")
    for m in _po(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set().union(*(field.findall(s) for s in ids))
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        for form in forms:
            # A form may leave out the count (Indonesian "satu"), never add a field.
            assert set(field.findall(form)) <= wanted, (lang, m.context, form)
            assert set(field.findall(form)) >= wanted - {"n"}, (lang, m.context, form)


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_compiled_catalog_is_the_po_file(lang: str) -> None:
    """The shipped `.mo` is what `pybabel compile` makes of the `.po` today: a `.po`
    edited without compiling (docs/translating.md) fails here, not in a learner's hands."""
    folder = LOCALE / lang / "LC_MESSAGES"
    with (folder / "quizapp.mo").open("rb") as f:
        shipped = _messages(read_mo(f))
    fresh = _messages(read_mo(io.BytesIO(i18n.compile_po(folder / "quizapp.po"))))
    assert shipped == fresh


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("order", ["<", ">"])
def test_the_catalog_reads_a_mo_file_as_gettext_does(lang: str, order: str) -> None:
    """`i18n._read_mo` (ours, for start-up time) gives every message gettext's own reader
    gives, with the same header, in either byte order a `.mo` may have."""
    import gettext
    import struct

    data = (LOCALE / lang / "LC_MESSAGES" / "quizapp.mo").read_bytes()
    if order == ">":  # the same file as a big-endian machine compiles it
        count, keys_at, texts_at = struct.unpack_from("<3I", data, 8)
        head = struct.unpack_from("<7I", data)
        tables = [struct.unpack_from(f"<{2 * count}I", data, at) for at in (keys_at, texts_at)]
        out = bytearray(data)
        struct.pack_into(">7I", out, 0, *head)
        for at, table in zip((keys_at, texts_at), tables, strict=True):
            struct.pack_into(f">{2 * count}I", out, at, *table)
        data = bytes(out)
    theirs = gettext.GNUTranslations(io.BytesIO(data))
    expected: dict[str, object] = {}
    forms: dict[str, dict[int, str]] = {}
    for raw, text in theirs._catalog.items():  # type: ignore[attr-defined]  # gettext's parsed catalog
        ident, index = raw if isinstance(raw, tuple) else (raw, None)
        context = ident.split("\x04", 1)[0] if "\x04" in ident else ""
        if not context or not text:
            continue
        if index is None:
            expected[context] = text
        else:
            forms.setdefault(context, {})[index] = text
    expected.update({k: tuple(v[i] for i in sorted(v)) for k, v in forms.items()})

    ours = i18n._Catalog(data)
    assert len(ours.messages) > 1000
    assert ours.messages == expected
    assert ours.locale == theirs.info()["language"]
    assert [ours.plural(n) for n in range(30)] == [theirs.plural(n) for n in range(30)]  # type: ignore[attr-defined]  # set by gettext's parser


def test_a_file_that_is_no_catalog_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not a gettext \.mo file"):
        i18n._read_mo(b"\x00" * 28)


def _messages(catalog) -> dict[object, object]:
    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {(m.context, frozen(m.id)): frozen(m.string) for m in catalog if m.id}


# -- every key the code asks for is in the catalog, and every message is asked for --------

LOOKUPS = {
    "t": "app.",
    "tr": "report.",
    "message": "engine.",
    "Note": "report.",
    "has": None,
    "sentence": "load.",
}


MESSAGE_LOOKUPS = {"Message"}
"""A lower layer's message, worded where it is shown (`quizapp.i18n.Message`)."""

CLI_LOOKUPS = {"say", "fail", "words", "_fail"}
"""The command line's lookups (`quizapp.commands.messages`, convert's `_fail`): `cli.` keys."""


def _is_cli(path: Path) -> bool:
    return path == SRC / "cli.py" or path.parent == SRC / "commands"


def _prefix(path: Path, func: str) -> str | None:
    if func in MESSAGE_LOOKUPS:
        return ""  # a lower layer's message (`quizapp.i18n.Message`): whole keys
    if _is_cli(path) and func in CLI_LOOKUPS:
        return "cli."
    if path == SRC / "i18n.py":
        return ""  # the catalog's own module asks with whole keys
    if path.name == "plain.py" and func in ("t", "tr"):
        return "plain."
    if path.parts[-2] == "reports" or path.parts[-3:-1] == ("reports", "writers"):
        return "report."
    if path.parts[-2] == "engine":
        return "engine."
    return LOOKUPS.get(func)


def _key_uses() -> tuple[set[str], set[str]]:
    """Literal keys, and the fixed starts of keys built at run time (`f"mode_{x}"`)."""
    keys: set[str] = set()
    starts: set[str] = set()
    for path in SRC.rglob("*.py"):
        # authoring's `t` is a translated-text helper, not ours: only its messages count
        authoring = path.parts[-2] == "authoring"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            cli = _is_cli(path) and name in CLI_LOOKUPS
            known = name in MESSAGE_LOOKUPS or (name in LOOKUPS and not authoring)
            if (not known and not cli) or not node.args:
                continue
            if isinstance(func, ast.Attribute) and ast.unparse(func.value) == "i18n":
                continue  # a layer's own lookup, adding its prefix
            arg = node.args[1] if name == "tr" and len(node.args) > 1 else node.args[0]
            prefix = _prefix(path, name)
            if prefix is None:
                continue
            for candidate in _strings(arg):
                if isinstance(candidate, str):
                    keys.add(prefix + candidate)
                else:
                    starts.add(prefix + candidate[0])
    return keys, starts


def _strings(node: ast.AST) -> list[str | tuple[str]]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    if isinstance(node, ast.JoinedStr) and node.values:
        head = node.values[0]
        if isinstance(head, ast.Constant):
            return [(head.value,)]
    if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant):
        return [(node.left.value,)]
    return []


def test_every_key_the_code_uses_is_in_the_catalog() -> None:
    keys, starts = _key_uses()
    known = set(i18n.catalog("en").messages)
    assert len(keys) > 200
    missing = sorted(k for k in keys if k not in known and not k.endswith("."))
    assert missing == []
    for start in starts:
        assert any(k.startswith(start) for k in known), start


def _asked_for() -> tuple[set[str], set[str], set[str]]:
    """Every string literal of the program, and the fixed starts and ends of the strings
    it builds (`f"watch.col_{c}"`, `"mode_" + mode`, `f"{mode}_help"`), a layer's bare
    prefix aside."""
    literals: set[str] = set()
    starts: set[str] = set()
    ends: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                for part, found in ((node.values[0], starts), (node.values[-1], ends)):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found.add(part.value)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                for part, found in ((node.left, starts), (node.right, ends)):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found.add(part.value)
    prefixes = {key.split(".", 1)[0] + "." for key in i18n.catalog("en").messages}
    starts = {s for s in starts if s and s not in prefixes}
    return literals, starts, {e for e in ends if re.fullmatch(r"_\w{2,}", e)}


NOT_IN_OUR_CODE = {
    # Textual's own key descriptions, translated by the app's footer (tui/screens/base.py).
    "app.palette": "Textual's command palette binding",
}


def test_every_message_of_the_catalog_is_asked_for() -> None:
    """A message no code asks for is a translator's wasted work and a sign of dead code:
    every key, or its name without the layer (`app.quit` as `"quit"`, a binding's
    description, a table of keys), is a string of the program, or starts or ends like
    one the program builds."""
    literals, starts, ends = _asked_for()
    helps = set(_help_keys())
    words = _argparse_msgids()

    def asked(key: str) -> bool:
        if key.startswith(HELP):  # a help= or description= of a command
            return key.removeprefix(HELP) in helps
        if key.startswith(ARGPARSE):  # argparse's own words, found by their English
            text = i18n.catalog("en").messages[key]
            return (text if isinstance(text, str) else text[0]) in words
        name = key.split(".", 1)[-1]
        if key in literals or name in literals or key in NOT_IN_OUR_CODE:
            return True
        if any(name.endswith(e) for e in ends):
            return True
        return any(key.startswith(s) or name.startswith(s) for s in starts)

    unused = sorted(k for k in i18n.catalog("en").messages if not asked(k))
    assert unused == []


def test_the_unused_message_scan_finds_an_unused_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locale" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "quizapp.po").write_text(
        STUB_PO.replace("Language: xx", "Language: en")
        + '\nmsgctxt "app.nobody_asks_for_this"\nmsgid "Nobody"\nmsgstr "Nobody"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(i18n.LOCALE_DIR_ENV, str(tmp_path / "locale"))
    i18n.reset()
    try:
        with pytest.raises(AssertionError, match="nobody_asks_for_this"):
            test_every_message_of_the_catalog_is_asked_for()
    finally:
        monkeypatch.undo()
        i18n.reset()


def test_no_percentage_is_written_by_hand() -> None:
    """Percentages come from `quizapp.cldr` (its form is the language's: `%50` in Turkish),
    never a format spec or a "%" glued on."""
    by_hand = re.compile(r"""\}%|:\.?\d*%\}|\+ ?["']%["']""")
    found = []
    # A received export file's checks are English diagnostics for the command line.
    for path in [p for p in FRONT if p.name != "received.py"]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if by_hand.search(line):
                found.append(f"{path.relative_to(SRC).as_posix()}:{n}: {line.strip()}")
    assert found == []


# -- a third language is a `.po` file, nothing more ------------------------------------------

STUB_PO = r"""msgid ""
msgstr ""
"Language: xx\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "language_name"
msgid "English"
msgstr "Xish"

msgctxt "app.quit"
msgid "Quit"
msgstr "Xquit"

#, python-brace-format
msgctxt "app.questions_n"
msgid "{n} question"
msgid_plural "{n} questions"
msgstr[0] "{n} xquestion"
msgstr[1] "{n} xquestion-pair"
msgstr[2] "{n} xquestions"

msgctxt "plain.results"
msgid "Results"
msgstr "Xresults"

msgctxt "report.attempt_title"
msgid "Attempt report"
msgstr "Xattempt xreport"
"""


@pytest.fixture
def stub_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A language `xx` that exists only as a `.po` file in a temporary folder."""
    folder = tmp_path / "locale" / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "quizapp.po").write_text(STUB_PO, encoding="utf-8")
    monkeypatch.setenv(i18n.LOCALE_DIR_ENV, str(tmp_path / "locale"))
    i18n.reset()
    yield "xx"
    monkeypatch.undo()
    i18n.reset()


def test_a_third_language_needs_only_a_po_file(stub_language: str) -> None:
    from quizapp.tui.i18n import LANGUAGES, other_language, t

    assert dict(i18n.languages()) == {"id": "Bahasa Indonesia", "en": "English", "xx": "Xish"}
    assert "xx" in LANGUAGES and other_language("en") == "xx" and other_language("xx") == "id"
    assert t("quit", "xx") == "Xquit"
    # Its own plural rule, from its own header.
    assert [t("questions_n", "xx", n=n) for n in (1, 2, 5)] == [
        "1 xquestion",
        "2 xquestion-pair",
        "5 xquestions",
    ]
    # What it does not translate yet is English, never a key or a crash.
    assert t("submit", "xx") == "Submit"
    assert i18n.base_language("xx-YY") == "xx"
    # `--lang xx` is accepted by the command line, an unknown code refused in one line.
    assert i18n.language_argument("xx") == "xx"
    with pytest.raises(argparse.ArgumentTypeError, match="there are: id, en, xx"):
        i18n.language_argument("zz")


def test_a_third_language_reaches_plain_mode_and_reports(stub_language: str) -> None:
    import io

    from report_samples import T0, attempt, simple_version

    from quizapp.engine import start_attempt
    from quizapp.loading import load_catalog
    from quizapp.locations import bundled_quizzes_dir
    from quizapp.plain import run_plain
    from quizapp.reports.build import attempt_report
    from quizapp.reports.writers import render

    catalog = load_catalog([bundled_quizzes_dir() / "tour.toml"])
    out = io.StringIO()
    run_plain(
        start_attempt(catalog, "tour", mode="exam", seed=1), "xx", io.StringIO(":submit\n"), out
    )
    assert "Xresults" in out.getvalue()

    version = simple_version(n=2)
    report = attempt_report(attempt("Budi", version, [1.0, 0.0]), version, "xx", now=T0)
    assert "Xattempt xreport" in render(report, "md").decode("utf-8")


# -- no user-facing string escapes the catalog ----------------------------------------------

FRONT = [
    *sorted(SRC.glob("tui/**/*.py")),
    SRC / "plain.py",
    *sorted(SRC.glob("reports/**/*.py")),
    *sorted(SRC.glob("engine/*.py")),
]
SINKS = {
    # Textual widgets and what fills them, the app's notices and dialogs
    *("notify", "Static", "Label", "Button", "Option", "Content", "update", "styled"),
    *("Confirm", "Markdown", "Input", "Header", "add_column", "add_row"),
    # plain mode's and the reports' output
    *("say", "print", "write", "Table"),
}
SINK_KEYWORDS = {"title", "placeholder", "label", "tooltip", "description", "message", "help"}
LOOKUP_CALLS = {"t", "tr", "message", "has", "Note"}
WORDS = re.compile(r"[A-Za-z]{3,}")
# What is left of a literal once its markup, its $fields and its CSS ids are taken out.
NOT_WORDS = re.compile(r"\[[^\]]*\]|\$\w+|#[\w-]+|--[\w-]+")
ALLOWED = {
    # The JSON Schema's title of the learner export file: read by programs, not people.
    "reports/export.py:quizapp learner export": "a schema title for programs",
}


def _literals(node: ast.AST, lookups: set[str] = LOOKUP_CALLS, *, calls: bool = True):
    """The string literals in an argument, not looking inside catalog lookups (nor inside
    any call, with `calls=False`: a query or a path handed to a function)."""
    if isinstance(node, ast.Call):
        if not calls:
            return
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in lookups:
            return
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            yield from _literals(arg, lookups)
        if isinstance(func, ast.Attribute):
            yield from _literals(func.value, lookups)
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
        return
    for child in ast.iter_child_nodes(node):
        yield from _literals(child, lookups, calls=calls)


def _escaped(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in LOOKUP_CALLS:
            continue
        args = list(node.args) if name in SINKS else []
        args += [k.value for k in node.keywords if k.arg in SINK_KEYWORDS]
        for arg in args:
            for text in _literals(arg):
                if WORDS.search(NOT_WORDS.sub("", text)) and f"{where}:{text}" not in ALLOWED:
                    found.append(f"{where}:{node.lineno}: {text!r}")
    return list(dict.fromkeys(found))  # a widget inside a widget: said once


def test_no_user_facing_string_escapes_the_catalog() -> None:
    """A literal with words passed to a widget, a notice, a dialog, plain mode's output or a
    report table is English no translator can reach: it belongs in the catalog."""
    escaped = []
    for path in FRONT:
        where = path.relative_to(SRC).as_posix()
        if where not in ALLOWED:
            escaped += _escaped(path.read_text(encoding="utf-8"), where)
    assert escaped == []


def test_the_escape_scan_finds_an_escaped_string() -> None:
    """The scan is not vacuous: English written into code is found, lookups and markup not."""
    bad = (
        "def f(app, row):\n"
        '    app.notify("Saved the report.")\n'
        '    app.notify(t("saved", "en"))\n'
        '    row.update(styled("[b]$n.[/b] $prompt", n=1, prompt=p))\n'
        '    yield Button(Content(f"{n} left"), id="go")\n'
    )
    assert _escaped(bad, "x.py") == ["x.py:2: 'Saved the report.'", "x.py:5: ' left'"]


# -- the command line's messages too ---------------------------------------------------------

CLI = [SRC / "cli.py", *sorted(SRC.glob("commands/*.py"))]
CLI_SINKS = {"print", "write", "input", "UsageError", "CopyError", "ArgumentTypeError"}
"""What prints a message, or carries one to a print (the commands' one-sentence errors)."""
KEY = re.compile(r"[a-z][a-z0-9_]*")
SENTENCE = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")
"""Two words in a row: a returned literal that reads as a sentence (`return "No quiz..."`)."""
SQL = re.compile(r"\s*(INSERT INTO|SELECT|UPDATE|DELETE FROM|VALUES|ON CONFLICT|DO \w+)\b")
"""A returned statement for the database, not a sentence for a person."""


def _cli_escaped(source: str, where: str) -> list[str]:
    """English written into the command line: a literal with words printed, written to a
    stream, asked with `input`, raised as a command's error, passed to a message as a
    field or instead of a key, or returned as a sentence."""
    found = []
    lookups = LOOKUP_CALLS | CLI_LOOKUPS

    def flag(node: ast.AST, text: str) -> None:
        found.append(f"{where}:{getattr(node, 'lineno', 0)}: {text!r}")

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Return) and node.value is not None:
            for text in _literals(node.value, lookups, calls=False):
                if SENTENCE.search(NOT_WORDS.sub("", text)) and not SQL.match(text):
                    flag(node, text)
            continue
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        for help_text in _help_texts(node):
            if not (isinstance(help_text, ast.Constant) and KEY.fullmatch(str(help_text.value))):
                for text in _literals(help_text, lookups):
                    if WORDS.search(text):
                        flag(help_text, text)  # English where a `cli.help.` key belongs
        if name in CLI_LOOKUPS:
            key = node.args[0] if node.args else None
            if isinstance(key, ast.Constant) and not KEY.fullmatch(str(key.value)):
                flag(node, key.value)  # English where a key belongs
            args = [k.value for k in node.keywords if k.arg != "file"]
        elif name in CLI_SINKS:
            args = [*node.args, *(k.value for k in node.keywords)]
        else:
            continue
        for arg in args:
            for text in _literals(arg, lookups):
                if WORDS.search(NOT_WORDS.sub("", text)):
                    flag(node, text)
    return list(dict.fromkeys(found))


HELP_KEYWORDS = {"help", "description", "epilog", "usage"}
"""argparse's texts of a command: each is a key, `cli.help.<key>` in the catalog."""


def _help_texts(call: ast.Call) -> list[ast.expr]:
    """A call's argparse texts: its help=, description=, epilog= and usage=, and the
    help of the paths `add_arguments(parser, help)` adds."""
    texts = [k.value for k in call.keywords if k.arg in HELP_KEYWORDS]
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name == "add_arguments" and len(call.args) > 1:
        texts.append(call.args[1])
    return texts


def _help_keys() -> dict[str, str]:
    """Every help text key of the command line's files, with where it is."""
    keys = {}
    for path in CLI:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for text in _help_texts(node):
                    if isinstance(text, ast.Constant):
                        keys[str(text.value)] = f"{path.name}:{node.lineno}"
    return keys


def test_no_command_line_message_escapes_the_catalog() -> None:
    """Every message of `quizapp` and its commands is the catalog's (`cli.*`), in the
    language `quizapp.i18n.command_language` chooses; so are the commands' help texts
    (`help=`, `description=`: keys of `cli.help.*`) and argparse's own words."""
    escaped = []
    for path in CLI:
        escaped += _cli_escaped(path.read_text(encoding="utf-8"), path.relative_to(SRC).as_posix())
    assert escaped == []


def test_the_command_line_scan_finds_a_planted_literal() -> None:
    bad = (
        "def run(args, lang, exc, n):\n"
        '    print(f"Removed {n} learners.")\n'
        '    sys.stderr.write("Nothing removed.\\n")\n'
        '    _fail("cannot read the file")\n'
        '    fail("store_copied", lang, what="the whole store")\n'
        '    say("wrote", lang, file=sys.stderr, path=args.output)\n'
        '    say("count", lang, n=words("count_files", lang, n=n))\n'
        "    print(str(exc), file=sys.stderr)\n"
        '    print(f"  - {exc}")\n'
        "    if n:\n"
        '        return f"No quiz file at {n}."\n'
        '    return f"content/{n}"\n'
        "def register(subparsers):\n"
        '    p = subparsers.add_parser("x", help="x", description="Do the x " "thing.")\n'
        '    p.add_argument("--strict", action="store_true", help="exit 1 when warned")\n'
        '    p.add_argument("--check", metavar="NAME", help="lint_check")\n'
        '    add_arguments(p, "quiz files or folders")\n'
    )
    assert sorted(_cli_escaped(bad, "x.py")) == [
        "x.py:11: 'No quiz file at '",
        "x.py:14: 'Do the x thing.'",
        "x.py:15: 'exit 1 when warned'",
        "x.py:17: 'quiz files or folders'",
        "x.py:2: ' learners.'",
        "x.py:2: 'Removed '",
        "x.py:3: 'Nothing removed.\\n'",
        "x.py:4: 'cannot read the file'",
        "x.py:5: 'the whole store'",
    ]


# -- and what the lower layers say to people ------------------------------------------------

LOWER = [
    *(p for p in sorted(SRC.glob("store/*.py"))),
    *sorted(SRC.glob("reports/*.py")),
    *sorted(SRC.glob("engine/*.py")),
    *(p for p in sorted(SRC.glob("authoring/*.py")) if p.name != "lint.py"),
    SRC / "fileio.py",
    SRC / "names.py",
]
"""The layers below the front ends, whose errors, warnings and notes people read."""
LOWER_SINKS = {
    # errors that carry a message to a front end
    *("StoreError", "StoreCorrupt", "StoreRecordError", "ReportError", "SourceError"),
    *("AttemptError", "ScaffoldError", "GiftError", "RefusedPath", "OutputExistsError"),
    *("_QuestionError", "_Skip", "_note"),
}
LOWER_LISTS = {"warnings", "notes", "errors"}
"""Lists of sentences handed to a front end: `store.warnings`, authoring's notes."""


def _lower_escaped(source: str, where: str) -> list[str]:
    """English written into a lower layer: a literal with words raised in one of the
    errors a front end shows, or put in a list of warnings or notes, instead of a
    `Message` (`quizapp.i18n`) worded where it is shown."""
    found = []
    lookups = MESSAGE_LOOKUPS | {"Said", "Note", "t", "tr", "message"}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        owner = func.value if isinstance(func, ast.Attribute) else None
        listed = (
            name == "append"
            and owner is not None
            and (getattr(owner, "attr", None) or getattr(owner, "id", None)) in LOWER_LISTS
        )
        if name not in LOWER_SINKS and not listed:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            if isinstance(arg, ast.Constant) and KEY.fullmatch(str(arg.value)):
                continue  # a key (`reason="not_sqlite"`) that words it, not words
            for text in _literals(arg, lookups):
                if WORDS.search(NOT_WORDS.sub("", text)):
                    found.append(f"{where}:{node.lineno}: {text!r}")
    return list(dict.fromkeys(found))


def test_no_lower_layers_message_escapes_the_catalog() -> None:
    """The store's errors and warnings, the reports' and the engine's errors, file-type
    reasons and authoring's errors and notes are the catalog's (`store.*`, `report.err.*`,
    `engine.*`, `file.*`, `author.*`), so the command line and the app say them in their
    reader's language; `str()` of each is its English."""
    escaped = []
    for path in LOWER:
        escaped += _lower_escaped(
            path.read_text(encoding="utf-8"), path.relative_to(SRC).as_posix()
        )
    assert escaped == []


def test_the_lower_layers_scan_finds_a_planted_literal() -> None:
    bad = (
        "def f(self, path, exc, notes):\n"
        '    raise StoreError(path, f"The score database {path} is gone.")\n'
        '    raise StoreError(path, Message("store.gone", path=path))\n'
        '    self.warnings.append("Some answers were lost.")\n'
        '    self.warnings.append(Said(Message("store.lost_wal", path=path, n=1)))\n'
        '    raise ReportError(f"No attempt {exc} here.")\n'
        "    raise SourceError(message_of(exc) or str(exc))\n"
        '    notes.append(f"left {path} alone")\n'
        '    raise ValueError("not a class name")\n'
    )
    assert _lower_escaped(bad, "x.py") == [
        "x.py:2: 'The score database '",
        "x.py:2: ' is gone.'",
        "x.py:4: 'Some answers were lost.'",
        "x.py:6: 'No attempt '",
        "x.py:6: ' here.'",
        "x.py:8: 'left '",
        "x.py:8: ' alone'",
    ]


def test_a_lower_layers_message_is_english_as_text_and_worded_where_shown() -> None:
    from quizapp.fileio import RefusedPath, TooLargeError
    from quizapp.i18n import Message, Said, explain
    from quizapp.reports.service import ReportError
    from quizapp.store.repair import Recovery

    error = ReportError(Message("report.err.nobody_finished", quiz="tour"))
    assert str(error) == "Nobody has finished quiz tour here."
    assert explain(error, "id") == "Belum ada yang menyelesaikan kuis tour di sini."
    # Plural forms for counts, fields that are messages worded in the same language.
    recovery = Recovery("row by row", {"learners": 1, "attempts": 2, "answers": 0})
    assert recovery.summary() == (
        "Recovered 1 learner, 2 attempts and 0 answers from the damaged file (row by row)."
    )
    assert explain(recovery.summary(), "id") == (
        "Berhasil dipulihkan dari berkas yang rusak: 1 pelajar, 2 percobaan, dan 0 jawaban "
        "(baris demi baris)."
    )
    big = TooLargeError("quiz.toml", 2 * 2**20)
    assert str(big) == "quiz.toml: larger than 2 MB"
    assert explain(big, "id") == "quiz.toml: lebih besar dari 2 MB"
    assert isinstance(big, RefusedPath) and explain(big.reason, "id") == "lebih besar dari 2 MB"
    from quizapp.tui.oserrors import os_reason

    assert os_reason(big, "id") == "lebih besar dari 2 MB"  # the app's dialogs say it too
    # A sentence said in one language is worded again in another where it is shown.
    said = Said(Message("report.err.no_attempt", id="7"), "id")
    assert said == "Tidak ada percobaan 7 yang sudah selesai di sini."
    assert explain(said, "en") == "There is no finished attempt 7 here."


def test_the_command_line_speaks_the_environments_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`--lang`, then the learner's language, then the environment (gettext's variables,
    in gettext's order), then English; a language without a catalog is passed over."""
    choose = i18n.command_language
    assert choose() == "en"  # the tests' environment: LANG=C.UTF-8
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert choose() == "id" and choose("en") == "en" and choose(None, "en") == "en"
    assert choose("fr", "fr") == "id"  # no French catalog: the environment decides
    monkeypatch.setenv("LC_ALL", "C")  # LC_ALL before LANG: C asks for no language
    assert choose() == "en"
    monkeypatch.setenv("LANGUAGE", "fr:id")  # LANGUAGE first; its first with a catalog
    assert choose() == "id" and choose(None, "id-ID") == "id"


# -- numbers and dates from CLDR, in the interface's language --------------------------------


def test_numbers_percentages_and_dates_are_cldr_s_for_the_language() -> None:
    from datetime import UTC, datetime

    from quizapp.engine.numbers import format_number, format_with_unit

    evening = datetime(2026, 12, 1, 21, 33).astimezone(UTC)  # 21:33 on this computer
    assert [cldr.number(2 / 3, "id"), cldr.number(2 / 3, "en")] == ["0,67", "0.67"]
    assert [cldr.number(1234.5, "id"), cldr.number(1234.5, "en")] == ["1.234,5", "1,234.5"]
    assert [cldr.percent(0.95, "id"), cldr.percent(0.95, "en")] == ["95%", "95%"]
    assert [cldr.date(evening, "id"), cldr.date(evening, "en")] == ["1 Des 2026", "1 Dec 2026"]
    assert cldr.date_time(evening, "id") == "1 Des 2026 21.33"
    assert cldr.date_time(evening, "en") == "1 Dec 2026, 21:33"
    # The engine writes with CLDR's scale words and keeps the content's unit style.
    assert format_number(14.7e12, "id") == "14,7 triliun"
    assert format_number(14.7e12, "en") == "14.7 trillion"
    assert format_with_unit(14.7e12, "Rp", "id") == "Rp14,7 triliun"


def test_a_third_language_gets_its_own_cldr_forms(stub_language: str) -> None:
    """The stub's header says `Language: xx`, which CLDR does not know: it writes as the
    app's English does. A real language code brings its own forms, with no Python."""

    cldr.locale.cache_clear()
    try:
        assert cldr.number(2 / 3, stub_language) == "0.67"
        assert cldr.number(2 / 3, "de") == "0,67"  # no catalog: the code itself is the locale
        assert cldr.scale_words("de")[0] == (12, "Billionen")
    finally:
        cldr.locale.cache_clear()


@pytest.mark.parametrize("name", sorted(cldr.WHOLE_PERCENT))
def test_the_start_up_percentages_are_cldr_s(name: str) -> None:
    """The shipped languages' percentages written without loading Babel are Babel's."""
    from babel import Locale
    from babel.numbers import format_percent

    form = cldr.WHOLE_PERCENT[name]
    for fraction in (0, 0.005, 0.015, 0.125, 0.6, 0.666, 0.95, 1, 2.5, 9.99):
        assert form.format(round(fraction * 100)) == format_percent(
            round(fraction * 100) / 100, locale=Locale.parse(name)
        ), (name, fraction)
    langs = [lang for lang in SHIPPED if i18n.cldr_locale(lang) == name]
    assert langs, f"no shipped language writes as {name}"
    for lang in langs:
        for fraction in (0, 0.005, 0.015, 0.125, 0.285, 0.6, 0.666, 0.95, 1):
            assert cldr.percent(fraction, lang) == format_percent(
                fraction, locale=cldr.locale(lang)
            ), (lang, fraction)


# -- quizapp lint's findings ------------------------------------------------------------------

LINT = SRC / "authoring" / "lint.py"
LINT_SINKS = {"Finding", "append", "_twin_message"}
"""Where a finding's sentence is made: a `Finding`, a check's returned (path, sentence)
pairs, a list of findings grown, the twins' sentence."""


NAME = re.compile(r"[a-z][a-z0-9_.\-]*")
"""A name, not words: a check (`no-feedback`), a field (`choices`), a key (`lint.leak`)."""


def _lint_escaped(source: str, where: str) -> list[str]:
    """English written into a finding: a literal with words (not a name) in a `Finding`,
    in what a check returns or appends, outside a catalog `Message`."""
    found = []
    lookups = MESSAGE_LOOKUPS | {"Said"}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Return) and node.value is not None:
            args: list[ast.AST] = [node.value]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in LINT_SINKS:
                continue
            args = [*node.args, *(k.value for k in node.keywords)]
        else:
            continue
        for arg in args:
            for text in _literals(arg, lookups):
                if WORDS.search(text) and not NAME.fullmatch(text):
                    found.append(f"{where}:{node.lineno}: {text!r}")
    return list(dict.fromkeys(found))


def test_no_lint_finding_escapes_the_catalog() -> None:
    """Every sentence `quizapp lint` says about a quiz is a `lint.*` message, so it is said
    in the reader's language (and its check's description too: `CHECKS`)."""
    from quizapp.authoring.lint import CHECKS

    assert _lint_escaped(LINT.read_text(encoding="utf-8"), "authoring/lint.py") == []
    assert all(isinstance(what, i18n.Message) for what in CHECKS.values())


def test_the_lint_scan_finds_a_planted_finding() -> None:
    bad = (
        "def check(q, file, found):\n"
        '    found.append(Finding("leak", file, (), f"this leaks {q.id}; reword it"))\n'
        '    found.append(Finding("leak", file, (), Said(Message("lint.leak", question=q))))\n'
        "    if q.hint:\n"
        '        return [(("hint",), "the hint says the answer")]\n'
        '    return [(("hint",), Said(Message("lint.hint_figure")))]\n'
        "def label(e):\n"
        "    return f'question {e.index} of \"{e.quiz}\"'\n"
        "def bounds(m):\n"
        '    return "lower" if m else "upper"\n'
    )
    assert sorted(_lint_escaped(bad, "x.py")) == [
        "x.py:2: '; reword it'",
        "x.py:2: 'this leaks '",
        "x.py:5: 'the hint says the answer'",
        "x.py:8: 'question '",
    ]


def test_lint_writes_no_percentage_by_hand() -> None:
    """A share in a finding is `quizapp.cldr.Percent`, worded in the reader's language."""
    by_hand = re.compile(r"""\}%|:\.?\d*%\}|\+ ?["']%["']""")
    lines = LINT.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if by_hand.search(line)] == []


# -- argparse's texts: the commands' help, and argparse's own words --------------------------

HELP = "cli.help."
ARGPARSE = "argparse."


def test_every_help_key_is_in_the_catalog() -> None:
    keys = _help_keys()
    assert len(keys) > 100
    known = set(i18n.catalog("en").messages)
    assert sorted(f"{k} ({where})" for k, where in keys.items() if HELP + k not in known) == []


def _argparse_msgids() -> set[str]:
    """What argparse asks gettext for: the literals of its `_()` and `ngettext()` calls."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            found.update(a.value for a in node.args if isinstance(a, ast.Constant))
    return found


PERCENT_FIELD = re.compile(r"%(?:\(\w+\))?[sr]")


@pytest.mark.parametrize("lang", SHIPPED)
def test_argparse_words_are_its_msgids_and_keep_their_fields(lang: str) -> None:
    """Each `argparse.*` message's English is a word argparse asks gettext for (a newer
    Python that rewords one fails here), and each translation keeps its `%` fields; the
    help texts have none, so argparse's `%` expansion leaves them as written."""
    msgids = _argparse_msgids()
    for m in _po(lang):
        if not m.id or not m.context.startswith((ARGPARSE, HELP)):
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.context.startswith(HELP):
            assert all("%" not in s for s in (*ids, *forms)), m.context
            continue
        assert ids[0] in msgids, m.context
        wanted = sorted(PERCENT_FIELD.findall(ids[0]))
        assert all(sorted(PERCENT_FIELD.findall(form)) == wanted for form in forms), m.context
