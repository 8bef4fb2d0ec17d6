"""Writes that run again, whole, when the database gave their transaction up.

PostgreSQL at SERIALIZABLE aborts a transaction that could not be ordered after another
(SQLSTATE 40001) or was chosen to break a deadlock (40P01); the right answer is to run
it again from the start, since what it wrote depended on what it read. SQLite's writers
queue for the lock instead, so on SQLite nothing here ever fires.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from quizapp.i18n import Message
from quizapp.store.errors import StoreError


class RetryTransaction(Exception):
    """The database gave up a transaction that may succeed if run again (PostgreSQL's
    serialisation failures and deadlocks): `retried` runs the method again. `lost`: the
    connection was lost under an idempotent write, which runs again once only."""

    def __init__(self, reason: str, *, lost: bool = False) -> None:
        super().__init__(reason)
        self.lost = lost


_RETRY_FOR = 60.0
"""Seconds a write keeps being retried after serialisation failures before it fails."""

_P = ParamSpec("_P")
_R = TypeVar("_R")


def retried(method: Callable[Concatenate[Any, _P], _R]) -> Callable[Concatenate[Any, _P], _R]:
    """Run a writing method again, whole, when its transaction was given up as a
    serialisation failure or a deadlock (PostgreSQL; SQLite's writers queue instead).
    The whole method, since what it wrote depends on what it read."""

    @functools.wraps(method)
    def run(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        # Per thread: the class-mode server shares one store between threads.
        depth = self._retry_depth
        outer = not getattr(depth, "n", 0)
        depth.n = 1 if outer else depth.n + 1
        deadline = None
        delay = 0.002
        reconnected = False
        try:
            while True:
                try:
                    return method(self, *args, **kwargs)
                except RetryTransaction as exc:
                    if not outer:
                        raise  # the outermost method runs again
                    if exc.lost:
                        if reconnected:
                            raise StoreError(
                                self.path, Message("store.lost_again", path=self.path, why=exc)
                            ) from None
                        reconnected = True
                        continue  # at once, on a new connection
                    now = time.monotonic()
                    deadline = deadline or now + _RETRY_FOR
                    if now > deadline:
                        raise StoreError(
                            self.path, Message("store.too_busy", path=self.path, why=exc)
                        ) from None
                    # Jittered backoff: two writers that collided should not collide again.
                    time.sleep(delay * (0.5 + random.random()))
                    delay = min(delay * 2, 0.2)
        finally:
            depth.n -= 1

    return run
