"""Block Kit replies built from hand-made matches: shape, escaping, buttons, and trimming to Slack's limits."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from slack_builders import FakeEngine, entry, match, result
from slack_sdk.models.blocks import Block

from bot.slack.render.blocks import MAX_BLOCKS, MAX_SECTION, Reply
from bot.slack.render.picks import ButtonValue, Pick, rehydrate
from bot.slack.render.replies import (
    DIRECT_CHARS,
    MORE_ACTION,
    PICK_ACTION,
    SHARE_ACTION,
    answer_reply,
    codes_named,
    help_reply,
    not_found_reply,
    reply_for,
    several_reply,
    visible_chars,
)


def sent(reply: Reply) -> dict:
    """What goes over the wire, checked the way the e2e tests check it."""
    kwargs = reply.to_kwargs()
    assert kwargs["text"] and len(kwargs["blocks"]) <= MAX_BLOCKS
    for raw in kwargs["blocks"]:
        Block.parse(raw).validate_json()
        if raw["type"] == "section":
            assert len(raw["text"]["text"]) <= MAX_SECTION
    return kwargs


def test_answer_has_header_cause_numbered_fix_and_context_then_more():
    out = sent(answer_reply(match(), "en", share=True))
    types = [b["type"] for b in out["blocks"]]
    assert types == ["header", "section", "section", "context", "actions"]
    header, cause, fix, context, actions = out["blocks"]
    assert header["text"]["text"] == "HTTP 401.3 · Unauthorized: ACL denies access"
    assert cause["text"]["text"] == "*Cause*\nNTFS permissions deny the identity."
    assert fix["text"]["text"] == "*Fix*\n1. Grant read access.\n2. Check deny rules."
    assert context["elements"][0]["text"] == "IIS · sure", "the context line speaks to people"
    assert [e["action_id"] for e in actions["elements"]] == [SHARE_ACTION, MORE_ACTION], "the links are behind More"
    assert out["text"].startswith("HTTP 401.3 · Unauthorized")


def test_full_answer_has_the_links_labelled_by_what_they_are():
    out = sent(answer_reply(match(), "en", share=True, full=True))
    links = next(b for b in out["blocks"] if b["type"] == "section" and b["text"]["text"].startswith("*Links*"))
    assert links["text"]["text"] == "*Links*\n• <https://learn.microsoft.com/iis|Microsoft: HTTP 401.3>"
    assert [e["action_id"] for e in out["blocks"][-1]["elements"]] == [SHARE_ACTION], "nothing more to show"


def test_chinese_answer_uses_chinese_labels_and_microsofts_chinese_pages():
    m = match(links=("https://learn.microsoft.com/en-us/iis/x",))
    out = sent(answer_reply(m, "zh", share=True, full=True))
    text = json.dumps(out, ensure_ascii=False)
    assert "*原因*" in text and "*解决方法*" in text and "分享到频道" in text and "IIS · 确定" in text
    assert "https://learn.microsoft.com/zh-cn/iis/x|微软：HTTP 401.3" in text


def test_knowledge_text_is_escaped_too():
    m = match(cause="Check <system.webServer> & <!here>", fix=("Run `a && b` <@U1>",))
    out = json.dumps(sent(answer_reply(m, "en")))
    assert "<system" not in out and "<!here>" not in out and "<@U1>" not in out and "&amp;&amp;" in out


def test_alternatives_become_did_you_mean_buttons_that_remember_the_group():
    best, alt1, alt2 = match("401.3", 0.7), match("401.2", 0.65, title="Logon failed"), match("401.1", 0.6)
    out = sent(answer_reply(best, "en", alternatives=[alt1, alt2], share=True))
    buttons = out["blocks"][-1]["elements"]
    assert [b["action_id"] for b in buttons] == [SHARE_ACTION, MORE_ACTION, "httpcode_pick_0", "httpcode_pick_1"]
    assert all(PICK_ACTION.match(b["action_id"]) for b in buttons[2:])
    assert buttons[2]["text"]["text"] == "Did you mean: HTTP 401.2 · Logon failed"
    value = ButtonValue.decode(buttons[2]["value"])
    assert value.pick.id == "http:401.2" and value.lang == "en"
    assert [p.id for p in value.others] == ["http:401.3", "http:401.1"], "pressing it keeps offering the rest"


def test_reply_for_offers_alternatives_only_when_unsure():
    sure = result("401.3", [match("401.3", 1.0), match("401.2", 0.5)])
    unsure = result("401", [match("401.3", 0.7), match("401.2", 0.65)])
    assert len(sent(reply_for(sure, buttons=True, share=True))["blocks"][-1]["elements"]) == 2  # Share, More
    assert len(sent(reply_for(unsure, buttons=True, share=True))["blocks"][-1]["elements"]) == 3
    assert [b["action_id"] for b in sent(reply_for(unsure, buttons=False))["blocks"][-1]["elements"]] == [MORE_ACTION]


def test_shared_answer_says_who_shared_it_and_offers_only_more():
    out = sent(answer_reply(match(), "en", shared_by="U42"))
    assert out["blocks"][-2]["type"] == "context"
    assert out["blocks"][-2]["elements"][0]["text"] == "Shared by <@U42>"
    assert [e["action_id"] for e in out["blocks"][-1]["elements"]] == [MORE_ACTION]
    forged = sent(answer_reply(match(), "en", shared_by="U1> <!channel", full=True))
    assert forged["blocks"][-1]["elements"][0]["text"] == "Shared by ?"


def test_fallback_to_parent_code_is_said():
    m = match("403", 0.9)
    m.asked = "403.99"
    out = json.dumps(sent(answer_reply(m, "en")))
    assert "403.99 is not a code I know; showing its parent 403." in out


def test_several_codes_one_compact_answer_in_order():
    ms = [match("500.19", 0.95, title="Config invalid"), match("0x80070021", 0.8, family="hresult", title="Locked")]
    out = sent(several_reply(ms, "en"))
    text = json.dumps(out)
    assert "2 codes in this text" in text
    assert text.index("HTTP 500.19 \\u00b7 Config invalid") < text.index("HRESULT 0x80070021 \\u00b7 Locked")
    assert out["text"].splitlines()[0].startswith("HTTP 500.19")


def test_codes_named_groups_readings_of_one_code():
    paste = result(
        "HTTP Error 500.19 ... Error Code 0x80070021",
        [match("500.19"), match("0x80070021", family="hresult"), match("500", 0.3)],
    )
    assert [m.id for m in codes_named(paste)] == ["http:500.19", "hresult:0x80070021"]
    one_code = result("421", [match("421"), match("421", family="ftp")])
    assert [m.id for m in codes_named(one_code)] == ["http:421"]
    assert reply_for(one_code, buttons=True, several=True).blocks[0].type == "header"


def test_codes_named_leaves_out_details_successes_and_weak_guesses():
    best = match("401.2", 0.97)
    paste = result(
        "HTTP 401 - Unauthorized: Logon failed (401.2) sc-win32-status 5 then 230 Logged in, also 503 maybe",
        [
            best,
            match("401", 0.86),
            match("5", 0.74, family="win32"),
            match("230", 0.9, family="ftp"),
            match("503", 0.3),
        ],
    )
    assert [m.id for m in codes_named(paste)] == ["http:401.2", "win32:5"], "best first even when written otherwise"


def test_not_found_echoes_the_query_escaped_and_offers_nearest():
    res = result("<!channel> 876", [], unknown=["876"], suggestions=[match("419", 0.0), match("420", 0.0)])
    out = sent(not_found_reply(res.query, res))
    text = json.dumps(out)
    assert "Nothing I know matches `&lt;!channel&gt; 876`" in text and "<!channel>" not in text
    assert "Not in my knowledge base: `876`" in text
    assert [b["text"]["text"] for b in out["blocks"][-1]["elements"]] == [
        "HTTP 419 · Unauthorized: ACL denies access",
        "HTTP 420 · Unauthorized: ACL denies access",
    ]


def test_help_in_both_languages():
    assert "/httpcode 401.3" in json.dumps(sent(help_reply("en")))
    assert "私下查询" in json.dumps(sent(help_reply("zh")), ensure_ascii=False)


def test_long_answer_is_trimmed_to_slacks_limits_not_rejected():
    huge = match(
        title="T" * 400,
        cause="word " * 2000,
        fix=tuple(f"step {i} " + "x" * 2900 for i in range(80)),
        links=tuple(f"https://example.test/{i}" for i in range(100)),
        notes="n" * 5000,
    )
    alts = [match(f"401.{i}", 0.5) for i in range(5)]
    short = sent(answer_reply(huge, "en", alternatives=alts[:3], share=True))
    assert visible_chars(short["blocks"]) <= DIRECT_CHARS
    assert MORE_ACTION in [b["action_id"] for b in short["blocks"][-1]["elements"]]
    out = sent(answer_reply(huge, "en", alternatives=alts[:3], share=True, full=True))
    assert len(out["blocks"]) == MAX_BLOCKS
    assert out["blocks"][-1]["type"] == "actions", "buttons survive trimming"
    assert out["blocks"][-2]["elements"][0]["text"] == "IIS · sure", "so does the context line"
    assert out["blocks"][-3]["elements"][0]["text"] == "Answer trimmed to fit Slack's limits."
    assert len(out["blocks"][0]["text"]["text"]) <= 150


def test_picks_rehydrate_the_same_match():
    engine = FakeEngine(entry("502.5", meanings=2))
    m = engine.lookup("http:502.5")
    m.meaning_index, m.score, m.asked = 1, 0.73, "502.5"
    again = rehydrate(engine, ButtonValue.decode(ButtonValue("zh", Pick.of(m)).encode()).pick)
    assert (again.id, again.meaning_index, again.score, again.asked) == ("http:502.5", 1, 0.73, "502.5")
    assert rehydrate(engine, Pick("http:999")) is None
    assert ButtonValue.decode("not json") is None


_texts = st.text(min_size=0, max_size=4000)


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(min_size=1, max_size=300),
    cause=_texts,
    fix=st.lists(st.text(min_size=1, max_size=3500), min_size=1, max_size=30),
    notes=_texts,
)
def test_any_answer_is_valid_block_kit(title, cause, fix, notes):
    m = match(title=title, cause=cause or "x", fix=tuple(fix), notes=notes)
    sent(answer_reply(m, "en", alternatives=[match("401.2", 0.5, title=title)], share=True))
    sent(several_reply([m, m, m], "en", unprompted=True))


def test_help_examples_are_a_code_block_to_copy_and_no_placeholder_is_a_control_sequence():
    for lang in ("en", "zh"):
        out = sent(help_reply(lang))
        sections = [b["text"]["text"] for b in out["blocks"] if b["type"] == "section"]
        assert any(s.startswith("```/httpcode 401.3\n") and s.endswith("```") for s in sections), lang
        assert not any("<" in s for s in sections), f"{lang}: a raw <...> renders as a broken link"


def test_unprompted_answers_carry_not_helpful_naming_their_codes():
    from bot.slack.render.replies import NOT_HELPFUL_ACTION

    one = sent(answer_reply(match("500.19"), "en", unprompted=True))
    buttons = [e for b in one["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"]) for b in buttons if b["action_id"] == NOT_HELPFUL_ACTION] == [
        (NOT_HELPFUL_ACTION, "http:500.19")
    ]
    assert buttons[-1]["action_id"] == NOT_HELPFUL_ACTION, "last, after More: the finding's buttons come first"
    several = sent(several_reply([match("500.19"), match("401.3")], "zh", unprompted=True))
    (button,) = [e for b in several["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["value"] == "http:500.19,http:401.3" and button["text"]["text"] == "没有帮助"
    asked = sent(answer_reply(match("500.19"), "en", share=True))
    assert NOT_HELPFUL_ACTION not in json.dumps(asked)


def test_a_public_answer_changed_by_did_you_mean_says_who():
    out = json.dumps(sent(answer_reply(match(), "en", changed_by="UCAROL")))
    assert "Changed by <@UCAROL>" in out
    assert "Changed by ?" in json.dumps(sent(answer_reply(match(), "en", changed_by="<!channel>")))
