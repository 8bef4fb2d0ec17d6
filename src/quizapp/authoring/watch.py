"""Watch one quiz file for saves and load each new version: the core of `quizapp preview`.

Polling the file's status is portable (no inotify/FSEvents dependency) and cheap: a
`stat` per tick, and a load only when the status changed. Editors that save by writing a
new file and renaming it change the inode, which the stamp includes.
"""

from __future__ import annotations

import os
from pathlib import Path

from quizapp.loading import LoadResult, load_quiz

Stamp = tuple[int, int, int]


class QuizFileWatcher:
    """Loads `path` again whenever it changes on disk. Not thread-safe; one poller."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._stamp: Stamp | None = None
        self._digest: str | None = None
        self._started = False

    def _current_stamp(self) -> Stamp | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def poll(self) -> LoadResult | None:
        """The file loaded afresh if it changed since the last poll (or on the first), else None.

        A file that disappears (mid-save, or deleted) is reported once, as a problem.
        """
        stamp = self._current_stamp()
        if self._started and stamp == self._stamp:
            return None
        self._started = True
        self._stamp = stamp
        result = load_quiz(self.path)
        # Same bytes (a `touch`, or an editor saving unchanged text): nothing new to show.
        if result.sha256 and result.sha256 == self._digest:
            return None
        self._digest = result.sha256 or None
        return result
