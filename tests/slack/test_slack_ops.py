"""Operations: GET /healthz (HTTP mode; Socket Mode's side server, with the WebSocket's state) and
GET /metrics (Prometheus text), single worker and gunicorn multiprocess mode."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p
from slack_runner import GUNICORN, PASTE_500_19, HttpApp, SocketApp


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def sample(metrics: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format (0 when absent)."""
    for line in metrics.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split(" ")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def wait_until(check, *, timeout: float = 20.0, what: str = ""):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def http_app(fake: FakeSlack, tmp_path_factory) -> Iterator[HttpApp]:
    app = HttpApp(fake, tmp_path_factory.mktemp("ops-http")).start()
    yield app
    app.stop()


def test_http_healthz_and_metrics(http_app: HttpApp, fake: FakeSlack):
    fake.reset()
    assert get(http_app.url + "/healthz") == (200, json.dumps({"ok": True, "mode": "http", "store": "ok"}))
    http_app.command("401.3", channel="COPS1", name="ops-cmd")
    fake.wait_response("ops-cmd")
    http_app.event(p.message(PASTE_500_19, channel="COPS1"))
    fake.wait_api("chat.postMessage", channel="COPS1")
    fake.fail("chat.postMessage", status=200, error="channel_not_found")
    http_app.event(p.app_mention(f"<@{BOT_USER_ID}> 550", channel="COPS1"))
    http_app.wait_log(r"request kind=event:app_mention channel=COPS1 .*outcome=lost")
    refused = http_app.post("{}", content_type="application/json", signature="v0=forged")
    assert refused.status == 401

    status, text = get(http_app.url + "/metrics")
    assert status == 200
    assert sample(text, "httpcode_requests_total", kind="command", outcome="answered") >= 1
    assert sample(text, "httpcode_requests_total", kind="event:message", outcome="answered") >= 1
    assert sample(text, "httpcode_requests_total", kind="event:app_mention", outcome="lost") >= 1
    assert sample(text, "httpcode_requests_total", outcome="refused") >= 1
    assert sample(text, "httpcode_matches_total", family="http") >= 2
    assert sample(text, "httpcode_matches_total", family="ftp") >= 1
    assert sample(text, "httpcode_slack_api_errors_total", method="chat.postMessage", error="channel_not_found") == 1
    assert sample(text, "httpcode_ack_seconds_bucket", kind="command", le="0.5") >= 1
    assert sample(text, "httpcode_request_seconds_count", kind="event:message") >= 1
    assert "# TYPE httpcode_slack_rate_limited_total counter" in text


def test_http_metrics_count_rate_limits(http_app: HttpApp, fake: FakeSlack):
    fake.reset()
    before = sample(get(http_app.url + "/metrics")[1], "httpcode_slack_rate_limited_total", method="chat.postMessage")
    fake.fail("chat.postMessage", status=429, retry_after=0)
    http_app.event(p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel="COPS2"))
    fake.wait_for(lambda c: c.name == "chat.postMessage" and c.status == 200, what="the retried post")
    http_app.wait_log(r"request kind=event:app_mention channel=COPS2 .*outcome=answered")
    after = sample(get(http_app.url + "/metrics")[1], "httpcode_slack_rate_limited_total", method="chat.postMessage")
    assert after == before + 1


def test_socket_mode_healthz_follows_the_websocket(fake: FakeSlack, tmp_path):
    """HEALTH_PORT: /healthz is 200 while connected, 503 while Slack cannot be reached, 200 again after."""
    fake.reset()
    app = SocketApp(fake, tmp_path, env={"HEALTH_PORT": "0"}).start()
    try:
        port = app.wait_log(r"/healthz and /metrics on http://127\.0\.0\.1:(\d+)").group(1)
        health = f"http://127.0.0.1:{port}/healthz"
        assert get(health) == (200, json.dumps({"ok": True, "mode": "socket", "connected": True, "store": "ok"}))
        fake.fail("apps.connections.open", status=200, error="internal_error", times=1000)
        fake.disconnect()
        down = wait_until(lambda: (s := get(health))[0] == 503 and s, what="/healthz reporting the lost connection")
        assert json.loads(down[1]) == {"ok": False, "mode": "socket", "connected": False, "store": "ok"}
        fake.reset()  # Slack is back: the app reconnects by itself
        wait_until(lambda: get(health)[0] == 200, timeout=60, what="reconnected")
        event = p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel="COPS3")
        fake.deliver("events_api", p.event_callback(event))
        fake.wait_api("chat.postMessage", channel="COPS3")
        # the request is counted when its trace ends, just after the answer went out
        counted = wait_until(
            lambda: (
                (s := get(f"http://127.0.0.1:{port}/metrics"))[0] == 200
                and sample(s[1], "httpcode_requests_total", kind="event:app_mention") >= 1
            ),
            what="the mention counted in /metrics",
        )
        assert counted
        assert get(f"http://127.0.0.1:{port}/slack/events")[0] == 404
    finally:
        app.stop()


def test_socket_mode_without_a_port_serves_no_http(fake: FakeSlack, tmp_path):
    app = SocketApp(fake, tmp_path).start()
    try:
        assert "/healthz" not in app.log()
    finally:
        app.stop()


def test_metrics_add_up_over_gunicorn_workers(fake: FakeSlack, tmp_path, monkeypatch):
    """Two workers in multiprocess mode (PROMETHEUS_MULTIPROC_DIR): /metrics counts every worker's requests."""
    fake.reset()
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    two_workers = " ".join(GUNICORN).replace(" -w 1 ", " -w 2 ").split(" ")
    assert two_workers != GUNICORN
    monkeypatch.setattr("slack_runner.GUNICORN", two_workers)
    app = HttpApp(fake, tmp_path, env={"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}).start()
    try:
        for i in range(12):
            app.command("401.3", channel="COPS4", name=f"mp-{i}")
        for i in range(12):
            fake.wait_response(f"mp-{i}")

        def counted() -> bool:
            text = get(app.url + "/metrics")[1]
            return sample(text, "httpcode_requests_total", kind="command", outcome="answered") == 12

        wait_until(counted, what="12 commands counted, whichever worker took them")
        assert list(metrics_dir.glob("counter_*.db")), "the workers wrote their numbers to the shared directory"
    finally:
        app.stop()
