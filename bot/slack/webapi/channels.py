"""Which channels someone is in, and which the bot is in: `users.conversations`, page by page."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger("httpcode.slack")

TYPES = "public_channel,private_channel"
PAGE = 200
MAX_PAGES = 10  # 2,000 channels: more than anyone scrolls through on a Home tab


class ChannelsUnreadable(Exception):
    """users.conversations failed; str() is Slack's error (`missing_scope`) or the exception's type."""


def channels_of(client: WebClient, *, user: str | None = None) -> list[str]:
    """Channel ids of `user` (the bot itself when None), unarchived, public and private."""
    out: list[str] = []
    cursor = ""
    for _ in range(MAX_PAGES):
        kwargs = {"types": TYPES, "exclude_archived": True, "limit": PAGE}
        if user:
            kwargs["user"] = user
        if cursor:
            kwargs["cursor"] = cursor
        try:
            resp = client.users_conversations(**kwargs)
        except SlackApiError as exc:
            raise ChannelsUnreadable(str(exc.response.get("error") or "error")) from None
        except (SlackClientError, OSError) as exc:
            raise ChannelsUnreadable(type(exc).__name__) from None
        out += [c["id"] for c in resp.get("channels") or [] if c.get("id")]
        cursor = (resp.get("response_metadata") or {}).get("next_cursor") or ""
        if not cursor:
            break
    return out
