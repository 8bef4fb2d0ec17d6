"""The app's small settings file: who used the app last on this machine, the language of
the first frame, the theme. A learner's own language and scores live in the score store,
never here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from pathlib import Path


@dataclasses.dataclass(slots=True)
class Prefs:
    """What the app remembers between runs."""

    learner: str | None = None
    """The learner who used the app last; None until the first run is done."""
    learners: dict[str, str] = dataclasses.field(default_factory=dict)
    """Learners' languages from a settings file older than the score store's, moved into
    the store once (the app does it when the store opens) and then dropped from here."""
    theme: str | None = None
    """The Textual theme chosen in the palette."""
    lang: str | None = None
    """The interface language of the last run: only what the first frame speaks, before
    the score store (which holds the learner's own language) is open."""

    @property
    def language(self) -> str | None:
        if self.lang:
            return self.lang
        return self.learners.get(self.learner) if self.learner else None


def load_prefs(path: Path) -> Prefs:
    """The saved settings, or fresh ones when the file is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Prefs()
    if not isinstance(data, dict):
        return Prefs()
    learners = data.get("learners")
    learners = {str(k): str(v) for k, v in learners.items()} if isinstance(learners, dict) else {}
    learner = data.get("learner")
    theme = data.get("theme")
    lang = data.get("lang")
    return Prefs(
        learner if isinstance(learner, str) and learner.strip() else None,
        learners,
        theme if isinstance(theme, str) else None,
        lang if isinstance(lang, str) else None,
    )


def save_prefs(path: Path, prefs: Prefs) -> None:
    """Write the settings atomically, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = dataclasses.asdict(prefs)
    if not prefs.learners:
        del data["learners"]  # moved into the score store: nothing left to migrate
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with contextlib.suppress(OSError):
        os.replace(tmp, path)
