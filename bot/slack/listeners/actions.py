"""Buttons: "Share in channel" posts the answer publicly; "Did you mean" replaces the answer (saying who
changed it, on a public one); "More" shows the full answer (general cause, other causes, links) to whoever
pressed it, privately; a triage summary's "Details" shows one code's answer privately and "Refresh" updates
the summary in place; "Not helpful" removes an unprompted answer and counts it by code in /metrics."""

from __future__ import annotations

import logging
import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.result import Match
from bot.slack.answering.triage import REFRESH_ACTION, build_triage, refresh_target
from bot.slack.deps import Deps, deps_of, own_ids
from bot.slack.render.picks import DETAILS_ACTION, ButtonValue, rehydrate
from bot.slack.render.replies import (
    MAX_ALTERNATIVES,
    MAX_SEVERAL,
    MORE_ACTION,
    NOT_HELPFUL_ACTION,
    PICK_ACTION,
    SHARE_ACTION,
    answer_reply,
    notice_reply,
)
from bot.slack.render.texts import t
from bot.slack.runtime import metrics
from bot.slack.webapi import deliver
from bot.slack.webapi.ephemeral import post_ephemeral

log = logging.getLogger("httpcode.slack")
CODE_ID = re.compile(r"[a-z0-9_-]{1,20}:[A-Za-z0-9._-]{1,60}")  # `http:500.19`: what a metric label may hold


def register(app: App) -> None:
    app.action(SHARE_ACTION)(handle_share)
    app.action(PICK_ACTION)(handle_pick)
    app.action(DETAILS_ACTION)(handle_details)
    app.action(REFRESH_ACTION)(handle_refresh)
    app.action(NOT_HELPFUL_ACTION)(handle_not_helpful)
    app.action(MORE_ACTION)(handle_more)


def handle_share(ack: Ack, body: dict, action: dict, context: BoltContext) -> None:
    """Post the same answer in the channel (in its thread, for a private answer in one), saying who shared it,
    and drop the private copy."""
    ack()
    found = _resolve(deps_of(context), action)
    url = body.get("response_url", "")
    if found is None:
        deliver.respond(url, notice_reply(t("en", "expired")), what="expired notice", replace_original=True)
        return
    value, match, _ = found
    user = body.get("user", {}).get("id", "")
    reply = answer_reply(match, value.lang, shared_by=user, full=value.full)
    where = (body.get("channel") or {}).get("id", "")
    what = f"shared answer {match.id} from {user}"
    thread = {"thread_ts": value.thread} if value.thread else {}
    if deliver.respond(
        url, reply, what=what, where=where, response_type="in_channel", replace_original=False, **thread
    ):
        deliver.respond(url, None, what="removing the private copy", where=where, delete_original=True)


def handle_pick(ack: Ack, body: dict, action: dict, context: BoltContext, client: WebClient) -> None:
    """Replace the answer with the picked candidate, offering the others (the first answer included)."""
    ack()
    found = _resolve(deps_of(context), action)
    container = body.get("container") or {}
    ephemeral = bool(container.get("is_ephemeral")) or "message" not in body
    if found is None:
        reply = notice_reply(t("en", "expired"))
        value = None
    else:
        value, match, others = found
        changed_by = "" if ephemeral else (body.get("user") or {}).get("id", "")  # everyone sees a public change
        reply = answer_reply(
            match,
            value.lang,
            alternatives=others[:MAX_ALTERNATIVES],
            share=ephemeral,
            changed_by=changed_by,
            thread=value.thread,
        )
    what = f"picked answer {value.pick.id if value else '?'}"
    if ephemeral:
        deliver.respond(body.get("response_url", ""), reply, what=what, replace_original=True)
    else:
        channel = container.get("channel_id") or body["channel"]["id"]
        deliver.update(
            client, reply, channel=channel, ts=container.get("message_ts") or body["message"]["ts"], what=what
        )


def handle_details(ack: Ack, body: dict, action: dict, context: BoltContext, client: WebClient) -> None:
    """The full answer for one code of a triage summary, to the person who pressed Details, in that thread.

    Private, with Share: a teammate expanding a code should not post into everyone's thread by accident.
    """
    ack()
    found = _resolve(deps_of(context), action)
    user = (body.get("user") or {}).get("id", "")
    channel = (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id", "")
    if found is None:
        reply, thread, what = notice_reply(t("en", "expired")), "", "expired notice"
    else:
        value, match, _ = found
        reply = answer_reply(match, value.lang, share=True, thread=value.thread)
        thread, what = value.thread, f"details of {match.id} for {user}"
    post_ephemeral(
        client,
        reply,
        channel=channel,
        user=user,
        thread_ts=thread or None,
        response_url=body.get("response_url", ""),
        what=what,
    )


def handle_refresh(ack: Ack, body: dict, action: dict, context: BoltContext, client: WebClient) -> None:
    """A triage summary's Refresh: read the thread again and replace the summary in place, saying who refreshed."""
    ack()
    thread, lang = refresh_target(action.get("value", ""))
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id", "")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts", "")
    if not thread or not channel or not ts:
        return
    user = (body.get("user") or {}).get("id", "")
    reply = build_triage(
        deps_of(context), client, channel=channel, thread_ts=thread, lang=lang, skip_ts=ts, own=own_ids(context),
        refreshed_by=user,
    )  # fmt: skip
    deliver.update(client, reply, channel=channel, ts=ts, what=f"refreshed triage of thread {thread}")


def handle_not_helpful(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
    """Delete the unprompted answer the button is on, and count it for each code it gave."""
    ack()
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id", "")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts", "")
    user = (body.get("user") or {}).get("id", "")
    codes = [c for c in (action.get("value") or "").split(",") if CODE_ID.fullmatch(c)][:MAX_SEVERAL]
    for code in codes or ["unknown"]:
        metrics.NOT_HELPFUL.labels(code).inc()
    log.info("unprompted answer %s in channel %s marked not helpful by %s: %s", ts, channel, user, ",".join(codes))
    deliver.delete(client, channel=channel, ts=ts, what=f"answer marked not helpful by {user}")


def handle_more(ack: Ack, body: dict, action: dict, context: BoltContext, client: WebClient) -> None:
    """The full answer, to the person who pressed More only: in place of a private answer, else privately
    in the answer's thread (with Share, so they can post it if the channel should see it)."""
    ack()
    found = _resolve(deps_of(context), action)
    user = (body.get("user") or {}).get("id", "")
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id", "")
    message = body.get("message") or {}
    url = body.get("response_url", "")
    if found is None:
        deliver.respond(url, notice_reply(t("en", "expired")), what="expired notice", replace_original=False)
        return
    value, match, _ = found
    thread = value.thread or container.get("thread_ts") or message.get("thread_ts") or ""
    reply = answer_reply(match, value.lang, share=True, thread=thread, full=True)
    what = f"full answer {match.id} for {user}"
    if bool(container.get("is_ephemeral")) or not message:
        deliver.respond(url, reply, what=what, where=channel, replace_original=True)
        return
    post_ephemeral(client, reply, channel=channel, user=user, thread_ts=thread or None, response_url=url, what=what)


def _resolve(deps: Deps, action: dict) -> tuple[ButtonValue, Match, list[Match]] | None:
    value = ButtonValue.decode(action.get("value", ""))
    if value is None:
        return None
    match = rehydrate(deps.engine, value.pick)
    if match is None:
        return None
    others = [m for m in (rehydrate(deps.engine, p) for p in value.others) if m is not None]
    return value, match, others
