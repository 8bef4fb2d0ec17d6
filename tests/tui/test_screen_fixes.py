"""A new user's QA pass: the palette, the preview's help and footer, home's key hint, help
for every screen, English plurals, the lesson's quiz order, switching learner, and
several unfinished quizzes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from tests.tui.test_flows import answer_right, settle
from textual.app import App
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Input, Markdown, OptionList, Static
from textual.widgets._footer import FooterKey

from quizapp import i18n, locations
from quizapp.loading import load_catalog
from quizapp.loading.content import load_modules
from quizapp.tui.app import QuizApp
from quizapp.tui.i18n import LANGUAGES, t
from quizapp.tui.preview import PreviewApp
from quizapp.tui.screens.export import FORMAT_NAMES, ExportDialog
from quizapp.tui.screens.first_run import FirstRunScreen
from quizapp.tui.screens.help import HELP, HelpScreen
from quizapp.tui.screens.home import HomeScreen, ModePicker, ResumePicker
from quizapp.tui.screens.lesson import LessonScreen
from quizapp.tui.screens.progress import ProgressScreen
from quizapp.tui.screens.quiz import Confirm, QuizScreen
from quizapp.tui.screens.results import ResultsScreen
from quizapp.tui.screens.review import ReviewScreen

TOUR = Path(__file__).parent.parent / "data" / "tui" / "tour.toml"


def shown(app: QuizApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def footer_labels(app: App[Any]) -> list[str]:
    return [str(key.description) for key in app.screen.query(FooterKey)]


# -- 1. the command palette ----------------------------------------------------------------


async def test_palette_speaks_indonesian(build_app: Any) -> None:
    app = build_app(lang="id")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The quiz list has focus: Textual itself would offer "Maximize" here.
        english = list(App.get_system_commands(app, app.screen))
        assert "Maximize" in [c.title for c in english]
        ours = list(app.get_system_commands(app.screen))
        assert [c.title for c in ours] == ["Keluar", "Tangkapan layar"]
        indonesian = {m for m in i18n.catalog("id").messages.values() if isinstance(m, str)}
        assert all(c.title in indonesian and c.help in indonesian for c in ours)

        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(CommandInput).placeholder == "Cari perintah…"
        # What the QA pass typed, and every English system command's name.
        for query in ("scre", "screenshot", "theme", "quit", "keys", "maximize", "svg"):
            await pilot.press(*query)
            await pilot.pause(0.4)
            hits = [str(o.prompt) for o in palette.query_one(CommandList).options]
            for english_text in ("Screenshot", "Save an SVG", "Quit", "Keys", "Maximize"):
                assert not any(english_text in hit for hit in hits), (query, hits)
            await pilot.press(*["backspace"] * len(query))
        await pilot.press(*"tangkapan")
        await pilot.pause(0.4)
        hits = [str(o.prompt) for o in palette.query_one(CommandList).options]
        assert any("Tangkapan layar" in hit and "SVG" in hit for hit in hits), hits


async def test_palette_follows_a_language_switch(build_app: Any) -> None:
    app = build_app(lang="id")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Maximize" not in titles and "Quit" in titles


# -- 2. the preview's help, footer and palette label -----------------------------------------


async def test_preview_has_its_own_help_and_a_footer_in_the_interface_language(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tour.toml"
    path.write_text(TOUR.read_text(encoding="utf-8"), encoding="utf-8")
    app = PreviewApp(path, interval=60, animations=False)  # speaks the quiz's first: id
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.lang == "id"
        labels = footer_labels(app)
        for label in ("Coba", "Bahasa kuis", "Muat ulang", "Keluar", "Bantuan", "Perintah"):
            assert label in labels, labels
        await pilot.press("f2")
        await settle(pilot)
        labels = footer_labels(app)
        for label in ("Try it", "Quiz language", "Reload", "Quit", "Help", "Commands"):
            assert label in labels, labels
        assert "palette" not in labels
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Markdown).source
        assert "`t` try the quiz" in text and "`r` reload" in text
        assert "Home" not in text and "Exam" not in text  # not the learner app's help
        await pilot.press("f2")
        await settle(pilot)
        assert "`t` coba kuisnya" in app.screen.query_one(Markdown).source


# -- 3. home's key hint ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "hint"),
    [
        ("en", "Enter choose a mode  ·  p Practice  ·  e Exam  ·  l Lesson"),
        ("id", "Enter pilih mode  ·  p Latihan  ·  e Ujian  ·  l Pelajaran"),
    ],
)
async def test_home_hint_says_enter_chooses_a_mode(build_app: Any, lang: str, hint: str) -> None:
    app = build_app(lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert hint in shown(app, "#detail")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ModePicker)


# -- 4. help covers every screen's keys ------------------------------------------------------

# Each screen's section in the help, by its bold heading.
SECTIONS: dict[type, dict[str, str]] = {
    HomeScreen: {"en": "Home", "id": "Beranda"},
    ResumePicker: {"en": "Home", "id": "Beranda"},
    FirstRunScreen: {"en": "Switch learner", "id": "Ganti pelajar"},
    LessonScreen: {"en": "Lesson", "id": "Pelajaran"},
    QuizScreen: {"en": "Exam", "id": "Ujian"},
    ResultsScreen: {"en": "Results", "id": "Hasil"},
    ProgressScreen: {"en": "Progress", "id": "Kemajuan"},
    ReviewScreen: {"en": "Review", "id": "Ulasan"},
    ExportDialog: {"en": "Export a report", "id": "Ekspor laporan"},
    Confirm: {"en": "Questions asked", "id": "Pertanyaan"},
}
DISPLAY = {
    "escape": "Esc",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "enter": "Enter",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "home": "Home",
    "end": "End",
}
SPACE = {"en": "Space", "id": "Spasi"}


def section(text: str, heading: str) -> str:
    match = re.search(rf"\*\*{re.escape(heading)}\*\*(.*?)(?=\n\*\*|\Z)", text, re.S)
    assert match, heading
    return match[1]


def shown_key(key: str, lang: str) -> str:
    if key == "space":
        return SPACE[lang]
    if key in DISPLAY:
        return DISPLAY[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    if key[:1] == "f" and key[1:].isdigit():
        return key.upper()  # F3
    return key


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("screen", list(SECTIONS), ids=lambda s: s.__name__)
def test_help_names_every_key_of_every_screen(screen: type, lang: str) -> None:
    text = section(t(HELP, lang), SECTIONS[screen][lang])
    everywhere = section(t(HELP, lang), {"en": "Everywhere", "id": "Di mana saja"}[lang])
    for binding in screen.BINDINGS:
        for key in binding.key.split(","):
            if key in ("minus", "plus"):
                continue
            name = shown_key(key, lang)
            assert f"`{name}`" in text or f"`{name}`" in everywhere or f"`{name}/" in text, (
                screen.__name__,
                key,
            )


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_help_names_every_export_format(lang: str) -> None:
    export = section(t(HELP, lang), SECTIONS[ExportDialog][lang])
    assert all(name in export for name in FORMAT_NAMES.values())
    results = section(t(HELP, lang), SECTIONS[ResultsScreen][lang])
    assert "HTML" not in results  # it offers four formats, not one


# -- 5. English plurals --------------------------------------------------------------------


def test_counts_of_one_are_singular_in_english() -> None:
    assert t("review_title", "en", n=1) == "Review: 1 question"
    assert t("review_title", "en", n=2) == "Review: 2 questions"
    assert t("questions_n", "en", n=1) == "1 question"
    assert t("questions_n", "en", n=0) == "0 questions"
    assert t("next_review_now", "en", n=1) == "1 question due for review now"
    assert t("next_review_now", "en", n=3) == "3 questions due for review now"
    # Indonesian has no plural form.
    assert t("review_title", "id", n=1) == "Ulasan: 1 soal"
    assert t("questions_n", "id", n=1) == "1 soal"


async def test_review_of_one_question_says_question(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.history._answers["Ana"].append(("tour", "city", (), 0.0))
        app.action_review()
        await settle(pilot)
        assert shown(app, "#review-bar") == "Review: 1 question"


# -- 6. the lesson lists quizzes in home's order ----------------------------------------------


async def test_lesson_lists_quizzes_in_the_order_home_does(build_app: Any) -> None:
    catalog = load_catalog([locations.bundled_quizzes_dir()])
    content = load_modules([locations.bundled_content_dir()]).modules
    app = build_app(lang="id", catalog=catalog)
    app.content = content
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        module = "alibaba-2019"
        on_home = [q for q in home._ids if q and catalog.quizzes[q].quiz.module == module]
        assert len(on_home) > 2
        app.open_lesson(module)
        await settle(pilot)
        listed = app.screen.query_one("#lesson-quizzes", OptionList)
        in_lesson = [o.id for o in listed.options if o.id]
        assert in_lesson == on_home
        # Catalog order differs, so this is not the same list by accident.
        assert [q for q in catalog.quizzes if q in on_home] != on_home


# -- 7. switching learner --------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_switch_learner_reads_as_a_switch(build_app: Any, lang: str) -> None:
    app = build_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert shown(app, "#welcome-title") == t("switch_learner", lang)
        assert shown(app, "#welcome-body") != t("welcome_body", lang)
        languages = app.screen.query_one("#language", OptionList)
        # An existing learner keeps their language: no choice shown for them.
        assert app.screen.query_one("#known", OptionList).has_focus
        assert not languages.display
        await pilot.press("tab", *"Budi")
        await settle(pilot)
        assert languages.display
        app.screen.query_one("#name", Input).value = ""
        await settle(pilot)
        assert not languages.display
        # A known learner picked: signed in with their own language.
        app.history.set_language("Citra", "id" if lang == "en" else "en")
        await pilot.press("escape")
        await pilot.press("s")
        await settle(pilot)
        known = app.screen.query_one("#known", OptionList)
        known.focus()
        known.highlighted = [str(o.prompt) for o in known.options].index("Citra")
        await pilot.press("enter")
        await settle(pilot)
        assert app.learner == "Citra" and app.lang == app.history.language("Citra")


async def test_first_run_still_asks_the_language(build_app: Any) -> None:
    app = build_app(learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#language", OptionList).display
        assert shown(app, "#welcome-body") == t("welcome_body", app.lang)


# -- 8. several unfinished quizzes -------------------------------------------------------------


async def _leave_two_unfinished(pilot: Any, app: QuizApp) -> None:
    app.start_quiz("tour", "practice")
    await settle(pilot)
    await answer_right(pilot, app)
    # As the palette does during a quiz: a new quiz over the unfinished one.
    app.start_quiz("timed", "exam")
    await settle(pilot)
    await pilot.press("1")
    await settle(pilot)
    app.action_home()
    await settle(pilot)


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_every_unfinished_quiz_is_offered(build_app: Any, lang: str) -> None:
    app = build_app(lang=lang, store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _leave_two_unfinished(pilot, app)
        assert shown(app, "#resume-banner") == t("interrupted_many", lang, n=2)
    # A restart offers both too: the store kept each.
    again = build_app(lang=lang, store=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown(again, "#resume-banner") == t("interrupted_many", lang, n=2)
        await pilot.press("r")
        await settle(pilot)
        picker = again.screen
        assert isinstance(picker, ResumePicker)
        lines = [str(o.prompt) for o in picker.query_one(OptionList).options]
        timed = "Ujian berwaktu" if lang == "id" else "A timed exam"
        tour = "Tur singkat" if lang == "id" else "A quick tour"
        # A timed exam says how long it has left: its clock runs while it waits.
        left = "sisa 2:00" if lang == "id" else "2:00 left"
        assert lines[0].startswith(timed) and lines[0].endswith(f"(1 / 2)  ·  {left}"), lines
        assert lines[1].startswith(tour) and lines[1].endswith("(1 / 7)"), lines
        await pilot.press("down", "enter")
        await settle(pilot)
        quiz = again.screen
        assert isinstance(quiz, QuizScreen)
        assert quiz.session.quiz.id == "tour" and quiz.session.answered_count() == 1
        await pilot.press("escape")
        await settle(pilot)
        # Still both: leaving keeps the resumed one unfinished.
        assert shown(again, "#resume-banner") == t("interrupted_many", lang, n=2)


async def test_one_unfinished_quiz_resumes_at_once(build_app: Any) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _leave_two_unfinished(pilot, app)
        assert shown(app, "#resume-banner") == t("interrupted_many", "en", n=2)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")  # the newest: the timed exam
        await settle(pilot)
        await pilot.press("ctrl+g", "y")  # one question is unanswered: say yes
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        app.action_home()
        await settle(pilot)
        assert shown(app, "#resume-banner") == (
            "Unfinished quiz: A quick tour: the Hangzhou training (1 / 7). Press r to resume."
        )
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.quiz.id == "tour"
