"""The real app, run as Slack would meet it: under gunicorn (HTTP mode) or `httpcode serve --socket`.

Both drivers offer the same three calls (`command`, `event`, `action`), so one test covers both
modes. Requests in HTTP mode are signed exactly as Slack signs them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from fakeslack import payloads
from fakeslack.server import APP_TOKEN, BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, TEAM_ID, FakeSlack
from slack_sdk.models.blocks import Block

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = Path(__file__).resolve().parent / "knowledge"
SIGNING_SECRET = "fake-signing-secret"
# The production command from docs/slack.md, with a random port.
GUNICORN = [sys.executable, "-m", "gunicorn", "-b", "127.0.0.1:0", "-w", "1", "--threads", "8", "--access-logfile", "-"]
GUNICORN_APP = "bot.slack.server:create_wsgi_app()"
START_TIMEOUT = 30.0
PASTE_500_19 = (
    "HTTP Error 500.19 - Internal Server Error\n"
    "The requested page cannot be accessed because the related configuration data for the page is invalid."
)


@dataclass
class Delivery:
    """What Slack got back for one request: HTTP status and body (HTTP mode) or the ack (Socket Mode)."""

    status: int
    body: str
    seconds: float
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names (the install flow's redirects)


def app_env(fake: FakeSlack, db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HTTPCODE_"))}
    env.update(
        SLACK_BOT_TOKEN="" if "SLACK_CLIENT_ID" in extra else BOT_TOKEN,
        SLACK_API_URL=fake.api_url,
        HTTPCODE_DB=str(db),
        HTTPCODE_KNOWLEDGE_PATH=str(KNOWLEDGE),
        PYTHONUNBUFFERED="1",
        HTTPCODE_LOG_LEVEL="DEBUG",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


class _Process:
    mode = ""

    def __init__(self, fake: FakeSlack, workdir: Path, *, env: dict[str, str] | None = None) -> None:
        self.fake = fake
        self.workdir = workdir
        self.db = workdir / "httpcode.db"
        self.extra_env = env or {}
        self.log_path = workdir / f"{self.mode}.log"
        self.proc: subprocess.Popen | None = None
        self._log_start = 0

    def log(self) -> str:
        """What the current process logged (a restart appends to the same file)."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as f:
            f.seek(self._log_start)
            return f.read().decode(errors="replace")

    def wait_log(self, pattern: str, *, timeout: float = 15.0) -> re.Match[str]:
        """Wait until the app's log has a line matching `pattern` (how tests see what was lost)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.log())
            if found:
                return found
            if self.proc and self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"log never matched {pattern!r}:\n{self.log()[-3000:]}")

    def _spawn(self, argv: list[str], env: dict[str, str]) -> None:
        self._log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        self._log_file = self.log_path.open("ab")
        self.proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "_log_file", None):
            self._log_file.close()


class HttpApp(_Process):
    """gunicorn + Bolt's WSGI adapter, reached with signed urllib requests."""

    mode = "http"

    def start(self) -> HttpApp:
        env = app_env(self.fake, self.db, SLACK_SIGNING_SECRET=SIGNING_SECRET, **self.extra_env)
        self._spawn([*GUNICORN, GUNICORN_APP], env)
        port = self.wait_log(r"Listening at: http://127\.0\.0\.1:(\d+)").group(1)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:  # the master listens before the worker has loaded the app
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5) as resp:
                    if resp.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"gunicorn did not become healthy:\n{self.log()[-3000:]}")
            time.sleep(0.05)

    def post(
        self,
        body: str,
        *,
        content_type: str,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Delivery:
        ts = int(time.time()) if timestamp is None else timestamp
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": signature or payloads.sign(SIGNING_SECRET, ts, body),
            **(headers or {}),
        }
        request = urllib.request.Request(self.url + "/slack/events", data=body.encode(), headers=all_headers)
        start = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                return Delivery(resp.status, resp.read().decode(), time.monotonic() - start)
        except urllib.error.HTTPError as exc:
            return Delivery(exc.code, exc.read().decode(), time.monotonic() - start)

    def command(self, text: str, *, channel: str, name: str, **who: str) -> Delivery:
        fields = payloads.slash_command(text, response_url=self.fake.response_url(name), channel=channel, **who)
        return self.post(payloads.form(fields), content_type="application/x-www-form-urlencoded")

    def event(
        self, event: dict, *, event_id: str | None = None, retry_num: int | None = None, team: str = TEAM_ID
    ) -> Delivery:
        headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"} if retry_num else {}
        body = json.dumps(payloads.event_callback(event, event_id=event_id, team=team))
        return self.post(body, content_type="application/json", headers=headers)

    def get(self, path: str, *, cookie: str = "") -> Delivery:
        """A browser's GET (the install flow): redirects are not followed, so Location can be checked."""
        request = urllib.request.Request(self.url + path, headers={"Cookie": cookie} if cookie else {})
        opener = urllib.request.build_opener(_NoRedirect)
        start = time.monotonic()
        try:
            with opener.open(request, timeout=10) as resp:
                return Delivery(resp.status, resp.read().decode(), time.monotonic() - start, _lower(resp.headers))
        except urllib.error.HTTPError as exc:
            return Delivery(exc.code, exc.read().decode(), time.monotonic() - start, _lower(exc.headers))

    def action(self, payload: dict) -> Delivery:
        return self.post(payloads.interactivity_form(payload), content_type="application/x-www-form-urlencoded")


def _lower(headers) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {k.lower(): v for k, v in headers.items()}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class OAuthApp(HttpApp):
    """gunicorn as a distributable app: no bot token, SLACK_CLIENT_ID/SECRET; workspaces install through OAuth."""

    def start(self) -> OAuthApp:
        self.extra_env = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET, **self.extra_env}
        super().start()
        self.fake.redirect_url = self.url + "/slack/oauth_redirect"
        return self


class SocketApp(_Process):
    """`httpcode serve --socket`, fed envelopes over the fake's WebSocket."""

    mode = "socket"

    def start(self) -> SocketApp:
        env = app_env(self.fake, self.db, SLACK_APP_TOKEN=APP_TOKEN, **self.extra_env)
        opened = len(self.fake.api_calls("apps.connections.open"))
        self._spawn([sys.executable, "-m", "bot", "serve", "--socket", "--host", "127.0.0.1"], env)
        self.fake.wait_for(
            lambda c: c.name == "apps.connections.open" and len(self.fake.api_calls("apps.connections.open")) > opened,
            timeout=START_TIMEOUT,
            what="apps.connections.open",
        )
        self.wait_log(r"connected in Socket Mode", timeout=START_TIMEOUT)
        self.fake.wait_connected(timeout=START_TIMEOUT)
        return self

    def _send(self, envelope_type: str, payload: dict, *, retry_attempt: int = 0) -> Delivery:
        start = time.monotonic()
        envelope_id = self.fake.deliver(envelope_type, payload, retry_attempt=retry_attempt)
        ack = self.fake.wait_ack(envelope_id)
        return Delivery(200, json.dumps(ack.params), time.monotonic() - start)

    def command(self, text: str, *, channel: str, name: str, **who: str) -> Delivery:
        fields = payloads.slash_command(text, response_url=self.fake.response_url(name), channel=channel, **who)
        return self._send("slash_commands", fields)

    def event(
        self, event: dict, *, event_id: str | None = None, retry_num: int | None = None, team: str = TEAM_ID
    ) -> Delivery:
        payload = payloads.event_callback(event, event_id=event_id, team=team)
        return self._send("events_api", payload, retry_attempt=retry_num or 0)

    def action(self, payload: dict) -> Delivery:
        return self._send("interactive", payload)


DRIVERS = {"http": HttpApp, "socket": SocketApp}


def assert_messages_valid(fake: FakeSlack) -> None:
    """Parse every posted block with slack_sdk's models and validate it against Slack's limits."""
    for call in fake.messages_calls():
        blocks = call.blocks
        if call.params.get("delete_original"):
            continue
        assert call.params.get("text"), f"{call.name}: no plain-text fallback"
        assert len(blocks) <= 50, f"{call.name}: {len(blocks)} blocks"
        for raw in blocks:
            block = Block.parse(raw)
            assert block is not None, f"unparseable block {raw}"
            block.validate_json()
            assert block.to_dict() == raw, f"block changed when parsed: {raw}"


def no_answer(app: _Process, channel: str, ts: str, reason: str) -> None:
    """Wait for the app's own record (debug log) that it stayed silent on that message, for that reason."""
    app.wait_log(rf"no answer to message {channel} {re.escape(ts)}: {reason}")
