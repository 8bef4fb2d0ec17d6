"""Class mode under load: browser sessions over textual-serve's websocket protocol, and
150 learners answering a 20-question exam through the store at once.

Sessions: `quizapp serve` runs as its own process on 127.0.0.1; each simulated browser
joins over HTTP (code, name, PIN), opens the websocket as textual.js does, and waits for
its first screen (the class's quizzes listed). Then every session presses a key (down,
up: the quiz list's highlight moves) every 0.5-1.5 s, eight times, all at once; the time
from a key to the first frame of the screen's update is measured. N grows until that
p95 passes 100 ms; memory per session is the resident memory of the app processes.

Store: 150 threads, each with its own connection (as each browser tab's process has),
start the same 20-question exam through the engine and `StoreRecorder` together and
answer it at a quick learner's pace (0.5-2.5 s a question); every answer's commit is
timed, and the store is counted after.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from benchmarks.common import Figure

LEVELS = (5, 10, 20, 40, 60)
KEYS_PER_SESSION = 8
LATENCY_TARGET_MS = 100.0
LEARNERS = 150
QUESTIONS = 20
THINK = (0.5, 2.5)
"""Seconds a learner takes per question: a quick class, all 150 answering together
(about 100 answers a second in all)."""
CODE = "135790"
_ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07]*\x07|.)")


def _quiz(quiz_id: str, title: str) -> str:
    parts = [f'[quiz]\nid = "{quiz_id}"\ntitle = "{title}"\nlanguages = ["en"]\n']
    for n in range(1, QUESTIONS + 1):
        parts.append(
            f'[[questions]]\nid = "q{n}"\ntype = "numeric"\nprompt = "{n} plus zero?"\n'
            f"answer = {n}\n"
        )
    return "\n".join(parts)


def _data_dir(root: Path) -> Path:
    data = root / "data"
    (data / "quizzes").mkdir(parents=True)
    (data / "quizzes" / "bench-a.toml").write_text(_quiz("bench-a", "Bench quiz A"))
    (data / "quizzes" / "bench-b.toml").write_text(_quiz("bench-b", "Bench quiz B"))
    return data


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        for kid in kids:
            out.append(kid)
            out.extend(_children(kid))
    return out


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Session:
    """One simulated browser tab."""

    def __init__(self, base: str, name: str) -> None:
        self.base = base
        self.name = name
        self.first_screen = 0.0
        self.latencies: list[float] = []

    async def run(self, start: asyncio.Event, keys: int) -> None:
        import aiohttp

        # unsafe=True: the jar keeps cookies of an IP address (127.0.0.1) too.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            joined = await http.post(
                self.base + "/join", data={"code": CODE, "name": self.name, "pin": "2468"}
            )
            joined.release()
            began = time.perf_counter()
            ws = await http.ws_connect(self.base.replace("http", "ws") + "/ws?width=100&height=30")
            await ws.send_json(["resize", {"width": 100, "height": 30}])
            seen = ""
            while "Bench quiz B" not in seen:
                message = await ws.receive(timeout=120)
                if message.type.name != "BINARY":
                    if message.type.name in ("CLOSE", "CLOSED", "ERROR"):
                        raise RuntimeError(f"{self.name}: the session closed before it drew")
                    continue
                seen += _ANSI.sub("", message.data.decode("utf-8", "replace"))
            self.first_screen = time.perf_counter() - began
            await start.wait()
            await _drain(ws)  # the first screen's trailing frames
            for n in range(keys):
                await asyncio.sleep(random.uniform(0.5, 1.5))
                key = "\x1b[B" if n % 2 == 0 else "\x1b[A"
                sent = time.perf_counter()
                await ws.send_json(["stdin", key])
                while True:
                    message = await ws.receive(timeout=30)
                    if message.type.name == "BINARY":
                        break
                self.latencies.append(time.perf_counter() - sent)
                await _drain(ws)  # the rest of this update, before the next key
            await ws.close()


async def _drain(ws: object) -> None:
    try:
        while True:
            await ws.receive(timeout=0.25)  # type: ignore[attr-defined]
    except TimeoutError:
        pass


async def _level(
    base: str, server_pid: int, n: int, tag: str
) -> tuple[list[float], list[float], int]:
    sessions = [Session(base, f"{tag}{i:03d}") for i in range(n)]
    start = asyncio.Event()
    tasks = [asyncio.create_task(s.run(start, KEYS_PER_SESSION)) for s in sessions]
    # Wait for every first screen, then measure memory with all sessions open.
    while not all(s.first_screen for s in sessions):
        for task in tasks:
            if task.done() and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        await asyncio.sleep(0.2)
    memory = sum(_rss(pid) for pid in _children(server_pid))
    start.set()
    await asyncio.gather(*tasks)
    latencies = [x for s in sessions for x in s.latencies]
    return [s.first_screen for s in sessions], latencies, memory


def _load() -> str:
    try:
        return "load average " + Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "load average unknown"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def sessions_figures() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-serve-") as root:
        data = _data_dir(Path(root))
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quizapp",
                "--data-dir",
                str(data),
                "serve",
                "--class",
                "bench",
                "--quiz",
                "bench-a",
                "bench-b",
                "--code",
                CODE,
                "--port",
                str(port),
                "--max-sessions",
                "500",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(base + "/", timeout=2).read()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("quizapp serve did not start") from None
                    time.sleep(0.2)
            results = []
            largest = 0
            for n in LEVELS:
                firsts, latencies, memory = asyncio.run(_level(base, server.pid, n, f"L{n}x"))
                p95 = _pct(latencies, 0.95) * 1000
                results.append((n, firsts, latencies, memory))
                print(
                    f"     serve N={n}: first screen p50 {statistics.median(firsts):.2f} s, "
                    f"key to update p50 {_pct(latencies, 0.5) * 1000:.0f} ms "
                    f"p95 {p95:.0f} ms, {memory / n / 2**20:.0f} MB per session, {_load()}",
                    flush=True,
                )
                if p95 < LATENCY_TARGET_MS:
                    largest = n
                else:
                    break
                time.sleep(3)  # the last level's processes end
        finally:
            server.terminate()
            server.wait(timeout=30)
    n, firsts, latencies, memory = results[0]
    last = results[-1]
    return [
        Figure(
            "serve: time to the first screen (5 sessions opening at once, p50)",
            statistics.median(firsts),
            5.0,
            "s",
            detail=_load(),
        ),
        Figure(
            f"serve: key to screen update p50 at {last[0]} sessions",
            _pct(last[2], 0.5) * 1000,
            LATENCY_TARGET_MS,
            "ms",
        ),
        Figure(
            f"serve: key to screen update p95 at {last[0]} sessions",
            _pct(last[2], 0.95) * 1000,
            LATENCY_TARGET_MS,
            "ms",
            detail="the last level tried",
        ),
        Figure(
            "serve: memory per session (resident, app processes)",
            last[3] / last[0] / 2**20,
            110,
            "MB",
            detail=f"at {last[0]} sessions; the default --max-sessions assumes 110 MB",
        ),
        Figure(
            "serve: largest N with key-to-update p95 < 100 ms",
            largest,
            20,
            "sessions",
            detail=f"levels tried: {', '.join(str(r[0]) for r in results)}",
            higher_is_better=True,
        ),
    ]


def store_figures() -> list[Figure]:
    from quizapp.engine import start_attempt
    from quizapp.loading import load_catalog
    from quizapp.store import Store
    from quizapp.store.recorder import StoreRecorder

    with tempfile.TemporaryDirectory(prefix="quizapp-bench-class-") as root:
        data = _data_dir(Path(root))
        catalog = load_catalog([data / "quizzes"])
        path = Path(root) / "class.sqlite3"
        with Store(path) as setup:
            info = setup.open_class("bench", ["bench-a"])
            ids = [
                setup.join_class(info.id, f"learner{i:03d}", "2468").learner_id
                for i in range(LEARNERS)
            ]
        latencies: list[float] = []
        lock = threading.Lock()
        barrier = threading.Barrier(LEARNERS)
        failures: list[BaseException] = []

        def learner(learner_id: int | None, seed: int) -> None:
            try:
                with Store(path) as store:
                    me = store.get_learner(learner_id)  # type: ignore[arg-type]
                    assert me is not None
                    attempt = start_attempt(
                        catalog,
                        "bench-a",
                        mode="exam",
                        seed=seed,
                        learner=me.name,
                        recorder=StoreRecorder(store, me),
                    )
                    barrier.wait()  # everyone answers at once
                    mine = []
                    rng = random.Random(seed)
                    for position, slot in enumerate(attempt.slots):
                        time.sleep(rng.uniform(*THINK))
                        began = time.perf_counter()
                        attempt.answer(position, slot.question.id.lstrip("q"))
                        mine.append(time.perf_counter() - began)
                    attempt.submit()
                with lock:
                    latencies.extend(mine)
            except BaseException as exc:  # reported below, never hidden
                failures.append(exc)

        threads = [threading.Thread(target=learner, args=(i, n)) for n, i in enumerate(ids)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        with Store(path) as check:
            stored = check._read("SELECT count(*) FROM answers")[0][0]
            finished = check._read("SELECT count(*) FROM attempts WHERE status = 'submitted'")[0][0]
    if failures:
        raise failures[0]
    lost = LEARNERS * QUESTIONS - stored
    return [
        Figure(
            f"class store: answers lost, {LEARNERS} learners x {QUESTIONS} questions at once",
            lost,
            0,
            "answers",
            detail=f"{stored} stored, {finished} attempts submitted, {wall:.1f} s in all",
        ),
        Figure(
            "class store: answer commit latency p95 under that load",
            _pct(latencies, 0.95) * 1000,
            250,
            "ms",
            detail=f"p50 {_pct(latencies, 0.5) * 1000:.0f} ms; durable commits, one at a time",
        ),
    ]


def run() -> list[Figure]:
    if os.environ.get("QUIZAPP_BENCH_SERVE_STORE_ONLY"):
        return store_figures()
    return [*store_figures(), *sessions_figures()]
