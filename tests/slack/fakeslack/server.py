"""The fake Slack: a real HTTP server (Web API methods + response_url) and a real WebSocket server.

Every request is recorded as a `Call`; tests wait for the call they expect (`wait_for`) instead of
sleeping. `fail()` makes the next calls to a method return 429 with Retry-After, a 5xx, or
`ok: false`, to check what the app does when Slack misbehaves.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from websockets.sync.server import ServerConnection, serve

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-fake-app-token"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0FAKE"
APP_ID = "A0FAKE"


@dataclass
class Call:
    """One request the app made (or one Socket Mode ack it sent)."""

    kind: str  # "api", "response_url" or "socket_ack"
    name: str  # API method ("chat.postMessage"), response_url name, or envelope id
    params: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    at: float = field(default_factory=time.monotonic)  # when it arrived

    @property
    def blocks(self) -> list[dict]:
        raw = self.params.get("blocks") or []
        return json.loads(raw) if isinstance(raw, str) else raw

    def texts(self) -> str:
        """Every text in the message (fallback, sections, headers, context, buttons), for assertions."""
        out = [str(self.params.get("text", ""))]

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("text"), str):
                    out.append(node["text"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.blocks)
        return "\n".join(out)

    def buttons(self) -> list[dict]:
        return [e for b in self.blocks if b.get("type") == "actions" for e in b.get("elements", [])]


@dataclass
class FakeFile:
    """A file Slack holds: served at its url_private_download to the bot token, in chunks, counting what left."""

    id: str
    name: str
    content: bytes = b""
    generated: int = 0  # serve this many bytes of generated log lines instead of `content`
    status: int = 200
    delay: float = 0.0  # seconds before the first byte (a slow or hanging download)
    sent: int = 0


@dataclass
class _Fault:
    status: int
    body: dict | str
    headers: dict[str, str]
    times: int


class FakeSlack:
    """Start with `start()`; `api_url` goes in SLACK_API_URL, `response_url(name)` in payloads."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.files: dict[str, FakeFile] = {}
        self.messages: dict[str, list[dict]] = {}  # channel -> messages (seeded and posted)
        self.ephemeral: dict[str, list[dict]] = {}  # channel -> ephemeral messages (never in history)
        self._faults: dict[str, list[_Fault]] = {}
        self._cond = threading.Condition()
        self._ts = itertools.count(1)
        self._http: ThreadingHTTPServer | None = None
        self._ws = None
        self._conns: list[ServerConnection] = []

    # ---- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class Handler(_Handler):
            slack = fake

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        threading.Thread(target=self._http.serve_forever, name="fakeslack-http", daemon=True).start()
        self._ws = serve(self._ws_session, "127.0.0.1", 0, ping_interval=None, compression=None)
        threading.Thread(target=self._ws.serve_forever, name="fakeslack-ws", daemon=True).start()
        return self

    def stop(self) -> None:
        for conn in list(self._conns):
            conn.close()
        if self._ws:
            self._ws.shutdown()
        if self._http:
            self._http.shutdown()
            self._http.server_close()

    @property
    def base(self) -> str:
        assert self._http is not None
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self._ws.socket.getsockname()[1]}/link/?ticket=fake"

    def response_url(self, name: str) -> str:
        return f"{self.base}/response/{name}"

    # ---- test controls ----------------------------------------------------------------------

    def reset(self) -> None:
        with self._cond:
            self.calls.clear()
            self._faults.clear()

    def add_file(
        self,
        name: str,
        content: bytes | str = b"",
        *,
        mimetype: str = "text/plain",
        filetype: str = "text",
        mode: str = "hosted",
        size: int | None = None,
        generated: int = 0,
        status: int = 200,
        delay: float = 0.0,
    ) -> dict:
        """A file as Slack describes it in a message's `files` (the object the app sees), served by this fake."""
        data = content.encode() if isinstance(content, str) else content
        file_id = f"F{next(self._ts):08d}"
        with self._cond:
            self.files[file_id] = FakeFile(file_id, name, data, generated, status, delay)
        url = f"{self.base}/files-pri/{TEAM_ID}-{file_id}/download/{name}"
        return {
            "id": file_id, "name": name, "title": name, "mimetype": mimetype, "filetype": filetype,
            "mode": mode, "size": size if size is not None else (generated or len(data)),
            "url_private": url.replace("/download/", "/"), "url_private_download": url,
        }  # fmt: skip

    def serve_file(self, handler: BaseHTTPRequestHandler, path: str, headers: dict[str, str]) -> None:
        """GET /files-pri/T-F.../download/name: the bot token only; big files go out in chunks, counted."""
        file_id = path.split("/")[2].split("-", 1)[-1]
        with self._cond:
            f = self.files.get(file_id)
        token = headers.get("authorization", "").removeprefix("Bearer ").strip()
        status = 404 if f is None else (403 if token != BOT_TOKEN else f.status)
        self._record(Call("file", file_id, {}, headers, status))
        if f is not None and f.delay:
            time.sleep(f.delay)
        if status != 200 or f is None:
            body = b"<html>not found</html>" if status == 404 else b"<html>Please sign in</html>"
            handler.send_response(status)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        total = f.generated or len(f.content)
        handler.send_response(200)
        handler.send_header("Content-Type", "application/octet-stream")
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        line = b"2026-11-20 10:00:00 GET /x - 80 - 10.0.0.1 curl/8 - 200 0 0 5\n"
        try:
            if not f.generated:
                for start in range(0, total, 65536):
                    handler.wfile.write(f.content[start : start + 65536])
                    f.sent += len(f.content[start : start + 65536])
                return
            chunk = line * (65536 // len(line))
            while f.sent < total:
                piece = chunk[: total - f.sent]
                handler.wfile.write(piece)
                f.sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            return  # the app stopped reading: what `sent` says is what left

    def fail(
        self,
        name: str,
        *,
        status: int = 429,
        error: str = "ratelimited",
        retry_after: int | None = 1,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls to `name` (an API method, or "response_url") fail."""
        headers = {"Retry-After": str(retry_after)} if status == 429 and retry_after is not None else {}
        body = {"ok": False, "error": error}
        with self._cond:
            self._faults.setdefault(name, []).append(_Fault(status, body, headers, times))

    def seed_message(
        self, channel: str, ts: str, text: str, user: str = "UALICE", *, thread_ts: str | None = None, **extra: Any
    ) -> dict:
        """A message that exists in Slack before the test (conversations.replies returns it), maybe in a thread."""
        message = {"type": "message", "user": user, "text": text, "ts": ts, **extra}
        if thread_ts:
            message["thread_ts"] = thread_ts
        with self._cond:
            self.messages.setdefault(channel, []).append(message)
        return message

    def wait_for(self, predicate: Callable[[Call], bool], *, timeout: float = 15.0, what: str = "") -> Call:
        """The first recorded call that satisfies `predicate`, waiting for it up to `timeout`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self.calls:
                    if predicate(call):
                        return call
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.kind, c.name) for c in self.calls]
                    raise AssertionError(f"no call {what or predicate} within {timeout}s; calls: {seen}")
                self._cond.wait(left)

    def wait_api(self, method: str, *, timeout: float = 15.0, **match: Any) -> Call:
        """The first call to `method` whose params include `match` (e.g. channel="C1")."""
        return self.wait_for(
            lambda c: c.kind == "api" and c.name == method and all(c.params.get(k) == v for k, v in match.items()),
            timeout=timeout,
            what=f"{method} {match}",
        )

    def wait_response(self, name: str, *, timeout: float = 15.0, index: int = 0) -> Call:
        """The `index`-th POST to response_url `name`."""

        def nth(call: Call) -> bool:
            hits = [c for c in self.calls if c.kind == "response_url" and c.name == name]
            return len(hits) > index and call is hits[index]

        return self.wait_for(nth, timeout=timeout, what=f"response_url {name} #{index}")

    def api_calls(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.kind == "api" and c.name == method]

    def messages_calls(self) -> list[Call]:
        """Every call that carried a message (posted, updated, or sent to a response_url)."""
        with self._cond:
            return [
                c
                for c in self.calls
                if (c.kind == "response_url" or c.name in ("chat.postMessage", "chat.postEphemeral", "chat.update"))
                and c.status == 200
            ]

    # ---- Socket Mode --------------------------------------------------------------------------

    def wait_connected(self, *, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._conns:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("the app never opened a Socket Mode connection")
                self._cond.wait(left)

    def disconnect(self) -> None:
        """Drop the app's Socket Mode connections, as Slack does now and then; the app reconnects."""
        with self._cond:
            conns = list(self._conns)
        for conn in conns:
            conn.close()

    def deliver(self, envelope_type: str, payload: dict, *, retry_attempt: int = 0) -> str:
        """Send an envelope to the connected app; returns its envelope_id (wait for the ack with it)."""
        self.wait_connected()
        envelope_id = f"env-{next(self._ts)}-{time.monotonic_ns()}"
        envelope = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": envelope_type != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
        }
        with self._cond:
            conn = self._conns[-1]
        conn.send(json.dumps(envelope))
        return envelope_id

    def wait_ack(self, envelope_id: str, *, timeout: float = 15.0) -> Call:
        return self.wait_for(
            lambda c: c.kind == "socket_ack" and c.name == envelope_id, timeout=timeout, what=f"ack {envelope_id}"
        )

    def _ws_session(self, conn: ServerConnection) -> None:
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID}, "debug_info": {}}
        conn.send(json.dumps(hello))
        with self._cond:
            self._conns.append(conn)
            self._cond.notify_all()
        try:
            for message in conn:
                data = json.loads(message)
                self._record(Call("socket_ack", str(data.get("envelope_id")), data.get("payload") or {}))
        except Exception:  # connection dropped: the app reconnects or the test is over
            pass
        finally:
            with self._cond:
                if conn in self._conns:
                    self._conns.remove(conn)

    # ---- Web API ------------------------------------------------------------------------------

    def _record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    def _take_fault(self, name: str) -> _Fault | None:
        with self._cond:
            queue = self._faults.get(name) or []
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return fault

    def handle(self, method: str, path: str, params: dict, headers: dict[str, str]) -> tuple[int, dict | str, dict]:
        """One request: returns (status, JSON body, headers)."""
        if path.startswith("/response/"):
            name = path[len("/response/") :]
            fault = self._take_fault("response_url")
            status = fault.status if fault else 200
            self._record(Call("response_url", name, params, headers, status))
            return (status, fault.body, fault.headers) if fault else (200, {"ok": True}, {})
        if not path.startswith("/api/"):
            return 404, {"ok": False, "error": "not_found"}, {}
        api = path[len("/api/") :]
        fault = self._take_fault(api)
        self._record(Call("api", api, params, headers, fault.status if fault else 200))
        if fault:
            return fault.status, fault.body, fault.headers
        auth = headers.get("authorization", "")
        token = auth.removeprefix("Bearer ").strip() or params.get("token", "")
        expected = APP_TOKEN if api == "apps.connections.open" else BOT_TOKEN
        if token != expected:
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        return 200, self._api(api, params), {}

    def _api(self, api: str, p: dict) -> dict:
        if api == "auth.test":
            return {
                "ok": True, "url": "https://fake.slack.test/", "team": "Fake", "user": "httpcode",
                "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False,
            }  # fmt: skip
        if api == "apps.connections.open":
            return {"ok": True, "url": self.ws_url}
        if api in ("chat.postMessage", "chat.postEphemeral"):
            if not p.get("channel"):
                return {"ok": False, "error": "channel_not_found"}
            if api == "chat.postEphemeral" and not p.get("user"):
                return {"ok": False, "error": "user_not_in_channel"}
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            message = {"type": "message", "bot_id": BOT_ID, "user": BOT_USER_ID, "ts": ts, "text": p.get("text", "")}
            if p.get("thread_ts"):
                message["thread_ts"] = p["thread_ts"]
            store = self.ephemeral if api == "chat.postEphemeral" else self.messages
            with self._cond:
                store.setdefault(p["channel"], []).append(message)
            if api == "chat.postEphemeral":
                return {"ok": True, "message_ts": ts}
            return {"ok": True, "channel": p["channel"], "ts": ts, "message": message}
        if api == "chat.update":
            return {"ok": True, "channel": p.get("channel"), "ts": p.get("ts"), "text": p.get("text", "")}
        if api == "conversations.replies":
            return self._replies(p)
        if api == "chat.getPermalink":
            ts = str(p.get("message_ts", ""))
            return {
                "ok": True,
                "channel": p.get("channel"),
                "permalink": f"https://fake.slack.test/archives/{p.get('channel')}/p{ts.replace('.', '')}",
            }
        return {"ok": False, "error": "unknown_method"}

    def _replies(self, p: dict) -> dict:
        """conversations.replies: the thread oldest first, in pages of `limit` (at most 1,000) with a cursor."""
        with self._cond:
            history = list(self.messages.get(p.get("channel", ""), []))
        thread = [m for m in history if m["ts"] == p.get("ts") or m.get("thread_ts") == p.get("ts")]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        thread.sort(key=lambda m: float(m["ts"]))
        limit = min(int(p.get("limit") or 1000), 1000)
        cursor = p.get("cursor") or ""
        if cursor and not cursor.startswith("page:"):
            return {"ok": False, "error": "invalid_cursor"}
        start = int(cursor[len("page:") :]) if cursor else 0
        page = thread[start : start + limit]
        more = start + limit < len(thread)
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": f"page:{start + limit}" if more else ""},
        }


class _Handler(BaseHTTPRequestHandler):
    slack: FakeSlack
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        url = urlsplit(self.path)
        if url.path.startswith("/files-pri/"):
            self.slack.serve_file(self, url.path, {k.lower(): v for k, v in self.headers.items()})
            return
        params: dict[str, Any] = dict(parse_qsl(url.query))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type", "")
        if raw:
            if "json" in ctype:
                params.update(json.loads(raw))
            else:
                params.update(parse_qsl(raw.decode()))
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, body, extra = self.slack.handle(self.command, url.path, params, headers)
        data = (json.dumps(body) if isinstance(body, dict) else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
