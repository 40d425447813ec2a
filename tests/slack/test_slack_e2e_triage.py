"""End to end, in both modes: `@httpcode triage` in a thread, its Details buttons, and the message shortcut.

As in test_slack_e2e.py, the `slack` fixture runs each test under gunicorn and in Socket Mode and
validates every message the app sent with slack_sdk's Block Kit models.
"""

from __future__ import annotations

import json

from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p
from fakeslack.server import BOT_ID
from slack_runner import KNOWLEDGE, PASTE_500_19

from bot.engine import Engine
from bot.slack.render.picks import ButtonValue


def header_of(call) -> str:
    return next(b["text"]["text"] for b in call.blocks if b["type"] == "header")


def code_sections(call) -> dict[str, dict]:
    """Each listed code's section, by its id (from the Details button's value)."""
    out = {}
    for block in call.blocks:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == "httpcode_details":
            out[ButtonValue.decode(accessory["value"]).pick.id] = block
    return out


def seed_thread(fake: FakeSlack, channel: str, texts: list[str]) -> str:
    root = p.new_ts()
    fake.seed_message(channel, root, texts[0], user="UROOT")
    for text in texts[1:]:
        fake.seed_message(channel, p.new_ts(), text, thread_ts=root)
    return root


def ask_triage(slack, fake: FakeSlack, channel: str, root: str, word: str = "triage") -> dict:
    """The request as Slack has it: a message in the thread (history) and an app_mention event."""
    event = p.app_mention(f"<@{BOT_USER_ID}> {word}", channel=channel, thread_ts=root)
    fake.seed_message(channel, event["ts"], event["text"], thread_ts=root)
    assert slack.event(event).status == 200
    return event


# ---- triage ------------------------------------------------------------------------------------


def test_triage_summarises_the_whole_thread_in_one_message(slack, fake: FakeSlack, channel):
    chatter = [f"still looking, attempt {i}" for i in range(240)]
    texts = [
        PASTE_500_19,
        *chatter[:100],
        "restarted the pool, now 500.19 again",
        *chatter[100:],
        "FTP upload failed: 550 Permission denied",
    ]
    root = seed_thread(fake, channel, texts)
    fake.seed_message(channel, p.new_ts(), "HTTP 401.3 · Unauthorized", user=BOT_USER_ID, bot_id=BOT_ID, thread_ts=root)
    request = ask_triage(slack, fake, channel, root)

    post = fake.wait_api("chat.postMessage", channel=channel)
    assert post.params["thread_ts"] == root and len(fake.api_calls("chat.postMessage")) == 1
    pages = fake.api_calls("conversations.replies")
    assert [c.params.get("cursor") for c in pages] == [None, "page:200"], "the whole thread, page by page"
    assert all(c.params["ts"] == root for c in pages)
    assert header_of(post) == f"Triage: 2 codes in {len(texts)} messages", "our answer and the request are left out"
    sections = code_sections(post)
    assert list(sections) == ["http:500.19", "ftp:550"], "most frequent first; our own 401.3 answer is not counted"
    first = sections["http:500.19"]["text"]["text"].splitlines()
    assert first[0] == "*HTTP 500.19 · Configuration data is invalid (test)*"
    assert first[1].startswith("×2 in 2 messages · first <https://fake.slack.test/archives/"), first[1]
    assert f"<!date^{int(float(root))}^{{date_short_pretty}} {{time}}|" in first[1], "first seen at the root"
    assert first[2] == "IIS could not read web.config or applicationHost.config."
    assert first[3] == "*First step:* Read the Config Error and Config File lines."
    assert request["ts"] not in json.dumps(post.params)

    # Details: the full answer, privately, to whoever pressed it, in the thread, with Share
    button = sections["http:500.19"]["accessory"]
    click = p.block_actions(
        button, channel=channel, response_url=fake.response_url("details"), message_ts="", ephemeral=False
    )
    click["user"]["id"] = "UBOB"
    slack.action(click)
    private = fake.wait_api("chat.postEphemeral", channel=channel)
    assert (private.params["user"], private.params["thread_ts"]) == ("UBOB", root)
    assert header_of(private).startswith("HTTP 500.19") and "*Fix*\n1. Read the Config Error" in private.texts()
    share = next(b for b in private.buttons() if b["action_id"] == "httpcode_share")
    slack.action(
        p.block_actions(share, channel=channel, response_url=fake.response_url("share"), message_ts="", ephemeral=True)
    )
    shared = fake.wait_response("share")
    assert (shared.params["response_type"], shared.params["thread_ts"]) == ("in_channel", root), "shared in the thread"
    assert header_of(shared) == header_of(private)


def test_triage_in_a_chinese_thread_answers_in_chinese(slack, fake: FakeSlack, channel):
    root = seed_thread(
        fake, channel, ["网站打不开，HTTP 错误 500.19 - 内部服务器错误", "FTP 上传报 550 错误", "还是 500.19"]
    )
    ask_triage(slack, fake, channel, root, word="总结")
    post = fake.wait_api("chat.postMessage", channel=channel)
    assert header_of(post) == "排查总结：3 条消息中有 2 个代码"
    text = post.texts()
    assert "首次" in text and "*第一步：* 查看 Config Error 与 Config File 行。" in text and "详情" in text


def test_triage_of_sixty_codes_lists_the_top_ones_and_counts_the_rest(slack, fake: FakeSlack, channel):
    engine = Engine.load(extra_dirs=[KNOWLEDGE])
    codes = sorted(e.code for e in engine.kb.entries.values() if e.family == "http" and "." in e.code)[:60]
    root = seed_thread(fake, channel, [f"HTTP Error {code}" for code in codes])
    ask_triage(slack, fake, channel, root)
    post = fake.wait_api("chat.postMessage", channel=channel)
    listed = code_sections(post)
    assert len(listed) == 15 and len(post.blocks) <= 50
    tail = [b for b in post.blocks if b["type"] == "context"][-1]["elements"][0]["text"]
    total = int(header_of(post).split(": ")[1].split(" codes")[0])
    assert total >= 60 and tail.startswith(f"…and {total - 15} more: HTTP ")


def test_triage_outside_a_thread_says_where_it_works_privately(slack, fake: FakeSlack, channel):
    event = p.app_mention(f"<@{BOT_USER_ID}> triage", channel=channel)
    slack.event(event)
    hint = fake.wait_api("chat.postEphemeral", channel=channel)
    assert hint.params["user"] == "UALICE" and "Triage summarises a thread" in hint.texts()
    assert not fake.api_calls("chat.postMessage") and not fake.api_calls("conversations.replies")
    slack.command("triage", channel=channel, name="cmd-triage")
    assert "`@httpcode triage`" in fake.wait_response("cmd-triage").texts()


def test_triage_of_an_unreadable_thread_says_so(slack, fake: FakeSlack, channel):
    fake.fail("conversations.replies", status=200, error="missing_scope")
    ask_triage(slack, fake, channel, seed_thread(fake, channel, [PASTE_500_19]))
    post = fake.wait_api("chat.postMessage", channel=channel)
    assert "I could not read this thread (`missing_scope`)." in post.texts()


# ---- the "Explain this error" message shortcut ---------------------------------------------------


def test_shortcut_answers_privately_with_share(slack, fake: FakeSlack, channel):
    message = fake.seed_message(channel, p.new_ts(), "users get HTTP Error 401.3 on /app", user="UCAROL")
    shortcut = p.message_shortcut(message, channel=channel, response_url=fake.response_url("sc"))
    got = slack.action(shortcut)
    assert got.status == 200 and got.seconds < 3
    private = fake.wait_api("chat.postEphemeral", channel=channel)
    assert private.params["user"] == "UALICE" and not private.params.get("thread_ts")
    assert header_of(private).startswith("HTTP 401.3")
    share = next(b for b in private.buttons() if b["action_id"] == "httpcode_share")
    slack.action(
        p.block_actions(
            share, channel=channel, response_url=fake.response_url("sc-share"), message_ts="", ephemeral=True
        )
    )
    shared = fake.wait_response("sc-share")
    assert shared.params["response_type"] == "in_channel" and "thread_ts" not in shared.params
    assert "Shared by <@UALICE>" in shared.texts()


def test_shortcut_on_a_reply_answers_in_its_thread(slack, fake: FakeSlack, channel):
    root = p.new_ts()
    reply = fake.seed_message(channel, p.new_ts(), "FTP says 550 on upload", thread_ts=root)
    slack.action(p.message_shortcut(reply, channel=channel, response_url=fake.response_url("sc-thread")))
    private = fake.wait_api("chat.postEphemeral", channel=channel)
    assert private.params["thread_ts"] == root and header_of(private).startswith("FTP 550")
    share = next(b for b in private.buttons() if b["action_id"] == "httpcode_share")
    assert ButtonValue.decode(share["value"]).thread == root


def test_shortcut_where_the_bot_is_not_falls_back_to_the_response_url(slack, fake: FakeSlack, channel):
    fake.fail("chat.postEphemeral", status=200, error="not_in_channel")
    message = {"ts": p.new_ts(), "user": "UCAROL", "text": PASTE_500_19}
    slack.action(p.message_shortcut(message, channel=channel, response_url=fake.response_url("sc-out")))
    answer = fake.wait_response("sc-out")
    assert answer.params["response_type"] == "ephemeral" and header_of(answer).startswith("HTTP 500.19")
    assert any(b["action_id"] == "httpcode_share" for b in answer.buttons())
    slack.wait_log(rf"chat\.postEphemeral failed \(not_in_channel\) in channel {channel}: sending explanation")


def test_shortcut_on_a_message_without_a_code_says_so_with_the_nearest(slack, fake: FakeSlack, channel):
    message = fake.seed_message(channel, p.new_ts(), "876")
    slack.action(p.message_shortcut(message, channel=channel, response_url=fake.response_url("sc-none")))
    private = fake.wait_api("chat.postEphemeral", channel=channel)
    assert "Nothing I know matches `876`" in private.texts() and "Nearest codes I know:" in private.texts()
    assert private.buttons(), "the nearest codes are buttons"
    quiet = fake.seed_message(channel, p.new_ts(), "quiet")
    slack.action(p.message_shortcut(quiet, channel=channel, response_url=fake.response_url("sc-quiet")))
    fake.wait_for(lambda c: c.name == "chat.postEphemeral" and "Nothing I know matches `quiet`" in c.texts())
    assert "stay quiet" not in json.dumps([c.params for c in fake.calls]), "a message saying quiet is not a command"
