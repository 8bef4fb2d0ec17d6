"""`quizapp preview FILE`: one quiz file shown as its author wrote it, reloaded on every save.

While the file has problems the screen lists the validator's located messages instead,
and shows the quiz again as soon as they are fixed. The file is polled from a thread
worker (a `stat` per tick), which posts each new load to the screen; only the screen's
message handler touches widgets. Quiz text is data: every line goes in as `Content`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizapp.authoring.outline import outline
from quizapp.authoring.watch import QuizFileWatcher
from quizapp.loading import LoadResult
from quizapp.model.text import localize


class PreviewScreen(Screen[None]):
    """The quiz in one file, or its problems; follows the file as it is saved."""

    DEFAULT_CSS = """
    PreviewScreen #status { padding: 0 1; background: $panel; }
    PreviewScreen #status.-problems { background: $error 30%; }
    PreviewScreen #body { padding: 0 1; }
    PreviewScreen .heading { text-style: bold; margin-top: 1; }
    PreviewScreen .problem { color: $text-error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "Reload"),
        Binding("l", "next_language", "Language"),
    ]

    class Loaded(Message):
        """A new version of the file was loaded (in the worker thread)."""

        def __init__(self, result: LoadResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self, path: Path, *, interval: float = 0.5, lang: str | None = None) -> None:
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
        yield Static(Content(f"{self.path}: loading…"), id="status")
        yield VerticalScroll(id="body")
        yield Footer()

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
        await self.show()
        self.loads += 1

    async def show(self) -> None:
        result = self.result
        if result is None:
            return
        status = self.query_one("#status", Static)
        body = self.query_one("#body", VerticalScroll)
        await body.remove_children()
        if result.ok and result.quiz is not None:
            quiz = result.quiz
            lang = self.lang if self.lang in quiz.languages else quiz.languages[0]
            n = len(quiz.questions)
            status.update(
                Content(
                    f"{self.path}: valid, {n} question{'s' if n != 1 else ''}"
                    f" · language {lang} of {', '.join(quiz.languages)}"
                )
            )
            status.remove_class("-problems")
            widgets: list[Static] = [
                Static(Content(localize(quiz.quiz.title, lang)), classes="title")
            ]
            for question in outline(quiz, lang):
                widgets.append(Static(Content(question.heading), classes="heading"))
                widgets.extend(Static(Content(line), classes="line") for line in question.lines)
        else:
            n = len(result.problems)
            status.update(
                Content(
                    f"{self.path}: {n} problem{'s' if n != 1 else ''}; "
                    "the quiz shows again once they are fixed"
                )
            )
            status.add_class("-problems")
            widgets = [Static(Content(str(p)), classes="problem") for p in result.problems]
        await body.mount_all(widgets)

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


class PreviewApp(App[None]):
    """A one-screen app around `PreviewScreen`, for `quizapp preview`."""

    TITLE = "quizapp preview"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(self, path: Path, *, interval: float = 0.5, lang: str | None = None) -> None:
        super().__init__()
        self._screen_args = (path, interval, lang)

    def on_mount(self) -> None:
        path, interval, lang = self._screen_args
        self.push_screen(PreviewScreen(path, interval=interval, lang=lang))
