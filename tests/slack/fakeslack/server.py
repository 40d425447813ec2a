"""The fake Slack: a real HTTP server (Web API methods + response_url) and a real WebSocket server.

Every request is recorded as a `Call`; tests wait for the call they expect (`wait_for`) instead of
sleeping. `fail()` makes the next calls to a method return 429 with Retry-After, a 5xx, or
`ok: false`, to check what the app does when Slack misbehaves.

Several workspaces: the first (T0FAKE, BOT_TOKEN) is installed already; `expect_install(team)` makes
Slack's authorize page (`GET /oauth/v2/authorize`) approve the next install for another workspace, and
`oauth.v2.access` then issues that workspace its own bot token (and a refresh token when token
rotation is on). Every Web API call is checked against the team its token belongs to: each Call
records that `team`, a channel registered to one workspace is `channel_not_found` for the others, and
an uninstalled workspace's tokens are refused (`token_revoked`).
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from websockets.sync.server import ServerConnection, serve

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-fake-app-token"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0FAKE"
APP_ID = "A0FAKE"
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"
BOT_SCOPES_GRANTED = ("app_mentions:read", "channels:history", "channels:read", "chat:write", "commands")


@dataclass
class Workspace:
    """One workspace the app is (or will be) installed in, with its bot user and its valid tokens."""

    team_id: str
    bot_user_id: str
    bot_id: str
    enterprise_id: str | None = None
    rotation: bool = False
    tokens: set[str] = field(default_factory=set)
    refresh_tokens: set[str] = field(default_factory=set)
    installed: bool = False


def block_texts(blocks: Any) -> str:
    """Every `text` string in Block Kit (a message's blocks or a view's), depth first, one a line."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                out.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return "\n".join(out)


@dataclass
class Call:
    """One request the app made (or one Socket Mode ack it sent)."""

    kind: str  # "api", "response_url", "socket_ack" or "authorize" (the OAuth page)
    name: str  # API method ("chat.postMessage"), response_url name, or envelope id
    params: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    at: float = field(default_factory=time.monotonic)  # when it arrived
    team: str = ""  # the workspace the call's token belongs to ("" when no valid token)

    @property
    def blocks(self) -> list[dict]:
        raw = self.params.get("blocks") or []
        return json.loads(raw) if isinstance(raw, str) else raw

    def texts(self) -> str:
        """Every text in the message (fallback, sections, headers, context, buttons), for assertions."""
        return "\n".join([str(self.params.get("text", "")), block_texts(self.blocks)])

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
        default = Workspace(TEAM_ID, BOT_USER_ID, BOT_ID, tokens={BOT_TOKEN}, installed=True)
        self.workspaces: dict[str, Workspace] = {TEAM_ID: default}
        self.channel_team: dict[str, str] = {}  # channel -> the only workspace that can see it
        self.members: dict[str, set[str]] = {}  # channel -> user ids (bot users included) in it
        self.views: dict[tuple[str, str], dict] = {}  # (team, user) -> the published Home view
        self._codes: dict[str, str] = {}  # OAuth code -> team
        self._next_install: list[str] = []
        self.redirect_url = ""  # the app's configured Redirect URL, used when the authorize URL names none

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

    # ---- workspaces and OAuth -----------------------------------------------------------------

    def add_workspace(self, team_id: str, *, enterprise_id: str | None = None, rotation: bool = False) -> Workspace:
        """A workspace the app is not installed in yet; its bot user is `UBOT_<team>`."""
        ws = Workspace(team_id, f"UBOT{team_id}", f"BBOT{team_id}", enterprise_id=enterprise_id, rotation=rotation)
        with self._cond:
            self.workspaces[team_id] = ws
        return ws

    def expect_install(self, team_id: str) -> None:
        """The next visit to the authorize page is someone in `team_id` pressing Allow."""
        with self._cond:
            self._next_install.append(team_id)

    def uninstall(self, team_id: str) -> None:
        """Slack's side of an uninstall: the workspace's tokens stop working."""
        with self._cond:
            ws = self.workspaces[team_id]
            ws.tokens.clear()
            ws.refresh_tokens.clear()
            ws.installed = False

    def register_channel(self, channel: str, team_id: str, *members: str) -> None:
        """A channel of one workspace (invisible to the others), with its members."""
        with self._cond:
            self.channel_team[channel] = team_id
            self.members.setdefault(channel, set()).update(members)

    def token_of(self, team_id: str) -> str:
        """The workspace's current bot token (tests use it to read what the app was given)."""
        with self._cond:
            return sorted(self.workspaces[team_id].tokens)[-1]

    def _team_of(self, token: str) -> Workspace | None:
        for ws in self.workspaces.values():
            if token in ws.tokens:
                return ws
        return None

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
        if path == "/oauth/v2/authorize":
            return self._authorize_page(params, headers)
        if not path.startswith("/api/"):
            return 404, {"ok": False, "error": "not_found"}, {}
        api = path[len("/api/") :]
        fault = self._take_fault(api)
        auth = headers.get("authorization", "")
        token = auth.removeprefix("Bearer ").strip() or params.get("token", "")
        with self._cond:
            ws = self._team_of(token)
        self._record(Call("api", api, params, headers, fault.status if fault else 200, team=ws.team_id if ws else ""))
        if fault:
            return fault.status, fault.body, fault.headers
        if api == "oauth.v2.access":
            return 200, self._oauth_access(params, auth), {}
        if api == "apps.connections.open":
            if token != APP_TOKEN:
                return 200, {"ok": False, "error": "invalid_auth"}, {}
            return 200, {"ok": True, "url": self.ws_url}, {}
        if ws is None:
            revoked = any(token.startswith(f"xoxb-{t}-") for t in self.workspaces)
            return 200, {"ok": False, "error": "token_revoked" if revoked else "invalid_auth"}, {}
        channel = params.get("channel")
        if channel and self.channel_team.get(channel, ws.team_id) != ws.team_id:
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        return 200, self._api(api, params, ws), {}

    def _authorize_page(self, p: dict, headers: dict[str, str]) -> tuple[int, dict | str, dict]:
        """Slack's "Allow" page: approve for the workspace `expect_install` named, back to the redirect URI."""
        with self._cond:
            team = self._next_install.pop(0) if self._next_install else ""
            code = f"code-{team}-{next(self._ts)}"
            if team:
                self._codes[code] = team
        self._record(Call("authorize", "oauth/v2/authorize", p, headers, team=team))
        redirect = p.get("redirect_uri") or self.redirect_url
        if p.get("client_id") != CLIENT_ID or not redirect:
            return (
                400,
                {"ok": False, "error": "bad_redirect_uri" if p.get("client_id") == CLIENT_ID else "invalid_client_id"},
                {},
            )
        if not team:
            return 400, {"ok": False, "error": "no install expected (call expect_install first)"}, {}
        sep = "&" if "?" in redirect else "?"
        location = f"{redirect}{sep}{urlencode({'code': code, 'state': p.get('state', '')})}"
        return 302, "", {"Location": location}

    def _oauth_access(self, p: dict, auth: str) -> dict:
        """oauth.v2.access: a code for a bot token, or (token rotation) a refresh token for a new one."""
        client_id, client_secret = p.get("client_id", ""), p.get("client_secret", "")
        if auth.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(auth[len("Basic ") :]).decode().partition(":")
        if (client_id, client_secret) != (CLIENT_ID, CLIENT_SECRET):
            return {"ok": False, "error": "invalid_client"}
        with self._cond:
            if p.get("grant_type") == "refresh_token":
                ws = next((w for w in self.workspaces.values() if p.get("refresh_token") in w.refresh_tokens), None)
                if ws is None:
                    return {"ok": False, "error": "invalid_refresh_token"}
                ws.tokens.clear()  # the old token stops working once it is refreshed
                ws.refresh_tokens.clear()
            else:
                team = self._codes.pop(p.get("code", ""), "")
                if not team:
                    return {"ok": False, "error": "invalid_code"}
                ws = self.workspaces[team]
                ws.installed = True
            n = next(self._ts)
            token = f"xoxb-{ws.team_id}-{n}"
            ws.tokens.add(token)
            body: dict[str, Any] = {
                "ok": True, "access_token": token, "token_type": "bot", "scope": ",".join(BOT_SCOPES_GRANTED),
                "bot_user_id": ws.bot_user_id, "app_id": APP_ID, "team": {"id": ws.team_id, "name": f"Team {ws.team_id}"},
                "enterprise": {"id": ws.enterprise_id, "name": "Org"} if ws.enterprise_id else None,
                "authed_user": {"id": f"UADMIN{ws.team_id}"}, "is_enterprise_install": False,
            }  # fmt: skip
            if ws.rotation:
                refresh = f"xoxe-1-{ws.team_id}-{n}"
                ws.refresh_tokens.add(refresh)
                body.update(refresh_token=refresh, expires_in=3600)  # within Bolt's 2 hours: rotated on next use
        return body

    def _api(self, api: str, p: dict, ws: Workspace) -> dict:
        if api == "auth.test":
            return {
                "ok": True, "url": "https://fake.slack.test/", "team": f"Team {ws.team_id}", "user": "httpcode",
                "team_id": ws.team_id, "user_id": ws.bot_user_id, "bot_id": ws.bot_id,
                "enterprise_id": ws.enterprise_id, "is_enterprise_install": False,
            }  # fmt: skip
        if api in ("chat.postMessage", "chat.postEphemeral"):
            if not p.get("channel"):
                return {"ok": False, "error": "channel_not_found"}
            if api == "chat.postEphemeral" and not p.get("user"):
                return {"ok": False, "error": "user_not_in_channel"}
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            message = {
                "type": "message",
                "bot_id": ws.bot_id,
                "user": ws.bot_user_id,
                "ts": ts,
                "text": p.get("text", ""),
            }
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
        if api == "chat.delete":
            with self._cond:
                history = self.messages.get(p.get("channel", ""), [])
                found = next((m for m in history if m["ts"] == p.get("ts")), None)
                if found is None:
                    return {"ok": False, "error": "message_not_found"}
                if found.get("bot_id") != ws.bot_id:
                    return {"ok": False, "error": "cant_delete_message"}
                history.remove(found)
            return {"ok": True, "channel": p.get("channel"), "ts": p.get("ts")}
        if api == "views.publish":
            view = p.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            if not p.get("user_id") or not isinstance(view, dict) or view.get("type") != "home":
                return {"ok": False, "error": "invalid_arguments"}
            with self._cond:
                self.views[(ws.team_id, p["user_id"])] = view
            return {"ok": True, "view": {"id": f"V{next(self._ts)}", **view}}
        if api == "users.conversations":
            user = p.get("user") or ws.bot_user_id
            with self._cond:
                ids = sorted(
                    c
                    for c, users in self.members.items()
                    if user in users and self.channel_team.get(c, ws.team_id) == ws.team_id
                )
            return {"ok": True, "channels": [{"id": c} for c in ids], "response_metadata": {"next_cursor": ""}}
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
