"""First run (and switching learner): the learner's name and language; removing a learner.

Names go through `quizapp.names` (the one check the store and the command line use too)
and match known learners without regard to case. A learner's language is kept with them
in the score store: a known learner signs in with theirs.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.names import MAX_LEARNER_NAME, InvalidName, clean_learner_name, same_name
from quizapp.tui.i18n import LANGUAGES, t
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.footer import KeysFooter
from quizapp.tui.widgets.inputs import InOrderInput


class LearnersLoaded(Message):
    """The score store's learners, read in a worker: name to language."""

    def __init__(self, learners: dict[str, str]) -> None:
        super().__init__()
        self.learners = learners


class FirstRunScreen(AppScreen):
    """Asks who is learning and in which language; lists known learners when switching."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "back"),
        Binding("delete", "remove", "remove"),
    ]

    def __init__(self, switching: bool = False) -> None:
        super().__init__()
        self.switching = switching

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(id="welcome-title")
            yield Static(id="welcome-body")
            if self.switching:
                yield Label(id="known-label")
                yield OptionList(id="known")
            yield Label(id="name-label")
            name = InOrderInput(id="name", max_length=MAX_LEARNER_NAME)
            name.cursor_blink = self.app.animation_level != "none"
            yield name
            yield Label(id="lang-label")
            yield OptionList(
                *(Option(Content(name), id=code) for code, name in LANGUAGES.items()),
                id="language",
            )
            yield Static(id="error")
            yield Button(id="start", variant="primary", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        languages = self.query_one("#language", OptionList)
        languages.highlighted = list(LANGUAGES).index(self.quiz_app.lang)
        # Name to language: the score store's (an older settings file's until it is read).
        self._languages: dict[str, str] = dict(self.quiz_app.prefs.learners)
        self._error: tuple[str, dict[str, object]] | None = None
        self._known: list[str] = []
        if self.switching:
            self._show_known()
            self.load_learners()
        self.relabel()
        self._show_languages()
        self.query_one("#known" if self._known else "#name").focus()

    @work(thread=True, exclusive=True, group="learners")
    def load_learners(self) -> None:
        history = self.quiz_app.history
        if history is not None:
            self.post_message(LearnersLoaded(history.learners()))

    def catalog_ready(self) -> None:
        if self.switching:
            self.load_learners()

    @on(LearnersLoaded)
    def _learners_loaded(self, message: LearnersLoaded) -> None:
        # The store is the one place a learner's language is kept: its word wins.
        self._languages = {
            name: lang if lang in LANGUAGES else self.quiz_app.lang
            for name, lang in message.learners.items()
        }
        had = bool(self._known)
        self._show_known()
        self.relabel()
        name = self.query_one("#name", Input)
        if self._known and not had and not name.value:
            self.query_one("#known").focus()

    def _show_known(self) -> None:
        known = sorted(self._languages, key=str.casefold)
        if known == self._known:
            return
        options = self.query_one("#known", OptionList)
        was = options.highlighted
        keep = self._known[was] if was is not None and was < len(self._known) else None
        self._known = known
        options.clear_options()
        options.add_options([Option(Content(name)) for name in known])
        if known:
            options.highlighted = known.index(keep) if keep in known else 0
        options.display = bool(known)
        self.query_one("#known-label").display = bool(known)

    def relabel(self) -> None:
        app = self.quiz_app
        title = "switch_learner" if self.switching else "welcome_title"
        self.query_one("#welcome-title", Static).update(Content(app.t(title)))
        # Switching is not a welcome: no tagline, just what to do.
        body = "switch_learner_body" if self.switching else "welcome_body"
        self.query_one("#welcome-body", Static).update(Content(app.t(body)))
        if self._known:
            self.query_one("#known-label", Label).update(Content(app.t("learner")))
        self.query_one("#name-label", Label).update(
            Content(app.t("new_learner") if self._known else app.t("your_name"))
        )
        self.query_one("#name", Input).placeholder = app.t("name_placeholder")
        self.query_one("#lang-label", Label).update(Content(app.t("choose_language")))
        self.query_one("#start", Button).label = Content(app.t("start"))
        if self._error is not None:
            key, values = self._error
            self.query_one("#error", Static).update(Content(app.t(key, **values)))

    def _show_languages(self) -> None:
        # A known learner keeps their language (F2 switches it later): when switching,
        # the choice is shown only once a new name is typed.
        shown = not self.switching or bool(self.query_one("#name", Input).value.strip())
        self.query_one("#lang-label").display = shown
        self.query_one("#language").display = shown

    @on(Input.Changed, "#name")
    def _name_changed(self) -> None:
        self._show_languages()

    @on(Input.Submitted, "#name")
    def _name_done(self) -> None:
        if self._checked_name() is None:
            return  # the box keeps the focus, under a sentence saying why
        known = self._known_name(self.query_one("#name", Input).value)
        languages = self.query_one("#language", OptionList)
        if languages.display and known is None:
            languages.focus()
        else:
            self._start()

    def _checked_name(self) -> str | None:
        """The typed name as it will be kept, or None after saying what is wrong."""
        try:
            name = clean_learner_name(self.query_one("#name", Input).value)
        except InvalidName as exc:
            key = {"empty": "name_required", "long": "name_long"}.get(exc.reason, "name_control")
            self._show_error(key, n=MAX_LEARNER_NAME)
            self.query_one("#name", Input).focus()
            return None
        self._show_error(None)
        return name

    def _show_error(self, key: str | None, **values: object) -> None:
        error = self.query_one("#error", Static)
        self._error = None if key is None else (key, values)
        error.set_class(key is not None, "shown")
        error.update(Content(self.quiz_app.t(key, **values)) if key else "")

    def _known_name(self, typed: str) -> str | None:
        return next((n for n in self._languages if same_name(n, typed)), None)

    @on(OptionList.OptionSelected, "#language")
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        name = self._checked_name()
        if name is None:
            return
        known = self._known_name(name)
        if known is not None:
            # "fajar" typed is Fajar, who keeps their own language.
            self.quiz_app.sign_in(known, self._languages[known])
            return
        languages = self.query_one("#language", OptionList)
        index = languages.highlighted or 0
        self.quiz_app.sign_in(name, list(LANGUAGES)[index])

    @on(OptionList.OptionSelected, "#known")
    def _known_chosen(self, event: OptionList.OptionSelected) -> None:
        name = self._known[event.option_index]
        self.quiz_app.sign_in(name, self._languages[name])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On the very first run there is nowhere to go back to, nor anyone to remove.
        if action == "remove":
            return self.switching and bool(self._known) and self.quiz_app.history is not None
        return self.switching if action == "cancel" else True

    def action_remove(self) -> None:
        """Remove the learner chosen in the list, after asking; their results are saved
        under the data folder first (see `quizapp learner remove`)."""
        known = self.query_one("#known", OptionList)
        index = known.highlighted
        if not known.has_focus or index is None or index >= len(self._known):
            return
        name = self._known[index]
        app = self.quiz_app
        if same_name(name, app.learner):
            app.notify(app.t("remove_current", name=name), severity="warning")
            return
        from quizapp.locations import removed_learners_dir
        from quizapp.tui.screens.quiz import Confirm

        folder = str(removed_learners_dir(app.settings.data_dir))

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(name)

        app.push_screen(
            Confirm(lambda lang: t("remove_confirm", lang, name=name, folder=folder)), answered
        )

    @work(thread=True, group="learner-remove")
    def _remove(self, name: str) -> None:
        history = self.quiz_app.history
        if history is None:
            return
        try:
            removed = history.remove_learner(name)
        except OSError as exc:
            self.app.call_from_thread(self._remove_failed, name, exc)
            return
        self.app.call_from_thread(self._removed, removed)
        self.post_message(LearnersLoaded(history.learners()))

    def _remove_failed(self, name: str, exc: OSError) -> None:
        from quizapp.tui.oserrors import os_reason

        app = self.quiz_app
        reason = os_reason(exc, app.lang)
        app.notify(app.t("remove_failed", name=name, reason=reason), severity="error")

    def _removed(self, removed: object) -> None:
        app = self.quiz_app
        if isinstance(removed, str):
            from quizapp.i18n import explain

            app.notify(explain(removed, app.lang), severity="warning")
            return
        kept = getattr(removed, "kept", None)
        name = getattr(removed, "name", "")
        if kept is None:
            app.notify(app.t("removed_memory", name=name))
        else:
            app.notify(app.t("removed", name=name, path=str(kept)), timeout=15)

    def action_cancel(self) -> None:
        if self.switching:
            self.dismiss()
