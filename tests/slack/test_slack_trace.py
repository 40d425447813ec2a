"""The request log line's fields, and the Web API seams that feed it: never a URL or message text."""

from __future__ import annotations

import logging

import pytest

from bot.slack.runtime import trace
from bot.slack.webapi.client import HideUrls, method_of


@pytest.mark.parametrize(
    ("body", "kind", "channel"),
    [
        ({"command": "/httpcode", "channel_id": "C1", "text": "secret words"}, "command", "C1"),
        ({"type": "event_callback", "event": {"type": "app_mention", "channel": "C2"}}, "event:app_mention", "C2"),
        ({"type": "block_actions", "container": {"channel_id": "C3"}, "channel": {"id": "C3"}}, "block_actions", "C3"),
        ({"type": "message_action", "channel": {"id": "D4"}}, "message_action", "D4"),
        ({"type": "url_verification", "challenge": "x"}, "url_verification", ""),
        (
            {"type": "event_callback", "event": {"type": "channel_created", "channel": {"id": "C5"}}},
            "event:channel_created",
            "",
        ),
    ],
)
def test_kind_and_channel(body, kind, channel):
    assert trace.kind_of(body) == kind and trace.channel_of(body) == channel


def test_line_has_ids_outcome_and_times_but_no_text(caplog):
    caplog.set_level(logging.INFO, logger="httpcode.slack")
    body = {"type": "event_callback", "event": {"type": "message", "channel": "C1", "ts": "1.2", "text": "hunter2"}}
    current, token = trace.start(body, {"x-slack-retry-num": ["2"]})
    trace.matched([f"http:{400 + i}" for i in range(12)])
    trace.delivered("chat.postMessage")
    trace.acked(current, 200)
    trace.stop(current, token)
    line = caplog.records[-1].getMessage()
    assert line.startswith("request kind=event:message channel=C1 ts=1.2 retry=2 status=200 outcome=answered ")
    assert " ids=http:400,http:401,http:402,http:403,http:404,http:405,http:406,http:407,http:408,http:409,+2 " in line
    assert " sent=chat.postMessage ack_ms=" in line and "hunter2" not in caplog.text


def test_refused_and_lost_outcomes(caplog):
    caplog.set_level(logging.INFO, logger="httpcode.slack")
    for status, deliveries, outcome in ((401, [], "refused"), (200, ["lost"], "lost"), (200, [], "none")):
        current, token = trace.start({"command": "/httpcode"}, {})
        for _ in deliveries:
            trace.delivered("response_url", error="http_404")
        trace.acked(current, status)
        trace.stop(current, token)
        assert f" outcome={outcome} " in caplog.records[-1].getMessage()


@pytest.mark.parametrize(
    ("url", "method"),
    [
        ("https://slack.com/api/chat.postMessage", "chat.postMessage"),
        ("http://127.0.0.1:5/api/auth.test", "auth.test"),
        ("https://hooks.slack.com/commands/T1/2/secret", "response_url"),
        ("http://127.0.0.1:5/response/x.y", "response_url"),
    ],
)
def test_method_of_never_returns_a_url(url, method):
    assert method_of(url) == method


def test_webhook_log_lines_lose_their_urls():
    record = logging.LogRecord("x", logging.INFO, "", 0, "retry POST %s now", ("https://hooks.slack.com/a/b/c",), None)
    assert HideUrls().filter(record) and record.getMessage() == "retry POST <response_url> now"


def test_a_request_cannot_write_into_the_line_or_invent_labels(caplog):
    caplog.set_level(logging.INFO, logger="httpcode.slack")
    forged = {"type": "event_callback", "event": {"type": "x\nINFO fake", "channel": "C1\nINFO fake", "ts": "1\n2"}}
    assert trace.kind_of(forged) == "other" and trace.channel_of(forged) == ""
    current, token = trace.start({"type": "evil_" + "x" * 100, "channel_id": "C9"}, {})
    trace.acked(current, 401)
    trace.stop(current, token)
    assert (
        caplog.records[-1]
        .getMessage()
        .startswith("request kind=unverified channel=- retry=0 status=401 outcome=refused")
    )
