"""Quiet/listen survive a restart (the SQLite store), in both modes; Socket Mode connects via SLACK_API_URL."""

from __future__ import annotations

import pytest
from fakeslack import FakeSlack
from fakeslack import payloads as p
from fakeslack.server import APP_TOKEN
from slack_runner import DRIVERS, PASTE_500_19, assert_messages_valid, no_answer


@pytest.mark.parametrize("mode", sorted(DRIVERS))
def test_quiet_and_listen_survive_a_restart(mode: str, fake: FakeSlack, tmp_path):
    channel = f"CRESTART{mode.upper()}"
    app = DRIVERS[mode](fake, tmp_path).start()
    try:
        app.command("quiet", channel=channel, name=f"quiet-{mode}")
        fake.wait_for(lambda c: c.name == "chat.postMessage" and "switched off" in c.texts())  # announced: stored
    finally:
        app.stop()

    app = DRIVERS[mode](fake, tmp_path).start()  # same working directory, so the same HTTPCODE_DB
    try:
        muted = p.message(PASTE_500_19, channel=channel)
        app.event(muted)
        no_answer(app, channel, muted["ts"], "the channel is quiet")
        app.command("listen", channel=channel, name=f"listen-{mode}")
        fake.wait_for(lambda c: c.name == "chat.postMessage" and "switched on" in c.texts())
    finally:
        app.stop()

    app = DRIVERS[mode](fake, tmp_path).start()
    try:
        heard = p.message(PASTE_500_19, channel=channel)
        app.event(heard)
        fake.wait_api("chat.postMessage", channel=channel, thread_ts=heard["ts"])
    finally:
        app.stop()
    assert not [c for c in fake.api_calls("chat.postMessage") if c.params.get("thread_ts") == muted["ts"]]
    assert_messages_valid(fake)


def test_socket_mode_opens_its_connection_through_slack_api_url(fake: FakeSlack, tmp_path):
    fake.reset()
    app = DRIVERS["socket"](fake, tmp_path).start()
    try:
        opened = fake.wait_api("apps.connections.open")
        assert opened.headers["authorization"] == f"Bearer {APP_TOKEN}"
        assert [c.name for c in fake.calls if c.kind == "api"][:2] == ["auth.test", "apps.connections.open"]
        ev = p.app_mention("<@UBOT> 401.3", channel="CSOCKETURL")
        envelope = fake.deliver("events_api", p.event_callback(ev))
        assert fake.wait_ack(envelope).params == {}
        fake.wait_api("chat.postMessage", channel="CSOCKETURL")
    finally:
        app.stop()


def test_httpcode_lang_sets_the_language_of_bare_codes(fake: FakeSlack, tmp_path):
    app = DRIVERS["http"](fake, tmp_path, env={"HTTPCODE_LANG": "zh"}).start()
    try:
        app.command("401.3", channel="CLANG", name="lang-bare")
        app.command("HTTP Error 401.3 - Unauthorized: Access is denied due to an ACL", channel="CLANG", name="lang-en")
        assert "未授权" in fake.wait_response("lang-bare").texts()
        assert "*Cause*" in fake.wait_response("lang-en").texts(), "English text still gets English"
    finally:
        app.stop()
