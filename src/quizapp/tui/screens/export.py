"""The export dialog: choose a report format and a file, then save it in a worker with
a progress bar. Dismisses with the saved path, or None when cancelled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from quizapp.tui.exporting import FORMATS, ExportError, Scope, default_path, with_format
from quizapp.tui.i18n import t
from quizapp.tui.screens.base import AppModal
from quizapp.tui.widgets.inputs import InOrderInput

FORMAT_NAMES = {
    "html": "HTML",
    "md": "Markdown",
    "csv": "CSV",
    "json": "JSON",
}


class ExportDialog(AppModal):
    """Save a report of `scope` (`attempt=...` or `learner=...`)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "back")]

    def __init__(self, scope: Scope, stem: str) -> None:
        super().__init__()
        self.scope = scope
        self.stem = stem
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export"):
            yield Static(id="export-title")
            yield Label(id="format-label")
            yield OptionList(
                *(Option(Content(FORMAT_NAMES[f]), id=f) for f in FORMATS), id="format"
            )
            yield Label(id="path-label")
            # Filled on mount: a value given here would stay scrolled to its start.
            yield InOrderInput(id="path")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(id="export-error")
            with Horizontal(classes="buttons"):
                yield Button(id="save", variant="primary", compact=True)
                yield Button(id="cancel", compact=True)

    def on_mount(self) -> None:
        app = self.quiz_app
        path = self.query_one("#path", Input)
        path.cursor_blink = self.app.animation_level != "none"
        folder = app.settings.data_dir / "reports"
        path.value = str(default_path(folder, self.stem, app.clock(), FORMATS[0]))
        # The end of a long path is the part worth seeing: the whole file name and format.
        # Once laid out (an Input scrolls to its cursor only when it knows its width).
        self.call_after_refresh(self._show_file_name)
        self.query_one("#format", OptionList).highlighted = 0
        self.query_one("#export-progress").display = False
        self.relabel()
        self.query_one("#format").focus()

    def relabel(self) -> None:
        app = self.quiz_app
        self.query_one("#export-title", Static).update(Content(app.t("export_title")))
        self.query_one("#format-label", Label).update(Content(app.t("export_format")))
        self.query_one("#path-label", Label).update(Content(app.t("export_path")))
        self.query_one("#save", Button).label = Content(app.t("save"))
        self.query_one("#cancel", Button).label = Content(app.t("cancel"))
        error = getattr(self, "_error_text", None)
        if error is not None:
            self.query_one("#export-error", Static).update(Content(error(app.lang)))

    @property
    def fmt(self) -> str:
        index = self.query_one("#format", OptionList).highlighted or 0
        return FORMATS[index]

    @on(OptionList.OptionHighlighted, "#format")
    def _format_changed(self) -> None:
        path = self.query_one("#path", Input)
        path.value = with_format(path.value, self.fmt)
        self._show_file_name()

    def _show_file_name(self) -> None:
        path = self.query_one("#path", Input)
        path.cursor_position = 0
        path.cursor_position = len(path.value)

    @on(OptionList.OptionSelected, "#format")
    def _format_chosen(self) -> None:
        self.query_one("#path").focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        if self.saving:
            return
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._error(lambda lang: t("export_no_path", lang))
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            path = default_path(path, self.stem, self.quiz_app.clock(), self.fmt)
            self.query_one("#path", Input).value = str(path)
        if path.exists():
            from quizapp.tui.screens.quiz import Confirm

            def answered(yes: bool | None) -> None:
                if yes:
                    self._start(path, force=True)

            # Worded per language, so F2 in the dialog relabels it.
            self.app.push_screen(
                Confirm(lambda lang: t("export_replace", lang, path=str(path))), answered
            )
            return
        self._start(path, force=False)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)

    def _error(self, text: Callable[[str], str]) -> None:
        """Show a problem, worded per language so that F2 relabels it."""
        self._error_text: Callable[[str], str] | None = text
        self._error_for = self.query_one("#path", Input).value
        error = self.query_one("#export-error", Static)
        error.update(Content(text(self.quiz_app.lang)))
        error.add_class("shown")
        # The error takes the room under the name: at 80x24 the buttons stay in view.
        self.query_one("#export").add_class("-error")

    @on(Input.Changed, "#path")
    def _path_edited(self, event: Input.Changed) -> None:
        # A problem with the name shown stops applying once the name changes.
        if getattr(self, "_error_text", None) is not None and event.value != self._error_for:
            self._clear_error()

    def _clear_error(self) -> None:
        self._error_text = None
        error = self.query_one("#export-error", Static)
        error.update("")
        error.remove_class("shown")
        self.query_one("#export").remove_class("-error")

    def _start(self, path: Path, force: bool) -> None:
        self.saving = True
        self._clear_error()
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        for button in self.query(Button):
            button.disabled = True
        # A typed extension wins over the list: "class.json" means JSON.
        typed = path.suffix.lower().lstrip(".")
        self._run(path, typed if typed in FORMATS else self.fmt, force)

    @work(thread=True, exclusive=True, group="export")
    def _run(self, path: Path, fmt: str, force: bool) -> None:
        from quizapp.tui.exporting import write_report

        bar = self.query_one("#export-progress", ProgressBar)
        last = -1

        def progress(done: int, total: int) -> None:
            nonlocal last
            # The service may repeat a value; only a change is worth a trip to the UI.
            if done != last:
                last = done
                self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            saved = write_report(
                self.quiz_app, self.scope, fmt, path, force=force, progress=progress
            )
        except ExportError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self.dismiss, saved)

    def _failed(self, problem: ExportError) -> None:
        self.saving = False
        self.query_one("#export-progress").display = False
        for button in self.query(Button):
            button.disabled = False
        self._error(problem.text)
        self.query_one("#path").focus()


def open_export(screen: Any, scope: Scope, stem: str) -> None:
    """Open the dialog over `screen`; a notice names the file once it is saved."""
    app = screen.quiz_app

    def done(path: Path | None) -> None:
        if path is not None:
            app.notify(app.t("report_saved", path=str(path)), timeout=15, markup=False)

    app.push_screen(ExportDialog(scope, stem), done)
