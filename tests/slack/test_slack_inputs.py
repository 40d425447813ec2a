"""Hostile and huge input, end to end in both modes: acked at once, answered within the budget, valid
Block Kit (the `slack` fixture checks every message), and the app keeps serving."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p

ACK_BUDGET = 1.0  # seconds (Slack allows 3)
ANSWER_BUDGET_MS = 5000  # from receiving the request to the answer sent, as the request log line measures it
PASTES = [json.loads(line)["text"] for line in (Path(__file__).parents[1] / "data" / "pastes.jsonl").open()]


def _big_paste() -> str:
    rng = random.Random(3)
    text = ""
    while len(text) < 40_000:
        text += rng.choice(PASTES) + "\n"
    return text[:40_000]


def _junk() -> str:
    return bytes(random.Random(5).randrange(256) for _ in range(4000)).decode("latin-1")


INPUTS = {
    "40k-paste": _big_paste(),
    "binary-junk": _junk(),
    "emoji": "😀🔥 HTTP Error 500.19 💥 " * 50 + "👩‍👩‍👧‍👦",
    "right-to-left": "\u202eخطأ HTTP 401.3 \u05e9\u05d2\u05d9\u05d0\u05d4 \u202c مرحبا 550",
    "lone-surrogates": "\ud800 500.19 \udfff\ud83d x",
    "slack-markup": "<http://x|y> <!here> <!channel> <@U1> <#C1|ops> <mailto:a@b|a> &lt;system.webServer&gt; 401.3",
    "repeated-codes": ("500 " * 10_000)[:40_000],
    "repeated-mentions": ("<@UBOT|" * 6000)[:40_000],
    "repeated-angles": "<" * 40_000,
    "repeated-entities": ("&amp;" * 8000)[:40_000],
    "repeated-hresult": ("0x80070021 " * 4000)[:40_000],
}


def _line_ms(app, channel: str) -> float:
    line = app.wait_log(rf"request kind=\S+ channel={channel} [^\n]*").group()
    return float(re.search(r" ms=([\d.]+)", line).group(1))


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_hostile_input_everywhere(name: str, slack, fake: FakeSlack, channel):
    text = INPUTS[name]
    if slack.mode == "http" and name == "lone-surrogates":  # a form carries bytes: send them as they are (not UTF-8)
        fields = p.slash_command(text, response_url=fake.response_url(f"in-{name}"), channel=channel + "C")
        body = urlencode(fields, encoding="utf-8", errors="surrogatepass")
        command = slack.post(body, content_type="application/x-www-form-urlencoded")
    else:
        command = slack.command(text, channel=channel + "C", name=f"in-{name}")
    assert command.status == 200 and command.seconds < ACK_BUDGET
    answer = fake.wait_response(f"in-{name}")
    assert answer.params.get("text"), "an answer (or 'nothing matches'), never an error"
    mention = p.app_mention(f"<@{BOT_USER_ID}> {text}", channel=channel + "M")
    paste = p.message(text, channel=channel + "P")
    for event in (mention, paste):
        got = slack.event(event)
        assert got.status == 200 and got.seconds < ACK_BUDGET
    fake.wait_api("chat.postMessage", channel=channel + "M")
    for where in ("C", "M", "P"):
        assert _line_ms(slack, channel + where) < ANSWER_BUDGET_MS
    slack.command("401.3", channel=channel + "C", name=f"after-{name}")
    assert "HTTP 401.3" in fake.wait_response(f"after-{name}").texts(), "still serving"


def test_undecodable_form_body_is_answered(slack, fake: FakeSlack, channel):
    """Percent-escapes that are not UTF-8 (Slack never sends them, a forger might): replaced, not a crash."""
    if slack.mode != "http":
        pytest.skip("Socket Mode payloads are JSON")
    fields = p.slash_command("X", response_url=fake.response_url("bad-utf8"), channel=channel)
    body = p.form(fields).replace("text=X", "text=%ff%fe%ED%A0%80+401.3")
    assert slack.post(body, content_type="application/x-www-form-urlencoded").status == 200
    assert "HTTP 401.3" in fake.wait_response("bad-utf8").texts()
