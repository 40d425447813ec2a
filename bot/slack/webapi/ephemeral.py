"""Private answers (only the asker sees them) in a channel or thread: chat.postEphemeral, else the response_url.

chat.postEphemeral needs the bot in the conversation. A message shortcut works on any message,
including channels the bot was never invited to and DMs between people; there Slack answers
`not_in_channel` or `channel_not_found`, and the interaction's response_url still reaches the user.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack.render.blocks import Reply
from bot.slack.webapi import deliver

log = logging.getLogger("httpcode.slack")

NOT_THERE = {"not_in_channel", "channel_not_found"}  # the bot cannot post in that conversation


def post_ephemeral(
    client: WebClient,
    reply: Reply,
    *,
    channel: str,
    user: str,
    what: str,
    thread_ts: str | None = None,
    response_url: str = "",
) -> bool:
    """Show `reply` to `user` only; True when it was delivered one way or the other."""
    try:
        client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **deliver.payload(reply, what=what))
        return True
    except SlackApiError as exc:
        error = str(exc.response.get("error"))
    except (SlackClientError, OSError) as exc:
        error = str(exc)
    if response_url:
        level = logging.INFO if error in NOT_THERE else logging.WARNING
        log.log(
            level,
            "chat.postEphemeral failed (%s) in channel %s: sending %s through the response_url",
            error,
            channel,
            what,
        )
        return deliver.respond(
            response_url, reply, what=what, where=channel, response_type="ephemeral", replace_original=False
        )
    log.warning(deliver.LOST, "chat.postEphemeral", error, what, channel, thread_ts)
    return False
