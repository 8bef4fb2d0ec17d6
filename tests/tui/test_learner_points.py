"""Issue 19's points around the quiz: learners, the no-store banner, broken files, empty
attempts, the next review, Indonesian strings, help, first run, toasts, export names."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.tui.conftest import NOW
from textual.widgets import Input, OptionList, Static

from quizapp import locations
from quizapp.store import Store
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import Confirm, QuizScreen
from quizapp.tui.store_history import StoreHistory


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _store(tmp_path: Path) -> Store:
    return Store(locations.database_path(tmp_path / "data"))


# -- the learner's language lives in the score store ---------------------------------


async def test_the_app_follows_the_language_kept_in_the_store(
    build_app: Any, tmp_path: Path
) -> None:
    # Ana is Indonesian in the store; the settings file's first frame spoke English.
    with _store(tmp_path) as store:
        store.learner("Ana", "id")
    app = build_app(lang="en", store=True)
    app.prefs.learners, app.prefs.lang = {}, "en"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.lang == "id"
        assert shown(app, "#home-title").startswith("Halo, Ana")
        await pilot.press("f2")  # her choice now: kept with her in the store
        await settle(pilot)
    with _store(tmp_path) as store:
        assert store.find_learner("ana").language == "en"  # type: ignore[union-attr]


async def test_an_older_settings_files_language_moves_into_the_store_once(
    build_app: Any, tmp_path: Path
) -> None:
    app = build_app(lang="id", store=True)  # settings.json: {"learners": {"Ana": "id"}}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.prefs.learners == {}
    with _store(tmp_path) as store:
        assert store.find_learner("Ana").language == "id"  # type: ignore[union-attr]


async def test_starting_a_quiz_does_not_change_the_learners_language(
    build_app: Any, tmp_path: Path
) -> None:
    # `--lang en` for one run: the learner's own language stays Indonesian.
    with _store(tmp_path) as store:
        store.learner("Ana", "id")
    app = build_app(store=True)
    app.prefs.learners = {}
    app.settings.lang = "en"
    app.set_reactive(type(app).lang, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "practice")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
    with _store(tmp_path) as store:
        assert store.find_learner("Ana").language == "id"  # type: ignore[union-attr]


# -- names and removal ------------------------------------------------------------------


async def test_a_typed_name_matching_a_known_learner_is_that_learner(
    build_app: Any, tmp_path: Path
) -> None:
    with _store(tmp_path) as store:
        store.learner("Fajar", "id")
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#name", Input).focus()
        await pilot.press(*"FAJAR", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.learner == "Fajar" and app.lang == "id"
    with _store(tmp_path) as store:
        assert [learner.name for learner in store.learners()] == ["Ana", "Fajar"]


async def test_a_name_with_control_characters_is_refused_on_screen(build_app: Any) -> None:
    app = build_app(learner=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#name", Input).value = "Ana\x1b[31m"
        await pilot.press("enter")
        assert "karakter kendali" in shown(app, "#error")  # the first frame speaks id
        assert app.screen.query_one("#name", Input).has_focus
        assert app.prefs.learner is None


async def test_a_learner_is_removed_after_asking_with_their_results_kept(
    build_app: Any, tmp_path: Path
) -> None:
    with _store(tmp_path) as store:
        store.learner("Ana", "en")
        budi = store.learner("Budi", "id")
        version = store.quiz_version("tour", "a" * 64, "Tour")
        attempt = store.start_attempt(budi.id, version.id, "exam", 1, ["q1"])
        store.record_answer(attempt.id, "q1", 0, credit=1, points=1)
        store.finish_attempt(attempt.id, score=1, max_score=1)
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        known = app.screen.query_one("#known", OptionList)
        assert known.has_focus
        known.highlighted = 0  # Ana, the current learner: not removable from here
        await pilot.press("delete")
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)
        known.highlighted = 1
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        names = [str(known.get_option_at_index(i).prompt) for i in range(known.option_count)]
        assert names == ["Ana"]
    (kept,) = locations.removed_learners_dir(tmp_path / "data").iterdir()
    assert '"Budi"' in kept.read_text(encoding="utf-8")
    with _store(tmp_path) as store:
        assert [learner.name for learner in store.learners()] == ["Ana"]


# -- home: the no-store banner and broken quiz files ---------------------------------------


async def test_declining_the_repair_shows_a_banner_and_quizzes_ask_first(
    build_app: Any, tmp_path: Path
) -> None:
    database = locations.database_path(tmp_path / "data")
    database.parent.mkdir(parents=True)
    database.write_bytes(b"not a database at all" * 10)
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Confirm)  # move it aside?
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "NOT being saved" in shown(app, "#store-banner")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)  # start anyway?
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
    assert database.read_bytes() == b"not a database at all" * 10


async def test_a_broken_quiz_file_is_named_on_home(build_app: Any, tmp_path: Path) -> None:
    from tests.tui.conftest import DATA

    from quizapp.loading import load_catalog

    bad = tmp_path / "bad.toml"
    bad.write_text('[quiz]\nid = "bad"\ntitle = 3\n', encoding="utf-8")
    catalog = load_catalog([DATA / "tour.toml", bad])
    app = build_app(catalog=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown(app, "#files-banner") == (
            "1 quiz file has problems: bad.toml — run quizapp validate"
        )


# -- empty attempts -----------------------------------------------------------------------


async def test_opening_review_and_leaving_piles_up_nothing(build_app: Any, tmp_path: Path) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")  # one miss, then done: a question due
        await settle(pilot)
        await pilot.press(*"1", "enter")
        await settle(pilot)
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
    later = build_app(store=True, clock=lambda: NOW + timedelta(hours=1))
    async with later.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("v")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(later.screen, QuizScreen)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        assert isinstance(later.screen, HomeScreen)
        assert not later.screen.query_one("#resume-banner").display
        assert isinstance(later.history, StoreHistory)
    with _store(tmp_path) as store:
        (ana,) = store.learners()
        assert [a.mode for a in store.attempts(ana.id)] == ["exam"]


# -- the next review ------------------------------------------------------------------------


async def test_results_say_when_the_next_review_is(build_app: Any) -> None:
    app = build_app(store=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await pilot.press("1", "enter")  # the first question missed, the rest unanswered
        await settle(pilot)
        await pilot.press("ctrl+g", "y")
        await settle(pilot)
        assert shown(app, "#next-review") == "Next review: 7 questions due in 10 minutes"
        await pilot.press("f2")
        assert shown(app, "#next-review") == "Ulasan berikutnya: 7 soal dalam 10 menit"
        await pilot.press("escape", "v")
        await settle(pilot)
        assert "Ulasan berikutnya: 7 soal dalam 10 menit" in shown(app, "#due-list")


def test_waits_read_as_minutes_hours_then_days() -> None:
    from quizapp.tui.next_review import when_text

    assert when_text(30, "en") == "1 minute"
    assert when_text(600, "en") == "10 minutes"
    assert when_text(3600 * 5, "id") == "5 jam"
    assert when_text(86400 * 2, "en") == "2 days"


# -- every string of the Indonesian interface is Indonesian -------------------------------


async def test_the_ctrl_c_notice_speaks_the_interface_language(build_app: Any) -> None:
    app = build_app(lang="id")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        (notice,) = list(app._notifications)
        assert notice.title == "Ingin keluar?"
        assert notice.message.startswith("Tekan ") and "keluar dari aplikasi" in notice.message


def test_the_previews_outline_and_problems_speak_indonesian(tmp_path: Path) -> None:
    from tests.tui.conftest import DATA

    from quizapp.authoring.outline import outline
    from quizapp.loading import load_catalog
    from quizapp.tui.preview import problem_text

    tour = load_catalog([DATA / "tour.toml"]).quizzes["tour"]
    text = "\n".join(line for q in outline(tour, "id", "id") for line in (q.heading, *q.lines))
    for english in ("point", "Explanation:", "Answer:", "any case", "Hint:"):
        assert english not in text, english
    assert "Penjelasan:" in text
    bad = tmp_path / "bad.toml"
    bad.write_text('[quiz]\nid = "bad"\ntitle = "T"\n\n[[questions]]\nid = "q"\n', "utf-8")
    (problem, *_) = load_catalog([bad]).problems
    shown = problem_text(problem, "id")
    assert "soal 1" in shown and "question 1" not in shown


# -- F1 opens at the current screen's section -------------------------------------------------


async def test_help_opens_at_the_current_screens_section(build_app: Any) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets._markdown import MarkdownBlock

    from quizapp.tui.screens.help import HelpScreen

    def visible_blocks(app: Any) -> list[str]:
        body = app.screen.query_one("#help-body", VerticalScroll)
        top, bottom = body.scroll_y, body.scroll_y + body.scrollable_content_region.height
        blocks = sorted(app.screen.query(MarkdownBlock), key=lambda b: b.virtual_region.y)
        return [
            str(b._content)
            for b in blocks
            if top <= b.virtual_region.y < bottom and str(getattr(b, "_content", ""))
        ]

    def top_block(app: Any) -> str:
        return visible_blocks(app)[0]

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_progress()
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        # Near the end: scrolled as far as it goes, the section in view.
        assert any(block.startswith("Progress:") for block in visible_blocks(app))
        assert not any(block.startswith("Home:") for block in visible_blocks(app))
        await pilot.press("f2")  # the other language: still at the section
        await settle(pilot)
        assert any(block.startswith("Kemajuan:") for block in visible_blocks(app))
        await pilot.press("escape", "escape")
        await settle(pilot)
        app.start_quiz("tour", "exam")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert top_block(app).startswith("Ujian:")


# -- toasts never cover a dialog's buttons ------------------------------------------------


async def test_a_notice_over_a_dialog_leaves_its_buttons_in_view(build_app: Any) -> None:
    from textual.widgets import Button
    from textual.widgets._toast import Toast

    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(Confirm("Drop it?\n\nA question long enough to take a few lines."))
        await settle(pilot)
        for n in range(3):
            app.notify(f"Notice {n}: " + "a long notice that wraps over several lines " * 3)
        await pilot.pause(0.2)
        toasts = [toast.region for toast in app.screen.query(Toast)]
        assert len(toasts) == 3
        buttons = list(app.screen.query(Button))
        assert len(buttons) == 2
        for button in buttons:
            assert not any(button.region.overlaps(region) for region in toasts), button.id
