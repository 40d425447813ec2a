"""HTTP mode refuses what is not Slack, cheaply: malformed or unsigned bodies, oversized bodies, replays."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from fakeslack import FakeSlack
from fakeslack import payloads as p
from slack_runner import SIGNING_SECRET, HttpApp

LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def http_app(fake: FakeSlack, tmp_path_factory) -> Iterator[HttpApp]:
    app = HttpApp(fake, tmp_path_factory.mktemp("guard"), env={"HTTPCODE_MAX_BODY_BYTES": str(LIMIT)}).start()
    yield app
    app.stop()


MALFORMED = ["[]", "{", "null", "1.5", "", '"text"', "[" * 5000 + "]" * 5000, '{"type": []}', '{"event": 1}']


@pytest.mark.parametrize("body", MALFORMED, ids=[f"json{i}" for i in range(len(MALFORMED))])
def test_signed_malformed_json_is_a_400_not_a_500(http_app: HttpApp, body: str) -> None:
    got = http_app.post(body, content_type="application/json")
    assert got.status == 400, got
    assert "Traceback" not in http_app.log()


@pytest.mark.parametrize("body", ["payload=%5B%5D", "payload={", "payload=null", "command=/httpcode&text=", "%ff%fe"])
def test_signed_malformed_forms_are_a_400(http_app: HttpApp, body: str) -> None:
    got = http_app.post(body, content_type="application/x-www-form-urlencoded")
    assert got.status in (400, 200), got  # a form without a payload is a harmless no-op for Bolt at worst
    assert got.status != 500 and "Traceback" not in http_app.log()


@pytest.mark.parametrize("timestamp", ["abc", "", "1.5", "-1", "99999999999999999999"])
def test_bad_timestamps_are_refused_and_nothing_of_the_body_is_logged(http_app: HttpApp, timestamp: str) -> None:
    body = json.dumps({"type": "event_callback", "marker": "SECRET-BODY-MARKER"})
    sig = p.sign(SIGNING_SECRET, timestamp, body)
    got = _raw_post(http_app, body.encode(), {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": sig})
    assert got[0] in (400, 401)
    log = http_app.log()
    assert "SECRET-BODY-MARKER" not in log and "Traceback" not in log


def test_invalid_utf8_unsigned_is_refused(http_app: HttpApp) -> None:
    got = _raw_post(http_app, b"\xff\xfe{", {"X-Slack-Request-Timestamp": str(int(time.time()))})
    assert got[0] in (400, 401)


def test_a_body_over_the_limit_is_refused_from_its_content_length(http_app: HttpApp) -> None:
    """The server answers 413 having read none of it: we send only the headers, then wait for the answer."""
    url = urlsplit(http_app.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.putrequest("POST", "/slack/events")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.endheaders()
    response = conn.getresponse()  # no body was sent at all
    assert response.status == 413
    conn.close()


def test_a_chunked_body_over_the_limit_is_refused(http_app: HttpApp) -> None:
    url = urlsplit(http_app.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    chunks = (b"x" * 16384 for _ in range(LIMIT // 16384 + 4))
    conn.request(
        "POST", "/slack/events", body=chunks, headers={"Content-Type": "application/json"}, encode_chunked=True
    )
    assert conn.getresponse().status == 413
    conn.close()


def test_a_replayed_slash_command_is_answered_once(http_app: HttpApp, fake: FakeSlack) -> None:
    fake.reset()
    fields = p.slash_command("401.3", response_url=fake.response_url("replay"), channel="CREPLAY")
    body = p.form(fields)
    ts = int(time.time())
    first = http_app.post(body, content_type="application/x-www-form-urlencoded", timestamp=ts)
    again = http_app.post(body, content_type="application/x-www-form-urlencoded", timestamp=ts)
    assert first.status == 200 and again.status == 200
    fake.wait_response("replay")
    time.sleep(1.0)
    assert len([c for c in fake.calls if c.kind == "response_url"]) == 1
    assert "replayed slash command" in http_app.log()


def _raw_post(app: HttpApp, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    url = urlsplit(app.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.request("POST", "/slack/events", body=body, headers={"Content-Type": "application/json", **headers})
    response = conn.getresponse()
    out = (response.status, response.read().decode(errors="replace"))
    conn.close()
    return out
