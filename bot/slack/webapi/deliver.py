"""Sending replies to Slack. A failure is logged with what was lost (where, which answer), never raised.

The Web API client retries connection errors, 429s (after Retry-After) and 5xx itself; response_url
posts get the same retry handlers. What still fails after that is reported here, once.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.basic_objects import SlackObjectFormationError
from slack_sdk.webhook import WebhookClient

from bot.slack.render.blocks import Reply
from bot.slack.render.mrkdwn import escape
from bot.slack.runtime import trace
from bot.slack.webapi.client import retry_handlers, webhook_log

log = logging.getLogger("httpcode.slack")

LOST = "%s failed (%s): lost %s in channel %s thread %s"


def payload(reply: Reply, *, what: str) -> dict:
    """The reply as keyword arguments; if a block is somehow invalid, fall back to text alone."""
    try:
        return reply.to_kwargs()
    except SlackObjectFormationError as exc:
        log.error("invalid blocks for %s (%s); sending text only", what, exc)
        return {"text": escape(reply.text[:3000])}


def post(client: WebClient, reply: Reply, *, channel: str, thread_ts: str | None, what: str) -> str | None:
    """chat.postMessage in a thread; returns the new message's ts, or None when it was lost."""
    try:
        resp = client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **payload(reply, what=what),
        )
        return resp.get("ts")
    except SlackApiError as exc:
        log.warning(LOST, "chat.postMessage", exc.response.get("error"), what, channel, thread_ts)
    except (SlackClientError, OSError) as exc:
        log.warning(LOST, "chat.postMessage", exc, what, channel, thread_ts)
    return None


def update(client: WebClient, reply: Reply, *, channel: str, ts: str, what: str) -> bool:
    """chat.update of one of our own messages (alternatives replacing a thread answer)."""
    try:
        client.chat_update(channel=channel, ts=ts, **payload(reply, what=what))
        return True
    except SlackApiError as exc:
        log.warning(LOST, "chat.update", exc.response.get("error"), what, channel, ts)
    except (SlackClientError, OSError) as exc:
        log.warning(LOST, "chat.update", exc, what, channel, ts)
    return False


def delete(client: WebClient, *, channel: str, ts: str, what: str) -> bool:
    """chat.delete of one of our own messages (an unprompted answer marked not helpful)."""
    try:
        client.chat_delete(channel=channel, ts=ts)
        return True
    except SlackApiError as exc:
        log.warning(
            "chat.delete failed (%s): could not remove %s in channel %s (ts %s)",
            exc.response.get("error"),
            what,
            channel,
            ts,
        )
    except (SlackClientError, OSError) as exc:
        log.warning("chat.delete failed (%s): could not remove %s in channel %s (ts %s)", exc, what, channel, ts)
    return False


def respond(response_url: str, reply: Reply | None, *, what: str, where: str = "", **flags: object) -> bool:
    """POST to a response_url (ephemeral answers, replacing or deleting them, sharing publicly)."""
    body = {**(payload(reply, what=what) if reply else {}), **flags}
    client = WebhookClient(url=response_url, retry_handlers=retry_handlers(), logger=webhook_log)
    try:
        resp = client.send_dict(body)
    except (SlackClientError, OSError, ValueError) as exc:  # ValueError: a missing or malformed URL
        # only the error's type: its text can hold the URL, and a response_url is a credential
        return _lost_response(type(exc).__name__, type(exc).__name__, what=what, where=where)
    if resp.status_code != 200:
        detail = f"HTTP {resp.status_code} {resp.body[:200]}"
        return _lost_response(f"http_{resp.status_code}", detail, what=what, where=where)
    trace.delivered("response_url")
    return True


def _lost_response(error: str, detail: str, *, what: str, where: str) -> bool:
    trace.delivered("response_url", error=error)
    log.warning(LOST, "response_url", detail, what, where, "-")
    return False
