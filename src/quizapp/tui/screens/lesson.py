"""A learning module's key points as Markdown, with its quizzes beside them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.model import localize
from quizapp.tui.lessons import key_points, module_title
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.screens.home import ModePicker
from quizapp.tui.widgets.footer import KeysFooter
from quizapp.tui.widgets.text import styled

if TYPE_CHECKING:
    from quizapp.engine.recording import Mode


class LessonScreen(AppScreen):
    """Read first, then take a quiz."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("p", "start('practice')", "practice"),
        Binding("e", "start('exam')", "exam"),
    ]

    def __init__(self, module_id: str, point: str | None = None) -> None:
        super().__init__()
        self.module_id = module_id
        self.point = point
        """A key point's id to open the lesson at (from the results), or None."""

    def compose(self) -> ComposeResult:
        yield Static(id="lesson-bar", classes="title-bar")
        with Horizontal(id="lesson-body"):
            with VerticalScroll(id="lesson-scroll"):
                yield Markdown(id="lesson-text")
            with Vertical(id="lesson-side"):
                yield Static(id="lesson-quizzes-label", classes="side-label")
                yield OptionList(id="lesson-quizzes")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#lesson-scroll").focus()

    @on(Markdown.TableOfContentsUpdated)
    def _lesson_laid_out(self) -> None:
        # The lesson's headings exist now: scroll to the key point once they are placed.
        if self.point is not None:
            self.call_after_refresh(self._go_to_point)

    def _go_to_point(self, tries: int = 60) -> None:
        """Scroll to the key point's heading once the Markdown has been laid out."""
        module = self.quiz_app.content.get(self.module_id)
        heading = next(
            (h for pid, h, _b in key_points(module, self.quiz_app.lang) if pid == self.point),
            None,
        )
        if heading is None:
            return
        markdown = self.query_one("#lesson-text", Markdown)
        for _level, title, header_id in markdown.table_of_contents:
            if title == heading and header_id:
                header = self.query_one(f"#{header_id}")
                if header.virtual_region.height:  # laid out (on screen or not)
                    scroll = self.query_one("#lesson-scroll", VerticalScroll)
                    scroll.scroll_to_widget(header, top=True, animate=False)
                    return
                break
        if tries:
            self.set_timer(0.05, lambda: self._go_to_point(tries - 1))
        else:
            self.point = None  # never found: leave the reader where they are

    def _quiz_ids(self) -> list[str]:
        catalog = self.quiz_app.catalog
        if catalog is None:
            return []
        from quizapp.tui.quiz_order import ordered

        ids = [q for q, quiz in catalog.quizzes.items() if quiz.quiz.module == self.module_id]
        # The order home lists them in.
        return ordered(ids, catalog, self.quiz_app.content)

    def relabel(self) -> None:
        app = self.quiz_app
        lang = app.lang
        module = app.content.get(self.module_id)
        title = module_title(module, lang, self.module_id)
        self.query_one("#lesson-bar", Static).update(
            styled("[b]$lesson[/b]  ·  $title", lesson=app.t("lesson"), title=title)
        )
        points = key_points(module, lang) if module is not None else []
        if points:
            # Lesson text is Markdown by design; Markdown never parses Textual markup.
            info = getattr(module, "module", None)
            summary = localize(getattr(info, "summary", None), lang)
            parts = [f"# {_md_escape(title)}"]
            if summary:
                parts.append(summary)
            for _pid, heading, body in points:
                parts.append(f"## {_md_escape(heading)}\n\n{body}")
            source = getattr(info, "source", None)
            if source is not None:
                cite = ", ".join(str(x) for x in (source.outlet, source.dateline, source.date) if x)
                parts.append(f"---\n\n*{_md_escape(cite)}*")
            text = "\n\n".join(parts)
        else:
            text = app.t("no_lesson")
        self.query_one("#lesson-text", Markdown).update(text)
        self.query_one("#lesson-quizzes-label", Static).update(Content(app.t("lesson_quizzes")))
        quizzes = self.query_one("#lesson-quizzes", OptionList)
        keep = quizzes.highlighted
        quizzes.clear_options()
        for n, quiz_id in enumerate(self._quiz_ids()):
            quiz = app.catalog.quizzes[quiz_id]  # type: ignore[union-attr]  # opens only once the catalog is loaded
            if n:
                quizzes.add_option(None)  # a rule between titles that wrap
            quizzes.add_option(Option(Content(localize(quiz.quiz.title, lang)), id=quiz_id))
        quizzes.highlighted = keep if keep is not None else (0 if quizzes.option_count else None)

    def catalog_ready(self) -> None:
        self.relabel()

    def _selected(self) -> str | None:
        quizzes = self.query_one("#lesson-quizzes", OptionList)
        if quizzes.highlighted is None:
            return None
        return quizzes.get_option_at_index(quizzes.highlighted).id

    @on(OptionList.OptionSelected, "#lesson-quizzes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.push_screen(ModePicker(event.option.id))

    def action_start(self, mode: Mode) -> None:
        quiz_id = self._selected()
        if quiz_id:
            self.quiz_app.start_quiz(quiz_id, mode)


def _md_escape(text: str) -> str:
    """Keep a heading's own characters from being read as Markdown syntax."""
    return "".join("\\" + c if c in "\\`*_[]<>#" else c for c in text)
