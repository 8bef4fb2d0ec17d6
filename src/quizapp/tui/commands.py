"""The command palette: every action of the app, named "category: Action" in the
interface language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from quizapp.tui.i18n import LANGUAGES

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp


class QuizCommands(Provider):
    """Quizzes, lessons, learner, language, theme, progress, review and help."""

    def _commands(self) -> list[tuple[str, Callable[[], Any]]]:
        app: QuizApp = self.app  # type: ignore[assignment]  # Textual types .app as App[object]; this one is a QuizApp
        from quizapp.model import localize
        from quizapp.tui.lessons import module_title
        from quizapp.tui.quiz_order import by_module

        found: list[tuple[str, Callable[[], Any]]] = []
        if app.catalog is not None:
            # In home's order, so the palette reads as the home screen does.
            quiz_ids = [q for _, ids in by_module(app.catalog, app.content) for q in ids]
            for quiz_id in quiz_ids:
                quiz = app.catalog.quizzes[quiz_id]
                title = localize(quiz.quiz.title, app.lang)
                for mode in ("practice", "exam"):
                    name = app.t("cmd_quiz", title=title, mode=app.t(mode))
                    found.append((name, partial(app.start_quiz, quiz_id, mode)))
        for module_id, module in app.content.items():
            title = module_title(module, app.lang, module_id)
            found.append((app.t("cmd_lesson", title=title), partial(app.open_lesson, module_id)))
        found.append((app.t("cmd_home"), app.action_home))
        found.append((app.t("cmd_progress"), app.action_progress))
        found.append((app.t("cmd_review"), app.action_review))
        found.append((app.t("cmd_learner"), app.action_switch_learner))
        for code, name in LANGUAGES.items():
            found.append((app.t("cmd_language", name=name), partial(app.set_language, code)))
        for theme in sorted(app.available_themes):
            found.append((app.t("cmd_theme", name=theme), partial(setattr, app, "theme", theme)))
        found.append((app.t("cmd_help"), app.action_help))
        return found

    async def discover(self) -> Hits:
        for name, callback in self._commands():
            if name.startswith(("theme", "tema")):
                continue
            yield DiscoveryHit(Content(name), callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                # Quiz titles are authored text: highlight without parsing markup.
                yield Hit(score, _highlight(matcher, name), callback, text=name)


def _highlight(matcher: Any, name: str) -> Content:
    """`Matcher.highlight` without parsing `name` as markup (quiz titles are data)."""
    content = Content(name)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
