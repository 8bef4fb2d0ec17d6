"""`quizapp serve`: a class takes quizzes in the browser (see docs/serve.md)."""

from __future__ import annotations

import argparse
import ipaddress
import secrets
import sys
from datetime import date
from pathlib import Path
from typing import Any

from quizapp.commands.messages import error, fail, language, reason, say

_TRAINER_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve",
        description="serve_about",
    )
    parser.add_argument("--class", dest="class_name", metavar="NAME", help="serve_class")
    parser.add_argument("--host", default="127.0.0.1", help="serve_host")
    parser.add_argument("--port", type=int, default=8000, help="serve_port")
    parser.add_argument("--quiz", nargs="+", metavar="ID", default=[], help="serve_quiz")
    parser.add_argument("--code", metavar="C", help="serve_code")
    parser.add_argument(
        "--max-sessions",
        type=int,
        metavar="N",
        help="serve_max_sessions",
    )
    parser.add_argument(
        "--idle-minutes",
        type=float,
        default=20.0,
        metavar="M",
        help="serve_idle_minutes",
    )
    parser.add_argument(
        "--behind-proxy",
        action="store_true",
        help="serve_behind_proxy",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="serve_data_dir"
    )
    parser.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _shown_host(host: str) -> str:
    """The address learners type: the machine's own for a wildcard bind."""
    if host not in ("0.0.0.0", "::", ""):
        return f"[{host}]" if ":" in host else host
    import socket

    name = socket.gethostname()
    try:
        found = {str(info[4][0]) for info in socket.getaddrinfo(name, None, socket.AF_INET)}
    except OSError:
        found = set()
    # An address of this machine that others can reach; else its name, which a room's
    # network may or may not resolve.
    outside = sorted(a for a in found if not ipaddress.ip_address(a).is_loopback)
    return outside[0] if outside else name


def default_class_name(today: date | None = None) -> str:
    return f"class-{(today or date.today()).isoformat()}"


def new_join_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def new_trainer_code() -> str:
    return "".join(secrets.choice(_TRAINER_ALPHABET) for _ in range(10))


def qr_text(url: str) -> str:
    """The URL as a QR code of half-block characters, for a terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def run(args: argparse.Namespace) -> int:
    from quizapp import locations
    from quizapp.commands.report import _catalog
    from quizapp.store import StoreError, open_store
    from quizapp.store.classes import valid_class_name

    lang = language(args)
    base = locations.data_dir(args.data_dir)
    name = args.class_name or default_class_name()
    if not valid_class_name(name):
        fail("serve_bad_class_name", lang, name=repr(name))
        return 2
    code = args.code or new_join_code()
    if len(code) < 4 or len(code) > 32 or not code.isalnum():
        fail("serve_bad_code", lang)
        return 2
    catalog = _catalog(base)
    unknown = [q for q in args.quiz if q not in catalog.quizzes]
    if unknown:
        fail(
            "serve_no_such_quiz",
            lang,
            unknown=", ".join(unknown),
            known=", ".join(sorted(catalog.quizzes)),
        )
        return 2
    try:
        # A class on PostgreSQL is a row of the one database: every serve host on it
        # serves the same class, and a learner may come back through any of them.
        store = open_store(locations.class_database_target(base, name))
    except StoreError as exc:
        print(error(exc, lang), file=sys.stderr)
        return 1
    existing = store.class_info(name)
    quiz_ids = args.quiz or ([] if existing and existing.quizzes else sorted(catalog.quizzes))
    info = store.open_class(name, quiz_ids)
    if info.ended_at is not None:
        fail("serve_class_ended", lang, name=name)
        return 1
    if not info.quizzes:
        fail("serve_no_quizzes", lang)
        return 2

    from quizapp.classroom.limits import default_max_sessions
    from quizapp.classroom.server import ClassServer, ServeConfig

    config = ServeConfig(
        data_dir=Path(base),
        class_name=name,
        class_id=info.id,
        join_code=code,
        trainer_code=new_trainer_code(),
        host=args.host,
        port=args.port,
        max_sessions=args.max_sessions or default_max_sessions(),
        idle_seconds=max(60.0, args.idle_minutes * 60),
        behind_proxy=args.behind_proxy,
        # Only an explicit --lang: without it each page speaks its learner's language,
        # else the browser's.
        lang=getattr(args, "lang", None),
    )
    url = f"http://{_shown_host(args.host)}:{args.port}/"
    say("serve_class", lang, name=name, url=url)
    print(qr_text(url), end="")
    say("serve_join_code", lang, code=code)
    trainer_url = f"{url}trainer"
    say("serve_trainer_view", lang, url=trainer_url, code=config.trainer_code)
    say("serve_quizzes", lang, quizzes=", ".join(q.quiz_id for q in info.quizzes))
    say("serve_sessions", lang, n=config.max_sessions)
    if not is_loopback(args.host) and not args.behind_proxy:
        fail("serve_beyond_machine", lang)
    sys.stdout.flush()
    return serve_forever(ClassServer(config, store), config, lang)


def serve_forever(server: Any, config: Any, lang: str = "en") -> int:
    import asyncio

    from aiohttp import web

    async def main() -> None:
        import signal

        runner = web.AppRunner(server.make_app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, config.host, config.port)
        await site.start()
        stop = asyncio.Event()
        # SIGTERM too (a service manager, `kill`): close every session, so each app
        # process ends with the server.
        for sig in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(sig, stop.set)
        try:
            await stop.wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        fail(
            "serve_cannot_listen",
            lang,
            host=config.host,
            port=config.port,
            reason=reason(exc, lang),
        )
        return 1
    return 0
