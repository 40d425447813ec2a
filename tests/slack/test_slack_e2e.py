"""End to end, in both modes: the real app (gunicorn or Socket Mode) against the fake Slack.

Every test runs once per mode (`slack` is parametrized); the `slack` fixture also checks that every
message the app sent parses and validates with slack_sdk's Block Kit models.
"""

from __future__ import annotations

import json
import re

import pytest
from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p
from slack_runner import PASTE_500_19, no_answer

UNSURE = "zqx gate refused the request"  # two test entries match this wording about equally


def header_of(call) -> str:
    return next(b["text"]["text"] for b in call.blocks if b["type"] == "header")


def pick_buttons(call) -> list[dict]:
    return [b for b in call.buttons() if b["action_id"].startswith("httpcode_pick_")]


def share_button(call) -> dict:
    return next(b for b in call.buttons() if b["action_id"] == "httpcode_share")


# ---- /httpcode ---------------------------------------------------------------------------------


def test_command_acks_at_once_then_answers_privately_with_blocks(slack, fake: FakeSlack, channel):
    got = slack.command("401.3", channel=channel, name="cmd-401")
    assert got.status == 200
    assert got.seconds < 3, "Slack needs the ack within 3 seconds"
    assert got.body in ("", "{}"), "the ack itself carries no message; the answer goes to response_url"
    answer = fake.wait_response("cmd-401")
    assert answer.params["response_type"] == "ephemeral"
    assert header_of(answer).startswith("HTTP 401.3 · Unauthorized")
    sections = [b["text"]["text"] for b in answer.blocks if b["type"] == "section"]
    assert sections[0].startswith("*Cause*\nThe NTFS permissions")
    fix = next(s for s in sections if s.startswith("*Fix*"))
    assert "\n1. Give the app pool identity read access" in fix and "\n2. Check" in fix
    assert not any(s.startswith("*Links*") for s in sections), "links are behind More"
    context = [e["text"] for b in answer.blocks if b["type"] == "context" for e in b["elements"]]
    assert "IIS · sure" in context, "the context line speaks to people"
    assert [b["text"]["text"] for b in answer.buttons()] == ["Share in channel", "More"], (
        "a certain answer offers no guesses"
    )


def test_command_help_alone_and_with_word(slack, fake: FakeSlack, channel):
    slack.command("", channel=channel, name="help-empty")
    slack.command("help", channel=channel, name="help-word")
    for name in ("help-empty", "help-word"):
        call = fake.wait_response(name)
        assert header_of(call).startswith("httpcode:")
        assert "```/httpcode 401.3\n" in call.texts() and "/httpcode quiet" in call.texts()
        # a literal `<...>` in mrkdwn is a Slack control sequence (a broken link): none may be left
        assert not re.search(r"<(?![@#!]|https?:)[^>]*>", call.texts())


def test_command_nothing_matches_says_so_and_offers_nearest_codes(slack, fake: FakeSlack, channel):
    slack.command("876", channel=channel, name="nf")
    call = fake.wait_response("nf")
    text = call.texts()
    assert "Nothing I know matches `876`" in text
    assert "Nearest codes I know:" in text
    buttons = pick_buttons(call)
    assert 1 <= len(buttons) <= 3
    assert all(json.loads(b["value"])["p"][0] in text.replace("HTTP ", "http:") or b["text"]["text"] for b in buttons)


def test_share_posts_the_same_answer_publicly_saying_who_shared(slack, fake: FakeSlack, channel):
    slack.command("401.3", channel=channel, name="share")
    private = fake.wait_response("share")
    click = p.block_actions(
        share_button(private), channel=channel, response_url=fake.response_url("share"), message_ts="", ephemeral=True
    )
    assert slack.action(click).status == 200
    public = fake.wait_response("share", index=1)
    assert public.params["response_type"] == "in_channel"
    assert public.params["replace_original"] is False
    assert header_of(public) == header_of(private)
    assert "Shared by <@UALICE>" in public.texts()
    assert [b["action_id"] for b in public.buttons()] == ["httpcode_more"], "the public copy offers only More"
    assert fake.wait_response("share", index=2).params == {"delete_original": True}


def test_did_you_mean_buttons_replace_the_answer(slack, fake: FakeSlack, channel):
    slack.command(UNSURE, channel=channel, name="dym")
    first = fake.wait_response("dym")
    buttons = pick_buttons(first)
    assert 1 <= len(buttons) <= 3
    assert all(b["text"]["text"].startswith("Did you mean: HTTP 401.") for b in buttons)
    chosen = buttons[0]
    chosen_id = json.loads(chosen["value"])["p"][0]
    click = p.block_actions(
        chosen, channel=channel, response_url=fake.response_url("dym"), message_ts="", ephemeral=True
    )
    slack.action(click)
    replaced = fake.wait_response("dym", index=1)
    assert replaced.params["replace_original"] is True
    assert header_of(replaced).startswith(chosen_id.replace("http:", "HTTP "))
    offered = [json.loads(b["value"])["p"][0] for b in pick_buttons(replaced)]
    assert chosen_id not in offered and header_of(first).split(" ")[1] in " ".join(offered), (
        "the first answer is offered back"
    )


def test_language_follows_the_text_and_can_be_forced(slack, fake: FakeSlack, channel):
    slack.command("HTTP 错误 401.3 - 未授权", channel=channel, name="zh")
    slack.command("401.3 zh", channel=channel, name="zh-forced")
    slack.command("HTTP 错误 401.3 - 未授权 en", channel=channel, name="en-forced")
    for name in ("zh", "zh-forced"):
        call = fake.wait_response(name)
        assert "未授权" in header_of(call) and "*原因*" in call.texts() and "分享到频道" in call.texts()
    call = fake.wait_response("en-forced")
    assert "Unauthorized" in header_of(call) and "*Cause*" in call.texts()


def test_pasted_mentions_never_ping(slack, fake: FakeSlack, channel):
    slack.command("<!channel> <!here> <@U123> @here 876", channel=channel, name="esc")
    call = fake.wait_response("esc")
    raw = json.dumps(call.params)
    assert "<!channel>" not in raw and "<!here>" not in raw and "<@U123>" not in raw
    assert "@\\u200bhere" in raw or "@\u200bhere" in raw


# ---- @httpcode and DMs ---------------------------------------------------------------------------


def test_mention_answered_in_a_new_thread_on_the_message(slack, fake: FakeSlack, channel):
    event = p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel)
    assert slack.event(event).status == 200
    post = fake.wait_api("chat.postMessage", channel=channel)
    assert post.params["thread_ts"] == event["ts"]
    assert header_of(post).startswith("HTTP 401.3")
    assert not any(b["action_id"] == "httpcode_share" for b in post.buttons()), "a thread answer is already public"


def test_mention_inside_a_thread_answers_in_that_thread(slack, fake: FakeSlack, channel):
    root = p.new_ts()
    slack.event(p.app_mention(f"what is 550 <@{BOT_USER_ID}>", channel=channel, thread_ts=root))
    post = fake.wait_api("chat.postMessage", channel=channel)
    assert post.params["thread_ts"] == root
    assert header_of(post).startswith("FTP 550")


def test_mention_alone_in_a_thread_explains_the_first_message(slack, fake: FakeSlack, channel):
    root = p.new_ts()
    fake.seed_message(channel, root, PASTE_500_19)
    slack.event(p.app_mention(f"<@{BOT_USER_ID}>", channel=channel, thread_ts=root))
    post = fake.wait_api("chat.postMessage", channel=channel)
    assert fake.api_calls("conversations.replies")[0].params["ts"] == root
    assert post.params["thread_ts"] == root and header_of(post).startswith("HTTP 500.19")


def test_mention_with_several_codes_gets_one_compact_answer_most_relevant_first(slack, fake: FakeSlack, channel):
    text = f"<@{BOT_USER_ID}> HTTP Error 500.19 - Internal Server Error\nand then HTTP Error 401.3 - Unauthorized"
    slack.event(p.app_mention(text, channel=channel))
    post = fake.wait_api("chat.postMessage", channel=channel)
    body = post.texts()
    assert "2 codes in this text" in body
    assert body.index("HTTP 500.19") < body.index("HTTP 401.3")
    more = [b["accessory"]["action_id"] for b in post.blocks if b.get("accessory")]
    assert more == ["httpcode_more", "httpcode_more"], "each code has its own More"
    assert len(fake.api_calls("chat.postMessage")) == 1


def test_did_you_mean_on_a_thread_answer_updates_that_message(slack, fake: FakeSlack, channel):
    event = p.app_mention(f"<@{BOT_USER_ID}> {UNSURE}", channel=channel)
    slack.event(event)
    post = fake.wait_api("chat.postMessage", channel=channel)
    buttons = pick_buttons(post)
    assert buttons, "an unsure thread answer offers alternatives"
    message_ts = fake.messages[channel][-1]["ts"]
    click = p.block_actions(
        buttons[0],
        channel=channel,
        response_url=fake.response_url("thread-dym"),
        message_ts=message_ts,
        ephemeral=False,
    )
    slack.action(click)
    update = fake.wait_api("chat.update", channel=channel, ts=message_ts)
    assert header_of(update) != header_of(post) and header_of(update).startswith("HTTP 401.")
    assert not any(b["action_id"] == "httpcode_share" for b in update.buttons())


def test_direct_message_answered_in_its_thread(slack, fake: FakeSlack):
    dm = "D0000DM1"
    event = p.message("HTTP 错误 401.3 - 未授权", channel=dm, channel_type="im")
    slack.event(event)
    post = fake.wait_api("chat.postMessage", channel=dm)
    assert post.params["thread_ts"] == event["ts"] and "未授权" in header_of(post)


def test_redelivered_event_is_answered_once(slack, fake: FakeSlack, channel):
    event = p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel)
    slack.event(event, event_id="EvRETRY1")
    fake.wait_api("chat.postMessage", channel=channel)
    slack.event(event, event_id="EvRETRY1", retry_num=1)
    no_answer(slack, channel, event["ts"], r"already handled")
    assert len(fake.api_calls("chat.postMessage")) == 1


# ---- unprompted answers --------------------------------------------------------------------------


def test_passive_answers_a_sure_paste_in_its_thread_once_per_code(slack, fake: FakeSlack, channel):
    first = p.message(PASTE_500_19, channel=channel)
    slack.event(first)
    post = fake.wait_api("chat.postMessage", channel=channel)
    assert post.params["thread_ts"] == first["ts"]
    assert header_of(post).startswith("HTTP 500.19")
    assert "Unprompted answer. `/httpcode quiet`" in post.texts()
    again = p.message(PASTE_500_19, channel=channel, thread_ts=first["ts"])
    slack.event(again)
    no_answer(slack, channel, again["ts"], r"already answered http:500\.19 in this thread")
    assert len(fake.api_calls("chat.postMessage")) == 1


def test_passive_stays_silent_on_chat_with_numbers(slack, fake: FakeSlack, channel):
    chat = p.message("we had 3 meetings and 404 people came, 500 more next week", channel=channel)
    slack.event(chat)
    no_answer(slack, channel, chat["ts"], "nothing the engine is sure of")
    assert not fake.api_calls("chat.postMessage")


def test_passive_never_answers_bots_edits_or_mentions(slack, fake: FakeSlack, channel):
    from_bot = p.message(PASTE_500_19, channel=channel, bot_id="BOTHER", subtype="bot_message")
    from_bot_plain = p.message(PASTE_500_19, channel=channel, bot_id="BOTHER")
    edit = p.message("", channel=channel, subtype="message_changed", message={"text": PASTE_500_19, "ts": "1.1"})
    mention = p.message(f"<@{BOT_USER_ID}> {PASTE_500_19}", channel=channel)
    for event, reason in [
        (from_bot, "posted by a bot"),
        (from_bot_plain, "posted by a bot"),
        (edit, "subtype message_changed"),
        (mention, "it mentions the bot"),
    ]:
        slack.event(event)
        no_answer(slack, channel, event["ts"], reason)
    assert not fake.api_calls("chat.postMessage")


def test_quiet_and_listen_are_announced_in_the_channel_naming_who(slack, fake: FakeSlack, channel):
    slack.command("quiet", channel=channel, name="quiet", user="UBOB")
    announced = fake.wait_api("chat.postMessage", channel=channel)
    assert "thread_ts" not in announced.params, "posted in the channel itself, for everyone"
    assert "<@UBOB> switched off my unprompted answers" in announced.texts()
    assert announced.params["text"].startswith("<@UBOB>"), "the notification names who, as a mention"
    muted = p.message(PASTE_500_19, channel=channel)
    slack.event(muted)
    no_answer(slack, channel, muted["ts"], "the channel is quiet")
    slack.event(p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel, thread_ts=muted["ts"]))
    assert fake.wait_api("chat.postMessage", channel=channel, thread_ts=muted["ts"]), "asked still works"
    fake.reset()
    slack.command("listen", channel=channel, name="listen")
    assert "<@UALICE> switched on my unprompted answers" in fake.wait_api("chat.postMessage", channel=channel).texts()
    heard = p.message(PASTE_500_19, channel=channel)
    slack.event(heard)
    assert fake.wait_api("chat.postMessage", channel=channel, thread_ts=heard["ts"])
    assert not [c for c in fake.calls if c.kind == "response_url"], "nothing private: the channel was told"


def test_quiet_where_the_bot_cannot_post_confirms_privately(slack, fake: FakeSlack, channel):
    fake.fail("chat.postMessage", status=200, error="not_in_channel")
    slack.command("quiet", channel=channel, name="quiet-private")
    assert "stay quiet in this channel" in fake.wait_response("quiet-private").texts()


# ---- when Slack misbehaves ---------------------------------------------------------------------------


def test_rate_limited_post_is_retried_after_retry_after(slack, fake: FakeSlack, channel):
    fake.fail("chat.postMessage", status=429, retry_after=1)
    slack.event(p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel))
    fake.wait_for(lambda c: c.name == "chat.postMessage" and c.status == 200, what="the retried post")
    statuses = [c.status for c in fake.api_calls("chat.postMessage")]
    assert statuses == [429, 200]


@pytest.mark.parametrize("status", [502, 504])
def test_gateway_errors_on_post_are_retried_with_backoff(slack, fake: FakeSlack, channel, status: int):
    fake.fail("chat.postMessage", status=status, error="bad_gateway", times=2)
    slack.event(p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel))
    fake.wait_for(lambda c: c.name == "chat.postMessage" and c.status == 200, what="the post after two failures")
    assert [c.status for c in fake.api_calls("chat.postMessage")] == [status, status, 200]


def test_api_error_is_logged_with_what_was_lost_and_the_app_keeps_going(slack, fake: FakeSlack, channel):
    fake.fail("chat.postMessage", status=200, error="channel_not_found")
    lost = p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel=channel)
    slack.event(lost)
    slack.wait_log(
        rf"chat\.postMessage failed \(channel_not_found\): lost answer to message {re.escape(lost['ts'])}"
        rf" in channel {channel} thread {re.escape(lost['ts'])}"
    )
    slack.event(p.app_mention(f"<@{BOT_USER_ID}> 550", channel=channel))
    fake.wait_for(lambda c: c.name == "chat.postMessage" and c.status == 200 and "FTP 550" in c.texts())


def test_response_url_failure_is_logged(slack, fake: FakeSlack, channel):
    fake.fail("response_url", status=404, error="expired_url", retry_after=None)
    slack.command("401.3", channel=channel, name="gone")
    fake.wait_response("gone")
    slack.wait_log(rf"response_url failed \(HTTP 404 .*\): lost /httpcode answer to '401\.3' in channel {channel}")
