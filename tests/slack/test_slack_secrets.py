"""Secrets never reach the logs or error messages: tokens, the signing secret, the Redis password, and
response_urls (whoever holds one can post as the app). The app runs at DEBUG, through every fault path.
"""

from __future__ import annotations

import io
import time
import urllib.request

import pytest
from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p
from fakeslack.server import APP_TOKEN, BOT_TOKEN
from redis_fixture import RedisServer, redis_binary
from slack_runner import DRIVERS, PASTE_500_19, SIGNING_SECRET

from bot.cli import main

REDIS_PASSWORD = "redis-pass-5b1f"
RESPONSE_SECRET = "T0FAKE/1234/resp-url-secret-9c2e"


@pytest.mark.parametrize("mode", sorted(DRIVERS))
def test_no_secret_in_the_logs_whatever_goes_wrong(mode: str, fake: FakeSlack, tmp_path):
    fake.reset()
    redis = RedisServer(redis_binary(), tmp_path, password=REDIS_PASSWORD).start()
    env = {"HTTPCODE_REDIS_URL": redis.url, "HEALTH_PORT": "0"}
    app = DRIVERS[mode](fake, tmp_path, env=env).start()
    try:
        _every_fault(app, fake, redis, mode)
        outputs = [app.log()]
        if mode == "http":
            outputs += [_get(app.url + "/metrics"), _get(app.url + "/healthz")]
        else:
            port = app.wait_log(r"/healthz and /metrics on http://127\.0\.0\.1:(\d+)").group(1)
            outputs += [_get(f"http://127.0.0.1:{port}/metrics"), _get(f"http://127.0.0.1:{port}/healthz")]
    finally:
        app.stop()
        redis.stop()
    everything = "\n".join(outputs)
    assert "lost" in everything and "failed" in everything, "the faults were logged"
    for secret in (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, REDIS_PASSWORD, RESPONSE_SECRET, "resp-url-secret"):
        assert secret not in everything, f"{secret} leaked"


def _every_fault(app, fake: FakeSlack, redis: RedisServer, mode: str) -> None:
    channel = f"CSECRET{mode.upper()}"
    secret_url = f"{fake.base}/response/{RESPONSE_SECRET}"
    command = p.slash_command("401.3", response_url=secret_url, channel=channel)
    if mode == "http":  # forged and replayed requests
        body = p.form(command)
        assert app.post(body, content_type="application/x-www-form-urlencoded", signature="v0=bad").status == 401
        stale = int(time.time()) - 600
        assert app.post(body, content_type="application/x-www-form-urlencoded", timestamp=stale).status == 401
    fake.fail("response_url", status=500, error="oops", retry_after=None, times=3)  # lost after retries
    if mode == "http":
        app.post(p.form(command), content_type="application/x-www-form-urlencoded")
    else:
        app._send("slash_commands", command)
    app.wait_log(r"response_url failed \(HTTP 500")
    fake.fail("chat.postMessage", status=429, retry_after=0)
    fake.fail("chat.postMessage", status=200, error="invalid_auth")
    app.event(p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel))
    app.wait_log(r"chat\.postMessage failed \(invalid_auth\)")
    broken = p.block_actions(
        {"action_id": "httpcode_pick_0", "text": {"type": "plain_text", "text": "x"}, "value": "{}"},
        channel=channel, response_url=secret_url, message_ts="1.1", ephemeral=False,
    )  # fmt: skip
    broken.pop("channel")
    broken["container"].pop("channel_id")
    app.action(broken)  # a listener that raises: logged with its traceback
    app.wait_log(r"block_actions in channel - \(ts -\): no answer was sent: listener failed")
    redis.stop()
    app.event(p.message(PASTE_500_19, channel=channel))
    app.wait_log(r"no answer was sent: store unavailable")
    redis.start()


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode()


@pytest.mark.parametrize(
    ("env", "argv"),
    [
        ({"SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_BOT_TOKEN": "xoxb-not-the-right-one"}, ["serve", "--http"]),
        ({"SLACK_APP_TOKEN": "xapp-not-the-right-one", "SLACK_BOT_TOKEN": BOT_TOKEN}, ["serve", "--socket"]),
        (
            {
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "HTTPCODE_REDIS_URL": f"redis://:{REDIS_PASSWORD}@127.0.0.1:9/0",
            },
            ["serve", "--http"],
        ),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN, "HTTPCODE_REDIS_URL": f"http://:{REDIS_PASSWORD}@x"}, ["serve", "--http"]),
    ],
    ids=["wrong-bot-token", "wrong-app-token", "redis-unreachable", "redis-url-malformed"],
)
def test_no_secret_in_startup_errors(env, argv, fake: FakeSlack, monkeypatch):
    for key in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "HTTPCODE_REDIS_URL", "PORT"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("SLACK_API_URL", fake.api_url)
    monkeypatch.setenv("HTTPCODE_DB", ":memory:")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, stdout=out, stderr=err) in (1, 2)
    message = err.getvalue()
    assert message.startswith("httpcode serve: ") and message.count("\n") == 1
    for secret in (*env.values(), REDIS_PASSWORD):
        if secret.startswith(("xoxb-", "xapp-", "redis://", "http://")) or secret in (SIGNING_SECRET, REDIS_PASSWORD):
            assert secret not in message, message
