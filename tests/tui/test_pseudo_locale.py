"""A pseudo-locale run: every message of the catalog wrapped ("[!! Kirim !!]"), then the
app's flows, plain mode and every report format, looking for interface text outside a
wrapper. Quiz and lesson text is data, not the interface's: its words are allowed, as are
the learner's name, numbers and the names of keys.

The pseudo-locale is the Indonesian catalog with each translation wrapped, put in a
temporary folder named by `$QUIZAPP_LOCALE_DIR`, the way a translator adds a language.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po
from tests.tui.test_flows import answer_right, settle
from tests.tui.test_terminal_escapes import screen_text

from quizapp import cldr, i18n

OPEN, CLOSE = "[!! ", " !!]"
WRAPPED = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]", re.DOTALL)
WORD = re.compile(r"[^\W\d_]{3,}")
HASH = re.compile(r"[0-9a-f]{8,}")
"""A quiz version's hash (shown shortened in reports): an id, not words."""
KEYS_AND_MARKS = {
    # Key names the footer and hints show as the keyboard labels them.
    *("esc", "tab", "enter", "ctrl", "shift", "space", "pgup", "pgdn", "del", "delete"),
    "quizapp",  # the program's name
}


HELP_TEXTS = ("app.help_text", "app.preview_help_text")


def _wrap(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}" if text else text


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Indonesian, every message wrapped; the catalog reloaded from a temporary folder."""
    shipped = Path(i18n.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "quizapp.po"
    with shipped.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if not message.id or message.context == "language_name":
            continue  # the language's name is a name
        if message.context in HELP_TEXTS:
            # Markdown: each paragraph wrapped, so the help still reads as its blocks.
            paragraphs = message.string.split("\n\n")
            message.string = "\n\n".join(_wrap(p) for p in paragraphs)
            continue
        if isinstance(message.string, tuple):
            message.string = tuple(_wrap(s) for s in message.string)
        else:
            message.string = _wrap(message.string)
    folder = tmp_path / "pseudo" / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "quizapp.po").open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setenv(i18n.LOCALE_DIR_ENV, str(tmp_path / "pseudo"))
    i18n.reset()
    cldr.locale.cache_clear()
    yield "id"
    monkeypatch.undo()
    i18n.reset()
    cldr.locale.cache_clear()


def _data_words(*objects: Any) -> set[str]:
    """Every word of quiz and lesson text, in every language (data, never wrapped), and
    CLDR's month names (dates are formatted, not translated)."""
    words: set[str] = set()
    for width in ("abbreviated", "wide"):
        for lang in ("id", "en"):
            months = cldr.locale(lang).months["format"][width].values()
            words.update(m.casefold().rstrip(".") for m in months)

    def walk(value: Any) -> None:
        if isinstance(value, str):
            words.update(w.casefold() for w in WORD.findall(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list | tuple | set | frozenset):
            for v in value:
                walk(v)
        elif hasattr(value, "model_dump"):
            walk(value.model_dump())

    for obj in objects:
        walk(obj)
    return words


def unwrapped(text: str, allowed: set[str]) -> list[str]:
    """The words of `text` outside every wrapper that are not data or a key's name."""
    while True:
        stripped = WRAPPED.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    # A word cut short by an ellipsis is not a whole word to judge, nor a message cut
    # short by its widget's width (a button's label): its wrapper opens and never closes.
    text = re.sub(r"[^\W\d_]+…", " ", text)
    text = re.sub(r"\[!! [^\[\]│▏▕\n]*", " ", text)
    return sorted(
        {
            w
            for w in WORD.findall(text)
            if w.casefold() not in allowed
            and w.casefold() not in KEYS_AND_MARKS
            and not HASH.fullmatch(w)
        }
    )


def test_the_sweep_finds_unwrapped_words() -> None:
    text = "│ [!! Kirim !!] Submit │ [!! lulus\n│ 60% !!] Paris 147 │ [!! Kumpulka │ Back"
    assert unwrapped(text, {"paris"}) == ["Back", "Submit"]


class Sweep:
    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed
        self.found: dict[str, list[str]] = {}

    def _clipped(self, word: str) -> bool:
        start = word.casefold()
        return any(a.startswith(start) and a != start for a in self.allowed)

    def look(self, where: str, text: str) -> None:
        assert OPEN in text, f"{where}: the pseudo-locale is not in use"
        # Data cut short by a column or a dialog over it ("Zhe" of "Zhejiang") is data.
        words = [w for w in unwrapped(text, self.allowed) if not self._clipped(w)]
        if words:
            self.found[where] = words


async def test_pseudo_locale_app_flows_show_no_unwrapped_text(
    pseudo: str, build_app: Any, catalog: Any, content: Any
) -> None:
    sweep = Sweep(_data_words(catalog.quizzes, content) | {"ana"})
    app = build_app(lang=pseudo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        sweep.look("home", screen_text(app))
        await pilot.press("enter")  # the mode picker
        await settle(pilot)
        sweep.look("mode picker", screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        app.start_quiz("tour", "practice")
        await settle(pilot)
        for n in range(7):
            sweep.look(f"practice question {n + 1}", screen_text(app))
            await answer_right(pilot, app)
            sweep.look(f"practice feedback {n + 1}", screen_text(app))
            await pilot.press("enter")
            await settle(pilot)
        sweep.look("results", screen_text(app))
        await pilot.press("x")  # export dialog
        await settle(pilot)
        sweep.look("export dialog", screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        sweep.look("exam question", screen_text(app))
        await pilot.press("ctrl+g")
        await settle(pilot)
        sweep.look("finish dialog", screen_text(app))
        await pilot.press("y")
        await settle(pilot)
        sweep.look("exam results", screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        app.action_progress()
        await settle(pilot)
        sweep.look("progress", screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        app.action_review()
        await settle(pilot)
        sweep.look("review", screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        sweep.look("command palette", screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+c")  # the quit hint
        await pilot.pause(0.3)
        sweep.look("quit hint", screen_text(app))
    assert sweep.found == {}


def test_pseudo_locale_plain_mode_shows_no_unwrapped_text(pseudo: str, catalog: Any) -> None:
    from quizapp.engine import start_attempt
    from quizapp.plain import run_plain

    sweep = Sweep(_data_words(catalog.quizzes))
    for mode, lines in (("practice", ["abc", "1.500", "9", "", ":skip"] * 8), ("exam", [])):
        out = io.StringIO()
        script = "\n".join([*lines, ":flag", ":list", ":help", ":nope", ":submit"]) + "\n"
        run_plain(
            start_attempt(catalog, "tour", mode=mode, seed=1), pseudo, io.StringIO(script), out
        )
        sweep.look(f"plain {mode}", out.getvalue())
    assert sweep.found == {}


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_pseudo_locale_reports_show_no_unwrapped_text(pseudo: str, fmt: str) -> None:
    from tests.unit.report_samples import T0, attempt, simple_version

    from quizapp.reports.build import attempt_report, class_report, rows_from_records
    from quizapp.reports.writers import render

    version = simple_version(n=3)
    sweep = Sweep(_data_words(version) | {"budi"})
    attempts = [attempt(f"L{i}", version, c) for i, c in enumerate([[1, 1, 0], [1, 0, 0]])]
    reports = {
        "attempt": attempt_report(
            attempt("Budi", version, [0.75, 1.0, 0.0]), version, pseudo, now=T0
        ),
        "class": class_report(
            rows_from_records(attempts), {("q", version.sha256): version}, pseudo
        ),
    }
    for name, report in reports.items():
        text = render(report, fmt).decode("utf-8-sig")
        if fmt == "html":
            text = re.sub(r"<style.*?</style>|<[^>]+>|&\w+;", " ", text, flags=re.DOTALL)
        sweep.look(f"{name} {fmt}", text)
    assert sweep.found == {}


async def test_pseudo_locale_help_switch_learner_and_lesson_show_no_unwrapped_text(
    pseudo: str, build_app: Any, catalog: Any, content: Any
) -> None:
    sweep = Sweep(_data_words(catalog.quizzes, content) | {"ana"})
    app = build_app(lang=pseudo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        sweep.look("help", screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        sweep.look("switch learner", screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        app.open_lesson(next(iter(content)))
        await settle(pilot)
        sweep.look("lesson", screen_text(app))
        await pilot.press("f1")
        await settle(pilot)
        sweep.look("lesson help", screen_text(app))
    assert sweep.found == {}


async def test_pseudo_locale_first_run_shows_no_unwrapped_text(
    pseudo: str, build_app: Any, catalog: Any
) -> None:
    # The languages are named in themselves: names, not messages.
    sweep = Sweep(_data_words(catalog.quizzes) | {"english", "bahasa", "indonesia"})
    app = build_app(lang=pseudo, learner=None)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.lang == pseudo
        sweep.look("first run", screen_text(app))
        await pilot.press("enter")  # no name yet: the error
        await settle(pilot)
        sweep.look("first run error", screen_text(app))
    assert sweep.found == {}


async def test_pseudo_locale_preview_shows_no_unwrapped_text(pseudo: str, tmp_path: Path) -> None:
    """The preview of a broken file (the loader's problems, said in the interface's
    language) and of a valid one (its status, the quiz on the app's quiz screen)."""
    from tests.tui.test_preview import _next_load

    from quizapp.authoring.scaffold import scaffold
    from quizapp.loading import load_quiz_text
    from quizapp.tui.preview import PreviewApp, PreviewScreen

    path = tmp_path / "draft.toml"
    good = scaffold("draft", "Draft", ["id", "en"], ["single", "numeric"]).replace("TODO: ", "")
    good = re.sub(r"TODO\(\w+\): ", "", good)
    quiz = load_quiz_text(good).quiz
    assert quiz is not None
    # The file's name and fields are the author's, not the interface's words.
    allowed = _data_words(quiz) | set(WORD.findall(str(path).casefold())) | {"choices"}
    broken = good.replace("correct = true", "correct = false")
    path.write_text(broken, encoding="utf-8")
    sweep = Sweep(allowed)
    app = PreviewApp(path, interval=0.05, lang=pseudo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        await _next_load(pilot, screen, 0)
        sweep.look("preview problems", screen_text(app))
        path.write_text(good, encoding="utf-8")
        await _next_load(pilot, screen, 1)
        sweep.look("preview", screen_text(app))
        await pilot.press("f1")
        await settle(pilot)
        sweep.look("preview help", screen_text(app))
    assert sweep.found == {}


def test_pseudo_locale_loader_problems_show_no_unwrapped_text(pseudo: str) -> None:
    """Every kind of problem in the bad-file corpus, said in the pseudo-locale: only the
    author's own words (values, field names, ids, the parser's quoted text) are left."""
    from quizapp.loading import load_quiz
    from quizapp.loading.problems import Sentence

    bad = sorted((Path(__file__).parent.parent / "data" / "bad").glob("*.toml"))
    assert len(bad) > 10
    keys: set[str] = set()
    for path in bad:
        for problem in load_quiz(path).problems:
            if not isinstance(problem.message, Sentence):
                continue  # a validator's own words (the models'), English by design
            keys.add(problem.message.key)
            said = problem.text(pseudo)
            assert said.startswith(OPEN) and said.endswith(CLOSE), (path.name, said)
    assert len(keys) > 15


async def test_pseudo_locale_watch_view_shows_no_unwrapped_text(
    pseudo: str, tmp_path: Path
) -> None:
    from datetime import timedelta

    from tests.tui.test_watch_snapshot import DATA, T0, _class

    from quizapp.loading import load_catalog
    from quizapp.tui.watch import WatchApp

    catalog = load_catalog([DATA / "tour.toml"])
    store = _class(tmp_path / "scores.sqlite3")
    names = {"siti", "budi", "boss", "monday", "tour"}
    sweep = Sweep(_data_words(catalog.quizzes) | names)
    app = WatchApp(
        store,
        "monday",
        catalog,
        clock=lambda: T0 + timedelta(minutes=3),
        interval=3600,
        lang=pseudo,
    )
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        sweep.look("watch", screen_text(app))
        await pilot.press("o")
        await settle(pilot)
        sweep.look("watch quiz picker", screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        sweep.look("watch notice", screen_text(app))
        await pilot.press("E")
        await settle(pilot)
        sweep.look("watch end class", screen_text(app))
    assert sweep.found == {}


async def test_pseudo_locale_class_pages_show_no_unwrapped_text(pseudo: str) -> None:
    from quizapp.classroom import pages
    from quizapp.classroom.server import _ended_page, _too_many, name_problem

    error = name_problem("x" * 99, pseudo)
    assert error is not None
    shown = {
        "join": pages.join_page("monday", pseudo, error, "Siti"),
        "trainer": pages.trainer_page("monday", pseudo),
        "full": pages.full_page(30, pseudo),
        "ended": _ended_page(pseudo),
        "too many": _too_many(12.5, pseudo).text or "",
        "terminal": pages.terminal_page("quizapp · monday", "/ws", pseudo),
    }
    sweep = Sweep({"monday", "siti", "quizapp"})
    for name, page in shown.items():
        body = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>|&\w+;", " ", page, flags=re.DOTALL)
        sweep.look(f"class page {name}", body)
    assert sweep.found == {}


def test_pseudo_locale_lint_shows_no_unwrapped_text(pseudo: str, capsys) -> None:
    """`quizapp lint` on quizzes that trip every check, its `--list`, and `validate`'s
    lint warnings: only names are left outside a wrapper (files, fields, fact ids, the
    checks' and question types' names) and the quiz's own words."""
    from quizapp.authoring.lint import CHECKS, lint
    from quizapp.cli import main
    from quizapp.loading import load_catalog
    from quizapp.loading.content import load_modules
    from quizapp.locations import bundled_content_dir
    from quizapp.model.quiz import LEVELS

    folder = Path(__file__).parent.parent / "data" / "lint"
    catalog = load_catalog([folder])
    modules = load_modules([bundled_content_dir()])
    report = lint(catalog, modules.modules, module_paths=modules.paths)
    assert {w.check for w in report.warnings} == set(CHECKS)
    names = " ".join(
        [
            *(f"{w.problem.file} {w.problem.field}" for w in report.warnings),
            *CHECKS,
            *(q.type for quiz in catalog.quizzes.values() for q in quiz.questions),
            *LEVELS,
            "unset quiz",
        ]
    )
    allowed = _data_words(catalog.quizzes, modules.modules) | {
        w.casefold() for w in WORD.findall(names)
    }
    sweep = Sweep(allowed)
    assert main(["lint", "--lang", pseudo, str(folder)]) == 0
    sweep.look("lint", capsys.readouterr().out)
    assert main(["lint", "--lang", pseudo, "--format", "json", str(folder)]) == 0
    import json

    for warning in json.loads(capsys.readouterr().out)["warnings"]:
        sweep.look(f"lint json {warning['check']}", warning["message"])
    assert main(["lint", "--lang", pseudo, "--list"]) == 0
    sweep.look("lint --list", capsys.readouterr().out)
    assert main(["validate", "--lang", pseudo, "-v", str(folder / "every-check.toml")]) == 0
    sweep.look("validate", capsys.readouterr().out)
    assert sweep.found == {}


def _parsers(parser: Any) -> Iterator[Any]:
    """A parser and every command's parser under it."""
    import argparse

    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def test_pseudo_locale_help_and_usage_errors_show_no_unwrapped_text(pseudo: str, capsys) -> None:
    """`quizapp --help`, every command's `--help` and argparse's usage errors: only the
    command line's names are left outside a wrapper (the program's and its commands',
    options, placeholders such as PATH, choices) and what the user typed."""
    from quizapp.cli import build_parser, main

    names: set[str] = {"quizapp"}
    commands: list[list[str]] = []
    for parser in _parsers(build_parser()):
        commands.append(parser.prog.split()[1:])
        for action in parser._actions:
            words = [*action.option_strings, str(action.metavar or ""), action.dest]
            words += [str(c) for c in action.choices or ()]
            names.update(w.casefold() for w in WORD.findall(" ".join(words)))
    assert len(commands) > 15
    sweep = Sweep(names)
    for command in commands:
        with pytest.raises(SystemExit):
            main(["--lang", pseudo, *command, "--help"])
        # argparse wraps lines where it likes, a wrapper's own spaces too.
        sweep.look(f"{' '.join(command)} --help", " ".join(capsys.readouterr().out.split()))
    errors = {
        "invalid choice": ["take", "--mode", "soon"],
        "required": ["learner"],
        "unrecognized": ["validate", "--bogus"],
        "expected one": ["--data-dir"],
        "invalid value": ["lint", "--max-share", "many"],
        "unknown command": ["nosuch"],
    }
    typed = {"soon", "bogus", "many", "nosuch"}
    sweep.allowed |= typed
    for name, argv in errors.items():
        with pytest.raises(SystemExit) as exit:
            main(["--lang", pseudo, *argv])
        assert exit.value.code == 2
        sweep.look(f"usage error: {name}", " ".join(capsys.readouterr().err.split()))
    assert sweep.found == {}
