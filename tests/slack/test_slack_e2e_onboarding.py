"""End to end, in both modes: App Home, the introduction on joining a channel, "Not helpful" on an
unprompted answer, and "Did you mean" on a public answer saying who changed it."""

from __future__ import annotations

import json
import urllib.request

from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p
from fakeslack.server import TEAM_ID, block_texts
from slack_runner import PASTE_500_19
from slack_sdk.models.views import View

from bot.slack.render.replies import NOT_HELPFUL_ACTION
from bot.slack.render.texts import TEXTS

UNSURE = "zqx gate refused the request"


def view_texts(view: dict) -> str:
    return block_texts(view.get("blocks", []))


# ---- App Home ------------------------------------------------------------------------------------


def test_app_home_is_published_with_valid_blocks_and_the_viewers_quiet_channels(slack, fake: FakeSlack, channel):
    viewer = f"UHOME{channel}"
    listening, quiet, not_mine, without_bot = (f"{channel}{x}" for x in "LQNW")
    fake.register_channel(listening, TEAM_ID, BOT_USER_ID, viewer)
    fake.register_channel(quiet, TEAM_ID, BOT_USER_ID, viewer)
    fake.register_channel(not_mine, TEAM_ID, BOT_USER_ID)
    fake.register_channel(without_bot, TEAM_ID, viewer)
    for muted in (quiet, not_mine):
        slack.command("quiet", channel=muted, name=f"q-{muted}")
        fake.wait_api("chat.postMessage", channel=muted)
    slack.event(p.app_home_opened(viewer))
    call = fake.wait_api("views.publish", user_id=viewer)
    assert call.team == TEAM_ID
    raw = call.params["view"]
    view = json.loads(raw) if isinstance(raw, str) else raw
    parsed = View(**view)
    parsed.validate_json()
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = view_texts(view)
    assert "```/httpcode 401.3\n" in text and "@httpcode triage```" in text, "three examples to copy"
    assert "only when I am sure" in text and "Not helpful" in text, "how it behaves unprompted"
    assert f"<#{quiet}>" in text, "the viewer's channel where it is quiet"
    for other in (listening, not_mine, without_bot):
        assert f"<#{other}>" not in text
    assert fake.views[(TEAM_ID, viewer)] == view


def test_app_home_messages_tab_publishes_nothing(slack, fake: FakeSlack):
    event = {**p.app_home_opened("UHOMEMSG"), "tab": "messages"}
    slack.event(event)
    slack.event(p.app_home_opened("UHOMEMSG2"))  # a later Home open proves the first one was handled
    fake.wait_api("views.publish", user_id="UHOMEMSG2")
    assert not fake.api_calls("views.publish")[:-1]


# ---- joining a channel ---------------------------------------------------------------------------


def test_joining_a_channel_posts_one_short_introduction(slack, fake: FakeSlack, channel):
    slack.event(p.member_joined_channel("USOMEONE", channel=channel))  # another member: no greeting
    joined = p.member_joined_channel(BOT_USER_ID, channel=channel)
    slack.event(joined, event_id="EvJOIN" + channel)
    intro = fake.wait_api("chat.postMessage", channel=channel)
    assert "thread_ts" not in intro.params
    text = intro.texts()
    assert "I explain HTTP status codes" in text and "only when I am sure" in text and "`/httpcode quiet`" in text
    assert len(intro.params["text"]) < 600, "short"
    slack.event(joined, event_id="EvJOIN" + channel, retry_num=1)  # Slack redelivers
    slack.wait_log(rf"kind=event:member_joined_channel channel={channel} retry=1 .*already introduced")
    assert len(fake.api_calls("chat.postMessage")) == 1


# ---- Not helpful ---------------------------------------------------------------------------------


def test_not_helpful_removes_the_unprompted_answer_and_is_counted(slack, fake: FakeSlack, channel):
    pasted = p.message(PASTE_500_19, channel=channel)
    slack.event(pasted)
    answer = fake.wait_api("chat.postMessage", channel=channel, thread_ts=pasted["ts"])
    (button,) = [b for b in answer.buttons() if b["action_id"] == NOT_HELPFUL_ACTION]
    assert button["text"]["text"] == "Not helpful" and button["value"] == "http:500.19"
    posted = next(m for m in fake.messages[channel] if m.get("thread_ts") == pasted["ts"])
    click = p.block_actions(
        button, channel=channel, response_url=fake.response_url("nh"), message_ts=posted["ts"], ephemeral=False
    )
    assert slack.action(click).status == 200
    deleted = fake.wait_api("chat.delete", channel=channel, ts=posted["ts"])
    assert deleted.team == TEAM_ID
    assert posted not in fake.messages[channel], "the answer is gone"
    slack.wait_log(rf"unprompted answer {posted['ts']} in channel {channel} marked not helpful by UALICE: http:500\.19")
    if hasattr(slack, "url"):  # HTTP mode serves /metrics itself
        with urllib.request.urlopen(slack.url + "/metrics", timeout=5) as resp:
            metrics = resp.read().decode()
        assert 'httpcode_not_helpful_total{code="http:500.19"}' in metrics


def test_asked_answers_have_no_not_helpful_button(slack, fake: FakeSlack, channel):
    slack.event(p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel))
    post = fake.wait_api("chat.postMessage", channel=channel)
    assert not [b for b in post.buttons() if b["action_id"] == NOT_HELPFUL_ACTION]


# ---- Did you mean on a public answer -------------------------------------------------------------


def test_did_you_mean_on_a_public_answer_says_who_changed_it(slack, fake: FakeSlack, channel):
    slack.event(p.app_mention(f"<@{BOT_USER_ID}> {UNSURE}", channel=channel))
    post = fake.wait_api("chat.postMessage", channel=channel)
    button = next(b for b in post.buttons() if b["action_id"].startswith("httpcode_pick_"))
    message_ts = fake.messages[channel][-1]["ts"]
    click = p.block_actions(
        button, channel=channel, response_url=fake.response_url("dym-who"), message_ts=message_ts, ephemeral=False,
        user="UCAROL",
    )  # fmt: skip
    slack.action(click)
    update = fake.wait_api("chat.update", channel=channel, ts=message_ts)
    assert "Changed by <@UCAROL>" in update.texts()


def test_private_did_you_mean_names_nobody(slack, fake: FakeSlack, channel):
    slack.command(UNSURE, channel=channel, name="dym-private")
    private = fake.wait_response("dym-private")
    button = next(b for b in private.buttons() if b["action_id"].startswith("httpcode_pick_"))
    click = p.block_actions(
        button, channel=channel, response_url=fake.response_url("dym-private"), message_ts="", ephemeral=True
    )
    slack.action(click)
    assert "Changed by" not in fake.wait_response("dym-private", index=1).texts()


def test_help_has_no_raw_placeholders_in_either_language():
    for lang in ("en", "zh"):
        for key, text in TEXTS[lang].items():
            assert "<" not in text.replace("<@", "").replace("<#", ""), f"{lang}.{key} has a raw <...>"
