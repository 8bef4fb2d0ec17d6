"""The Textual front end: the only layer that imports textual."""

from quizapp.tui.safe_text import install as _install_safe_text

# Before any widget shows any text: control characters in data are shown, never obeyed.
_install_safe_text()
