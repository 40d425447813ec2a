"""`@httpcode triage` (or `summary`, `总结`) in a thread: one message summarising every code in it.

Each code gets a line: title, how often, when first seen (Slack's date token, so each reader sees
their own time zone), the cause's first sentence, the first fix step, and a Details button that
shows the full answer privately to whoever presses it (`listeners/actions.py`).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Collection

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.blocks import Block

from bot.answer import code_label
from bot.result import Match
from bot.slack.answering.ask import Question, neutral
from bot.slack.answering.attachments import cut_note, say_skipped
from bot.slack.deps import Deps
from bot.slack.render import blocks as bk
from bot.slack.render.blocks import Reply
from bot.slack.render.mrkdwn import code_span, date, escape, truncate
from bot.slack.render.picks import DETAILS_ACTION, ButtonValue, Pick
from bot.slack.render.replies import notice_reply
from bot.slack.render.texts import t
from bot.slack.webapi import deliver
from bot.slack.webapi.ephemeral import post_ephemeral
from bot.slack.webapi.files import INFLATE_FACTOR, FileProblem, SlackFile, download
from bot.slack.webapi.history import MAX_MESSAGES, ThreadRead, read_thread
from bot.triage import ThreadItem, ThreadSummary, summarize_thread

MAX_LISTED = 15  # codes shown with their cause and a button; the rest are named in one line
LINE_CHARS = 400  # cause sentence and first step, each
MORE_CHARS = 1500
REFRESH_ACTION = "httpcode_triage_refresh"
log = logging.getLogger("httpcode.slack")
MAX_THREAD_FILES = 10  # files read per triage; each within HTTPCODE_MAX_FILE_BYTES


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
    reply = build_triage(deps, client, channel=channel, thread_ts=thread_ts, lang=question.lang, skip_ts=ts, own=own)
    deliver.post(client, reply, channel=channel, thread_ts=thread_ts, what=f"triage of thread {thread_ts}")


def build_triage(
    deps: Deps,
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    lang: str | None,
    skip_ts: str = "",
    own: Collection[str] = (),
    refreshed_by: str = "",
) -> Reply:
    """Read the thread (messages and their text files), summarise it, link each code to its first sighting."""
    asked_lang = lang or deps.default_lang or "en"
    read = read_thread(client, channel=channel, thread_ts=thread_ts, skip_ts=skip_ts, own=own)
    if read.error and not read.messages:
        return notice_reply(t(asked_lang, "triage_unreadable", error=code_span(read.error)))
    if lang is None and deps.default_lang and neutral(" ".join(text for _, _, text in read.messages[:50])):
        lang = deps.default_lang
    messages, names, problems = _with_files(deps, client, read, lang or asked_lang)
    summary = summarize_thread(deps.engine, messages, lang=lang)  # type: ignore[arg-type]
    summary.messages = len(read.messages)
    for item in summary.items[:MAX_LISTED]:  # passive answers need not repeat what the summary lists
        deps.store.claim_code(channel, thread_ts, item.match.id)
    links = _permalinks(client, channel, [i.first_ts for i in summary.items[:MAX_LISTED]])
    return triage_reply(
        summary,
        thread=thread_ts,
        capped=read.capped,
        error=read.error,
        links=links,
        files=names,
        problems=problems,
        refreshed_by=refreshed_by,
    )


def _with_files(
    deps: Deps, client: WebClient, read: ThreadRead, lang: str
) -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    """The thread's messages plus one entry per readable text file (a log counts each record)."""
    messages = list(read.messages)
    names: list[str] = []
    problems: list[str] = []
    for ts, user, raw in read.files[:MAX_THREAD_FILES]:
        f = SlackFile.of(raw)
        try:
            got = download(f, token=client.token or "", max_bytes=deps.max_file_bytes)
        except FileProblem as problem:
            log.info("file %s in thread message %s not read: %s (%s)", f.id, ts, problem.reason, problem.detail)
            if problem.reason != "file_binary":
                problems.append(say_skipped(problem, f, deps, lang))
            continue
        names.append(f.name)
        messages.append((ts, user, got.text))
        if got.cut:
            problems.append(cut_note(f, deps.max_file_bytes * INFLATE_FACTOR, lang))
    messages.sort(key=lambda m: float(m[0] or 0))
    return messages, names, problems


def _permalinks(client: WebClient, channel: str, timestamps: list[str]) -> dict[str, str]:
    """chat.getPermalink for each first sighting; one that fails just has no link."""
    out: dict[str, str] = {}
    for ts in dict.fromkeys(timestamps):
        try:
            out[ts] = client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink") or ""
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.info("chat.getPermalink failed (%s) for %s in %s", type(exc).__name__, ts, channel)
    return {k: v for k, v in out.items() if v}


def triage_reply(
    summary: ThreadSummary,
    *,
    thread: str,
    capped: bool = False,
    error: str = "",
    links: dict[str, str] | None = None,
    files: list[str] | None = None,
    problems: list[str] | None = None,
    refreshed_by: str = "",
) -> Reply:
    """The summary message: the top codes with a Details button each, then how many more (named), and Refresh."""
    lang = summary.lang
    messages = _count(lang, summary.messages, "messages", "one_message")
    notes = []
    if files:
        notes.append(t(lang, "triage_files", files=", ".join(code_span(n) for n in files[:MAX_THREAD_FILES])))
    notes += problems or []
    if refreshed_by:
        notes.append(t(lang, "refreshed_by", when=date(f"{time.time():.6f}"), user=f"<@{refreshed_by}>"))
    if capped:
        notes.append(t(lang, "triage_capped", n=f"{MAX_MESSAGES:,}"))
    if error:
        notes.append(t(lang, "triage_partial", n=messages, error=code_span(error)))
    refresh = bk.actions([bk.button(t(lang, "refresh"), action_id=REFRESH_ACTION, value=_refresh_value(thread, lang))])
    if not summary.items:
        text = t(lang, "triage_none", messages=messages)
        return Reply(blocks=[bk.section(text), *([bk.context(*notes)] if notes else []), *refresh], text=text)
    title = t(lang, "triage_title", codes=_count(lang, len(summary.items), "codes", "one_code"), messages=messages)
    listed, rest = summary.items[:MAX_LISTED], summary.items[MAX_LISTED:]
    body: list[Block] = [bk.header(title), bk.context(t(lang, "triage_hint"))]
    for item in listed:
        body += [bk.divider(), _item_section(item, lang, thread, (links or {}).get(item.first_ts, ""))]
    tail = []
    if rest:
        named = ", ".join(f"{_label(i.match, lang)} ×{i.count}" for i in rest)
        tail.append(t(lang, "triage_more", n=str(len(rest)), codes=escape(truncate(named, MORE_CHARS))))
    tail += notes
    footer = [*([bk.context(*tail)] if tail else []), *refresh]
    lines = [title, *(f"{_label(i.match, lang)} ×{i.count} · {i.match.meaning.title[lang]}" for i in listed)]
    return Reply(blocks=bk.fit(body, footer, note=t(lang, "trimmed")), text="\n".join(lines))


def _item_section(item: ThreadItem, lang: str, thread: str, permalink: str = "") -> Block:
    match = item.match
    where = []
    if item.messages:
        where.append(_count(lang, item.messages, "messages", "one_message"))
    if item.lines:
        where.append(t(lang, "triage_lines", n=f"{item.lines:,}"))
    first = f"<{permalink}|{date(item.first_ts)}>" if permalink.startswith("https://") else date(item.first_ts)
    title = match.diagnosis.case.title[lang] if match.diagnosis else match.meaning.title[lang]
    lines = [
        f"*{escape(_label(match, lang))} · {escape(title)}*",
        t(
            lang,
            "triage_seen_in" if where else "triage_seen",
            n=f"{item.count:,}",
            where=" + ".join(where),
            first=first,
            last=date(item.last_ts or item.first_ts),
        ),
        escape(truncate(item.cause_line(lang), LINE_CHARS)),
    ]
    step = item.first_step(lang)
    if step:
        lines.append(f"*{t(lang, 'first_step')}* {escape(truncate(step, LINE_CHARS))}")
    value = ButtonValue(lang, Pick.of(match), thread=thread).encode()
    button = bk.button(t(lang, "details"), action_id=DETAILS_ACTION, value=value)
    return bk.section("\n".join(lines), accessory=button)


def _refresh_value(thread: str, lang: str) -> str:
    return json.dumps({"thread": thread, "lang": lang}, separators=(",", ":"))


def refresh_target(value: str) -> tuple[str, str]:
    """(thread ts, language) from a Refresh button; ("", "en") when the value is not ours."""
    try:
        data = json.loads(value)
        return str(data.get("thread") or ""), str(data.get("lang") or "en")
    except (ValueError, AttributeError):
        return "", "en"


def _label(match: Match, lang: str) -> str:
    """`HTTP 500.19`; a sub-status we lack shows as its parent with what was written: `HTTP 403 (403.99)`."""
    label = code_label(match, lang)
    return f"{label} ({match.asked})" if match.fallback else label


def _count(lang: str, n: int, many: str, one: str) -> str:
    return t(lang, one) if n == 1 else t(lang, many, n=f"{n:,}")
