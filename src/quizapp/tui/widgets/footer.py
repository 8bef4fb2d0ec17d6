"""The footer of every screen: Textual's Footer without its per-key `compact` binding,
redrawn only when the keys it shows change.

Textual's Footer binds each key's `compact` to its own, so every (re)compose restyles
each key one by one: about 100 ms at start-up for a dozen keys. Our footer is always
compact (see app.tcss), so the keys are made without that binding.

Textual's Footer also rebuilds all its keys on every `refresh_bindings`, and a focus
change sends two of those: a focus move inside a screen (the exam's navigator, a dialog's
buttons) would rebuild the same keys twice. Ours collects the requests of one refresh into
one, does nothing when the shown keys are the same, and relabels its keys in place when
only their labels changed (as many keys, in the same places).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """The keys of the current screen, in the interface language."""

    _shown: tuple[Any, ...] | None = None
    """The keys as last composed: (key, display, description, action, enabled, tooltip)."""
    _update_pending = False

    def _keys(self) -> tuple[Any, ...]:
        active = self.screen.active_bindings
        seen: set[str] = set()
        keys = []
        for _key, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(
                (
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    tooltip,
                )
            )
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                palette = (
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    binding.tooltip or binding.description,
                )
        return (tuple(keys), palette)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._shown = shown = self._keys()
        keys, palette = shown
        for key, display, description, action, enabled, tooltip in keys:
            yield FooterKey(
                key, display, description, action, disabled=not enabled, tooltip=tooltip
            )
        self.styles.grid_size_columns = len(keys) + (1 if self.show_command_palette else 0)
        if palette is not None:
            key, display, description, action, enabled, tooltip = palette
            yield FooterKey(
                key,
                display,
                description,
                action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=tooltip,
            )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._update_pending:
            self._update_pending = True
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        self._update_pending = False
        if not self.is_attached:
            return
        shown = self._keys()
        if shown == self._shown:
            return
        keys, palette = shown
        entries = [*keys, *((palette,) if palette is not None else ())]
        widgets = list(self.query_children(FooterKey))
        old = self._shown
        if (
            old is not None
            and len(old[0]) == len(keys)
            and (old[1] is None) == (palette is None)
            and len(widgets) == len(entries)
        ):
            self._shown = shown
            for widget, entry in zip(widgets, entries, strict=True):
                _relabel(widget, entry)
            return
        await self.recompose()


def _relabel(widget: FooterKey, entry: tuple[Any, ...]) -> None:
    key, display, description, action, enabled, tooltip = entry
    if (widget.key, widget.key_display, widget.description, widget.action) == (
        key,
        display,
        description,
        action,
    ) and widget._disabled == (not enabled):
        return
    drawn = (widget.key_display, widget.description, widget._disabled)
    resized = (
        Content(display + description).cell_length
        != Content(widget.key_display + widget.description).cell_length
    )
    widget.key, widget.key_display, widget.description, widget.action = (
        key,
        display,
        description,
        action,
    )
    widget._disabled = not enabled
    widget.set_class(not enabled, "-disabled")
    widget.tooltip = tooltip or None
    if (display, description, not enabled) == drawn:
        return  # another action under the same label (the navigator's Esc): nothing to draw
    # As wide as before: a repaint of this key; else the footer is laid out again.
    widget.refresh(layout=resized)
