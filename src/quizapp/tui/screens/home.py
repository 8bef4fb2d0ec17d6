"""Home: the modules and their quizzes, scores, due reviews, and an unfinished attempt."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quizapp.tui.lessons import module_title
from quizapp.tui.screens.base import AppModal, AppScreen
from quizapp.tui.widgets.text import localize, styled

if TYPE_CHECKING:
    from quizapp.engine.recording import Mode
    from quizapp.tui.app import QuizApp


@dataclasses.dataclass(frozen=True, slots=True)
class HomeStats:
    """What the home screen shows of one learner's past."""

    learner: str
    scores: dict[str, tuple[float | None, float | None]]
    """Best and last score fraction per quiz id."""
    due: list[tuple[str, str]]
    waiting: list[Any]
    """Every unfinished attempt, rebuilt, newest first."""
    timed_out: list[Any] = dataclasses.field(default_factory=list)
    """Timed attempts whose time ran out while the learner was away: submitted with what
    they had when home loaded, offered as results (never reopened at 0:00)."""


class StatsLoaded(Message):
    """A worker gathered the home screen's numbers."""

    def __init__(self, stats: HomeStats) -> None:
        super().__init__()
        self.stats = stats


def percent(fraction: float | None, lang: str) -> str:
    """A score as the interface language writes it (CLDR: Babel loads on first use, after
    the first frame: scores arrive with the store, never before the quiz list)."""
    if fraction is None:
        return "–"
    from quizapp import cldr

    return cldr.percent(fraction, lang)


def quiz_size(app: QuizApp, quiz_id: str) -> str:
    """ "7 questions", or "20 of 63 questions" when each attempt draws from a pool."""
    from quizapp.tui.quiz_order import question_counts

    asked, pool = question_counts(app.catalog, quiz_id)
    return (
        app.t("questions_of", n=asked, total=pool)
        if asked < pool
        else app.t("questions_n", n=asked)
    )


class HomeScreen(AppScreen):
    """Where every run starts once a learner is known."""

    lists_catalog = True
    """Home asks the app for the score store once its quiz list is drawn."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # p, e and l are shown beside the chosen quiz rather than in the footer.
        Binding("p", "start('practice')", "practice", show=False),
        Binding("e", "start('exam')", "exam", show=False),
        Binding("l", "lesson", "lesson", show=False),
        Binding("r", "resume", "resume"),
        Binding("v", "app.review", "review"),
        Binding("g", "app.progress", "progress"),
        Binding("s", "app.switch_learner", "learner"),
        Binding("q", "app.quit", "quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="home-title", classes="title-bar")
        # Scores not being saved (the store cannot be used): shown until it can.
        yield Static(id="store-banner")
        yield Static(id="resume-banner")
        yield Static(id="files-banner")
        if self.quiz_app.catalog is not None:
            yield self._body()
        else:
            # The list has nothing to show until the catalog is loaded, and building it
            # costs a tenth of a cold start: the first frame says it is loading instead.
            yield Static(Content(self.quiz_app.t("loading")), id="home-loading")

    def _body(self) -> Horizontal:
        return Horizontal(
            OptionList(id="quizzes"),
            VerticalScroll(Static(id="detail"), id="quiz-detail"),
            id="home-body",
        )

    @property
    def _has_body(self) -> bool:
        return bool(self.query("#home-body"))

    def on_mount(self) -> None:
        self._ids: list[str | None] = []
        self.stats: HomeStats | None = None
        """The learner's scores, due reviews and unfinished attempt, from a worker."""
        self.relabel()
        if self._has_body:
            self.query_one("#quizzes").focus()
        self.load_stats()
        self.set_interval(1, self._tick_timed)
        # The footer's keys cost a restyle each: the first frame goes out without them,
        # and while the quiz list is coming, the list goes first (`_list_drawn`).
        if self._has_body:
            self.call_after_refresh(self._mount_footer)

    async def _mount_footer(self) -> None:
        # Imported here: the footer (and Textual's) are not on the first frame.
        from quizapp.tui.widgets.footer import KeysFooter

        footer = KeysFooter()
        await self.mount(footer)
        # The screen announced its keys before this footer listened: hand them over.
        footer.bindings_changed(self)

    def _unfinished(self, quiz_id: str) -> str:
        """The quiz's unfinished attempt, for its detail: how far it got and, timed, the
        time left; empty when there is none."""
        waiting = self.stats.waiting if self.stats is not None else []
        attempt = next((a for a in waiting if a.quiz_id == quiz_id), None)
        if attempt is None:
            return ""
        app = self.quiz_app
        facts = resume_facts(app, attempt)
        text = app.t("detail_unfinished", done=facts["done"], total=facts["total"])
        left = attempt.remaining()
        if left is not None:
            text += " · " + app.t("time_left", time=clock_text(int(left.total_seconds())))
        return text

    def _tick_timed(self) -> None:
        # An unfinished timed exam's time left counts down here too; run out, it is
        # submitted (by the reload) and offered as results.
        waiting = self.stats.waiting if self.stats is not None else []
        # Only while home is on top: `is_current` also holds for a screen seen behind
        # another, and an exam open over home is timed by its own screen.
        if self.app.screen is not self or not any(a.deadline is not None for a in waiting):
            return
        if any(a.overdue() for a in waiting):
            self.load_stats()
        else:
            self._show_banner()
            self._show_detail()

    def on_screen_resume(self) -> None:
        # Back from a quiz or a dialog: scores and the resume offer may have changed.
        if getattr(self, "stats", None) is not None or self.quiz_app.ready:
            self.load_stats()

    def catalog_ready(self) -> None:
        if self._has_body:
            self.relabel()
            self.load_stats()
            self.call_after_refresh(self.quiz_app.store_soon)
        else:
            self.call_later(self._show_body)

    async def _show_body(self) -> None:
        if self._has_body:
            return
        # One frame for the swap: without the batch, the awaits let a layout and a frame
        # go out with neither the "Loading…" line nor the list.
        with self.app.batch_update():
            await self.query("#home-loading").remove()
            await self.mount(self._body(), after="#files-banner")
            self.relabel()
            self.query_one("#quizzes").focus()
        self.load_stats()
        # The list is drawn in the next frame; only then come the store and the footer.
        self.call_after_refresh(self._list_drawn)
        # And that frame is now, once the new widgets' own messages are in: not at the
        # screen's next update tick, up to a 60th of a second away (4 to 7 ms at start-up;
        # the list is what the learner waits for). `_on_timer_update` is that tick's own
        # work (Textual is pinned): it lays out and draws what is dirty, then pauses.
        self.call_later(self._on_timer_update)

    async def _list_drawn(self) -> None:
        self.quiz_app.store_soon()
        if not self.query("KeysFooter"):
            await self._mount_footer()

    @work(thread=True, exclusive=True, group="home-stats")
    def load_stats(self) -> None:
        app = self.quiz_app
        history, catalog = app.history, app.catalog
        if history is None or catalog is None:
            return
        from quizapp.tui.history import best_and_last

        learner = app.learner
        # An attempt open on a screen of this app is that screen's to time out and show:
        # submitted here, the exam screen would never show its results.
        open_ids = {
            attempt.id
            for screen in list(app.screen_stack)
            if (attempt := getattr(getattr(screen, "session", None), "attempt", None))
        }
        waiting = history.interrupted(learner, catalog, app.clock)
        timed_out = [a for a in waiting if a.overdue() and a.id not in open_ids]
        for attempt in timed_out:
            attempt.submit("time_up")  # with what it had, drafts included
        scores = {q: best_and_last(history.attempts(learner, q)) for q in catalog.quizzes}
        stats = HomeStats(
            learner,
            scores,
            history.due(learner),
            [a for a in waiting if all(a is not t for t in timed_out)],
            timed_out,
        )
        self.post_message(StatsLoaded(stats))

    @on(StatsLoaded)
    def _stats_loaded(self, message: StatsLoaded) -> None:
        if message.stats.learner != self.quiz_app.learner:
            return  # stale: the learner switched while it loaded
        self.stats = message.stats
        self.relabel()

    # -- drawing ---------------------------------------------------------------------

    def relabel(self) -> None:
        app = self.quiz_app
        stats = self.stats
        title = styled("[b]$hello[/b]", hello=app.t("hello", name=app.learner))
        if stats is not None and stats.due:
            title += Content("  ·  " + app.t("due_n", n=len(stats.due)))
        self.query_one("#home-title", Static).update(title)
        waiting = self._show_banner()
        unsaved = self.query_one("#store-banner", Static)
        unsaved.display = not app.scores_kept
        if unsaved.display:
            unsaved.update(Content(app.t("unsaved_banner")))
        broken = broken_files(app)
        files = self.query_one("#files-banner", Static)
        files.display = bool(broken)
        if broken:
            shown = ", ".join(broken[:3]) + (", …" if len(broken) > 3 else "")
            files.update(Content(app.t("broken_files", n=len(broken), files=shown)))
        # The footer is rebuilt only when a key comes or goes (resume, lesson).
        offered = bool(waiting) or bool(stats is not None and stats.timed_out)
        keys = (offered, bool(app.content))
        if keys != getattr(self, "_keys", None):
            self._keys = keys
            self.refresh_bindings()
        if self._has_body:
            self._fill_list()
        else:
            self.query_one("#home-loading", Static).update(Content(app.t("loading")))

    def _show_banner(self) -> list[Any]:
        """The unfinished quizzes' line (a timed one with its time left, counting down);
        returns the attempts waiting."""
        app = self.quiz_app
        stats = self.stats
        banner = self.query_one("#resume-banner", Static)
        waiting = stats.waiting if stats is not None else []
        timed_out = stats.timed_out if stats is not None else []
        if timed_out:
            facts = resume_facts(app, timed_out[0])
            banner.update(Content(app.t("timed_out_away", title=facts["title"])))
        elif len(waiting) == 1:
            facts = resume_facts(app, waiting[0])
            left = waiting[0].remaining()
            if left is not None:
                # A timed exam's clock runs while the learner is away: say how much is left.
                facts["time"] = clock_text(int(left.total_seconds()))
                banner.update(Content(app.t("interrupted_timed", **facts)))
            else:
                banner.update(Content(app.t("interrupted", **facts)))
        elif waiting:
            banner.update(Content(app.t("interrupted_many", n=len(waiting))))
        banner.display = bool(waiting or timed_out)
        return waiting

    def _scores(self, quiz_id: str) -> tuple[float | None, float | None]:
        if self.stats is None:
            return None, None
        return self.stats.scores.get(quiz_id, (None, None))

    def _fill_list(self) -> None:
        app = self.quiz_app
        quizzes = self.query_one("#quizzes", OptionList)
        keep = quizzes.highlighted
        quizzes.clear_options()
        self._ids = []
        if app.catalog is None:
            quizzes.add_option(Option(Content(app.t("loading")), disabled=True))
            self._ids.append(None)
            self._show_detail()
            return
        options: list[Option | None] = []
        from quizapp.tui.quiz_order import GENERATED, by_module, quiz_kind

        for module_id, quiz_ids in by_module(app.catalog, app.content):
            if module_id is None:
                heading = app.t("other_quizzes")
            else:
                module = app.content.get(module_id)
                heading = module_title(module, app.lang, module_id)
            # Headings hang out to the left of the (indented) quizzes; see app.tcss.
            options.append(Option(styled("[b $accent]$h[/]", h=heading), disabled=True))
            self._ids.append(None)
            for quiz_id in quiz_ids:
                generated = quiz_kind(app.catalog.quizzes[quiz_id]) == GENERATED
                options.append(Option(self._quiz_line(quiz_id, generated), id=quiz_id))
                self._ids.append(quiz_id)
        if not app.catalog.quizzes:
            options.append(Option(Content(app.t("no_quizzes")), disabled=True))
            self._ids.append(None)
        quizzes.add_options(options)
        first = next((i for i, q in enumerate(self._ids) if q), None)
        if keep is not None and keep < len(self._ids) and self._ids[keep]:
            quizzes.highlighted = keep
        else:
            quizzes.highlighted = first
        self._show_detail()

    def _quiz_line(self, quiz_id: str, generated: bool = False) -> Content:
        app = self.quiz_app
        quiz = app.catalog.quizzes[quiz_id]  # type: ignore[union-attr]  # listed from the loaded catalog
        best, _last = self._scores(quiz_id)
        stats = quiz_size(app, quiz_id)
        if generated:
            # Said plainly: a generated bank repeats the module fact by fact.
            stats = app.t("generated") + " · " + stats
        if best is not None:
            stats += " · " + app.t("best", score=percent(best, app.lang))
        return styled(
            "$title\n[dim]$stats[/dim]", title=localize(quiz.quiz.title, app.lang), stats=stats
        )

    @property
    def selected_quiz(self) -> str | None:
        if not self._has_body:
            return None
        index = self.query_one("#quizzes", OptionList).highlighted
        if index is None or index >= len(self._ids):
            return None
        return self._ids[index]

    @on(OptionList.OptionHighlighted, "#quizzes")
    def _show_detail(self) -> None:
        app = self.quiz_app
        detail = self.query_one("#detail", Static)
        quiz_id = self.selected_quiz
        if quiz_id is None or app.catalog is None:
            # Warnings (an unfinished scaffold) leave a quiz usable: only errors count.
            problems = (
                len({p.file for p in app.catalog.problems if p.severity == "error"})
                if app.catalog
                else 0
            )
            detail.update(Content(app.t("quiz_problems", n=problems)) if problems else "")
            return
        quiz = app.catalog.quizzes[quiz_id]
        info = quiz.quiz
        best, last = self._scores(quiz_id)
        facts = [quiz_size(app, quiz_id)]
        facts.append(app.t("pass_mark", pct=percent(info.pass_mark, app.lang)))
        if info.time_limit:
            facts.append(app.t("time_limit", time=clock_text(info.time_limit)))
        unfinished = self._unfinished(quiz_id)
        if best is not None:
            scores = (
                app.t("best", score=percent(best, app.lang))
                + " · "
                + app.t("last", score=percent(last, app.lang))
            )
            if unfinished:
                scores += "\n" + unfinished
        else:
            # Begun and not finished is not "not taken yet".
            scores = unfinished or app.t("not_taken")
        due = sum(1 for q, _ in self.stats.due if q == quiz_id) if self.stats else 0
        lines = styled(
            "[b]$title[/b]\n$description\n\n$facts\n$scores",
            title=localize(info.title, app.lang),
            description=localize(info.description, app.lang),
            facts=" · ".join(facts),
            scores=scores,
        )
        if due:
            lines += Content("\n" + app.t("due_n", n=due))
        keys = [
            f"Enter {app.t('pick_mode_key')}",
            f"p {app.t('practice')}",
            f"e {app.t('exam')}",
        ]
        if info.module in app.content:
            keys.append(f"l {app.t('lesson')}")
        lines += styled("\n\n[dim]$keys[/dim]", keys="  ·  ".join(keys))
        detail.update(lines)

    # -- actions -----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#quizzes")
    def _chosen(self) -> None:
        quiz_id = self.selected_quiz
        if quiz_id is not None:
            self.app.push_screen(ModePicker(quiz_id))

    def action_start(self, mode: Mode) -> None:
        quiz_id = self.selected_quiz
        if quiz_id is not None:
            self.quiz_app.start_quiz(quiz_id, mode)

    def action_lesson(self) -> None:
        app = self.quiz_app
        quiz_id = self.selected_quiz
        module_id = app.catalog.quizzes[quiz_id].quiz.module if quiz_id and app.catalog else None
        if module_id is None and app.content:
            module_id = next(iter(app.content))
        if module_id is not None and module_id in app.content:
            app.open_lesson(module_id)

    def action_resume(self) -> None:
        if self.stats is not None and self.stats.timed_out:
            # Time ran out while away: its results, not the questions.
            from quizapp.tui.screens.results import ResultsScreen
            from quizapp.tui.session import Session

            attempt, *rest = self.stats.timed_out
            self.stats = dataclasses.replace(self.stats, timed_out=rest)
            self.relabel()
            self.app.push_screen(ResultsScreen(Session(attempt)))
            return
        waiting = self.stats.waiting if self.stats is not None else []
        if len(waiting) == 1:
            self._resume(waiting[0])
        elif waiting:
            self.app.push_screen(ResumePicker(waiting), self._resume)

    def _resume(self, attempt: Any) -> None:
        if attempt is None or self.stats is None:
            return
        # Offered no more until home reloads: it is open on the quiz screen now.
        others = [a for a in self.stats.waiting if a is not attempt]
        self.stats = dataclasses.replace(self.stats, waiting=others)
        self.quiz_app.open_session(attempt)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            stats = getattr(self, "stats", None)
            return stats is not None and bool(stats.waiting or stats.timed_out)
        if action == "lesson":
            return bool(self.quiz_app.content)
        return True


def broken_files(app: Any) -> list[str]:
    """The names of the quiz files that could not be loaded (errors, not warnings), so
    that a broken file is named on home rather than silently missing."""
    if app.catalog is None:
        return []
    from pathlib import Path

    files = {p.file for p in app.catalog.problems if p.severity == "error" and p.file}
    return sorted(Path(f).name for f in files)


def resume_facts(app: Any, attempt: Any, lang: str | None = None) -> dict[str, Any]:
    """An unfinished attempt's title (in `lang`, else the interface language) and how far
    it got, for "Title (3 / 7)"."""
    from quizapp.tui.session import Session

    session = Session(attempt)
    return {
        "title": session.title(lang or app.lang),
        "done": session.answered_count(),
        "total": len(session.items),
    }


def clock_text(seconds: int) -> str:
    """Seconds as m:ss or h:mm:ss."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ModePicker(AppModal):
    """Practice or exam, for one quiz."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "back")]

    def __init__(self, quiz_id: str) -> None:
        super().__init__()
        self.quiz_id = quiz_id

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(classes="dialog"):
            yield Static(id="mode-title")
            yield OptionList(id="modes")

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#modes").focus()

    def relabel(self) -> None:
        app = self.quiz_app
        quiz = app.catalog.quizzes[self.quiz_id]  # type: ignore[union-attr]  # picked from the loaded catalog
        self.query_one("#mode-title", Static).update(
            Content(app.t("pick_mode", title=localize(quiz.quiz.title, app.lang)))
        )
        modes = self.query_one("#modes", OptionList)
        keep = modes.highlighted or 0
        modes.clear_options()
        for mode in ("practice", "exam"):
            modes.add_option(
                Option(
                    styled("[b]$m[/b]\n[dim]$h[/dim]", m=app.t(mode), h=app.t(f"{mode}_help")),
                    id=mode,
                )
            )
        modes.highlighted = keep

    @on(OptionList.OptionSelected, "#modes")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss()
        self.quiz_app.start_quiz(self.quiz_id, event.option.id)  # type: ignore[arg-type]  # the option ids are the modes


class ResumePicker(AppModal):
    """Which of several unfinished attempts to resume; dismisses with it, or None.
    `d` drops the chosen one (after asking): it is never offered again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "back"),
        Binding("d", "drop", "drop"),
    ]

    def __init__(self, attempts: list[Any]) -> None:
        super().__init__()
        self.attempts = attempts

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(classes="dialog"):
            yield Static(id="resume-title")
            yield OptionList(id="unfinished")

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#unfinished").focus()

    def relabel(self) -> None:
        app = self.quiz_app
        self.query_one("#resume-title", Static).update(Content(app.t("resume_pick")))
        options = self.query_one("#unfinished", OptionList)
        keep = options.highlighted or 0
        options.clear_options()
        for attempt in self.attempts:
            # Titles are authored text: Content, never markup.
            line = app.t("resume_line", **resume_facts(app, attempt))
            left = attempt.remaining()
            if left is not None:  # a timed exam: its clock runs on
                line += "  ·  " + app.t("time_left", time=clock_text(int(left.total_seconds())))
            options.add_option(Option(Content(line)))
        options.highlighted = keep

    @on(OptionList.OptionSelected, "#unfinished")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.attempts[event.option_index])

    def action_drop(self) -> None:
        from quizapp.tui.i18n import t
        from quizapp.tui.screens.quiz import Confirm

        index = self.query_one("#unfinished", OptionList).highlighted
        if index is None or index >= len(self.attempts):
            return
        attempt = self.attempts[index]
        app = self.quiz_app

        def answered(yes: bool | None) -> None:
            if yes:
                self._drop(attempt)

        # Asked per language, so F2 in the dialog relabels it too.
        self.app.push_screen(
            Confirm(lambda lang: t("drop_confirm", lang, **resume_facts(app, attempt, lang))),
            answered,
        )

    @work(thread=True, group="resume-drop")
    def _drop(self, attempt: Any) -> None:
        app = self.quiz_app
        if app.history is not None:
            app.history.abandon(app.learner, attempt)
        self.app.call_from_thread(self._dropped, attempt)

    def _dropped(self, attempt: Any) -> None:
        self.attempts = [a for a in self.attempts if a is not attempt]
        # The banner beneath counts them: home reads the store again.
        for screen in self.app.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.load_stats()
        if not self.attempts:
            self.dismiss(None)
            return
        options = self.query_one("#unfinished", OptionList)
        if (options.highlighted or 0) >= len(self.attempts):
            options.highlighted = len(self.attempts) - 1
        self.relabel()
