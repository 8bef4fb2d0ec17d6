"""Two hosts on one PostgreSQL database: two serve processes are one class, and a learner
whose host's app process dies resumes the same attempt through the other host. (An answer
loop killed with SIGKILL, and two processes answering at once, are in
test_store_concurrency.py, on both backends.)"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from quizapp.store import open_store

ROOT = Path(__file__).parent.parent.parent
TOUR = ROOT / "quizzes" / "tour.toml"
HERE = str(Path(__file__).parent)

# One app process of a serve host: it answers as `name` and prints an acknowledgement
# once each answer has returned (so is committed). `partial N`: N answers of an exam,
# then waits (to be killed, as a dropped tab's process is); `resume`: takes the learner's
# unfinished attempt over and finishes it.
AGENT = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[6])
from test_take_plain import right_line
from quizapp.engine import start_attempt
from quizapp.loading import load_catalog
from quizapp.plain import read_response
from quizapp.store import open_store
from quizapp.store.recorder import StoreRecorder

target, name, mode, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
catalog = load_catalog([Path(sys.argv[5])])
store = open_store(target)
recorder = StoreRecorder(store, store.learner(name))

def answer(attempt, index):
    slot = attempt.slots[index]
    attempt.answer(index, read_response(slot, right_line(slot), "en"))
    print("ack", attempt.id, slot.key, flush=True)

if mode == "resume":
    (waiting,) = recorder.interrupted("tour")
    attempt = recorder.resume(catalog, waiting)
    print("resumed", attempt.id, attempt.first_open(), flush=True)
    for index in range(attempt.first_open(), len(attempt.slots)):
        answer(attempt, index)
    attempt.submit()
    print("done", attempt.id, flush=True)
else:
    attempt = start_attempt(catalog, "tour", mode="exam", seed=3, recorder=recorder)
    for index in range(count):
        answer(attempt, index)
    print("waiting", flush=True)
    time.sleep(600)
"""


def agent(target: str, name: str, mode: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", AGENT, target, name, mode, str(count), str(TOUR), HERE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def acks_until(proc: subprocess.Popen[str], stop: str, limit: int = 10_000) -> list[list[str]]:
    """The agent's lines up to (and with) the first starting with `stop`."""
    assert proc.stdout is not None
    lines = []
    for _ in range(limit):
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"the agent ended early: {proc.stderr.read()}")  # type: ignore[union-attr]
        lines.append(line.split())
        if line.startswith(stop):
            return lines
    raise AssertionError("no end in sight")


def test_a_learner_whose_host_dies_resumes_the_same_attempt_on_the_other(
    pg_store_url: str,
) -> None:
    target = pg_store_url
    host_a = agent(target, "Ayu", "partial", 2)
    try:
        before = acks_until(host_a, "waiting")
    finally:
        host_a.send_signal(signal.SIGKILL)  # the host's app process dies with the tab
        host_a.wait(10)
    uid = before[0][1]
    host_b = agent(target, "ayu", "resume", 0)
    after = acks_until(host_b, "done")
    assert host_b.wait(30) == 0
    assert after[0] == ["resumed", uid, "2"]  # the same attempt, at its third question
    assert {w[1] for w in after if w[0] == "ack"} == {uid}
    with open_store(target) as store:
        learner = store.find_learner("Ayu")
        assert learner is not None
        (attempt,) = store.attempts(learner.id)
        assert attempt.uid == uid and attempt.status == "submitted"
        assert len(store.answers(attempt.id)) == len(attempt.question_order)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(url: str, port: int, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(data)}
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "quizapp", "--database", url, "serve", "--class", "monday"),
            *("--port", str(port), "--code", "123456", "--quiz", "tour", "--max-sessions", "4"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _join(port: int, name: str, pin: str) -> int:
    body = urllib.parse.urlencode({"code": "123456", "name": name, "pin": pin}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/join", data=body)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def _wait_listening(proc: subprocess.Popen[str], port: int) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise AssertionError(f"serve ended: {proc.stderr.read()}")  # type: ignore[union-attr]
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("serve never listened")


def test_two_serve_hosts_on_one_postgresql_database_are_one_class(
    pg_store_url: str, tmp_path: Path
) -> None:
    url = pg_store_url
    ports = [_free_port(), _free_port()]
    hosts = [_serve(url, port, tmp_path / f"host{i}") for i, port in enumerate(ports)]
    try:
        for proc, port in zip(hosts, ports, strict=True):
            _wait_listening(proc, port)
        assert _join(ports[0], "Ayu", "4321") == 303  # joined on host A
        assert _join(ports[1], "ayu", "4321") == 303  # back, through host B
        assert _join(ports[1], "Ayu", "9999") == 403  # the PIN is the class's, not a host's
        assert _join(ports[1], "Budi", "1111") == 303
    finally:
        for proc in hosts:
            proc.send_signal(signal.SIGTERM)
        for proc in hosts:
            proc.wait(20)
    with open_store(url) as store:
        assert store.class_names() == ["monday"]
        info = store.class_info("monday")
        assert info is not None
        assert sorted(m.name for m in store.class_members(info.id)) == ["Ayu", "Budi"]
