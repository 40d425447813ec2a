"""`GET /healthz` and `GET /metrics`: in HTTP mode beside /slack/events, in Socket Mode on a side server.

Socket Mode has no HTTP port of its own, yet a container platform needs something to probe. When
HEALTH_PORT (or PORT) is set, a small server in a daemon thread answers these two paths; /healthz
says whether the WebSocket to Slack is connected (503 while it is not: the app is not getting events).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from bot.slack.runtime import metrics

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
OPS_PATHS = (HEALTH_PATH, METRICS_PATH)

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]


@dataclass(frozen=True, slots=True)
class Health:
    """What /healthz reports: the mode, in Socket Mode whether the WebSocket is up, and the store's state.

    A degraded store (SQLite locked or read-only, claims kept in memory for now) still answers: 200.
    An unavailable one (Redis down) means no answers go out: 503, like a lost WebSocket.
    """

    mode: str
    connected: Callable[[], bool] | None = None
    store: Callable[[], str] | None = None

    def report(self) -> tuple[int, dict]:
        body: dict = {"ok": True, "mode": self.mode}
        if self.connected is not None:
            body["connected"] = body["ok"] = bool(self.connected())
        if self.store is not None:
            try:
                body["store"] = self.store()
            except Exception:
                body["store"] = "unavailable"
            body["ok"] = body["ok"] and body["store"] != "unavailable"
        return (200 if body["ok"] else 503), body


def ops_app(health: Health) -> WsgiApp:
    """A WSGI app for GET /healthz and GET /metrics (404 for anything else)."""

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or path not in OPS_PATHS:
            return _send(start_response, 404, b'{"error": "not found"}', "application/json")
        if path == METRICS_PATH:
            body, content_type = metrics.exposition()
            return _send(start_response, 200, body, content_type)
        status, report = health.report()
        return _send(start_response, status, json.dumps(report).encode(), "application/json")

    return application


def serve_side(health: Health, *, host: str, port: int) -> WSGIServer:
    """Start the side server in a daemon thread; `server.server_port` is the port (0 picks a free one)."""
    server = make_server(host, port, ops_app(health), handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name="httpcode-health", daemon=True).start()
    return server


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # probes every few seconds: not worth a line
        pass


_REASONS = {200: "200 OK", 404: "404 Not Found", 503: "503 Service Unavailable"}


def _send(start_response: Callable, status: int, body: bytes, content_type: str) -> list[bytes]:
    start_response(_REASONS[status], [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
