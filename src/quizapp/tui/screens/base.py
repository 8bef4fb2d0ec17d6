"""What every screen of the app shares: footer keys in the interface language."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from quizapp.tui.i18n import has, t

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp


def _translated(
    bindings: dict[str, ActiveBinding], lang: str, label: Any = None
) -> dict[str, ActiveBinding]:
    # Binding descriptions are i18n keys, looked up at draw time so a switch shows at once.
    out: dict[str, ActiveBinding] = {}
    for key, active in bindings.items():
        binding = active.binding
        description = label(binding) if label else binding.description
        if not has(description) and has(description.lower()):
            description = description.lower()  # the app's own keys, written in English
        if has(description):
            binding = dataclasses.replace(binding, description=t(description, lang))
        out[key] = active._replace(binding=binding)
    return out


class AppScreen(Screen[Any]):
    """A full screen of the app."""

    @property
    def quiz_app(self) -> QuizApp:
        return self.app  # type: ignore[return-value]

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return _translated(self.chain_bindings(), self.quiz_app.lang, self.binding_label)

    def chain_bindings(self) -> dict[str, ActiveBinding]:
        """The keys of the focus chain, as Textual finds them; a screen may hold them."""
        return Screen.active_bindings.fget(self)  # type: ignore[attr-defined,no-any-return]

    def binding_label(self, binding: Any) -> str:
        """The i18n key of a footer label; screens vary it with their state."""
        return str(binding.description)

    def relabel(self) -> None:
        """Redraw every string for a new interface language."""


class AppModal(ModalScreen[Any]):
    """A dialog of the app."""

    @property
    def quiz_app(self) -> QuizApp:
        return self.app  # type: ignore[return-value]

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return _translated(super().active_bindings, self.quiz_app.lang)

    def on_mount(self) -> None:
        # Its own keys, over the footer of the screen beneath (which shows that screen's).
        from quizapp.tui.widgets.footer import KeysFooter

        self.mount(KeysFooter(show_command_palette=False))
        self.call_after_refresh(self.refresh_bindings)

    def relabel(self) -> None:
        """Redraw every string for a new interface language."""
