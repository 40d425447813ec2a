"""Running the app: `httpcode serve` (Socket Mode or HTTP), and the WSGI app gunicorn serves.

HTTP mode in production:  gunicorn -b 0.0.0.0:$PORT -w 1 --threads 8 'bot.slack.server:create_wsgi_app()'
Socket Mode serves /healthz and /metrics on a side server when HEALTH_PORT (or PORT) is set.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from bot.slack.settings import Settings, SettingsError
from bot.slack.stores.sqlite_store import StoreUnavailable

if TYPE_CHECKING:
    from slack_bolt import App

# Slack libraries and the engine are imported inside the functions: building the CLI parser
# (`httpcode --help`, `httpcode explain`) must not pay for them.

EVENTS_PATH = "/slack/events"
log = logging.getLogger("httpcode.slack")

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]


def load_app(settings: Settings, *, extra_dirs: Sequence[str] = ()) -> App:
    """Engine, store and Bolt app for these settings."""
    from bot.engine import Engine
    from bot.slack.app import build_app
    from bot.slack.stores.sqlite_store import open_store

    engine = Engine.load(extra_dirs=tuple(extra_dirs))
    store = open_store(settings.db, redis_url=settings.redis_url, database_url=settings.database_url)
    with _quiet_sdk():  # Bolt's auth.test at start: a bad token or unreachable Slack is one line, said by the caller
        app = build_app(settings, engine=engine, store=store)
    settle_memory()
    return app


@contextlib.contextmanager
def _quiet_sdk() -> Iterator[None]:
    """slack_sdk logs each retry of a failing call at INFO/ERROR; at start-up the caller reports the outcome once."""
    sdk = logging.getLogger("slack_sdk")
    level = sdk.level
    sdk.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        sdk.setLevel(level)


GC_THRESHOLD = (700, 10, 100)  # Python's default is (700, 10, 10): full collections 10 times rarer


def settle_memory() -> None:
    """Keep full garbage collections short and rare: they pause every thread, acks included.

    What is loaded by now (the knowledge index, Bolt, slack_sdk) lives as long as the process; frozen,
    the collector stops scanning it (a full collection drops from ~50 ms to well under 1 ms). Under a
    burst the backlog holds thousands of queued answers, and each full collection scans them all (60-150
    ms for 2,000-3,000): spacing full collections further apart keeps those pauses out of short bursts.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def wsgi_app(app: App, settings: Settings) -> WsgiApp:
    """Bolt's WSGI adapter on POST /slack/events (commands, events, interactivity), plus GET /healthz, /metrics.

    The guard in front refuses oversized, unsigned and malformed requests before Bolt reads them.
    """
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.slack.server.guard import Guard
    from bot.slack.server.health import OPS_PATHS, Health, ops_app

    slack = Guard(
        SlackRequestHandler(app, path=EVENTS_PATH),
        signing_secret=settings.signing_secret,
        max_body=settings.max_body_bytes,
    )
    ops = ops_app(Health("http", store=app.deps.store.state))

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") in OPS_PATHS and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            return ops(environ, start_response)
        return slack(environ, start_response)

    return application


def create_wsgi_app(env: Mapping[str, str] | None = None) -> WsgiApp:
    """The gunicorn entry point (`'bot.slack.server:create_wsgi_app()'`); settings come from the environment.

    A bad setting or an unreachable Redis is one log line, and the worker exits with gunicorn's
    "cannot boot" status (3) so the master stops instead of restarting it in a loop.
    """
    try:
        settings = Settings.from_env(env, mode="http")
        setup_logging(settings)
        return wsgi_app(load_app(settings), settings)
    except (SettingsError, StoreUnavailable) as exc:
        logging.basicConfig()
        log.error("httpcode: cannot start: %s", exc)
        raise SystemExit(3) from None
    except Exception as exc:  # a broken knowledge file, Slack unreachable or refusing the token: one line
        logging.basicConfig()
        log.error("httpcode: cannot start: %s", _one_line(exc))
        raise SystemExit(3) from None


def setup_logging(settings: Settings) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpcode").setLevel(settings.log_level)


def add_serve_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """`httpcode serve [--socket | --http] [--port N] [--workers N] [--threads N]`."""
    serve = subparsers.add_parser(
        "serve",
        help="run the Slack app (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)",
        description="Run the Slack app. Needs SLACK_BOT_TOKEN; SLACK_APP_TOKEN for Socket Mode, "
        "SLACK_SIGNING_SECRET for HTTP mode (POST /slack/events, GET /healthz and /metrics on PORT, default 3000). "
        "Socket Mode serves /healthz and /metrics on HEALTH_PORT (or PORT) when one is set.",
    )
    mode = serve.add_mutually_exclusive_group()
    mode.add_argument("--socket", dest="mode", action="store_const", const="socket", help="force Socket Mode")
    mode.add_argument("--http", dest="mode", action="store_const", const="http", help="force HTTP mode")
    serve.add_argument("--port", type=int, help="HTTP mode port (default: PORT or 3000)")
    serve.add_argument(
        "--host",
        default="0.0.0.0",
        help="bind address of HTTP mode and of Socket Mode's health server (default: 0.0.0.0)",
    )
    serve.add_argument("--workers", type=int, default=1, help="HTTP mode gunicorn worker processes (default: 1)")
    serve.add_argument("--threads", type=int, default=8, help="HTTP mode threads per worker (default: 8)")
    serve.add_argument("--knowledge", action="append", default=argparse.SUPPRESS, metavar="DIR")
    serve.set_defaults(func=serve_command, mode=None)
    return serve


def serve_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        settings = Settings.from_env(mode=args.mode)
    except SettingsError as exc:
        print(f"httpcode serve: {exc}", file=err)
        return 2
    setup_logging(settings)
    if not settings.socket_mode and args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # before prometheus_client is imported: each worker then writes its metrics where /metrics sums them
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="httpcode-metrics-")
    try:
        app = load_app(settings, extra_dirs=getattr(args, "knowledge", []) or [])
    except Exception as exc:  # a broken knowledge file, an unreachable or refusing Slack: one line, no trace
        print(f"httpcode serve: cannot start: {_one_line(exc)}", file=err)
        return 1
    if settings.socket_mode:
        return _serve_socket(app, settings, args, out, err)
    return _serve_http(app, settings, args, out)


def _serve_socket(app: App, settings: Settings, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.slack.server.health import Health, serve_side
    from bot.slack.webapi.client import web_client

    # apps.connections.open is called with the app token through this client, so it honours SLACK_API_URL
    client = web_client(token=None, base_url=settings.api_url)
    handler = SocketModeHandler(app, app_token=settings.app_token, web_client=client)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    side = None
    if settings.health_port is not None:
        health = Health("socket", handler.client.is_connected, store=app.deps.store.state)
        side = serve_side(health, host=args.host, port=settings.health_port)
        print(f"httpcode: /healthz and /metrics on http://{args.host}:{side.server_port}", file=out, flush=True)
    try:
        handler.connect()
    except Exception as exc:  # a wrong SLACK_APP_TOKEN, Slack unreachable: one line, no trace
        print(f"httpcode serve: cannot connect in Socket Mode: {_one_line(exc)}", file=err)
        return 1
    print("httpcode: connected in Socket Mode", file=out, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    handler.close()
    if side is not None:
        side.shutdown()
    return 0


def _serve_http(app: App, settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    from gunicorn.app.base import BaseApplication

    application = wsgi_app(app, settings)
    options = {
        "bind": f"{args.host}:{args.port or settings.port}",
        "workers": args.workers,
        "threads": args.threads,
        "worker_class": "gthread",
        "timeout": 30,
    }

    class Server(BaseApplication):  # gunicorn's documented way to embed it
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> WsgiApp:
            return application

    print(f"httpcode: serving Slack events on http://{options['bind']}{EVENTS_PATH}", file=out, flush=True)
    if settings.oauth:  # a distributable app: each workspace installs it from this page
        print(f"httpcode: installing in workspaces from http://{options['bind']}/slack/install", file=out, flush=True)
    Server().run()
    return 0


def _one_line(exc: BaseException) -> str:
    """`Slack said invalid_auth (…/auth.test)` for API refusals; else the exception's first line."""
    response = getattr(exc, "response", None)
    if response is not None and hasattr(response, "get") and response.get("error"):
        return f"Slack said {response.get('error')} ({getattr(response, 'api_url', '')})"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


if __name__ == "__main__":  # pragma: no cover
    parser = argparse.ArgumentParser(prog="httpcode")
    add_serve_parser(parser.add_subparsers(dest="command", required=True))
    ns = parser.parse_args(sys.argv[1:] or ["serve"])
    raise SystemExit(ns.func(ns, sys.stdout, sys.stderr))
