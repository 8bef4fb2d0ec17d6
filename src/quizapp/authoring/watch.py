"""Watch one quiz file for saves and load each new version: the core of `quizapp preview`.

Polling the file's status is portable (no inotify/FSEvents dependency) and cheap: a
`stat` per tick, and a load only when the status changed. Editors that save by writing a
new file and renaming it change the inode, which the stamp includes.

A save is loaded once it has settled: the same status on two polls in a row, and not
changed while it was read. An editor that truncates the file and then writes it would
otherwise be caught in between, and the author would see "the file is empty" flash by.
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
        """The status of the version last loaded."""
        self._settling: Stamp | None = None
        """A new status seen on the last poll, loaded if the next poll sees it again."""
        self._digest: str | None = None
        self._started = False

    def _current_stamp(self) -> Stamp | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def poll(self) -> LoadResult | None:
        """The file loaded afresh if it changed and has settled (or on the first poll), else None.

        A file that disappears (mid-save, or deleted) and stays away is reported once, as
        a problem.
        """
        stamp = self._current_stamp()
        if self._started:
            if stamp == self._stamp:
                self._settling = None
                return None
            if stamp != self._settling:
                self._settling = stamp
                return None
        result = load_quiz(self.path)
        if self._current_stamp() != stamp:
            # Written to while it was read: what was read may be half of it.
            self._settling = None
            return None
        self._started = True
        self._stamp = stamp
        self._settling = None
        # Same bytes (a `touch`, or an editor saving unchanged text): nothing new to show.
        if result.sha256 and result.sha256 == self._digest:
            return None
        self._digest = result.sha256 or None
        return result
