"""Escaping what we echo, and reading Slack's markup back to plain text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.slack.render.mrkdwn import code_span, escape, link, plain, truncate, unformat


def test_escape_makes_mentions_and_broadcasts_inert():
    out = escape("<!channel> <!here> <@U123> @here @channel @everyone a&b")
    assert "<" not in out and ">" not in out
    assert "&lt;!channel&gt;" in out and "&lt;@U123&gt;" in out and "a&amp;b" in out
    assert not re.search(r"@(here|channel|everyone)", out)
    assert "@\u200bhere" in out


def test_plain_text_fields_only_break_broadcasts():
    assert plain("<b> @here") == "<b> @\u200bhere"


def test_unformat_reads_slack_markup_back():
    text = "<@U1> <@U2|bob> <#C1|ops> <!here> <https://x.test/a?b=1&amp;c=2|x.test> &lt;system.webServer&gt; <mailto:a@b.c|a@b.c>"
    assert unformat(text) == "@U1 @bob #ops @here https://x.test/a?b=1&c=2 <system.webServer> a@b.c"


def test_link_cannot_be_broken_out_of():
    assert link("https://x.test/a>b|c&d", "l|a<b") == "<https://x.test/a%3Eb%7Cc&amp;d|l¦a&lt;b>"
    assert link("https://x.test/") == "<https://x.test/>"


def test_code_span_keeps_backticks_from_closing_it():
    assert code_span("a`b<c") == "`a'b&lt;c`"


def test_truncate_prefers_word_ends_and_never_cuts_an_entity_or_link():
    assert truncate("short", 10) == "short"
    assert truncate("one two three four", 16) == "one two three…"
    assert truncate("abcdefghij", 5) == "abcd…"
    assert truncate("x" * 20 + " &amp;", 25) == "x" * 20 + "…"
    assert truncate("see <https://example.test/very/long|here>", 30) == "see…"


@given(st.text())
def test_escaped_text_has_no_control_sequences(text):
    out = escape(text)
    assert "<" not in out and ">" not in out
    assert not re.search(r"(?i)@(here|channel|everyone)\b", out)
    assert re.fullmatch(r"(?:[^&]|&(?:amp|lt|gt);)*", out, re.DOTALL)


@given(st.text(), st.integers(min_value=1, max_value=400))
def test_truncate_respects_the_limit(text, limit):
    out = truncate(escape(text), limit)
    assert len(out) <= max(limit, 1)
    assert re.fullmatch(r"(?:[^&]|&(?:amp|lt|gt);)*…?", out, re.DOTALL), "no half entity"
