"""Reading a whole thread (conversations.replies, page by page) as the (ts, user, text) a summary needs."""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack.render.mrkdwn import unformat

log = logging.getLogger("httpcode.slack")

MAX_MESSAGES = 1000  # a longer thread is summarised from its first 1,000 messages, saying so
PAGE = 200  # Slack's advised page size for conversations.replies
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^<>]*)?>")  # [^<>]: linear on "<@U1|<@U1|..."


@dataclass(slots=True)
class ThreadRead:
    """What was read: the messages kept, whether the cap cut the thread, and the error that stopped reading."""

    messages: list[tuple[str, str, str]] = field(default_factory=list)
    files: list[tuple[str, str, dict]] = field(default_factory=list)  # (ts, user, Slack file object)
    capped: bool = False
    error: str = ""


def read_thread(
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    skip_ts: str = "",
    own: Collection[str] = (),
    cap: int = MAX_MESSAGES,
) -> ThreadRead:
    """Every message of a thread, oldest first, up to `cap`; our own messages (`own`: bot user and bot ids)
    and the message `skip_ts` (the request itself) are left out and do not count toward the cap.

    A message seen on an earlier page (some report the parent repeated on each page) is read once.
    """
    out = ThreadRead()
    seen: set[str] = set()
    cursor = None
    for _ in range(cap // PAGE + 10):  # pages, bounded even if Slack kept handing out cursors
        try:
            resp = client.conversations_replies(
                channel=channel, ts=thread_ts, limit=PAGE, cursor=cursor, inclusive=True
            )
        except SlackApiError as exc:
            out.error = str(exc.response.get("error") or "error")
        except (SlackClientError, OSError) as exc:
            out.error = type(exc).__name__
        if out.error:
            log.warning(
                "conversations.replies failed (%s) for channel %s thread %s after %d messages",
                out.error, channel, thread_ts, len(out.messages),
            )  # fmt: skip
            return out
        for message in resp.get("messages") or []:
            ts = message.get("ts", "")
            if ts in seen or ts == skip_ts or message.get("user") in own or message.get("bot_id") in own:
                continue
            seen.add(ts)
            if len(out.messages) >= cap:
                out.capped = True
                return out
            out.messages.append((ts, message.get("user", ""), message_text(message)))
            out.files += [(ts, message.get("user", ""), f) for f in message.get("files") or [] if isinstance(f, dict)]
        cursor = (resp.get("response_metadata") or {}).get("next_cursor")
        if not resp.get("has_more") or not cursor:
            return out
    out.capped = True
    return out


def message_text(message: dict) -> str:
    """What a person (or an alerting bot) wrote: the text and any attachments' text, as plain text.

    Mentions are dropped: a user id is never a code.
    """
    parts = [message.get("text") or ""]
    for attachment in message.get("attachments") or []:
        parts += [attachment.get(k) or "" for k in ("pretext", "title", "text")]
        if not attachment.get("text"):
            parts.append(attachment.get("fallback") or "")
    return unformat(_MENTION.sub(" ", "\n".join(p for p in parts if p))).strip()
