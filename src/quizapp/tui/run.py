"""Start the app from the command line: settings from the environment, then `App.run`."""

from __future__ import annotations

from typing import Any

from quizapp.tui.app import make_app


def run_app(data_dir: str | None = None, lang: str | None = None, **options: Any) -> int:
    """Open the app on the user's data folder; returns the exit code. `options` go to
    `make_app` (`quizapp take QUIZ` opens a quiz: its catalog, content and start)."""
    app = make_app(data_dir=data_dir, lang=lang, **options)
    app.run()
    return app.return_code or 0
