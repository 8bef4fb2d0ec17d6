"""The class server: join pages, the learners' and the trainer's websockets.

Built on aiohttp and textual-serve's `AppService` (one app process per browser tab,
textual-serve's packet protocol, its page script). What is ours: the join (code, name,
PIN) before any process starts, a cookie ticket per joined tab, one live session per
learner (a new tab takes over), the cap on sessions, idle sessions closed, wrong codes
throttled, and app processes started with a fixed command line (no shell).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from quizapp import i18n
from quizapp.classroom import pages
from quizapp.classroom.limits import Throttle
from quizapp.store import Store
from quizapp.store.classes import PIN

log = logging.getLogger("quizapp.serve")

COOKIE = "quizapp_class"
TICKET_LIFETIME = 16 * 3600.0
"""Seconds a joined tab's ticket lasts (a two-day course signs in each morning)."""
MAX_STDIN = 64 * 1024
TRAINER_SESSIONS = 3


def _static_dir() -> Path:
    import textual_serve

    return Path(textual_serve.__file__).resolve().parent / "static"


def name_problem(name: str, lang: str = i18n.SOURCE_LANGUAGE) -> str | None:
    """Why `name` cannot be a learner's name in a class (the app's one rule for names,
    `quizapp.names`), in `lang`, or None."""
    from quizapp.names import MAX_LEARNER_NAME, InvalidName, clean_learner_name

    if not name.strip():
        return i18n.t("web.type_name", lang)
    try:
        clean_learner_name(name)
    except InvalidName as exc:
        if exc.reason == "long":
            n = len(" ".join(name.split()))
            return i18n.t("web.name_long", lang, max=MAX_LEARNER_NAME, n=n)
        if exc.reason == "control":
            return i18n.t("web.name_control", lang)
        return i18n.t("web.type_name", lang)
    return None


@dataclass(slots=True)
class ServeConfig:
    """How `quizapp serve` was started."""

    data_dir: Path
    """The trainer's data folder (quizzes, and classes/ with each class's store)."""
    class_name: str
    class_id: int
    join_code: str
    trainer_code: str
    host: str = "127.0.0.1"
    port: int = 8000
    max_sessions: int = 50
    idle_seconds: float = 20 * 60
    behind_proxy: bool = False
    """Behind a reverse proxy (HTTPS): the learner's address is the last one the proxy
    put in X-Forwarded-For, and the page's host is X-Forwarded-Host. Off, both headers
    are ignored (anyone could send them)."""
    python: str = sys.executable
    lang: str | None = None
    """`quizapp serve --lang`: the language of every page and of the trainer's view.
    None: each page speaks its learner's stored language, else the browser's
    (`pages.page_language`)."""


@dataclass(slots=True)
class Ticket:
    """What a cookie stands for: a joined learner, or the trainer."""

    kind: str
    learner_id: int = 0
    name: str = ""
    expires: float = 0.0
    lang: str | None = None
    """The learner's stored language; the trainer's page language at sign-in."""


@dataclass(slots=True)
class Live:
    """An open websocket and its app process."""

    ticket: Ticket
    websocket: web.WebSocketResponse
    service: AppService | None = None
    last_input: float = field(default_factory=time.monotonic)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    """Set once its app process has ended."""
    stopping: asyncio.Future[None] | None = None
    """The stopping of its app process, once its socket has closed."""


class ProcessService(AppService):
    """textual-serve's app service, started with an argument list instead of a shell
    command, and with no downloads or URLs passed to the browser."""

    def __init__(self, argv: list[str], env: dict[str, str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), download_manager=DownloadManager(), **kwargs)
        self.argv = argv
        self.extra_env = env

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height)
        environment.update(self.extra_env)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            preexec_fn=_die_with_parent,
        )
        self._stdin = process.stdin
        return process

    async def on_meta(self, data: bytes) -> None:
        meta = json.loads(data)
        if meta.get("type") == "exit":
            await self.remote_close()

    async def stop(self) -> None:
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(super().stop(), 5)
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(Exception):
                await process.wait()
        # asyncio leaves the ended process's transport open until it is collected.
        transport = getattr(process, "_transport", None)
        if transport is not None:
            transport.close()


def _once_ended(live: Live, forget: Callable[[], None]) -> None:
    """Call `forget` (drop `live` from the sessions) once its app process has ended. A
    handler cancelled while the process is stopping gets here before it has: counted
    until then, a new tab of the same learner waits for it (never two writers), and a
    server shutting down can wait for what is left."""
    stopping = live.stopping
    if stopping is None or stopping.done():
        forget()
    else:
        stopping.add_done_callback(lambda _: forget())


def _die_with_parent() -> None:
    """In the app process before it starts (Linux): end it when the server dies, even
    by SIGKILL, so no learner's app outlives the class server."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class ClassServer:
    """The aiohttp application of one class."""

    def __init__(
        self,
        config: ServeConfig,
        store: Store,
        *,
        clock: Callable[[], float] = time.monotonic,
        argv_for: Callable[[Ticket], list[str]] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock
        self.tickets: dict[str, Ticket] = {}
        self.live: dict[int, Live] = {}
        """Learner id -> their one live session."""
        self.trainers: list[Live] = []
        self.code_throttle = Throttle(clock=clock)
        self.pin_throttle = Throttle(limit=8, window=600, lockout=300, clock=clock)
        self._argv_for = argv_for or self._default_argv
        self._reaper: asyncio.Task[None] | None = None

    # -- the application -----------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024, middlewares=[_headers])
        app.add_routes(
            [
                web.get("/", self.index),
                web.post("/join", self.join),
                web.get("/app", self.app_page),
                web.get("/ws", self.learner_socket),
                web.get("/trainer", self.trainer_index),
                web.post("/trainer", self.trainer_join),
                web.get("/trainer/app", self.trainer_app_page),
                web.get("/trainer/ws", self.trainer_socket),
                web.post("/leave", self.leave),
                web.static("/static", _static_dir(), show_index=False, follow_symlinks=False),
            ]
        )
        app.on_startup.append(self._start_reaper)
        app.on_shutdown.append(self._shutdown)
        return app

    # -- tickets -----------------------------------------------------------------------

    def _ticket(self, request: web.Request, kind: str) -> Ticket | None:
        token = request.cookies.get(COOKIE)
        ticket = self.tickets.get(token) if token else None
        if ticket is None or ticket.kind != kind:
            return None
        if ticket.expires < self.clock():
            self.tickets.pop(token, None)  # type: ignore[arg-type]  # a ticket was found: token is set
            return None
        return ticket

    def _issue(self, response: web.StreamResponse, ticket: Ticket) -> None:
        token = secrets.token_urlsafe(32)
        ticket.expires = self.clock() + TICKET_LIFETIME
        self.tickets[token] = ticket
        response.set_cookie(
            COOKIE, token, httponly=True, samesite="Strict", max_age=int(TICKET_LIFETIME)
        )

    def _client(self, request: web.Request) -> str:
        if self.config.behind_proxy:
            forwarded = request.headers.get("X-Forwarded-For", "")
            last = forwarded.split(",")[-1].strip()
            if last:
                return last
        return request.remote or "?"

    def _lang(self, request: web.Request, ticket: Ticket | None = None) -> str:
        """The language of the page for `request` (see `pages.page_language`)."""
        learner = ticket.lang if ticket is not None and ticket.kind == "learner" else None
        accept = request.headers.get("Accept-Language")
        return pages.page_language(self.config.lang, learner, accept)

    def _class_ended(self) -> bool:
        info = self.store.class_info(self.config.class_name)
        return info is None or info.ended_at is not None

    # -- learners ------------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.StreamResponse:
        if self._ticket(request, "learner") is not None:
            raise web.HTTPSeeOther("/app")
        return _html(pages.join_page(self.config.class_name, self._lang(request)))

    async def join(self, request: web.Request) -> web.StreamResponse:
        client = self._client(request)
        lang = self._lang(request)
        wait = self.code_throttle.blocked(client)
        if wait:
            return _too_many(wait, lang)
        form = await request.post()
        code = str(form.get("code", ""))[:64].strip()
        name = str(form.get("name", ""))[:200]
        pin = str(form.get("pin", ""))[:64].strip()
        page = self.config.class_name
        if not hmac.compare_digest(code.encode(), self.config.join_code.encode()):
            self.code_throttle.failed(client)
            return _html(pages.join_page(page, lang, i18n.t("web.wrong_code", lang), name), 403)
        problem = name_problem(name, lang)
        if problem is None and not PIN.fullmatch(pin):
            problem = i18n.t("web.pin_digits", lang)
        if problem is not None:
            return _html(pages.join_page(page, lang, problem, name), 400)
        key = f"name:{name.casefold()}"
        wait = max(self.pin_throttle.blocked(key), self.pin_throttle.blocked(client))
        if wait:
            return _too_many(wait, lang)
        # A new learner speaks the page's language; one who comes back keeps their own.
        joined = await asyncio.to_thread(
            self.store.join_class, self.config.class_id, name, pin, lang
        )
        if joined.outcome in ("ended", "no_class"):
            return _html(_ended_page(lang), 410)
        if not joined.ok:
            self.pin_throttle.failed(key)
            self.pin_throttle.failed(client)
            return _html(pages.join_page(page, lang, i18n.t("web.taken", lang), name), 403)
        self.code_throttle.succeeded(client)
        self.pin_throttle.succeeded(key)
        assert joined.learner_id is not None and joined.name is not None
        learner = await asyncio.to_thread(self.store.get_learner, joined.learner_id)
        spoken = learner.language if learner is not None else lang
        response = web.HTTPSeeOther("/app")
        self._issue(response, Ticket("learner", joined.learner_id, joined.name, lang=spoken))
        raise response

    async def leave(self, request: web.Request) -> web.StreamResponse:
        token = request.cookies.get(COOKIE)
        if token:
            self.tickets.pop(token, None)
        response = web.HTTPSeeOther("/")
        response.del_cookie(COOKIE)
        raise response

    def _full(self, learner_id: int | None = None) -> bool:
        open_ = len(self.live) - (1 if learner_id in self.live else 0)
        return open_ >= self.config.max_sessions

    async def app_page(self, request: web.Request) -> web.StreamResponse:
        ticket = self._ticket(request, "learner")
        if ticket is None:
            raise web.HTTPSeeOther("/")
        lang = self._lang(request, ticket)
        if self._class_ended():
            return _html(_ended_page(lang), 410)
        if self._full(ticket.learner_id):
            return _html(pages.full_page(self.config.max_sessions, lang), 503)
        return _html(pages.terminal_page(f"quizapp · {self.config.class_name}", "/ws", lang))

    async def learner_socket(self, request: web.Request) -> web.StreamResponse:
        ticket = self._ticket(request, "learner")
        lang = self._lang(request, ticket)
        if ticket is None or not _same_origin(request, self.config.behind_proxy):
            raise web.HTTPForbidden(text=i18n.t("web.join_first", lang))
        if self._class_ended():
            raise web.HTTPGone(text=i18n.t("web.ended_text", lang))
        if self._full(ticket.learner_id):
            raise web.HTTPServiceUnavailable(text=i18n.t("web.full", lang))
        old = self.live.get(ticket.learner_id)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_STDIN * 2)
        await websocket.prepare(request)
        live = Live(ticket, websocket)
        # One session per learner: a new tab (or a phone after a laptop) takes over, so
        # two processes never write the same attempt.
        self.live[ticket.learner_id] = live
        if old is not None:
            await old.websocket.close()
            # The old process ends before the new one starts: never two writers.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(old.done.wait(), 10)
        await asyncio.to_thread(self.store.mark_seen, self.config.class_id, ticket.learner_id)
        try:
            await self._run(live, request)
        finally:

            def forget() -> None:
                if self.live.get(ticket.learner_id) is live:
                    del self.live[ticket.learner_id]

            _once_ended(live, forget)
        return websocket

    # -- the trainer ---------------------------------------------------------------------

    async def trainer_index(self, request: web.Request) -> web.StreamResponse:
        if self._ticket(request, "trainer") is not None:
            raise web.HTTPSeeOther("/trainer/app")
        return _html(pages.trainer_page(self.config.class_name, self._lang(request)))

    async def trainer_join(self, request: web.Request) -> web.StreamResponse:
        client = self._client(request)
        key = f"trainer:{client}"
        lang = self._lang(request)
        wait = self.code_throttle.blocked(key)
        if wait:
            return _too_many(wait, lang)
        form = await request.post()
        code = str(form.get("code", ""))[:64].strip()
        if not hmac.compare_digest(code.encode(), self.config.trainer_code.encode()):
            self.code_throttle.failed(key)
            wrong = i18n.t("web.wrong_trainer_code", lang)
            return _html(pages.trainer_page(self.config.class_name, lang, wrong), 403)
        self.code_throttle.succeeded(key)
        response = web.HTTPSeeOther("/trainer/app")
        # The trainer's view speaks the language of the page they signed in on.
        self._issue(response, Ticket("trainer", name="trainer", lang=lang))
        raise response

    async def trainer_app_page(self, request: web.Request) -> web.StreamResponse:
        ticket = self._ticket(request, "trainer")
        if ticket is None:
            raise web.HTTPSeeOther("/trainer")
        lang = ticket.lang or self._lang(request)
        title = i18n.t("web.trainer", lang, name=self.config.class_name)
        return _html(pages.terminal_page(title, "/trainer/ws", lang))

    async def trainer_socket(self, request: web.Request) -> web.StreamResponse:
        ticket = self._ticket(request, "trainer")
        lang = (ticket.lang if ticket else None) or self._lang(request)
        if ticket is None or not _same_origin(request, self.config.behind_proxy):
            raise web.HTTPForbidden(text=i18n.t("web.trainer_first", lang))
        if len(self.trainers) >= TRAINER_SESSIONS:
            raise web.HTTPServiceUnavailable(text=i18n.t("web.trainer_views", lang))
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_STDIN * 2)
        await websocket.prepare(request)
        live = Live(ticket, websocket)
        self.trainers.append(live)
        try:
            await self._run(live, request)
        finally:
            _once_ended(live, lambda: self.trainers.remove(live))
        return websocket

    # -- processes -----------------------------------------------------------------------

    def _default_argv(self, ticket: Ticket) -> list[str]:
        base = [self.config.python, "-m", "quizapp", "--data-dir", str(self.config.data_dir)]
        if ticket.kind == "trainer":
            lang = self.config.lang or ticket.lang
            spoken = ["--lang", lang] if lang else []
            return [*base, *spoken, "class", "watch", "--class", self.config.class_name]
        return [
            *base,
            "class",
            "app",
            "--class",
            self.config.class_name,
            "--learner-id",
            str(ticket.learner_id),
        ]

    async def _run(self, live: Live, request: web.Request) -> None:
        websocket = live.websocket
        width = _clamp(request.query.get("width"), 80, 20, 400)
        height = _clamp(request.query.get("height"), 24, 8, 200)
        service = ProcessService(
            self._argv_for(live.ticket),
            {},
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
        )
        live.service = service
        try:
            await service.start(width, height)
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                await self._message(live, service, message.data)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            # Stopping runs to its end even if this handler is cancelled (a dropped
            # connection): `done` means the app process has really ended.
            stopping = live.stopping = asyncio.ensure_future(service.stop())
            stopping.add_done_callback(lambda _: live.done.set())
            await asyncio.shield(stopping)
            if not websocket.closed:
                await websocket.close()

    async def _message(self, live: Live, service: AppService, data: str) -> None:
        try:
            envelope = json.loads(data)
        except ValueError:
            return
        if not isinstance(envelope, list) or not envelope:
            return
        kind = envelope[0]
        payload = envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(payload, str) and len(payload) <= MAX_STDIN:
            live.last_input = time.monotonic()
            await service.send_bytes(payload.encode("utf-8"))
        elif kind == "resize" and isinstance(payload, dict):
            await service.set_terminal_size(
                _clamp(payload.get("width"), 80, 20, 400), _clamp(payload.get("height"), 24, 8, 200)
            )
        elif kind == "ping":
            await live.websocket.send_json(["pong", payload])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()

    async def close_idle(self) -> int:
        """Close sessions with no key or click for `idle_seconds`; their work is saved and
        comes back when the learner reconnects."""
        now = time.monotonic()
        idle = [
            live
            for live in [*self.live.values(), *self.trainers]
            if now - live.last_input > self.config.idle_seconds
        ]
        for live in idle:
            await live.websocket.close()
        return len(idle)

    async def _start_reaper(self, app: web.Application) -> None:
        async def reap() -> None:
            while True:
                await asyncio.sleep(min(30.0, self.config.idle_seconds / 4))
                await self.close_idle()

        self._reaper = asyncio.create_task(reap())

    async def _shutdown(self, app: web.Application) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
        sessions = [*self.live.values(), *self.trainers]
        for live in sessions:
            await live.websocket.close()
        # Each app process is told to quit as its socket closes; wait (a while) for them
        # to end, so none is cut off mid-write by the server's own exit.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(live.done.wait() for live in sessions)), 10)


@web.middleware
async def _headers(request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
    response: web.StreamResponse = await handler(request)
    response.headers.setdefault("Content-Security-Policy", pages.CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _same_origin(request: web.Request, behind_proxy: bool = False) -> bool:
    """A websocket opened by our own page: its Origin (if any) names this host."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    host = (behind_proxy and request.headers.get("X-Forwarded-Host")) or request.host
    return origin.split("://", 1)[-1] == host


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def _too_many(wait: float, lang: str) -> web.Response:
    title = i18n.t("web.too_many_title", lang)
    return _html(
        pages.message_page(title, i18n.t("web.too_many_text", lang, n=int(wait) + 1), lang), 429
    )


def _ended_page(lang: str) -> str:
    return pages.message_page(i18n.t("web.ended_title", lang), i18n.t("web.ended_text", lang), lang)


def _clamp(value: Any, default: int, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))
