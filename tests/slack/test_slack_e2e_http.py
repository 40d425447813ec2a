"""HTTP mode only: request signatures (Bolt's verifier, v0 HMAC-SHA256), /healthz, `httpcode serve --http`."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from fakeslack import FakeSlack
from fakeslack import payloads as p
from slack_runner import ROOT, SIGNING_SECRET, HttpApp, app_env


@pytest.fixture(scope="module")
def http_app(fake: FakeSlack, tmp_path_factory) -> Iterator[HttpApp]:
    app = HttpApp(fake, tmp_path_factory.mktemp("http")).start()
    yield app
    app.stop()


def _command_body(fake: FakeSlack, channel: str) -> str:
    return p.form(p.slash_command("401.3", response_url=fake.response_url("sig"), channel=channel))


def test_bad_signature_is_refused_with_401(http_app: HttpApp, fake: FakeSlack):
    fake.reset()
    body = _command_body(fake, "CSIG1")
    forged = p.sign("not-the-secret", int(time.time()), body)
    got = http_app.post(body, content_type="application/x-www-form-urlencoded", signature=forged)
    assert got.status == 401
    tampered = http_app.post(
        body.replace("401.3", "500.19"),
        content_type="application/x-www-form-urlencoded",
        signature=p.sign(SIGNING_SECRET, int(time.time()), body),
    )
    assert tampered.status == 401
    ok = http_app.post(body, content_type="application/x-www-form-urlencoded")
    assert ok.status == 200, "the same body, signed right, is accepted"
    fake.wait_response("sig")
    assert len([c for c in fake.calls if c.kind == "response_url"]) == 1, "refused requests did nothing"


def test_stale_timestamp_is_refused_with_401(http_app: HttpApp, fake: FakeSlack):
    body = _command_body(fake, "CSIG2")
    stale = int(time.time()) - 10 * 60
    got = http_app.post(body, content_type="application/x-www-form-urlencoded", timestamp=stale)
    assert got.status == 401, "a correctly signed request older than 5 minutes is a replay"


def test_url_verification_challenge_is_answered(http_app: HttpApp):
    body = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"})
    got = http_app.post(body, content_type="application/json")
    assert got.status == 200 and json.loads(got.body) == {"challenge": "c-123"}


def test_healthz_and_unknown_paths(http_app: HttpApp):
    with urllib.request.urlopen(http_app.url + "/healthz", timeout=5) as resp:
        assert resp.status == 200 and json.loads(resp.read()) == {"ok": True, "mode": "http", "store": "ok"}
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(http_app.url + "/nope", timeout=5)
    assert err.value.code == 404


def test_httpcode_serve_http_runs_gunicorn(fake: FakeSlack, tmp_path):
    env = app_env(fake, tmp_path / "db.sqlite", SLACK_SIGNING_SECRET=SIGNING_SECRET)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", "0"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        app = HttpApp(fake, tmp_path)
        app.proc, app.log_path = proc, log
        port = app.wait_log(r"Listening at: http://127\.0\.0\.1:(\d+)").group(1)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
                    assert resp.status == 200
                    break
            except urllib.error.URLError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
        app.url = f"http://127.0.0.1:{port}"
        assert app.command("550", channel="CSERVE", name="serve").status == 200
        assert "FTP 550" in fake.wait_response("serve").texts()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
