"""The server's guards: a throttle on wrong codes and the default session cap."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SESSION_MEMORY = 110 * 1024 * 1024
"""Bytes one learner's app process takes, with room to spare (`python -m benchmarks
serve` measures it: about 75 MB resident on this machine)."""

MAX_DEFAULT_SESSIONS = 400


def available_memory(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Bytes of memory free for new processes (Linux), or None when unknown."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def default_max_sessions(free: int | None = None) -> int:
    """As many sessions as three quarters of free memory holds (50 when unknown)."""
    free = available_memory() if free is None else free
    if free is None:
        return 50
    return max(1, min(MAX_DEFAULT_SESSIONS, int(free * 0.75) // SESSION_MEMORY))


@dataclass(slots=True)
class Throttle:
    """Wrong guesses per key (a client address, a learner's name): after `limit` within
    `window` seconds, the key is refused for `lockout` seconds."""

    limit: int = 5
    window: float = 60.0
    lockout: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _fails: dict[str, list[float]] = field(default_factory=dict)
    _until: dict[str, float] = field(default_factory=dict)

    def blocked(self, key: str) -> float:
        """Seconds until `key` may try again (0 when it may now)."""
        until = self._until.get(key)
        if until is None:
            return 0.0
        left = until - self.clock()
        if left <= 0:
            del self._until[key]
            return 0.0
        return left

    def failed(self, key: str) -> None:
        now = self.clock()
        recent = [t for t in self._fails.get(key, []) if now - t < self.window]
        recent.append(now)
        if len(recent) >= self.limit:
            self._until[key] = now + self.lockout
            recent = []
        self._fails[key] = recent
        if len(self._fails) > 10_000:  # a flood of addresses: forget the oldest
            for old in list(self._fails)[:5_000]:
                del self._fails[old]

    def succeeded(self, key: str) -> None:
        self._fails.pop(key, None)
