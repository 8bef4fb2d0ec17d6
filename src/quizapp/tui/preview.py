"""`quizapp preview FILE`: the app opened on one quiz file, reloaded on every save.

The preview screen shows the quiz as its author wrote it, answers marked; `t` takes it as
a learner would, in the app's own quiz screen. While the file has problems the screen lists
the validator's located messages instead, and shows the quiz again as soon as they are
fixed. The file is polled from a thread worker (a `stat` per tick), which posts each new
load to the screen; only the screen's message handler touches widgets. Quiz text is data:
every line goes in as `Content`. Nothing is recorded: the app runs with in-memory
settings and history.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quizapp.authoring.outline import outline
from quizapp.authoring.watch import QuizFileWatcher
from quizapp.loading import Catalog, LoadResult
from quizapp.model.text import localize
from quizapp.tui.app import AppSettings, QuizApp
from quizapp.tui.history import MemoryHistory
from quizapp.tui.i18n import DEFAULT_LANGUAGE, LANGUAGES
from quizapp.tui.prefs import Prefs
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.footer import KeysFooter


class PreviewScreen(AppScreen):
    """The quiz in one file, or its problems; follows the file as it is saved."""

    DEFAULT_CSS = """
    PreviewScreen #status { padding: 0 1; background: $panel; }
    PreviewScreen #status.-problems { background: $error 30%; }
    PreviewScreen #body { padding: 0 1; }
    PreviewScreen .heading { text-style: bold; margin-top: 1; }
    PreviewScreen .problem { color: $text-error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Descriptions are i18n keys: the footer follows the interface language.
        Binding("t", "try_quiz", "preview_try"),
        Binding("l", "next_language", "preview_quiz_language"),
        Binding("r", "reload", "reload"),
        Binding("q", "app.quit", "quit"),
    ]

    class Loaded(Message):
        """A new version of the file was loaded (in the worker thread)."""

        def __init__(self, result: LoadResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self, path: Path, *, interval: float = 0.25, lang: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.interval = interval
        self.lang = lang
        self.result: LoadResult | None = None
        """The latest load; the tests read it too."""
        self.loads = 0
        """How many versions were shown: lets a test wait for the next one."""
        self._watcher = QuizFileWatcher(path)
        self._polling = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Static(Content(self.quiz_app.t("preview_loading", path=str(self.path))), id="status")
        yield VerticalScroll(id="body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(self.interval, self.poll)

    @work(thread=True, group="preview-poll")
    def poll(self) -> None:
        """Load the file if it changed; a tick that finds a poll running skips."""
        if not self._polling.acquire(blocking=False):
            return
        try:
            result = self._watcher.poll()
        finally:
            self._polling.release()
        if result is not None:
            self.post_message(self.Loaded(result))

    @on(Loaded)
    async def show_loaded(self, message: Loaded) -> None:
        self.result = message.result
        self._publish(message.result)
        if self.app.screen is not self:
            # The author is trying the old version: bring them back to the new one.
            while self.app.screen is not self and len(self.app.screen_stack) > 1:
                self.app.pop_screen()
            self.notify(self.quiz_app.t("preview_changed", name=self.path.name), markup=False)
        await self.show()
        self.loads += 1

    def _publish(self, result: LoadResult) -> None:
        """Give the app a catalog of just this quiz, so its quiz screen can run it."""
        quiz = result.quiz if result.ok else None
        app = self.app
        if not isinstance(app, QuizApp):
            return
        if quiz is not None and self.lang is None and quiz.languages[0] in LANGUAGES:
            # No language asked for: the app speaks the quiz's own first language.
            app.lang = quiz.languages[0]
        if quiz is None:
            app.catalog = Catalog([result], {}, {}, {}, list(result.problems))
        else:
            app.catalog = Catalog(
                [result], {quiz.id: quiz}, {quiz.id: self.path}, {quiz.id: result.sha256}, []
            )

    def action_try_quiz(self) -> None:
        quiz = self.result.quiz if self.result and self.result.ok else None
        if quiz is None or not isinstance(self.app, QuizApp):
            self.notify(self.quiz_app.t("preview_fix_first"), markup=False)
            return
        self.app.start_quiz(quiz.id, "practice")

    async def show(self) -> None:
        result = self.result
        if result is None:
            return
        body = self.query_one("#body", VerticalScroll)
        await body.remove_children()
        self._status()
        if result.ok and result.quiz is not None:
            quiz = result.quiz
            lang = self.lang if self.lang in quiz.languages else quiz.languages[0]
            widgets: list[Static] = [
                Static(Content(localize(quiz.quiz.title, lang)), classes="title")
            ]
            for question in outline(quiz, lang, self.quiz_app.lang):
                widgets.append(Static(Content(question.heading), classes="heading"))
                widgets.extend(Static(Content(line), classes="line") for line in question.lines)
        else:
            ui = self.quiz_app.lang
            widgets = [
                Static(Content(problem_text(p, ui)), classes="problem") for p in result.problems
            ]
        await body.mount_all(widgets)

    def _status(self) -> None:
        """The status line, in the interface language: valid (how many questions, which
        language shown) or how many problems."""
        result = self.result
        if result is None:
            return
        app = self.quiz_app
        status = self.query_one("#status", Static)
        path = str(self.path)
        if result.ok and result.quiz is not None:
            quiz = result.quiz
            lang = self.lang if self.lang in quiz.languages else quiz.languages[0]
            text = app.t(
                "preview_valid",
                path=path,
                n=len(quiz.questions),
                lang=lang,
                langs=", ".join(quiz.languages),
            )
            status.remove_class("-problems")
        else:
            text = app.t("preview_problems", path=path, n=len(result.problems))
            status.add_class("-problems")
        status.update(Content(text))

    def action_reload(self) -> None:
        self._watcher = QuizFileWatcher(self.path)
        self.poll()

    async def action_next_language(self) -> None:
        quiz = self.result.quiz if self.result else None
        if quiz is None or len(quiz.languages) < 2:
            return
        current = self.lang if self.lang in quiz.languages else quiz.languages[0]
        self.lang = quiz.languages[(quiz.languages.index(current) + 1) % len(quiz.languages)]
        await self.show()

    def relabel(self) -> None:
        """The app's language changed (F2): follow it when the quiz has that language."""
        quiz = self.result.quiz if self.result else None
        lang = getattr(self.app, "lang", None)
        if quiz is not None and lang in quiz.languages and lang != self.lang:
            self.lang = lang
            self.run_worker(self.show(), exclusive=True, group="preview-show")
        else:
            # The quiz stays as it is; the status line is the app's own words.
            self._status()


class PreviewApp(QuizApp):
    """The app on one quiz file: the preview screen instead of home, nothing saved."""

    def __init__(
        self,
        path: Path,
        *,
        interval: float = 0.25,
        lang: str | None = None,
        data_dir: Path | None = None,
        seed: int | None = None,
        animations: bool = True,
    ) -> None:
        interface = lang if lang is not None and lang in LANGUAGES else DEFAULT_LANGUAGE
        settings = AppSettings(
            data_dir=data_dir or Path(path).resolve().parent,
            quiz_paths=[Path(path)],
            prefs_path=None,
            lang=interface,
            seed=seed,
            animations=animations,
        )
        super().__init__(
            settings,
            Prefs(PREVIEW_LEARNER, {PREVIEW_LEARNER: interface}),
            catalog=Catalog([], {}, {}, {}, []),
            history=MemoryHistory(),
        )
        self._screen_args = (Path(path), interval, lang)

    def action_help(self) -> None:
        # The preview's own keys, not the learner app's.
        from quizapp.tui.screens.help import PREVIEW_HELP, HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(PREVIEW_HELP))

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]  # Textual calls each class's handler, with the event if it takes one
        # Not QuizApp.on_mount (Textual would run it after this one): no first-run or home
        # screen, and no catalog of every bank.
        event.prevent_default()
        path, interval, lang = self._screen_args
        self.push_screen(PreviewScreen(path, interval=interval, lang=lang))


PREVIEW_LEARNER = "preview"
"""The in-memory learner a preview runs as; nothing is saved under it."""


def problem_text(problem: Any, lang: str) -> str:
    """A problem as `quizapp validate` words it, in the interface language: its frame
    (question, field, warning) and its sentence (`Problem.render`)."""
    return str(problem.render(lang))
