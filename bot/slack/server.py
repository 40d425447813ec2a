"""Running the app: `httpcode serve` (Socket Mode or HTTP), and the WSGI app gunicorn serves.

HTTP mode in production:  gunicorn -b 0.0.0.0:$PORT -w 1 --threads 8 'bot.slack.server:create_wsgi_app()'
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from bot.slack.settings import Settings, SettingsError

if TYPE_CHECKING:
    from slack_bolt import App

# Slack libraries and the engine are imported inside the functions: building the CLI parser
# (`httpcode --help`, `httpcode explain`) must not pay for them.

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
log = logging.getLogger("httpcode.slack")

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]


def load_app(settings: Settings, *, extra_dirs: Sequence[str] = ()) -> App:
    """Engine, store and Bolt app for these settings."""
    from bot.engine import Engine
    from bot.slack.app import build_app
    from bot.slack.store import open_store

    engine = Engine.load(extra_dirs=tuple(extra_dirs))
    return build_app(settings, engine=engine, store=open_store(settings.db))


def wsgi_app(app: App) -> WsgiApp:
    """Bolt's WSGI adapter on POST /slack/events (commands, events, interactivity), plus GET /healthz."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            body = json.dumps({"ok": True}).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return slack(environ, start_response)

    return application


def create_wsgi_app(env: Mapping[str, str] | None = None) -> WsgiApp:
    """The gunicorn entry point (`'bot.slack.server:create_wsgi_app()'`); settings come from the environment."""
    settings = Settings.from_env(env, mode="http")
    setup_logging(settings)
    return wsgi_app(load_app(settings))


def setup_logging(settings: Settings) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpcode").setLevel(settings.log_level)


def add_serve_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """`httpcode serve [--socket | --http] [--port N] [--workers N] [--threads N]`."""
    serve = subparsers.add_parser(
        "serve",
        help="run the Slack app (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)",
        description="Run the Slack app. Needs SLACK_BOT_TOKEN; SLACK_APP_TOKEN for Socket Mode, "
        "SLACK_SIGNING_SECRET for HTTP mode (POST /slack/events, GET /healthz on PORT, default 3000).",
    )
    mode = serve.add_mutually_exclusive_group()
    mode.add_argument("--socket", dest="mode", action="store_const", const="socket", help="force Socket Mode")
    mode.add_argument("--http", dest="mode", action="store_const", const="http", help="force HTTP mode")
    serve.add_argument("--port", type=int, help="HTTP mode port (default: PORT or 3000)")
    serve.add_argument("--host", default="0.0.0.0", help="HTTP mode bind address (default: 0.0.0.0)")
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
    try:
        app = load_app(settings, extra_dirs=getattr(args, "knowledge", []) or [])
    except Exception as exc:  # a broken knowledge file, an unreachable or refusing Slack: one line, no trace
        print(f"httpcode serve: cannot start: {_one_line(exc)}", file=err)
        return 1
    if settings.socket_mode:
        return _serve_socket(app, settings, out, err)
    return _serve_http(app, settings, args, out)


def _serve_socket(app: App, settings: Settings, out: TextIO, err: TextIO) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.slack import deliver

    # apps.connections.open is called with the app token through this client, so it honours SLACK_API_URL
    client = deliver.web_client(token=None, base_url=settings.api_url)
    handler = SocketModeHandler(app, app_token=settings.app_token, web_client=client)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        handler.connect()
    except Exception as exc:  # a wrong SLACK_APP_TOKEN, Slack unreachable: one line, no trace
        print(f"httpcode serve: cannot connect in Socket Mode: {_one_line(exc)}", file=err)
        return 1
    print("httpcode: connected in Socket Mode", file=out, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    handler.close()
    return 0


def _serve_http(app: App, settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    from gunicorn.app.base import BaseApplication

    application = wsgi_app(app)
    options = {
        "bind": f"{args.host}:{args.port or settings.port}",
        "workers": args.workers,
        "threads": args.threads,
        "worker_class": "gthread",
        "accesslog": "-",
        "timeout": 30,
    }

    class Server(BaseApplication):  # gunicorn's documented way to embed it
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> WsgiApp:
            return application

    print(f"httpcode: serving Slack events on http://{options['bind']}{EVENTS_PATH}", file=out, flush=True)
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
