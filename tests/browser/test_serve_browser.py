"""`quizapp serve` in a real browser: Debian's Chromium driven by Playwright.

Joins, answers, closes the tab, opens it again, resumes at the next question, and the
answers are in the class's store; a wrong join code and a second learner with the same
name are refused; the page fetches nothing from anywhere but the server.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CODE = "424242"

QUIZ = """
[quiz]
id = "sums"
title = "Sums"
languages = ["en"]

[[questions]]
id = "q1"
type = "numeric"
prompt = "One and one?"
answer = 2

[[questions]]
id = "q2"
type = "numeric"
prompt = "One and two?"
answer = 3

[[questions]]
id = "q3"
type = "numeric"
prompt = "Two and two?"
answer = 4
"""

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (.ci/run does)")
        pytest.skip("Debian's chromium is not installed: apt-get install -y chromium")
    data = tmp_path / "data"
    (data / "quizzes").mkdir(parents=True)
    (data / "quizzes" / "sums.toml").write_text(QUIZ, encoding="utf-8")
    port = _free_port()
    log = tmp_path / "serve.txt"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quizapp",
                "--data-dir",
                str(data),
                "serve",
                "--class",
                "room1",
                "--quiz",
                "sums",
                "--code",
                CODE,
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"quizapp serve did not start:\n{log.read_text()}")
                time.sleep(0.2)
        trainer = re.search(r"Trainer view: .*\(code (\w+)\)", log.read_text())
        assert trainer, log.read_text()
        yield url, data / "classes" / "room1" / "scores.sqlite3", trainer.group(1)
    finally:
        server.terminate()
        server.wait(timeout=15)
    # Every app process ends with the server.
    assert _wait_for(lambda: not _processes_of(data), 15), _processes_of(data)


def _processes_of(data: Path) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if str(data).encode() in args:
            found.append(b" ".join(args).decode(errors="replace"))
    return found


def _answers(db: Path) -> dict[str, str]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT n.question_key, n.response FROM answers n JOIN attempts a "
            "ON a.id = n.attempt_id JOIN learners l ON l.id = a.learner_id "
            "WHERE l.name = 'Siti' AND a.status = 'in_progress'"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def _wait_for(check, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    return check()


def _open_terminal(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("body.-first-byte", timeout=20_000)
    # Keys go to xterm's input field (a click would also be a click in the app).
    page.focus(".xterm-helper-textarea")


def test_join_answer_close_reopen_resume(served: tuple[str, Path, str]) -> None:
    from playwright.sync_api import sync_playwright

    url, db, trainer_code = served
    hosts: set[str] = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1000, "height": 700})
            context.on("request", lambda r: hosts.add(r.url.split("/")[2]))
            page = context.new_page()

            # A wrong join code is refused.
            page.goto(url)
            page.fill("#code", "111111")
            page.fill("#name", "Siti")
            page.fill("#pin", "1234")
            page.click("#join")
            assert "Wrong join code" in page.inner_text(".error")

            page.fill("#code", CODE)
            page.fill("#pin", "1234")
            screen = Screen(page)
            page.click("#join")
            _open_terminal(page)
            # Home lists the class's one quiz: `e` starts it as an exam.
            screen.wait_for("3 questions")
            page.keyboard.press("e")
            screen.wait_for("One and one?")
            _answer(page, "2", db, 1)
            assert _wait_for(lambda: _answers(db)) == {"q1": '"2"'}

            page.close()  # the tab goes; the attempt stays open in the store
            page = context.new_page()
            screen = Screen(page)
            page.goto(url)  # the ticket cookie brings Siti straight back
            _open_terminal(page)
            screen.wait_for("One and two?")  # resumed at the first open question
            _answer(page, "3", db, 2)
            page.wait_for_timeout(1500)
            page.screenshot(path="/tmp/serve-b3.png")
            assert _wait_for(lambda: len(_answers(db)) == 2) and _answers(db) == {
                "q1": '"2"',
                "q2": '"3"',
            }

            # Someone else typing Siti's name (any case) with another PIN is refused.
            other = browser.new_context().new_page()
            other.goto(url)
            other.fill("#code", CODE)
            other.fill("#name", "SITI")
            other.fill("#pin", "9999")
            other.click("#join")
            assert "already taken" in other.inner_text(".error")
            assert other.url == url.rstrip("/") + "/join"

            # The trainer's view, in the browser with the trainer code (not the join code).
            trainer = browser.new_context(viewport={"width": 1200, "height": 700}).new_page()
            trainer.goto(url + "trainer")
            trainer.fill("#code", CODE)
            trainer.click("#enter")
            assert "Wrong trainer code" in trainer.inner_text(".error")
            watch = Screen(trainer)
            trainer.fill("#code", trainer_code)
            trainer.click("#enter")
            trainer.wait_for_selector("body.-first-byte", timeout=20_000)
            watch.wait_for("Class room1")
            watch.wait_for("Siti")
            watch.wait_for("2/3")  # Siti's progress: two of three answered
        finally:
            browser.close()
    assert hosts == {url.split("/")[2]}  # nothing fetched from anywhere else


ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07]*\x07|.)")


class Screen:
    """What the app sent to the page's terminal, as text (escape sequences dropped)."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.data: list[str] = []
        page.on("websocket", self._socket)

    def _socket(self, ws) -> None:  # type: ignore[no-untyped-def]
        ws.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
        self.data.append(ANSI.sub("", text))

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in "".join(self.data):
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never reached the browser")
            self.page.wait_for_timeout(100)


def _answer(page, text: str, db: Path, count: int) -> None:  # type: ignore[no-untyped-def]
    """Type an answer and Enter, until the store holds `count` answers. The question's
    text reaches the page a frame before its answer field takes the focus: a key sent
    in between reaches no field (and Enter then says the answer is empty)."""
    for _ in range(3):
        page.wait_for_timeout(500)
        page.keyboard.type(text, delay=30)
        page.keyboard.press("Enter")
        if _wait_for(lambda: len(_answers(db)) >= count, 5):
            return


def _attempts(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM attempts").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()
