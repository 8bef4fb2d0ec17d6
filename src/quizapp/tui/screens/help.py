"""Help: the keys of every screen, in the interface language."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from quizapp.tui.i18n import t
from quizapp.tui.screens.base import AppModal

HELP = "help_text"
"""The app's help (Markdown), a catalog key (`app.help_text`): the keys of every screen."""
PREVIEW_HELP = "preview_help_text"
"""The preview's own help (`quizapp preview FILE`): its keys, not the learner app's."""

SECTIONS = ("home", "switch", "lesson", "questions", "exam", "results", "progress", "review")
SECTIONS += ("export", "confirm")
"""Each section of the help, found by the bold words it starts with: the catalog's
`app.help_section_<name>` in the interface language."""

SCREEN_SECTIONS: dict[str, str] = {
    "HomeScreen": "home",
    "ModePicker": "home",
    "ResumePicker": "home",
    "FirstRunScreen": "switch",
    "LessonScreen": "lesson",
    "QuizScreen": "questions",
    "ResultsScreen": "results",
    "ProgressScreen": "progress",
    "ReviewScreen": "review",
    "ExportDialog": "export",
    "Confirm": "confirm",
}
"""The section F1 opens at, by the class name of the screen it is pressed on."""


def section_for(screen: object) -> str | None:
    """The help section for `screen` (an exam's quiz screen opens at the exam keys)."""
    section = SCREEN_SECTIONS.get(type(screen).__name__)
    session = getattr(screen, "session", None)
    if section == "questions" and getattr(session, "mode", None) == "exam":
        return "exam"
    return section


class HelpScreen(AppModal):
    """Keys and screens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "back"),
        # A dialog hides the app's keys: F2 here too, so the help can be read in either.
        Binding("f2", "app.toggle_language", "language", show=False),
    ]

    def __init__(self, text: str = HELP, section: str | None = None) -> None:
        super().__init__()
        self.text = text
        """The catalog key of the help (Markdown): the app's, or the preview's."""
        self.section = section
        """Where it opens (one of `SECTIONS`): the section of the screen beneath."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Markdown()

    async def on_mount(self) -> None:
        self.query_one("#help-body").focus()
        await self._show()

    async def _show(self) -> None:
        await self.query_one(Markdown).update(t(self.text, self.quiz_app.lang))
        self.call_after_refresh(self._go_to_section)

    def _go_to_section(self) -> None:
        if self.section not in SECTIONS:
            return
        start = f"{t('help_section_' + self.section, self.quiz_app.lang)}:"
        from textual.widgets._markdown import MarkdownBlock

        for block in self.query_one(Markdown).query(MarkdownBlock):
            if str(getattr(block, "_content", "")).startswith(start):
                body = self.query_one("#help-body", VerticalScroll)
                if block.virtual_region.bottom <= body.scrollable_content_region.height:
                    return  # in view from the top: the keys for everywhere stay in view too
                body.scroll_to_widget(block, top=True, animate=False, immediate=True)
                return

    def relabel(self) -> None:
        self.run_worker(self._show(), exclusive=True, group="help-text")
