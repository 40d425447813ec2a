"""Under trouble, in both modes: redeliveries, rate limits, network failures, bots, and the request log line.

Each test runs against the real app (gunicorn, or `httpcode serve --socket`) and the fake Slack, which
injects the faults.
"""

from __future__ import annotations

import re
import threading
import time

from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p
from fakeslack.server import BOT_ID
from slack_runner import PASTE_500_19, no_answer

ACK_BUDGET = 0.5  # seconds; Slack allows 3, a healthy ack takes milliseconds


def request_line(app, channel: str, ts: str | None = None, **fields: str) -> str:
    """Wait for the app's log line about a request in `channel` (and message `ts`) that has `fields`."""
    fields = {"channel": channel, **({"ts": ts} if ts else {}), **fields}
    expect = "".join(rf"(?=[^\n]* {k}={re.escape(v)}(?: |$))" for k, v in fields.items())
    return app.wait_log(rf"(?m)^{expect}[^\n]* INFO httpcode\.slack: request kind=[^\n]*").group()


def test_redelivery_racing_the_original_is_answered_once(slack, fake: FakeSlack, channel):
    """The original and two retries arrive at once (X-Slack-Retry-Num / retry_attempt): one answer."""
    events = [p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel) for _ in range(3)]
    threads = [
        threading.Thread(target=slack.event, args=(event,), kwargs={"event_id": f"EvRACE{i}", "retry_num": n})
        for i, event in enumerate(events)
        for n in (None, 1, 2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for event in events:
        fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"])
        request_line(slack, channel, event["ts"], retry="2")
    for event in events:
        for n in ("0", "1", "2"):
            request_line(slack, channel, event["ts"], retry=n)
    posts = [c.params["thread_ts"] for c in fake.api_calls("chat.postMessage")]
    assert sorted(posts) == sorted(e["ts"] for e in events), "each message answered exactly once"
    skipped = re.findall(rf"channel={channel} ts=\S+ retry=\d [^\n]*skipped=\"already handled", slack.log())
    assert len(skipped) == 6


def test_rate_limit_is_retried_after_retry_after_and_never_delays_acks(slack, fake: FakeSlack, channel):
    fake.fail("chat.postMessage", status=429, retry_after=2)
    first = p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel)
    assert slack.event(first).seconds < ACK_BUDGET
    limited = fake.wait_for(lambda c: c.name == "chat.postMessage" and c.status == 429, what="the 429")
    other_channel = channel + "B"
    second = p.app_mention(f"<@{BOT_USER_ID}> 550", channel=other_channel)
    assert slack.event(second).seconds < ACK_BUDGET, "an answer sleeping on Retry-After holds no ack"
    other = fake.wait_api("chat.postMessage", channel=other_channel)
    retried = fake.wait_for(
        lambda c: c.name == "chat.postMessage" and c.status == 200 and c.params.get("channel") == channel,
        what="the retried post",
    )
    assert other.at < retried.at, "other answers go out while one waits for Retry-After"
    assert retried.at - limited.at >= 2.0, "Slack's Retry-After (2 s) was honoured"
    slack.wait_log(r"chat\.postMessage rate limited by Slack: retrying after 2 s")
    request_line(slack, channel, first["ts"], outcome="answered")


def test_network_failure_is_logged_with_what_was_lost_and_the_app_keeps_serving(slack, fake: FakeSlack, channel):
    """A response_url nobody answers (connection refused): logged as lost, without the URL (a credential)."""
    dead_url = "http://127.0.0.1:9/response/unreachable-secret-path"
    fields = p.slash_command("401.3", response_url=dead_url, channel=channel)
    if slack.mode == "http":
        got = slack.post(p.form(fields), content_type="application/x-www-form-urlencoded")
    else:
        got = slack._send("slash_commands", fields)
    assert got.status == 200
    slack.wait_log(rf"response_url failed \(URLError\): lost /httpcode answer to '401\.3' in channel {channel}")
    request_line(slack, channel, outcome="lost", lost="response_url")
    assert "unreachable-secret-path" not in slack.log()
    slack.command("550", channel=channel, name="after-network-failure")
    assert "FTP 550" in fake.wait_response("after-network-failure").texts()


def test_api_error_line_names_what_was_lost(slack, fake: FakeSlack, channel):
    fake.fail("chat.postMessage", status=200, error="not_in_channel")
    lost = p.message(PASTE_500_19, channel=channel)
    slack.event(lost)
    slack.wait_log(
        rf"chat\.postMessage failed \(not_in_channel\): lost unprompted answer to message {re.escape(lost['ts'])}"
    )
    request_line(slack, channel, lost["ts"], outcome="lost", ids="http:500.19", lost="chat.postMessage")


def test_bots_are_never_answered_ourselves_included(slack, fake: FakeSlack, channel):
    other_bot = {"bot_id": "BOTHER", "bot_profile": {"id": "BOTHER", "name": "alerts"}}
    cases = [
        p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel, **other_bot),  # another bot asking us
        p.message("401.3", channel="D0000BOT", channel_type="im", **other_bot),  # another bot's DM
        p.message(PASTE_500_19, channel=channel, **other_bot),  # another bot's paste
        p.message(PASTE_500_19, channel=channel, user=BOT_USER_ID, bot_id=BOT_ID),  # our own message
    ]
    for event in cases:
        assert slack.event(event).status == 200
    for event in cases[:3]:
        no_answer(slack, event["channel"], event["ts"], "posted by a bot")
        request_line(slack, event["channel"], event["ts"], outcome="skipped")
    request_line(slack, channel, cases[3]["ts"], outcome="none")  # Bolt drops our own events itself
    assert not fake.api_calls("chat.postMessage")


def test_one_info_line_per_request_without_message_text(slack, fake: FakeSlack, channel):
    marker = "zq-private-words-7781"
    asked = p.app_mention(f"<@{BOT_USER_ID}> {marker} HTTP Error 401.3 - Unauthorized", channel=channel)
    slack.event(asked)
    slack.command(f"{marker} 550", channel=channel, name="line-cmd")
    fake.wait_response("line-cmd")
    line = request_line(slack, channel, asked["ts"], outcome="answered")
    assert re.search(r"kind=event:app_mention .* ids=http:401\.3 sent=chat\.postMessage ack_ms=[\d.]+ ms=[\d.]+$", line)
    request_line(slack, channel, kind="command", outcome="answered", sent="response_url")
    time.sleep(0.2)
    assert marker not in slack.log(), "message text never reaches the log"
    lines = re.findall(rf"request kind=\S+ channel={channel}\b", slack.log())
    assert len(lines) == 2, "exactly one line per request"


def test_stopping_sends_the_answers_still_queued(fake: FakeSlack, tmp_path):
    """SIGTERM (a deploy): acks stop, and answers already queued behind a rate limit still go out."""
    from slack_runner import HttpApp

    fake.reset()
    app = HttpApp(fake, tmp_path).start()
    fake.fail("chat.postMessage", status=429, retry_after=1, times=4)  # every worker sleeps on Retry-After
    events = [p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel="CSTOP") for _ in range(10)]
    for event in events:
        app.event(event)
    fake.wait_for(lambda c: c.status == 429, what="a rate-limited post")
    app.stop()
    answered = {c.params["thread_ts"] for c in fake.api_calls("chat.postMessage") if c.status == 200}
    assert answered == {e["ts"] for e in events}
    assert "lost" not in app.log()
