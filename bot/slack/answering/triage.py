"""`@httpcode triage` (or `summary`, `总结`) in a thread: one message summarising every code in it.

Each code gets a line: title, how often, when first seen (Slack's date token, so each reader sees
their own time zone), the cause's first sentence, the first fix step, and a Details button that
shows the full answer privately to whoever presses it (`listeners/actions.py`).
"""

from __future__ import annotations

from collections.abc import Collection

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block

from bot.answer import code_label
from bot.result import Match
from bot.slack.answering.ask import Question, neutral
from bot.slack.deps import Deps
from bot.slack.render import blocks as bk
from bot.slack.render.blocks import Reply
from bot.slack.render.mrkdwn import code_span, date, escape, truncate
from bot.slack.render.picks import ButtonValue, Pick
from bot.slack.render.replies import notice_reply
from bot.slack.render.texts import t
from bot.slack.webapi import deliver
from bot.slack.webapi.ephemeral import post_ephemeral
from bot.slack.webapi.history import MAX_MESSAGES, read_thread
from bot.triage import ThreadItem, ThreadSummary, summarize_thread

DETAILS_ACTION = "httpcode_details"
MAX_LISTED = 15  # codes shown with their cause and a button; the rest are named in one line
LINE_CHARS = 400  # cause sentence and first step, each
MORE_CHARS = 1500


def answer_triage(deps: Deps, client: WebClient, *, event: dict, question: Question, own: Collection[str]) -> None:
    """Read the thread the request was written in, summarise it, and post the summary there.

    A request outside a thread gets a private hint instead: a channel's history is not a thread.
    """
    channel, ts = event["channel"], event["ts"]
    thread_ts = event.get("thread_ts")
    asked_lang = question.lang or deps.default_lang or "en"
    if not thread_ts or thread_ts == ts:
        hint = notice_reply(t(asked_lang, "triage_in_thread"))
        post_ephemeral(client, hint, channel=channel, user=event.get("user", ""), what=f"triage hint for message {ts}")
        return
    read = read_thread(client, channel=channel, thread_ts=thread_ts, skip_ts=ts, own=own)
    if read.error and not read.messages:
        reply = notice_reply(t(asked_lang, "triage_unreadable", error=code_span(read.error)))
    else:
        lang = question.lang
        if lang is None and deps.default_lang and neutral(" ".join(text for _, _, text in read.messages[:50])):
            lang = deps.default_lang
        summary = summarize_thread(deps.engine, read.messages, lang=lang)  # type: ignore[arg-type]
        for item in summary.items[:MAX_LISTED]:  # passive answers need not repeat what the summary lists
            deps.store.claim_code(channel, thread_ts, item.match.id)
        reply = triage_reply(summary, thread=thread_ts, capped=read.capped, error=read.error)
    deliver.post(client, reply, channel=channel, thread_ts=thread_ts, what=f"triage of thread {thread_ts}")


def triage_reply(summary: ThreadSummary, *, thread: str, capped: bool = False, error: str = "") -> Reply:
    """The summary message: the top codes with a Details button each, then how many more (named)."""
    lang = summary.lang
    messages = _count(lang, summary.messages, "messages", "one_message")
    notes = []
    if capped:
        notes.append(t(lang, "triage_capped", n=f"{MAX_MESSAGES:,}"))
    if error:
        notes.append(t(lang, "triage_partial", n=messages, error=code_span(error)))
    if not summary.items:
        text = t(lang, "triage_none", messages=messages)
        return Reply(blocks=[bk.section(text), *([bk.context(*notes)] if notes else [])], text=text)
    title = t(lang, "triage_title", codes=_count(lang, len(summary.items), "codes", "one_code"), messages=messages)
    listed, rest = summary.items[:MAX_LISTED], summary.items[MAX_LISTED:]
    body: list[Block] = [bk.header(title), bk.context(t(lang, "triage_hint"))]
    for item in listed:
        body += [bk.divider(), _item_section(item, lang, thread)]
    tail = []
    if rest:
        named = ", ".join(f"{_label(i.match, lang)} ×{i.count}" for i in rest)
        tail.append(t(lang, "triage_more", n=str(len(rest)), codes=escape(truncate(named, MORE_CHARS))))
    tail += notes
    footer = [bk.context(*tail)] if tail else []
    lines = [title, *(f"{_label(i.match, lang)} ×{i.count} · {i.match.meaning.title[lang]}" for i in listed)]
    return Reply(blocks=bk.fit(body, footer, note=t(lang, "trimmed")), text="\n".join(lines))


def _item_section(item: ThreadItem, lang: str, thread: str) -> Block:
    match = item.match
    title = match.diagnosis.case.title[lang] if match.diagnosis else match.meaning.title[lang]
    lines = [
        f"*{escape(_label(match, lang))} · {escape(title)}*",
        t(lang, "triage_seen", n=str(item.count), when=date(item.first_ts)),
        escape(truncate(item.cause_line(lang), LINE_CHARS)),
    ]
    step = item.first_step(lang)
    if step:
        lines.append(f"*{t(lang, 'first_step')}* {escape(truncate(step, LINE_CHARS))}")
    value = ButtonValue(lang, Pick.of(match), thread=thread).encode()
    button = bk.button(t(lang, "details"), action_id=DETAILS_ACTION, value=value)
    return bk.section("\n".join(lines), accessory=button)


def _label(match: Match, lang: str) -> str:
    """`HTTP 500.19`; a sub-status we lack shows as its parent with what was written: `HTTP 403 (403.99)`."""
    label = code_label(match, lang)
    return f"{label} ({match.asked})" if match.fallback else label


def _count(lang: str, n: int, many: str, one: str) -> str:
    return t(lang, one) if n == 1 else t(lang, many, n=f"{n:,}")
