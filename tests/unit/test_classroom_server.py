"""The class server's refusals: every door a browser could try, and what it gets."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from quizapp.classroom.limits import Throttle, available_memory, default_max_sessions
from quizapp.classroom.server import COOKIE, ClassServer, ServeConfig, Ticket, name_problem
from quizapp.store import Store

CODE = "246810"
TRAINER = "trainercode"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "scores.sqlite3") as s:
        yield s


def _server(store: Store, tmp_path: Path, clock: Clock, **config: object) -> ClassServer:
    info = store.open_class("monday", ["tour"])
    settings = ServeConfig(
        data_dir=tmp_path,
        class_name="monday",
        class_id=info.id,
        join_code=CODE,
        trainer_code=TRAINER,
        **config,  # type: ignore[arg-type]
    )
    return ClassServer(settings, store, clock=clock, argv_for=_echo_app)


STAND_IN = """
import sys
print("__GANGLION__", flush=True)
for chunk in iter(lambda: sys.stdin.buffer.read1(4096), b""):
    if b'"quit"' in chunk:  # textual-serve's quit packet, as a Textual app obeys it
        break
"""


def _echo_app(ticket: Ticket) -> list[str]:
    # A stand-in app process: textual-serve's start line, then it waits to be told to quit.
    return [sys.executable, "-c", STAND_IN]


@pytest.fixture
async def client(store: Store, tmp_path: Path) -> AsyncIterator[TestClient]:
    server = _server(store, tmp_path, Clock())
    async with TestClient(TestServer(server.make_app())) as c:
        c.server.class_server = server  # type: ignore[attr-defined]
        yield c


async def _join(client: TestClient, name: str = "Siti", pin: str = "1234", code: str = CODE):
    return await client.post(
        "/join", data={"code": code, "name": name, "pin": pin}, allow_redirects=False
    )


async def test_the_join_page_fetches_nothing_from_elsewhere(client: TestClient) -> None:
    response = await client.get("/")
    text = await response.text()
    assert response.status == 200
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", text)
    terminal = (await client.get("/app")).status  # no ticket: back to the join page
    assert terminal == 200 and "Join code" in await (await client.get("/app")).text()


async def test_a_right_join_gives_a_ticket_and_the_terminal_page(client: TestClient) -> None:
    response = await _join(client)
    assert response.status == 303 and response.headers["Location"] == "/app"
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    page = await client.get("/app")
    text = await page.text()
    assert page.status == 200 and "/static/js/textual.js" in text
    assert "fonts.googleapis" not in text and not re.search(r"(src|href)=[\"']https?:", text)


async def test_wrong_join_code_is_refused_then_throttled(client: TestClient) -> None:
    for _ in range(4):
        response = await _join(client, code="000000")
        assert response.status == 403
        assert "Wrong join code" in await response.text()
    assert (await _join(client, code="000000")).status == 403  # the fifth locks the door
    blocked = await _join(client)  # even the right code waits now
    assert blocked.status == 429
    assert COOKIE not in blocked.cookies


async def test_a_taken_name_is_refused(client: TestClient) -> None:
    assert (await _join(client, "Siti", "1234")).status == 303
    client.session.cookie_jar.clear()
    other = await _join(client, "siti", "9999")
    assert other.status == 403
    assert "already taken" in await other.text()
    assert COOKIE not in other.cookies
    # The same learner with the right PIN comes back.
    assert (await _join(client, "SITI", "1234")).status == 303


@pytest.mark.parametrize(
    ("name", "pin", "why"),
    [
        ("", "1234", "Type your name"),
        ("x" * 61, "1234", "at most 60"),
        ("Evil\x1b[31m", "1234", "control characters"),
        ("Siti", "12", "4 to 8 digits"),
        ("Siti", "abcd", "4 to 8 digits"),
    ],
)
async def test_bad_names_and_pins_are_refused(
    client: TestClient, name: str, pin: str, why: str
) -> None:
    response = await _join(client, name, pin)
    assert response.status == 400
    assert why in await response.text()


async def test_a_name_is_echoed_escaped(client: TestClient) -> None:
    response = await _join(client, "<script>alert(1)</script>", "12")
    text = await response.text()
    assert "<script>alert" not in text and "&lt;script&gt;" in text


async def test_no_socket_without_a_ticket_or_from_another_site(client: TestClient) -> None:
    assert (await client.get("/ws")).status == 403
    assert (await client.get("/trainer/ws")).status == 403
    await _join(client)
    cross = await client.get("/ws", headers={"Origin": "http://evil.example"})
    assert cross.status == 403
    # A learner's ticket is no trainer's.
    assert (await client.get("/trainer/ws")).status == 403
    page = await client.get("/trainer/app", allow_redirects=False)
    assert page.status == 303 and page.headers["Location"] == "/trainer"


async def test_the_trainer_code_is_separate_and_throttled(client: TestClient) -> None:
    refused = await client.post("/trainer", data={"code": CODE}, allow_redirects=False)
    assert refused.status == 403  # the join code opens no trainer view
    right = await client.post("/trainer", data={"code": TRAINER}, allow_redirects=False)
    assert right.status == 303 and right.headers["Location"] == "/trainer/app"
    assert (await client.get("/trainer/app")).status == 200
    for _ in range(5):
        await client.post("/trainer", data={"code": "nope"}, allow_redirects=False)
    assert (await client.post("/trainer", data={"code": TRAINER})).status == 429


async def test_static_files_list_nothing_and_leave_their_folder(client: TestClient) -> None:
    assert (await client.get("/static/")).status in (403, 404)
    assert (await client.get("/static/../server.py")).status == 404
    assert (await client.get("/static/%2e%2e/server.py")).status in (403, 404)
    assert (await client.get("/download/anything")).status == 404
    assert (await client.get("/static/js/textual.js")).status == 200


async def test_a_full_class_gets_a_clear_page(store: Store, tmp_path: Path) -> None:
    server = _server(store, tmp_path, Clock(), max_sessions=0)
    async with TestClient(TestServer(server.make_app())) as client:
        await _join(client)
        page = await client.get("/app")
        assert page.status == 503
        assert "The class is full" in await page.text()
        assert (await client.get("/ws")).status == 503


async def test_an_ended_class_takes_nobody(store: Store, tmp_path: Path) -> None:
    server = _server(store, tmp_path, Clock())
    async with TestClient(TestServer(server.make_app())) as client:
        await _join(client)
        store.end_class(server.config.class_id)
        assert (await client.get("/app")).status == 410
        client.session.cookie_jar.clear()
        assert (await _join(client, "Budi")).status == 410


async def test_a_ticket_expires(store: Store, tmp_path: Path) -> None:
    clock = Clock()
    server = _server(store, tmp_path, clock)
    async with TestClient(TestServer(server.make_app())) as client:
        await _join(client)
        assert "textual.js" in await (await client.get("/app")).text()
        clock.now += 17 * 3600
        assert "Join code" in await (await client.get("/app")).text()


async def test_one_session_per_learner_and_idle_ones_close(store: Store, tmp_path: Path) -> None:
    server = _server(store, tmp_path, Clock(), idle_seconds=60.0)
    async with TestClient(TestServer(server.make_app())) as client:
        await _join(client)
        first = await client.ws_connect("/ws")
        await first.send_json(["ping", "x"])
        assert (await first.receive_json(timeout=10)) == ["pong", "x"]
        old = server.live[next(iter(server.live))]
        second = await client.ws_connect("/ws")  # another tab: it takes over
        message = await first.receive(timeout=10)
        assert first.closed or message.type.name in ("CLOSE", "CLOSED", "CLOSING")
        await second.send_json(["ping", "y"])
        assert (await second.receive_json(timeout=10)) == ["pong", "y"]
        # The old tab's process had ended before the new one started.
        assert old.done.is_set()
        assert old.service is not None and old.service._process is not None
        assert old.service._process.returncode is not None
        new = server.live[next(iter(server.live))]
        assert new is not old and not new.done.is_set()
        assert len(server.live) == 1
        for live in server.live.values():
            live.last_input -= 120  # two minutes without a key
        assert await server.close_idle() == 1
        await second.receive(timeout=10)
        assert second.closed
        await first.close()
        for _ in range(100):  # its app process ends before the loop does
            if not server.live:
                break
            await asyncio.sleep(0.05)
        assert not server.live


def test_throttle_locks_after_the_limit_and_lets_go_later() -> None:
    clock = Clock()
    throttle = Throttle(limit=3, window=60, lockout=30, clock=clock)
    for _ in range(2):
        throttle.failed("a")
    assert throttle.blocked("a") == 0
    throttle.failed("a")
    assert throttle.blocked("a") == 30
    assert throttle.blocked("b") == 0
    clock.now += 31
    assert throttle.blocked("a") == 0


def test_default_cap_follows_free_memory(tmp_path: Path) -> None:
    assert default_max_sessions(0) == 1
    assert default_max_sessions(10 * 2**30) > default_max_sessions(2 * 2**30) >= 10
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal: 100 kB\nMemAvailable:    2048 kB\n")
    assert available_memory(meminfo) == 2048 * 1024
    assert available_memory(tmp_path / "none") is None


def test_names_follow_the_apps_one_rule() -> None:
    assert name_problem("Siti") is None
    assert name_problem("  ") == "Type your name."
    assert name_problem("a\x07") is not None
    assert name_problem("Si\u202eti") is not None  # a direction override


async def test_forwarded_headers_count_only_behind_a_proxy(store: Store, tmp_path: Path) -> None:
    spoof = {"X-Forwarded-For": "10.9.9.9"}
    plain = _server(store, tmp_path, Clock())
    async with TestClient(TestServer(plain.make_app())) as client:
        for n in range(5):
            spoof["X-Forwarded-For"] = f"10.0.0.{n}"  # a new "address" each time: ignored
            await client.post("/join", data={"code": "0"}, headers=spoof)
        assert (await _join(client)).status == 429
    proxied = _server(store, tmp_path, Clock(), behind_proxy=True)
    async with TestClient(TestServer(proxied.make_app())) as client:
        for _ in range(5):
            await client.post(
                "/join", data={"code": "0"}, headers={"X-Forwarded-For": "1.2.3.4, 10.0.0.7"}
            )
        # One learner's wrong codes lock out that learner, not the whole room.
        other = {"X-Forwarded-For": "10.0.0.8"}
        response = await client.post(
            "/join",
            data={"code": CODE, "name": "Budi", "pin": "1234"},
            headers=other,
            allow_redirects=False,
        )
        assert response.status == 303
        blocked = await client.post(
            "/join", data={"code": CODE}, headers={"X-Forwarded-For": "10.0.0.7"}
        )
        assert blocked.status == 429


async def test_the_app_process_is_the_joined_learners_alone(store: Store, tmp_path: Path) -> None:
    """The app's learner comes from the server's ticket, never from the browser: no query,
    header or message can make a tab run as someone else."""
    started: list[Ticket] = []

    def spy(ticket: Ticket) -> list[str]:
        started.append(ticket)
        return _echo_app(ticket)

    server = _server(store, tmp_path, Clock())
    server._argv_for = spy
    async with TestClient(TestServer(server.make_app())) as client:
        await _join(client, "Budi", "1111")
        started_id = budi = store.class_members(server.config.class_id)[0].learner_id
        client.session.cookie_jar.clear()
        await _join(client, "Siti", "2222")
        ws = await client.ws_connect(f"/ws?learner_id={budi}&learner=Budi")
        await ws.send_json(["stdin", "x"])
        (live,) = server.live.values()
        await ws.close()
        for _ in range(100):  # its app process ends before the loop does
            if not server.live:
                break
            await asyncio.sleep(0.05)
        # A session leaves the count only once its app process has ended (its handler
        # may be cancelled while the process is stopping): a new tab waits for it.
        assert not server.live and live.done.is_set()
        assert live.service is not None and live.service._process is not None
        assert live.service._process.returncode is not None
    (ticket,) = started
    assert ticket.name == "Siti" and ticket.learner_id != started_id
    argv = ClassServer._default_argv(server, ticket)
    assert argv[argv.index("--learner-id") + 1] == str(ticket.learner_id)
    assert "Budi" not in argv


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
async def test_app_processes_end_with_the_server(tmp_path: Path, how: str) -> None:
    import asyncio
    import signal
    import socket
    import subprocess

    import aiohttp

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path / "data"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quizapp",
            "--data-dir",
            str(data),
            "serve",
            "--class",
            "c1",
            "--quiz",
            "tour",
            "--code",
            CODE,
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            for _ in range(150):
                try:
                    (await http.get(base + "/")).release()
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.2)
            form = {"code": CODE, "name": "Siti", "pin": "1234"}
            (await http.post(base + "/join", data=form)).release()
            ws = await http.ws_connect(base.replace("http", "ws") + "/ws")
            message = await ws.receive(timeout=60)  # the app process drew its first frame
            assert message.type.name == "BINARY"
            apps = _apps_of(data)
            assert apps, "no app process was started"
            server.send_signal(getattr(signal, how))
            server.wait(timeout=30)
            for _ in range(100):
                if not any(Path(f"/proc/{pid}").exists() for pid in apps):
                    break
                await asyncio.sleep(0.1)
            assert not [p for p in apps if Path(f"/proc/{p}").exists()]
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _apps_of(data: Path) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if str(data).encode() in args and b"app" in args:
            found.append(int(cmdline.parent.name))
    return found


# -- the pages' language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("explicit", "learner", "accept", "lang"),
    [
        (None, None, None, "en"),
        (None, None, "id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", "id"),
        (None, None, "en;q=0.2, id;q=0.9", "id"),
        (None, None, "fr-FR, fr;q=0.9, en;q=0.5", "en"),
        (None, None, "fr-FR, de", "en"),
        (None, None, "id;q=0, en", "en"),
        (None, None, "id;q=nonsense, en", "en"),
        (None, "id", "en-GB,en", "id"),
        ("en", "id", "id", "en"),
        ("id", None, None, "id"),
    ],
)
def test_a_page_speaks_serve_s_lang_else_the_learner_s_else_the_browser_s(
    explicit: str | None, learner: str | None, accept: str | None, lang: str
) -> None:
    from quizapp.classroom.pages import page_language

    assert page_language(explicit, learner, accept) == lang


async def test_an_indonesian_browser_gets_indonesian_pages_and_learner(
    client: TestClient, store: Store
) -> None:
    indonesian = {"Accept-Language": "id-ID,id;q=0.9,en;q=0.8"}
    page = await (await client.get("/", headers=indonesian)).text()
    assert "<html lang='id'>" in page and "Kode kelas" in page and "Join code" not in page
    wrong = await client.post(
        "/join",
        data={"code": "000000", "name": "Siti", "pin": "1234"},
        headers=indonesian,
        allow_redirects=False,
    )
    assert "Kode kelas salah." in await wrong.text()
    bad_pin = await client.post(
        "/join", data={"code": CODE, "name": "Siti", "pin": "12"}, headers=indonesian
    )
    assert "PIN terdiri dari 4 sampai 8 angka." in await bad_pin.text()
    joined = await client.post(
        "/join",
        data={"code": CODE, "name": "Siti", "pin": "1234"},
        headers=indonesian,
        allow_redirects=False,
    )
    assert joined.status == 303
    # The new learner speaks the page's language, and the pages after joining follow
    # the learner, whatever the browser says now.
    siti = next(learner for learner in store.learners() if learner.name == "Siti")
    assert siti.language == "id"
    terminal = await (await client.get("/app", headers={"Accept-Language": "en"})).text()
    assert "Terputus. Tidak ada yang hilang." in terminal and "Disconnected" not in terminal


async def test_serve_s_lang_names_the_trainer_view_s_language(store: Store, tmp_path: Path) -> None:
    server = _server(store, tmp_path, Clock(), lang="id")
    argv = ClassServer._default_argv(server, Ticket("trainer", name="trainer"))
    assert argv[argv.index("--lang") + 1] == "id" and argv.index("--lang") < argv.index("class")
    plain = _server(store, tmp_path, Clock())
    assert "--lang" not in ClassServer._default_argv(plain, Ticket("trainer", name="trainer"))
    signed_in = Ticket("trainer", name="trainer", lang="id")
    assert "--lang" in ClassServer._default_argv(plain, signed_in)
