"""A text box whose editing keys apply in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class InOrderInput(Input):
    """Textual's `Input`, with its own bound keys (backspace, ctrl+u, arrows, Enter) run
    as they arrive.

    `Input` inserts a typed character at once, but a bound key travels up to the app
    before its action runs, so keys that arrive together apply out of order: "ctrl+u 150
    Enter" from tmux left an empty answer (the 150 went in before the line was cleared),
    and a character typed right after Enter could be submitted with the answer
    (textual#6605, fixed the same way in the open textual#6631). Keys arrive together
    from a paste without bracketed paste, a key macro, or a busy served class."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            # Priority bindings ran before the key reached us; ours come next in the
            # chain anyway (the focused widget's first), so only their timing changes.
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)
