"""The footer of every screen: Textual's Footer without its per-key `compact` binding,
rebuilt only when its keys change.

Textual's Footer binds each key's `compact` to its own, so every (re)compose restyles
each key one by one: about 100 ms at start-up for a dozen keys. Our footer is always
compact (see app.tcss), so the keys are made without that binding.

Textual also rebuilds the footer whenever the screen's bindings may have changed (every
focus change, every `refresh_bindings`), nearly always to the same keys: each rebuild
removes, makes and styles every key again. Ours compares first.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

_Key = tuple[str, str, str, str, bool, str, str]
"""What a shown key is made of: key, its display, description, action, disabled,
tooltip, classes."""


class KeysFooter(Footer):
    """The keys of the current screen, in the interface language."""

    _shown: tuple[_Key, ...] | None = None
    """The keys the footer holds now; None before its first compose."""

    def _keys(self) -> tuple[_Key, ...]:
        active = self.screen.active_bindings
        seen: set[str] = set()
        keys: list[_Key] = []
        for _key, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            display = self.app.get_key_display(binding)
            keys.append(
                (
                    binding.key,
                    display,
                    binding.description,
                    binding.action,
                    not enabled,
                    tooltip,
                    "",
                )
            )
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found: Any = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                keys.append(
                    (
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        not enabled,
                        binding.tooltip or binding.description,
                        "-command-palette",
                    )
                )
        return tuple(keys)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys = self._keys()
        self._shown = keys
        palette = sum(1 for key in keys if key[6])
        # The palette's column is kept when it is asked for, as Textual's footer does.
        self.styles.grid_size_columns = (
            len(keys) - palette + (1 if self.show_command_palette else 0)
        )
        for key, display, description, action, disabled, tooltip, classes in keys:
            yield FooterKey(
                key,
                display,
                description,
                action,
                classes=classes,
                disabled=disabled,
                tooltip=tooltip,
            )

    def bindings_changed(self, screen: Screen) -> None:
        if (
            self._shown is not None
            and screen.app.app_focus
            and self.is_attached
            and screen is self.screen
            and self._keys() == self._shown
        ):
            return  # the same keys: nothing to rebuild
        super().bindings_changed(screen)
