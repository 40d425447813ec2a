"""Answering in a message's thread: asked (a mention or a DM) or unprompted (passive mode).

Both claim the message first (Slack redelivers events it thinks were lost) and record which codes
they answered in the thread, so an unprompted answer never repeats a code the thread already has.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.result import Match
from bot.slack.answering.ask import Question, parse
from bot.slack.answering.attachments import has_files, read_attachments
from bot.slack.answering.keywords import keyword_reply
from bot.slack.answering.triage import answer_triage
from bot.slack.deps import Deps
from bot.slack.render import blocks as bk
from bot.slack.render.blocks import Reply
from bot.slack.render.logs import log_reply
from bot.slack.render.replies import MAX_SEVERAL, answer_reply, codes_named, reply_for, several_reply
from bot.slack.render.texts import t
from bot.slack.runtime import trace
from bot.slack.webapi import deliver

log = logging.getLogger("httpcode.slack")


def answer_asked(deps: Deps, client: WebClient, *, event: dict, text: str, own: Collection[str] = ()) -> None:
    """A mention or a DM: always answer, in the message's thread (its thread, else a new one on it).

    `triage` summarises the thread instead; `own` (our bot user and bot ids) are the messages it leaves out.
    """
    channel, ts = event["channel"], event["ts"]
    if not deps.store.first_delivery(f"{channel}:{ts}"):
        return silent(event, "already handled (a redelivery)")
    thread_ts = event.get("thread_ts") or ts
    if has_files(event):
        question = parse(text, default_lang=deps.default_lang)
        if question.keyword == "triage":  # "@httpcode triage" with a file attached still summarises the thread
            return answer_triage(deps, client, event=event, question=question, own=own)
        return _answer_files(deps, client, event=event, question=question)
    if not text.strip() and event.get("thread_ts"):
        text = thread_root_text(client, channel=channel, thread_ts=event["thread_ts"])
    question = parse(text, default_lang=deps.default_lang)
    if question.keyword == "triage":
        return answer_triage(deps, client, event=event, question=question, own=own)
    if question.keyword:
        reply = keyword_reply(question, deps, channel=channel, user=event.get("user", ""))
    else:
        result = deps.engine.explain(question.text, mode="direct", lang=question.lang, top=MAX_SEVERAL)
        for match in codes_named(result) or result.matches[:1]:
            deps.store.claim_code(channel, thread_ts, match.id)
        reply = reply_for(result, buttons=True, several=True, thread=thread_ts)
    deliver.post(client, reply, channel=channel, thread_ts=thread_ts, what=f"answer to message {ts}")


def answer_unprompted(deps: Deps, client: WebClient, *, event: dict, text: str) -> None:
    """Passive mode: answer only when the engine is sure, once per code per thread, never in quiet channels."""
    channel, ts = event["channel"], event["ts"]
    if deps.store.is_quiet(channel):
        return silent(event, "the channel is quiet")
    if not deps.store.first_delivery(f"{channel}:{ts}"):
        return silent(event, "already handled (a redelivery)")
    question = parse(text, default_lang=deps.default_lang)
    if has_files(event):
        return _answer_files(deps, client, event=event, question=question, unprompted=True)
    result = deps.engine.explain(question.text, mode="passive", lang=question.lang, top=MAX_SEVERAL)
    if not result.matches:
        return silent(event, "nothing the engine is sure of")
    thread_ts = event.get("thread_ts") or ts
    fresh: list[Match] = [m for m in result.matches if deps.store.claim_code(channel, thread_ts, m.id)]
    if not fresh:
        return silent(event, f"already answered {', '.join(m.id for m in result.matches)} in this thread")
    reply = _unprompted_reply(fresh, result.lang, thread_ts)
    deliver.post(client, reply, channel=channel, thread_ts=thread_ts, what=f"unprompted answer to message {ts}")


def _unprompted_reply(fresh: list[Match], lang: str, thread_ts: str) -> Reply:
    """One code: its answer; several: one compact answer covering each. Both say they were unprompted."""
    if len(fresh) == 1:
        return answer_reply(fresh[0], lang, unprompted=True, thread=thread_ts)
    return several_reply(fresh, lang, unprompted=True, thread=thread_ts)


def _answer_files(deps: Deps, client: WebClient, *, event: dict, question: Question, unprompted: bool = False) -> None:
    """A message with files, answered in its thread (see `files_reply`)."""
    channel, ts = event["channel"], event["ts"]
    thread_ts = event.get("thread_ts") or ts
    reply = files_reply(
        deps, client, message=event, question=question, unprompted=unprompted, claim=(channel, thread_ts)
    )
    if reply is None:
        return silent(event, "files held nothing the engine is sure of")
    kind = "unprompted answer" if unprompted else "answer"
    deliver.post(client, reply, channel=channel, thread_ts=thread_ts, what=f"{kind} to files on message {ts}")


def files_reply(
    deps: Deps,
    client: WebClient,
    *,
    message: dict,
    question: Question,
    unprompted: bool = False,
    claim: tuple[str, str] | None = None,
    share: bool = False,
) -> Reply | None:
    """Each log's tally, then the answer to the message's text and other files, as one reply; None: nothing.

    Unprompted, a log is answered when it holds errors and a text when the engine is sure; a file that
    could not be read is only logged. Asked, each skipped or failed file gets one line saying why.
    `claim` (channel, thread) records the codes answered there, so unprompted answers do not repeat them.
    """
    files = read_attachments(deps, client, message, lang=question.lang)

    def claimed(match_id: str) -> bool:
        return deps.store.claim_code(claim[0], claim[1], match_id) if claim else True

    thread_ts = claim[1] if claim else (message.get("thread_ts") or "")
    text = "\n\n".join(part for part in (question.text, *files.texts) if part.strip())
    lang = question.lang or (files.logs[0].summary.lang if files.logs else None)
    replies: list[Reply] = []
    unprompted_said = False
    for found in files.logs:
        errors = [g.match for g in found.summary.errors()]
        fresh = [m for m in errors if claimed(m.id)]  # every error is claimed for the thread, asked or not
        if unprompted and not fresh:  # unprompted: only a log with errors the thread has not seen yet
            continue
        replies.append(
            log_reply(found.summary, name=found.name, lang=found.summary.lang, thread=thread_ts, notes=found.notes)
        )
    if text.strip():
        result = deps.engine.explain(text, mode="passive" if unprompted else "direct", lang=lang, top=MAX_SEVERAL)
        lang = lang or result.lang
        if unprompted:
            fresh_matches = [m for m in result.matches if claimed(m.id)]
            if fresh_matches:  # its own context line says it was unprompted
                replies.append(_unprompted_reply(fresh_matches, result.lang, thread_ts))
                unprompted_said = True
        elif result.matches or not files.logs:
            for match in codes_named(result) or result.matches[:1]:
                claimed(match.id)
            replies.append(reply_for(result, buttons=True, several=not share, share=share, thread=thread_ts))
    lang = lang or deps.default_lang or "en"
    if files.problems and not unprompted:
        replies.append(Reply(blocks=[bk.context(*files.problems)], text="\n".join(files.problems)))
    if not replies:
        return None
    if unprompted and not unprompted_said:  # logs only: say it once, at the end
        replies.append(Reply(blocks=[bk.context(t(lang, "unprompted"))], text=""))
    return bk.combine(replies, note=t(lang, "trimmed"))


def silent(event: dict, reason: str) -> None:
    """Say why a message got no answer: in the debug log, and in the request's log line (trace.py)."""
    trace.skipped(reason)
    log.debug("no answer to message %s %s: %s", event.get("channel"), event.get("ts"), reason)


def thread_root_text(client: WebClient, *, channel: str, thread_ts: str) -> str:
    """The first message of a thread (`@httpcode` alone in a thread explains it); "" when unreadable."""
    try:
        resp = client.conversations_replies(channel=channel, ts=thread_ts, limit=1, inclusive=True)
    except (SlackApiError, SlackClientError, OSError) as exc:
        log.warning("conversations.replies failed (%s) for channel %s thread %s", exc, channel, thread_ts)
        return ""
    messages = resp.get("messages") or []
    return messages[0].get("text", "") if messages else ""
