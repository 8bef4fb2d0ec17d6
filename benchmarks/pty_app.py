"""Run a terminal program in a real pseudo-terminal and time what it draws.

Shared by the TUI benchmarks: start a process on a pty of a fixed size, send keys, and
wait until a given text appears on screen (escape sequences stripped).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import time

_ESCAPES = re.compile(
    rb"\x1b(\[[0-9;?<>=$ ]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>NOM78])"
)


class PtyApp:
    """A child process on a pseudo-terminal of `columns` x `rows`."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str] | None = None,
        columns: int = 80,
        rows: int = 24,
    ) -> None:
        self.argv = argv
        self.env = dict(os.environ if env is None else env, TERM="xterm-256color")
        self.size = (rows, columns)
        self.pid = -1
        self.fd = -1
        self.screen = b""
        """Everything drawn so far, escape sequences removed."""
        self.cpu = 0.0
        """CPU seconds (user and system) the child used until `stop()` ended it."""

    def start(self) -> float:
        """Start the child; returns the monotonic time just before it was forked."""
        import pty

        started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", *self.size, 0, 0))
        return started

    def send(self, keys: bytes) -> float:
        """Type `keys`; returns the time they were written."""
        at = time.perf_counter()
        os.write(self.fd, keys)
        return at

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Read output until `text` is on screen; returns the time it arrived."""
        want = text.encode()
        raw = b""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{text!r} never appeared; last output: {self.screen[-300:]!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError as exc:
                raise TimeoutError(f"the program ended before {text!r} appeared") from exc
            now = time.perf_counter()
            raw += chunk
            self.screen = _ESCAPES.sub(b"", raw)
            if want in self.screen:
                return now

    def forget(self) -> None:
        """Clear what was seen, so the next `wait_for` only matches new output."""
        self.screen = b""

    def stop(self) -> None:
        if self.pid > 0:
            try:
                os.kill(self.pid, signal.SIGKILL)
                _, _, usage = os.wait4(self.pid, 0)
                self.cpu = usage.ru_utime + usage.ru_stime
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.fd >= 0:
            os.close(self.fd)
        self.pid = self.fd = -1


PYTHON = sys.executable
