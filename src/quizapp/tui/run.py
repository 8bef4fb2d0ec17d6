"""Start the app from the command line: settings from the environment, then `App.run`."""

from __future__ import annotations

from quizapp.tui.app import make_app


def run_app(data_dir: str | None = None, lang: str | None = None) -> int:
    """Open the app on the user's data folder; returns the exit code."""
    app = make_app(data_dir=data_dir, lang=lang)
    app.run()
    return app.return_code or 0
