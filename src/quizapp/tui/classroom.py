"""The app as a class member gets it in the browser (`quizapp class app`, started by
`quizapp serve` for each joined tab, never by a learner).

The usual app with its learner fixed (the one who joined), its quizzes limited to the
class's open ones, its scores in the class's own store, and nothing that reaches the
server's files: no learner switch, no report saved to a path, no screenshot, no lessons.
Every two seconds it reads the class's state from the store: quizzes opened or closed,
extra time, the end of the class.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.message import Message

from quizapp.loading.catalog import Catalog
from quizapp.tui.app import AppSettings, CatalogLoaded, QuizApp
from quizapp.tui.prefs import Prefs

if TYPE_CHECKING:
    from quizapp.engine import Attempt
    from quizapp.store import Store

POLL_SECONDS = 2.0

CLASS_ENDED = {
    "en": "The trainer has ended the class. Your answers are saved.",
    "id": "Pelatih telah menutup kelas. Jawaban Anda tersimpan.",
}

_REFUSED_ACTIONS = frozenset({"switch_learner", "screenshot", "export", "lesson"})
"""Actions a class member's app never runs: they reach the server's files or another
learner."""


class ClassCatalog(Catalog):
    """The class's open quizzes; included questions still come from every quiz."""

    def __init__(self, full: Catalog, visible: Iterable[str]) -> None:
        shown = {q: full.quizzes[q] for q in visible if q in full.quizzes}
        super().__init__(full.results, shown, full.paths, full.hashes, full.problems)
        self.full = full

    def pool(self, quiz_id: str) -> Any:
        return self.full.pool(quiz_id)


@dataclasses.dataclass(frozen=True, slots=True)
class Room:
    """Where the learner sits: the class's store and who they are in it."""

    class_id: int
    class_name: str
    learner_id: int
    base_dir: Path
    """The trainer's data folder (its quizzes)."""


class ClassState(Message):
    """The class as the store has it now (from the poll worker)."""

    def __init__(self, open_quizzes: list[str], extra: dict[str, int], ended: bool) -> None:
        super().__init__()
        self.open_quizzes = open_quizzes
        self.extra = extra
        self.ended = ended


class ClassApp(QuizApp):
    """quizapp for one member of a class."""

    class_mode = True
    """Read by the screens' export checks (no files written from a browser)."""

    ended_grace = 8.0
    """Seconds the app stays open after the class ends, to say so."""

    def __init__(self, settings: AppSettings, prefs: Prefs, room: Room, **kwargs: Any) -> None:
        super().__init__(settings, prefs, **kwargs)
        self.room = room
        self._open: list[str] = []
        self._extra: dict[str, int] = {}
        self._ended = False
        self._resumed = False

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll_class)

    def _store(self) -> Store | None:
        return getattr(self.history, "store", None)

    # -- what is refused -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _REFUSED_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def action_switch_learner(self) -> None:
        """A class member is who joined."""

    def action_screenshot(self, *args: Any, **kwargs: Any) -> None:
        """Would write a file on the server."""

    def open_lesson(self, module_id: str) -> None:
        """Lessons are not served to a class."""

    def get_system_commands(self, screen: Any) -> Any:
        # Textual's screenshot writes a file on the server.
        for command in super().get_system_commands(screen):
            if command.title != self.t("cmd_screenshot"):
                yield command

    # -- the class's state ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="class-poll")
    def poll_class(self) -> None:
        store = self._store()
        if store is None:
            return
        info = store.class_info(self.room.class_name)
        if info is None:
            self.post_message(ClassState([], {}, True))
            return
        member = store.class_members(info.id, self.room.learner_id)
        mine = member[0].extra_seconds if member else 0
        extra = {q.quiz_id: q.extra_seconds + mine for q in info.quizzes}
        self.post_message(ClassState(info.open_quizzes, extra, info.ended_at is not None))

    @on(ClassState)
    def _class_state(self, message: ClassState) -> None:
        self._extra = message.extra
        for attempt in self._open_attempts():
            self._give_extra(attempt)
        if message.ended and not self._ended:
            self._ended = True
            # Pens down: what the learner answered is handed in and scored.
            for attempt in self._open_attempts():
                attempt.submit()
            self.notify(
                CLASS_ENDED.get(self.lang, CLASS_ENDED["en"]),
                severity="warning",
                timeout=30,
                markup=False,
            )
            self.set_timer(self.ended_grace, self.exit)
        if message.open_quizzes != self._open:
            self._open = message.open_quizzes
            if isinstance(self.catalog, ClassCatalog):
                self.catalog = ClassCatalog(self.catalog.full, self._open)
                for screen in self.screen_stack:
                    refresh = getattr(screen, "catalog_ready", None)
                    if refresh is not None:
                        refresh()

    def _open_attempts(self) -> list[Attempt]:
        out = []
        for screen in self.screen_stack:
            session = getattr(screen, "session", None)
            attempt = getattr(session, "attempt", None)
            if attempt is not None and not attempt.finished:
                out.append(attempt)
        return out

    def _give_extra(self, attempt: Attempt) -> None:
        seconds = self._extra.get(attempt.quiz_id or "", 0)
        attempt.extra_time = timedelta(seconds=seconds)

    def open_session(self, attempt: Attempt) -> None:
        self._give_extra(attempt)
        super().open_session(attempt)

    def start_quiz(self, quiz_id: str, mode: Any) -> None:
        if self._ended:
            return
        super().start_quiz(quiz_id, mode)

    # -- coming back -----------------------------------------------------------------------

    @on(CatalogLoaded)
    def _resume_after_load(self) -> None:
        # Handlers of this class run before QuizApp's, which stores the catalog: look
        # for an attempt to resume once that is done.
        if not self._resumed:
            self._resumed = True
            self.call_later(self.resume_waiting)

    @work(thread=True, exclusive=True, group="class-resume")
    def resume_waiting(self) -> None:
        """A tab closed or a connection dropped mid-quiz: open that attempt again at
        once, at the first question still open."""
        history = self.history
        if history is None or self.catalog is None:
            return
        waiting = history.interrupted(self.learner, self.catalog, self.clock)
        if len(waiting) == 1:
            self.call_from_thread(self.open_session, waiting[0])


def make_class_app(
    base_dir: Path,
    class_name: str,
    learner_id: int,
    *,
    store: Store | None = None,
    clock: Any = None,
) -> ClassApp:
    """The app for `learner_id` of `class_name`, on the class's own store."""
    from quizapp import locations
    from quizapp.store import open_store
    from quizapp.tui.store_history import StoreHistory

    class_dir = locations.class_dir(base_dir, class_name)
    kwargs: dict[str, Any] = {}
    if clock is not None:
        kwargs["clock"] = clock
    opened = store is None
    store = store or open_store(locations.class_database_target(base_dir, class_name), **kwargs)
    info = store.class_info(class_name)
    learner = store.get_learner(learner_id)
    if info is None or learner is None:
        raise SystemExit("No such class member.")
    paths = [locations.bundled_quizzes_dir(), locations.user_quizzes_dir(base_dir)]
    settings = AppSettings(class_dir, paths, [], None, None, None, True, home_first=True)
    prefs = Prefs(learner.name, {learner.name: learner.language})

    def load() -> tuple[Catalog, Mapping[str, Any]]:
        from quizapp.loading import load_catalog

        full = load_catalog([p for p in paths if p.exists()])
        return ClassCatalog(full, info.open_quizzes), {}

    app = ClassApp(
        settings,
        prefs,
        Room(info.id, class_name, learner_id, base_dir),
        history=StoreHistory(store, base_dir),
        catalog_loader=load,
        **kwargs,
    )
    app._open = info.open_quizzes
    app._owns_store = opened  # closed (its leases released) when the app ends
    return app
