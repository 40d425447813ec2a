"""The triage summary as Block Kit, and reading a thread page by page, without Slack."""

from __future__ import annotations

import json

import pytest
from slack_builders import match
from slack_sdk.models.blocks import Block

from bot.slack.answering.ask import Question, parse
from bot.slack.answering.triage import DETAILS_ACTION, MAX_LISTED, triage_reply
from bot.slack.render.blocks import MAX_BLOCKS, MAX_SECTION, Reply
from bot.slack.render.picks import ButtonValue
from bot.slack.webapi.history import read_thread
from bot.triage import ThreadItem, ThreadSummary


def sent(reply: Reply) -> dict:
    kwargs = reply.to_kwargs()
    assert kwargs["text"] and len(kwargs["blocks"]) <= MAX_BLOCKS
    for raw in kwargs["blocks"]:
        block = Block.parse(raw)
        block.validate_json()
        assert block.to_dict() == raw
        if raw["type"] == "section":
            assert len(raw["text"]["text"]) <= MAX_SECTION
    return kwargs


def summary(n: int, *, lang: str = "en", **kwargs) -> ThreadSummary:
    items = [ThreadItem(match(f"{400 + i}.1", **kwargs), n - i, f"1712900{i:03d}.000100", "U1") for i in range(n)]
    return ThreadSummary(lang=lang, messages=3 * n, items=items)


def details(out: dict) -> list[dict]:
    return [b["accessory"] for b in out["blocks"] if b.get("accessory", {}).get("action_id") == DETAILS_ACTION]


def test_each_code_has_title_count_first_seen_cause_first_step_and_details():
    out = sent(triage_reply(summary(2), thread="1712.000001"))
    assert out["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Triage: 2 codes in 6 messages", "emoji": False},
    }
    first = next(b for b in out["blocks"] if b.get("accessory"))["text"]["text"]
    assert first.splitlines() == [
        "*HTTP 400.1 · Unauthorized: ACL denies access*",
        "×2 · first <!date^1712900000^{date_short_pretty} {time}|2024-04-12 05:33 UTC>"
        " · last <!date^1712900000^{date_short_pretty} {time}|2024-04-12 05:33 UTC>",
        "NTFS permissions deny the identity.",
        "*First step:* Grant read access.",
    ]
    buttons = details(out)
    assert [b["text"]["text"] for b in buttons] == ["Details", "Details"]
    value = ButtonValue.decode(buttons[0]["value"])
    assert (value.pick.id, value.lang, value.thread) == ("http:400.1", "en", "1712.000001")
    assert out["text"].startswith("Triage: 2 codes in 6 messages\nHTTP 400.1 ×2")


def test_sixty_codes_list_the_top_ones_and_name_the_rest():
    out = sent(triage_reply(summary(60, cause="word " * 1000, fix=("step " * 1000,)), thread="1.2"))
    assert len(details(out)) == MAX_LISTED
    tail = [b for b in out["blocks"] if b["type"] == "context"][-1]["elements"][0]["text"]
    assert tail.startswith(f"…and {60 - MAX_LISTED} more: HTTP {400 + MAX_LISTED}.1 ×{60 - MAX_LISTED}, ")


def test_chinese_summary():
    out = sent(triage_reply(summary(1, lang="zh"), thread="1.2", capped=True))
    text = json.dumps(out, ensure_ascii=False)
    assert "排查总结：3 条消息中有 1 个代码" in text and "首次" in text and "*第一步：* 第一步。" in text
    assert "详情" in text and "只读取了前 1,000 条消息" in text


def test_knowledge_text_is_escaped_but_the_date_token_is_not():
    out = json.dumps(sent(triage_reply(summary(1, cause="Deny <!here> & <@U1>. More."), thread="1.2")))
    assert "<!here>" not in out and "<@U1>" not in out and "<!date^" in out


def test_no_codes_and_partial_reads_say_so():
    empty = sent(triage_reply(ThreadSummary("en", 1), thread="1.2", error="ratelimited"))
    text = json.dumps(empty)
    assert "No error codes in this thread (1 message read)." in text
    assert "Slack stopped answering after 1 message (`ratelimited`)" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("triage", Question("", None, "triage")),
        ("Summary", Question("", None, "triage")),
        ("总结", Question("", "zh", "triage")),
        ("triage zh", Question("", "zh", "triage")),
        ("总结 en", Question("", "en", "triage")),
    ],
)
def test_triage_words(raw, expected):
    assert parse(raw, default_lang="en") == expected


class PagedClient:
    """conversations.replies over a list, in pages, with the parent repeated on each page as some report."""

    def __init__(self, messages: list[dict], *, fail_on_page: int | None = None) -> None:
        self.messages = messages
        self.calls: list[dict] = []
        self.fail_on_page = fail_on_page

    def conversations_replies(self, **kwargs):
        from slack_sdk.errors import SlackApiError

        self.calls.append(kwargs)
        if self.fail_on_page == len(self.calls):
            raise SlackApiError("boom", {"ok": False, "error": "ratelimited"})
        start = int(kwargs.get("cursor") or 0)
        limit = kwargs["limit"]
        page = self.messages[start : start + limit]
        if start:
            page = [self.messages[0], *page]
        more = start + limit < len(self.messages)
        return {
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }


def thread(n: int) -> list[dict]:
    return [{"ts": f"100.{i:06d}", "user": "UBOT" if i % 10 == 5 else "UALICE", "text": f"msg {i}"} for i in range(n)]


def test_read_thread_follows_cursors_and_leaves_out_our_messages_and_the_request():
    client = PagedClient(thread(450))
    read = read_thread(client, channel="C1", thread_ts="100.000000", skip_ts="100.000449", own={"UBOT", "BBOT"})
    assert [c.get("cursor") for c in client.calls] == [None, "200", "400"]
    assert len(read.messages) == 450 - 45 - 1 and not read.capped and not read.error
    assert [ts for ts, _, _ in read.messages] == sorted({ts for ts, _, _ in read.messages}), "each message once"


def test_read_thread_stops_at_the_cap_and_says_so():
    client = PagedClient(thread(450))
    read = read_thread(client, channel="C1", thread_ts="100.000000", cap=300)
    assert len(read.messages) == 300 and read.capped and len(client.calls) == 2


def test_read_thread_keeps_what_it_read_before_an_error():
    read = read_thread(PagedClient(thread(450), fail_on_page=2), channel="C1", thread_ts="100.000000")
    assert len(read.messages) == 200 and read.error == "ratelimited"


def test_message_text_reads_alerts_in_attachments_and_drops_mentions():
    client = PagedClient(
        [
            {"ts": "1.0", "user": "U1", "text": "<@U0ABC123> see &lt;system.webServer&gt;"},
            {"ts": "1.1", "bot_id": "BALERT", "text": "", "attachments": [{"fallback": "HTTP 503 on /api"}]},
        ]
    )
    read = read_thread(client, channel="C1", thread_ts="1.0")
    assert [text for _, _, text in read.messages] == ["see <system.webServer>", "HTTP 503 on /api"]
