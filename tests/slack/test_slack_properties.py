"""Invariants over generated text on the Slack side: reading markup, escaping, trimming, parsing questions;
and every reply built from it (answers, several codes, nothing found, thread summaries) validates with
slack_sdk's Block Kit models within Slack's limits, encodes as UTF-8, and pings nobody.

Every answer in the knowledge base is also rendered in both languages, in each shape, and checked.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

from bot.engine import Engine
from bot.slack.answering.ask import KEYWORDS, parse
from bot.slack.answering.triage import triage_reply
from bot.slack.listeners.events import without_mention
from bot.slack.render.blocks import MAX_BLOCKS, MAX_BUTTON_TEXT, MAX_BUTTON_VALUE, MAX_HEADER, MAX_SECTION, Reply
from bot.slack.render.mrkdwn import code_span, escape, plain, truncate, unformat
from bot.slack.render.replies import (
    MAX_ALTERNATIVES,
    MAX_SEVERAL,
    answer_reply,
    codes_named,
    not_found_reply,
    reply_for,
    several_reply,
)
from bot.slack.webapi.history import message_text
from bot.triage import summarize_thread

PIECES = [
    "<http://x.test|y>", "<https://a.test/p?q=1&r=2>", "<!here>", "<!channel>", "<!everyone>", "<!subteam^S1|@ops>",
    "<@U123>", "<@UBOT|httpcode>", "<#C1|ops>", "<mailto:a@b.test|a>", "<", ">", "|", "&lt;", "&gt;", "&amp;", "&",
    "@here", "@Channel", "@everyone", "`", "```", "*", "_", "~", "\u202e", "\u200f", "\u200b", "😀", "👩‍👩‍👧‍👦",
    "\ud800", "\udfff", "\x00", "\x1b", "\x7f", "错误", "مرحبا", "שגיאה", "HTTP Error 500.19", "401.3", "550",
    "0x80070021", "Response: 530 Login incorrect.", "\n", "\t", "zh", "en", "help", "quiet", "triage", "总结",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=40).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
)
EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BROADCAST = re.compile(r"@(?:here|channel|everyone)\b", re.IGNORECASE)
PING = re.compile(r"<(?:@|!here|!channel|!everyone|!subteam)")  # `<!date^...>` is a date, not a ping
SLACK_TEXT_LIMIT = 40_000  # chat.postMessage truncates `text` beyond this


# ---- text handling ---------------------------------------------------------------------------------


@EXAMPLES
@given(texts)
def test_escape_leaves_nothing_slack_would_act_on(text: str) -> None:
    out = escape(text)
    assert "<" not in out and ">" not in out
    assert not BROADCAST.search(out), "no @here/@channel/@everyone survives"
    assert not re.search(r"&(?!amp;|lt;|gt;)", out), "every & starts an entity"
    out.encode("utf-8")  # lone surrogates are gone: Slack takes UTF-8 only
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out)
    plain(text).encode("utf-8")


@EXAMPLES
@given(texts)
def test_unformat_reads_back_what_escape_wrote(text: str) -> None:
    if "@" not in text and not re.search(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        assert unformat(escape(text)) == text
    assert len(unformat(text)) <= len(text), "reading markup never adds text"


@EXAMPLES
@given(texts, st.integers(min_value=1, max_value=400))
def test_truncate_respects_the_limit_and_never_cuts_an_entity(text: str, limit: int) -> None:
    escaped = escape(text)
    cut = truncate(escaped, limit)
    assert len(cut) <= limit
    if cut != escaped:
        body = cut.removesuffix("…")
        assert escaped.startswith(body) or escaped.startswith(body.rstrip())
        assert "&" not in body or ";" in body[body.rfind("&") :]


@EXAMPLES
@given(texts)
def test_code_span_is_one_span(text: str) -> None:
    span = code_span(text)
    assert span.startswith("`") and span.endswith("`") and span.count("`") == 2


@EXAMPLES
@given(texts)
def test_parse_and_mentions(text: str) -> None:
    question = parse(text)
    assert question.lang in (None, "en", "zh")
    assert question.keyword in ("", *KEYWORDS, "triage")
    if question.keyword:
        assert question.text == ""
    else:
        assert question.text in unformat(text), "the question is what was written, markup read, at most a language cut"
    stripped = without_mention(text, "UBOT")
    assert not re.search(r"<@UBOT(?:\|[^<>]*)?>", stripped)
    assert not re.search(r"<@U[A-Z0-9]+(?:\|[^<>]*)?>", message_text({"text": text, "attachments": [{"text": text}]}))


# ---- replies ---------------------------------------------------------------------------------------


def check_reply(reply: Reply, *, pings: bool = False) -> dict:
    """What Slack would receive, checked as Slack checks it."""
    kwargs = reply.to_kwargs()
    wire = json.dumps(kwargs, ensure_ascii=False)
    wire.encode("utf-8")
    assert 0 < len(kwargs["text"]) <= SLACK_TEXT_LIMIT
    assert 0 < len(kwargs["blocks"]) <= MAX_BLOCKS
    for raw in kwargs["blocks"]:
        block = Block.parse(raw)
        assert block is not None
        block.validate_json()
        assert block.to_dict() == raw
        kind = raw["type"]
        if kind == "header":
            assert len(raw["text"]["text"]) <= MAX_HEADER
        if kind == "section":
            assert len(raw["text"]["text"]) <= MAX_SECTION
        if kind == "context":
            assert len(raw["elements"]) <= 10
        buttons = [e for e in [*raw.get("elements", []), raw.get("accessory") or {}] if e.get("type") == "button"]
        for button in buttons:
            assert len(button["text"]["text"]) <= MAX_BUTTON_TEXT
            assert len(button.get("value", "")) <= MAX_BUTTON_VALUE
        action_ids = [b["action_id"] for b in buttons]
        assert len(action_ids) == len(set(action_ids)), "action ids are unique within a block"
    if not pings:
        assert not PING.search(wire), "no mention or broadcast from pasted or knowledge text"
        assert not BROADCAST.search(wire.replace("@\u200b", ""))
    return kwargs


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(texts, st.sampled_from(["direct", "passive"]), st.sampled_from([None, "en", "zh"]))
def test_every_reply_for_generated_text_is_valid_block_kit(engine: Engine, text: str, mode: str, lang: str | None):
    result = engine.explain(text, mode=mode, lang=lang, top=MAX_SEVERAL)
    for buttons, share, several in ((True, True, False), (True, False, True), (False, False, False)):
        check_reply(reply_for(result, buttons=buttons, share=share, several=several, thread="1712.0001"))
    check_reply(not_found_reply(text, result))
    if result.matches:
        best, *others = result.matches
        check_reply(answer_reply(best, result.lang, alternatives=others[:MAX_ALTERNATIVES], share=True))
        check_reply(answer_reply(best, result.lang, unprompted=True))
        check_reply(several_reply(codes_named(result) or result.matches, result.lang, unprompted=True))


messages = st.lists(
    st.tuples(
        st.integers(min_value=1_600_000_000, max_value=1_900_000_000).map(lambda s: f"{s}.000100"),
        st.sampled_from(["UALICE", "UBOB", ""]),
        texts,
    ),
    max_size=12,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(messages, st.booleans(), st.sampled_from(["", "ratelimited"]))
def test_every_thread_summary_is_valid_block_kit(engine: Engine, thread, capped: bool, error: str):
    summary = summarize_thread(engine, thread)
    check_reply(triage_reply(summary, thread="1712.0001", capped=capped, error=error))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_answer_in_the_knowledge_base_renders_valid_blocks(engine: Engine, lang: str):
    matches = [engine.lookup(entry_id) for entry_id in sorted(engine.kb.entries)]
    assert len(matches) > 300 and None not in matches
    for i, match in enumerate(matches):
        others = [m for m in matches[i + 1 : i + 1 + MAX_ALTERNATIVES]]
        check_reply(answer_reply(match, lang, alternatives=others, share=True, thread="1712.0001"))
        check_reply(answer_reply(match, lang, shared_by="UALICE"), pings=True)
        check_reply(answer_reply(match, lang, unprompted=True))
    for start in range(0, len(matches), MAX_SEVERAL + 3):
        check_reply(several_reply(matches[start : start + MAX_SEVERAL + 3], lang, unprompted=True))


# ---- linear time -------------------------------------------------------------------------------------


SLACK_SIDE = {
    "escape": escape,
    "unformat": unformat,
    "truncate": lambda t: truncate(t, MAX_SECTION),
    "parse": parse,
    "without_mention": lambda t: without_mention(t, "UBOT"),
    "message_text": lambda t: message_text({"text": t}),
}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SLACK_SIDE)), st.sampled_from([*PIECES, "<@UBOT|", "<@U1|", "<http://x|", "&am"]))
def test_slack_side_text_handling_is_linear_on_40k_repeats(name: str, piece: str) -> None:
    """A 40,000-character run of one piece: catches regexes that backtrack (quadratic or worse)."""
    text = (piece * (40_000 // len(piece) + 1))[:40_000]
    start = time.perf_counter()
    SLACK_SIDE[name](text)
    assert time.perf_counter() - start < 0.5, f"{name} on {piece!r} x {40_000 // len(piece)}"
