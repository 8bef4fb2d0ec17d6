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


def _wrap(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}" if text else text


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Indonesian, every message wrapped; the catalog reloaded from a temporary folder."""
    shipped = Path(i18n.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "quizapp.po"
    with shipped.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if not message.id or message.context in ("language_name", "app.help_text"):
            continue  # the language's name is a name; the help is checked on its own below
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

    def look(self, where: str, text: str) -> None:
        assert OPEN in text, f"{where}: the pseudo-locale is not in use"
        words = unwrapped(text, self.allowed)
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
