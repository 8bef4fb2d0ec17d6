"""First run (and switching learner): the learner's name and language."""

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

from quizapp.tui.i18n import LANGUAGES
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.footer import KeysFooter


class LearnersLoaded(Message):
    """The score store's learners, read in a worker: name to language."""

    def __init__(self, learners: dict[str, str]) -> None:
        super().__init__()
        self.learners = learners


class FirstRunScreen(AppScreen):
    """Asks who is learning and in which language; lists known learners when switching."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "back")]

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
            name = Input(id="name", max_length=60)
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
        # Name to language: the settings' learners now, the score store's when read.
        self._languages: dict[str, str] = dict(self.quiz_app.prefs.learners)
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
        seen = {name.casefold() for name in self._languages}
        for name, lang in message.learners.items():
            # The store matches names regardless of case; so does this list.
            if name.casefold() not in seen:
                self._languages[name] = lang if lang in LANGUAGES else self.quiz_app.lang
        had = bool(self._known)
        self._show_known()
        self.relabel()
        name = self.query_one("#name", Input)
        if self._known and not had and self.focused is name and not name.value:
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
        error = self.query_one("#error", Static)
        if error.has_class("shown"):
            error.update(Content(app.t("name_required")))

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
        languages = self.query_one("#language", OptionList)
        if languages.display:
            languages.focus()
        else:
            self._start()

    @on(OptionList.OptionSelected, "#language")
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        name = " ".join(self.query_one("#name", Input).value.split())
        if not name:
            error = self.query_one("#error", Static)
            error.add_class("shown")
            error.update(Content(self.quiz_app.t("name_required")))
            self.query_one("#name", Input).focus()
            return
        languages = self.query_one("#language", OptionList)
        index = languages.highlighted or 0
        self.quiz_app.sign_in(name, list(LANGUAGES)[index])

    @on(OptionList.OptionSelected, "#known")
    def _known_chosen(self, event: OptionList.OptionSelected) -> None:
        name = self._known[event.option_index]
        self.quiz_app.sign_in(name, self._languages[name])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On the very first run there is nowhere to go back to.
        return self.switching if action == "cancel" else True

    def action_cancel(self) -> None:
        if self.switching:
            self.dismiss()
