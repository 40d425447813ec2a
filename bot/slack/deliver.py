"""Sending replies to Slack. A failure is logged with what was lost (where, which answer), never raised.

The Web API client retries connection errors, 429s (after Retry-After) and 5xx itself; response_url
posts get the same retry handlers. What still fails after that is reported here, once.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.models.basic_objects import SlackObjectFormationError
from slack_sdk.webhook import WebhookClient

from bot.slack.blocks import Reply
from bot.slack.mrkdwn import escape

log = logging.getLogger("httpcode.slack")

LOST = "%s failed (%s): lost %s in channel %s thread %s"


def retry_handlers() -> list[RetryHandler]:
    """Connection errors, rate limits (honouring Retry-After) and 500/503, each retried twice."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=2),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def web_client(*, token: str | None, base_url: str) -> WebClient:
    """The one WebClient shape the app uses: our API base URL and retry handlers."""
    return WebClient(token=token, base_url=base_url, retry_handlers=retry_handlers())


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


def respond(response_url: str, reply: Reply | None, *, what: str, where: str = "", **flags: object) -> bool:
    """POST to a response_url (ephemeral answers, replacing or deleting them, sharing publicly)."""
    body = {**(payload(reply, what=what) if reply else {}), **flags}
    client = WebhookClient(url=response_url, retry_handlers=retry_handlers())
    try:
        resp = client.send_dict(body)
    except (SlackClientError, OSError, ValueError) as exc:  # ValueError: a missing or malformed URL
        log.warning(LOST, "response_url", exc, what, where, "-")
        return False
    if resp.status_code != 200:
        log.warning(LOST, "response_url", f"HTTP {resp.status_code} {resp.body[:200]}", what, where, "-")
        return False
    return True
