"""The bot added to a channel (`member_joined_channel` for its own user): one short introduction there.

Bolt keeps this event even though it is the bot's own (its self-event filter lets joins through).
"""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.answering.threads import silent
from bot.slack.deps import deps_of
from bot.slack.render.home import intro_reply
from bot.slack.webapi import deliver


def register(app: App) -> None:
    app.event("member_joined_channel")(handle_member_joined_channel)


def handle_member_joined_channel(event: dict, context: BoltContext, client: WebClient) -> None:
    channel = event.get("channel", "")
    if not context.bot_user_id or event.get("user") != context.bot_user_id:
        return  # someone else joined: not ours to greet
    deps = deps_of(context)
    if not deps.store.first_delivery(f"join:{channel}:{event.get('event_ts', '')}"):
        return silent(event, "already introduced (a redelivery)")
    reply = intro_reply(deps.default_lang or "en", listening=not deps.store.is_quiet(channel))
    deliver.post(client, reply, channel=channel, thread_ts=None, what=f"introduction in channel {channel}")
