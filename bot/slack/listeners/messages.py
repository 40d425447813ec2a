"""Messages: DMs to the bot are questions; channel messages may get an unprompted answer.

Unprompted answers skip bots (Bolt already drops our own messages), edits and other subtypes, and
messages that @mention us, since the `app_mention` listener answers those.
"""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.answering.threads import answer_asked, answer_unprompted, silent
from bot.slack.deps import deps_of, own_ids
from bot.slack.listeners.events import without_mention

ANSWERED_SUBTYPES = {None, "thread_broadcast", "file_share"}  # plain posts; not edits, joins, bot_message...
PASSIVE_CHANNEL_TYPES = {"channel", "group"}  # message.channels, message.groups


def register(app: App) -> None:
    app.event("message")(handle_message)


def handle_message(event: dict, context: BoltContext, client: WebClient) -> None:
    if event.get("subtype") not in ANSWERED_SUBTYPES or "edited" in event:
        return silent(event, f"subtype {event.get('subtype')}")
    if event.get("bot_id") or event.get("bot_profile"):
        return silent(event, "posted by a bot")
    text = event.get("text") or ""
    deps = deps_of(context)
    if event.get("channel_type") == "im":
        answer_asked(deps, client, event=event, text=without_mention(text, context.bot_user_id), own=own_ids(context))
    elif event.get("channel_type") in PASSIVE_CHANNEL_TYPES:
        if context.bot_user_id and f"<@{context.bot_user_id}" in text:
            return silent(event, "it mentions the bot (the app_mention listener answers)")
        answer_unprompted(deps, client, event=event, text=text)
