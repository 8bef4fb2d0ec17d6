"""The Textual app: built by `make_app` with every dependency passed in.

The first screen (home, or first run) draws before the quiz catalog is loaded: loading
runs in a thread worker and posts `CatalogLoaded`, so start-up stays close to a bare app.
The catalog comes from its cache when the files are unchanged, and home lists it at
once; the score store opens after that (`StoreOpened`), and the scores follow.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen

from quizapp.i18n import explain
from quizapp.tui.i18n import DEFAULT_LANGUAGE, LANGUAGES, other_language, t
from quizapp.tui.prefs import Prefs, save_prefs

if TYPE_CHECKING:
    from quizapp.engine import Attempt
    from quizapp.engine.recording import Mode
    from quizapp.loading import Catalog
    from quizapp.loading.cache import CatalogCache
    from quizapp.tui.history import History


def _quiz_commands() -> Any:
    # Deferred: the palette's provider is only needed once the palette opens.
    from quizapp.tui.commands import QuizCommands

    return QuizCommands


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclasses.dataclass(slots=True)
class AppSettings:
    """What the app is started with; tests build their own."""

    data_dir: Path
    """Where settings and scores live."""
    quiz_paths: list[Path]
    """Folders and files to load quizzes from (the bundled banks, the user's own)."""
    content_paths: list[Path] = dataclasses.field(default_factory=list)
    """Folders and files to load learning modules from."""
    prefs_path: Path | None = None
    """The settings file; None keeps settings in memory (tests)."""
    lang: str | None = None
    """Force the interface language (`--lang`), overriding the learner's own."""
    seed: int | None = None
    """Fix every attempt's seed (tests, demos); random otherwise."""
    animations: bool = True
    """Off in snapshot tests."""
    home_first: bool = False
    """Make home the first screen when the learner is known (`make_app`); a subclass that
    opens on a screen of its own (the preview) leaves it off."""
    cache_dir: Path | None = None
    """Where the validated catalog is cached between runs; None reads every file."""
    start: tuple[str | None, Mode] | None = None
    """`quizapp take QUIZ`: the quiz id (None for a review) and mode to open once the
    catalog is loaded and a learner is known; None opens home."""
    database: Path | str | None = None
    """The score store (`--database`): an SQLite path or a `postgresql://` URL; None is
    the SQLite file in `data_dir`."""


class CatalogLoaded(Message):
    """The quiz catalog and the content are ready (from a worker)."""

    def __init__(self, catalog: Catalog, content: Mapping[str, Any]) -> None:
        super().__init__()
        self.catalog = catalog
        self.content = content


class StoreOpened(Message):
    """The score store is open, or could not be and scores stay in memory (from a worker)."""

    def __init__(
        self, history: History, problem: Exception | None, learner_lang: str | None = None
    ) -> None:
        super().__init__()
        self.history = history
        self.problem = problem
        """Why the score store could not be opened, if it could not."""
        self.learner_lang = learner_lang
        """The current learner's own language, as the score store keeps it."""
        self.learner_lang = learner_lang
        """The current learner's own language, as the score store keeps it."""


class QuizApp(App[None]):
    """quizapp in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "quizapp"
    COMMANDS: ClassVar = App.COMMANDS | {_quiz_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Readable English on any screen; our screens show them in the interface language.
        Binding("f1", "help", "Help"),
        # Priority: a dialog's keys would otherwise hide it (its screen and those beneath
        # all relabel).
        Binding("f2", "toggle_language", "Language", priority=True),
        # Shown as `q` on home; documented in help everywhere else.
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]

    lang: reactive[str] = reactive(DEFAULT_LANGUAGE)
    """The interface language; quiz content follows it."""

    def __init__(
        self,
        settings: AppSettings,
        prefs: Prefs,
        *,
        catalog: Catalog | None = None,
        content: Mapping[str, Any] | None = None,
        history: History | None = None,
        clock: Callable[[], datetime] = _utc_now,
        catalog_loader: Callable[[], tuple[Catalog, Mapping[str, Any]]] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.prefs = prefs
        self.catalog: Catalog | None = catalog
        self.content: Mapping[str, Any] = content or {}
        self.history: History | None = history
        """None until the score store is open (in the loading worker)."""
        self.clock = clock
        self._catalog_loader = catalog_loader
        self._store_failures: set[str] = set()
        self._cache: CatalogCache | None = None
        self._store_asked = False
        self._pending_start: tuple[str, Mode] | None = None
        self.set_reactive(QuizApp.lang, settings.lang or prefs.language or DEFAULT_LANGUAGE)
        if prefs.theme:
            self.theme = prefs.theme
        if not settings.animations:
            self.animation_level = "none"

    # -- start-up ---------------------------------------------------------------------

    _home_depth = 2
    """How many screens deep home sits: 2 above Textual's default screen, or 1 when home
    is the default screen itself."""

    def get_default_screen(self) -> Screen[Any]:
        if not self.settings.home_first or self.prefs.learner is None:
            return super().get_default_screen()
        # Home is the first screen rather than pushed over an empty one: the first frame
        # is home's, without a blank frame and a screen switch before it.
        from quizapp.tui.screens.home import HomeScreen

        self._home_depth = 1
        home = HomeScreen()
        # As `push_screen` would: `switch_home` replaces it with `switch_screen` on a
        # learner switch, which drops the replaced screen's result callback.
        home._push_result_callback(self, None)
        return home

    _owns_store = False
    """True when the app opened the score store itself (then it closes it); a history
    passed in belongs to whoever passed it."""

    def on_unmount(self) -> None:
        # Leases of attempts left open go with the app, as the score file's lock does.
        store = getattr(self.history, "store", None)
        if store is not None and self._owns_store:
            store.close()

    def on_mount(self) -> None:
        if self.prefs.learner is None:
            from quizapp.tui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen())
        elif self._home_depth == 2:
            self.open_home()
        if self.history is not None:
            # Given (tests): no store-opening worker will read the learner's language.
            self._adopt_learner(self.history)

    def on_ready(self) -> None:
        # Textual's Ready follows the first frame at once; the loader started before it
        # would hold the GIL while that frame is built, and `call_after_refresh` would wait
        # for the next screen update, up to a frame (17 ms) later.
        if not self.ready:
            self.load_catalog()
        else:
            self._open_start()

    @property
    def ready(self) -> bool:
        """The catalog is loaded and the score store open."""
        return self.catalog is not None and self.history is not None

    @work(thread=True, exclusive=True, group="catalog")
    def load_catalog(self) -> None:
        if self.catalog is not None:
            # Given (tests, the preview): it is on screen already; the store follows.
            self._store_asked = True
            self._open_store_now()
            return
        loader = self._catalog_loader or self._default_loader
        catalog, content = loader()
        self.post_message(CatalogLoaded(catalog, content))

    def store_soon(self) -> None:
        """Open the score store, once: called when the quiz list is on screen (by home,
        or by the app when another screen is showing), so the store's imports never
        hold up the list."""
        if not self._store_asked:
            self._store_asked = True
            self.open_store()

    @work(thread=True, exclusive=True, group="store")
    def open_store(self) -> None:
        self._open_store_now()

    def _open_store_now(self) -> None:
        """Write the catalog cache if it changed, then open the score store."""
        if self._cache is not None:
            self._cache.save()
        if self.history is None:
            history, problem = self._open_store()
            self.post_message(StoreOpened(history, problem, self._learner_language(history)))

    @work(thread=True, group="learner-language")
    def _adopt_learner(self, history: History) -> None:
        lang = self._learner_language(history)
        self.call_from_thread(self._follow_learner_language, lang)

    def _follow_learner_language(self, lang: str | None) -> None:
        learner, history = self.prefs.learner, self.history
        chosen = self.prefs.learners.get(learner) if learner else None
        if learner and chosen is not None and history is not None and history.persistent():
            # Chosen (F2) after the loading worker read the store and before this: the
            # choice stands, and goes to the store now instead of being undone.
            del self.prefs.learners[learner]
            self._save_prefs()
            self._store_language(history, learner, chosen)
            return
        if (
            lang is not None
            and lang in LANGUAGES
            and lang != self.lang
            and self.settings.lang is None
        ):
            # The store's word is the learner's language; the first frame only guessed.
            self._lang_from_store = True
            self.lang = lang

    def _learner_language(self, history: History) -> str | None:
        """Move the languages of an older settings file into the store (once), make sure
        the current learner is there, and give their language. In the loading worker."""
        prefs = self.prefs
        lang: str | None  # each older file's, then the current learner's
        for name, lang in list(prefs.learners.items()):
            try:
                history.set_language(name, lang)
            except ValueError:
                continue  # a name the store refuses (never checked before): left out
        if prefs.learners and history.persistent():
            prefs.learners.clear()
            self._save_prefs()
        if not prefs.learner:
            return None
        try:
            lang = history.language(prefs.learner)
            if lang is None:
                history.set_language(prefs.learner, self.lang)
        except ValueError:
            return None
        return lang

    def _default_loader(self) -> tuple[Catalog, Mapping[str, Any]]:
        quiz_paths = [p for p in self.settings.quiz_paths if p.exists()]
        content_paths = [p for p in self.settings.content_paths if p.exists()]
        if self.settings.cache_dir is None:
            from quizapp.loading import load_catalog
            from quizapp.loading.content import load_modules

            return load_catalog(quiz_paths), load_modules(content_paths).modules
        from quizapp.loading.cache import CatalogCache, load_cached

        self._cache = CatalogCache(self.settings.cache_dir)
        catalog, modules = load_cached(quiz_paths, content_paths, self._cache)
        return catalog, modules.modules

    def _open_store(self) -> tuple[History, Exception | None]:
        from quizapp import locations
        from quizapp.store import StoreError, open_store
        from quizapp.tui.history import MemoryHistory
        from quizapp.tui.store_history import StoreHistory

        target = self.settings.database or locations.database_path(self.settings.data_dir)
        try:
            store = open_store(target, clock=self.clock)
        except StoreError as exc:
            # Scores of this run are kept in memory only; the learner is told why.
            return MemoryHistory(keeps=False), exc
        self._owns_store = True
        for warning in store.warnings:
            said = explain(warning, self.lang)
            self._on_app_thread(self.notify, said, severity="warning", timeout=30)
        return StoreHistory(store, self.settings.data_dir, on_error=self._store_failed), None

    def _store_failed(self, problem: Exception) -> None:
        """A store error while the app runs (from any thread): told once per kind; damage
        offers the move-aside, and nothing more is written into the file."""
        kind = type(problem).__name__
        if kind in self._store_failures or not self.is_running:
            return  # told already, or the app is closing (its store closed with it)
        self._store_failures.add(kind)
        self._on_app_thread(self._store_problem, problem)

    def _on_app_thread(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        try:
            self.call_from_thread(call, *args, **kwargs)
        except RuntimeError:  # already on the app's thread
            call(*args, **kwargs)

    @on(CatalogLoaded)
    def _catalog_loaded(self, message: CatalogLoaded) -> None:
        self.catalog = message.catalog
        self.content = message.content
        self._refresh_screens()
        if not getattr(self.screen, "lists_catalog", False):
            self.call_after_refresh(self.store_soon)

    @on(StoreOpened)
    def _store_opened(self, message: StoreOpened) -> None:
        self.history = message.history
        if message.problem is not None:
            self._store_problem(message.problem)
        self._follow_learner_language(message.learner_lang)
        self._refresh_screens()
        pending, self._pending_start = self._pending_start, None
        if pending is not None and message.problem is None:
            self.start_quiz(*pending)

    def _refresh_screens(self) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "catalog_ready", None)
            if refresh is not None:
                refresh()
        self._open_start()

    def _open_start(self) -> None:
        """Open the quiz `quizapp take QUIZ` named, once (after first run, if need be)."""
        start = self.settings.start
        if start is None or not self.ready or self.prefs.learner is None:
            return
        self.settings.start = None
        quiz_id, mode = start
        if quiz_id is None:
            self.action_review()
        else:
            self.start_quiz(quiz_id, mode)

    def _store_problem(self, problem: Exception) -> None:
        from quizapp.store import StoreCorrupt, StoreError

        if not isinstance(problem, StoreCorrupt):
            self.notify(explain(problem, self.lang), severity="error", timeout=30)
            return
        from quizapp.tui.i18n import has
        from quizapp.tui.screens.quiz import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                from quizapp.store.repair import rescue

                store = getattr(self.history, "store", None)
                if store is not None:
                    store.close()
                try:
                    moved, recovery = rescue(problem.path)
                except (OSError, StoreError) as exc:
                    self.notify(explain(exc, self.lang), severity="error", timeout=30)
                    return
                summary = explain(recovery.summary(), self.lang)
                self.notify(self.t("store_moved", path=str(moved)) + " " + summary, timeout=15)
                self._store_failures.clear()
                self.history = None
                self.open_store()

        def question(lang: str) -> str:
            # Worded per language, so F2 in the dialog relabels it; SQLite's own words
            # (a reason we cannot name) are quoted as they are.
            reason = problem.reason
            detail = (
                t(f"store_{reason}", lang, **problem.facts)
                if has(f"store_{reason}")
                else problem.detail
            )
            why = f" ({detail})" if detail else ""
            return (
                t("store_corrupt", lang, path=str(problem.path), why=why)
                + "\n\n"
                + t("store_move_aside", lang)
            )

        self.push_screen(Confirm(question), answered)

    def open_home(self) -> None:
        from quizapp.tui.screens.home import HomeScreen

        self.switch_home(HomeScreen())

    def switch_home(self, screen: Screen[Any]) -> None:
        # Home sits at `_home_depth`; everything else is pushed over it.
        while len(self.screen_stack) > self._home_depth:
            self.pop_screen()
        if len(self.screen_stack) == self._home_depth:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- learners and language ----------------------------------------------------------

    @property
    def learner(self) -> str:
        return self.prefs.learner or ""

    @property
    def scores_kept(self) -> bool:
        """False when the score store could not be opened: this run keeps nothing."""
        return self.history is None or self.history.persistent()

    def sign_in(self, name: str, lang: str) -> None:
        """Make `name` the current learner (new or known) with `lang`, which is kept with
        the learner in the score store."""
        self.prefs.learner = name
        self.prefs.lang = lang
        if self.lang == lang:
            self._keep_language(name, lang)
        self.lang = lang
        self._save_prefs()
        self.open_home()
        self._open_start()

    def _keep_language(self, learner: str, lang: str) -> None:
        if self.history is None:
            # The store is not open yet: the loading worker moves it there.
            self.prefs.learners[learner] = lang
        else:
            # Chosen now: an older settings file's language must not overwrite it.
            self.prefs.learners.pop(learner, None)
            self._store_language(self.history, learner, lang)

    @work(thread=True, group="learner-language")
    def _store_language(self, history: History, learner: str, lang: str) -> None:
        # A name the store refuses: the language stays this run's only.
        with contextlib.suppress(ValueError):
            history.set_language(learner, lang)

    def t(self, key: str, /, **values: object) -> str:
        """An interface string in the current language."""
        return t(key, self.lang, **values)

    _lang_from_store = False

    def watch_lang(self, lang: str) -> None:
        if self.prefs.learner:
            self.prefs.lang = lang
            self._save_prefs()
            if not self._lang_from_store:
                self._keep_language(self.prefs.learner, lang)
        self._lang_from_store = False
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            # A screen pushed but not yet mounted draws itself in the new language when
            # it mounts; relabelling it now would query widgets not yet composed.
            if relabel is not None and screen.is_mounted:
                relabel()
        self.screen.refresh_bindings()

    def action_help_quit(self) -> None:
        # Textual's Ctrl+C notice, in the interface language.
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    self.t("quit_hint", key=self.get_key_display(active.binding)),
                    title=self.t("quit_hint_title"),
                    markup=False,
                )
                return

    def action_toggle_language(self) -> None:
        self.lang = other_language(self.lang)

    def set_language(self, lang: str) -> None:
        if lang in LANGUAGES:
            self.lang = lang

    def watch_theme(self, theme: str) -> None:
        if self.prefs.theme != theme and self.is_running:
            self.prefs.theme = theme
            self._save_prefs()

    def _save_prefs(self) -> None:
        if self.settings.prefs_path is not None:
            save_prefs(self.settings.prefs_path, self.prefs)

    # -- navigation used by screens and the palette ------------------------------------

    def action_help(self) -> None:
        from quizapp.tui.screens.help import HelpScreen, section_for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(section=section_for(self.screen)))

    def action_switch_learner(self) -> None:
        from quizapp.tui.screens.first_run import FirstRunScreen

        self.push_screen(FirstRunScreen(switching=True))

    def action_progress(self) -> None:
        from quizapp.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def action_review(self) -> None:
        from quizapp.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen())

    def action_home(self) -> None:
        while len(self.screen_stack) > self._home_depth:
            self.pop_screen()

    def open_lesson(self, module_id: str, point: str | None = None) -> None:
        from quizapp.tui.screens.lesson import LessonScreen

        self.push_screen(LessonScreen(module_id, point))

    def unsaved_ok(self, go: Callable[[], None]) -> None:
        """Run `go` now, or, when the score store could not be opened, once the learner
        has said yes to going on without saving."""
        if self.scores_kept:
            go()
            return
        from quizapp.tui.screens.quiz import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                go()

        self.push_screen(Confirm(lambda lang: t("unsaved_confirm", lang)), answered)

    def start_quiz(self, quiz_id: str, mode: Mode) -> None:
        """Begin a new attempt on a quiz and show its first question (asking first when
        scores are not being saved)."""
        if self.catalog is None or quiz_id not in self.catalog.quizzes:
            return
        if self.history is None:
            # The list is up before the score store opens: start as soon as it is.
            self._pending_start = (quiz_id, mode)
            return
        self.unsaved_ok(lambda: self._start_quiz(quiz_id, mode))

    def _start_quiz(self, quiz_id: str, mode: Mode) -> None:
        from quizapp.engine import start_attempt

        assert self.catalog is not None and self.history is not None  # start_quiz waits
        attempt = start_attempt(
            self.catalog,
            quiz_id,
            mode=mode,
            seed=self.next_seed(),
            learner=self.learner,
            recorder=self.history.recorder(self.learner, self.lang),
            clock=self.clock,
        )
        self.open_session(attempt)

    def start_review(self, due: list[tuple[str, str]]) -> None:
        """Go through (quiz id, question id) pairs in review mode, across quizzes."""
        if not self.ready or not due:
            return
        self.unsaved_ok(lambda: self._start_review(due))

    def _start_review(self, due: list[tuple[str, str]]) -> None:
        from quizapp.engine import AttemptError, start_review

        assert self.catalog is not None and self.history is not None  # start_review: ready
        try:
            attempt = start_review(
                self.catalog,
                due,
                seed=self.next_seed(),
                learner=self.learner,
                recorder=self.history.recorder(self.learner, self.lang),
                clock=self.clock,
            )
        except AttemptError as exc:
            self.notify(explain(exc, self.lang), severity="warning")
            return
        self.open_session(attempt)

    def left_attempt(self, attempt: Attempt) -> None:
        """An attempt was left unfinished (`Esc`). Left before any answer, flag or draft, there
        is nothing to resume: it is forgotten rather than piling up (a review opened and
        left, say). A timed exam is kept: its clock started when it was opened."""
        if any(state.tries or state.flagged or state.draft is not None for state in attempt.states):
            return  # something to come back to (a typed draft too)
        if attempt.mode == "exam" and attempt.deadline is not None:
            return
        history = self.history
        if history is not None:
            self._discard(history, attempt)

    @work(thread=True, group="discard")
    def _discard(self, history: History, attempt: Attempt) -> None:
        history.discard(self.learner, attempt)
        self.call_from_thread(self._refresh_stats)

    def _refresh_stats(self) -> None:
        # Home may have read the unfinished attempts before this one was forgotten.
        for screen in self.screen_stack:
            reload = getattr(screen, "load_stats", None)
            if reload is not None:
                reload()

    def open_session(self, attempt: Attempt) -> None:
        from quizapp.tui.screens.quiz import QuizScreen
        from quizapp.tui.session import Session

        # One process per attempt: a resumed attempt open in another quizapp stays there.
        claim = getattr(self.history, "claim", None)
        if claim is not None:
            refusal = claim(attempt)
            if refusal is not None:
                self.notify(explain(refusal, self.lang), severity="warning", timeout=15)
                return
        if attempt.overdue():
            # Its time ran out meanwhile: submitted with what it had, never shown at 0:00.
            from quizapp.tui.screens.results import ResultsScreen

            attempt.submit("time_up")
            self.push_screen(ResultsScreen(Session(attempt)))
            return
        self.push_screen(QuizScreen(Session.of(attempt)))

    def number_examples(self, lang: str) -> list[str]:
        """The number box's format examples in `lang`: never a value that a loaded
        question accepts (checked against the catalog once per catalog and language)."""
        from quizapp.engine.examples import number_examples

        cache: dict[tuple[int, str], list[str]] = self.__dict__.setdefault("_examples", {})
        key = (id(self.catalog), lang)
        if key not in cache:
            quizzes = self.catalog.quizzes.values() if self.catalog is not None else []
            cache[key] = number_examples((q for quiz in quizzes for q in quiz.questions), lang)
        return cache[key]

    async def action_quit(self) -> None:
        # A timed exam asks first: its clock keeps running while the app is closed.
        from quizapp.tui.screens.quiz import QuizScreen

        for screen in self.screen_stack:
            if isinstance(screen, QuizScreen) and screen.confirm_quit():
                return
        for screen in self.screen_stack:
            if isinstance(screen, QuizScreen):
                screen._keep_draft()  # typed and not given: there next time
        await super().action_quit()

    def next_seed(self) -> int:
        if self.settings.seed is not None:
            return self.settings.seed
        import random

        return random.randrange(2**31)

    def action_command_palette(self) -> None:
        # Textual's own, with its prompt in the interface language.
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App[None] is no App[object] (invariant); is_open reads only the screens
            self.push_screen(
                CommandPalette(placeholder=self.t("palette_placeholder"), id="--command-palette")
            )

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        # Textual's system commands, translated: each title and help is an i18n key. A
        # command not listed here is left out, so no English one appears after an upgrade.
        # Left out on purpose: "Theme" and "Keys" (the palette's "theme: ..." entries and
        # help are ours, named our way) and "Maximize" (a maximized widget on the quiz
        # screen hides the question and the footer's keys).
        from textual.app import SystemCommand

        for command in super().get_system_commands(screen):
            keys = SYSTEM_COMMANDS.get(command.title)
            if keys is not None:
                title, help_ = keys
                yield SystemCommand(
                    self.t(title), self.t(help_), command.callback, command.discover
                )


SYSTEM_COMMANDS: dict[str, tuple[str, str]] = {
    "Quit": ("cmd_quit", "cmd_quit_help"),
    "Screenshot": ("cmd_screenshot", "cmd_screenshot_help"),
    "Minimize": ("cmd_minimize", "cmd_minimize_help"),
}
"""Textual's system commands the palette keeps: English title to i18n keys (title, help)."""


def make_app(
    data_dir: str | Path | None = None,
    lang: str | None = None,
    *,
    seed: int | None = None,
    clock: Callable[[], datetime] = _utc_now,
    quiz_paths: list[Path] | None = None,
    catalog: Catalog | None = None,
    content: Mapping[str, Any] | None = None,
    history: History | None = None,
    prefs: Prefs | None = None,
    animations: bool = True,
    start: tuple[str | None, Mode] | None = None,
    database: str | None = None,
) -> QuizApp:
    """Build the app with its dependencies; the CLI and the tests both come through here."""
    from quizapp import locations
    from quizapp.tui.prefs import load_prefs

    base = locations.data_dir(data_dir)
    paths = quiz_paths or [locations.bundled_quizzes_dir(), locations.user_quizzes_dir(base)]
    prefs_path = locations.settings_path(base)
    settings = AppSettings(
        base,
        paths,
        [locations.bundled_content_dir()],
        prefs_path,
        lang,
        seed,
        animations,
        home_first=True,
        cache_dir=locations.cache_dir(),
        start=start,
        database=locations.database_target(base, database),
    )
    return QuizApp(
        settings,
        prefs if prefs is not None else load_prefs(prefs_path),
        catalog=catalog,
        content=content,
        history=history,
        clock=clock,
    )
