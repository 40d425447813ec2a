"""`@httpcode <text>` in a channel or thread: answered in that message's thread (`triage` summarises it)."""

from __future__ import annotations

import re

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.answering.threads import answer_asked
from bot.slack.deps import deps_of, own_ids


def register(app: App) -> None:
    app.event("app_mention")(handle_app_mention)


def handle_app_mention(event: dict, context: BoltContext, client: WebClient) -> None:
    text = without_mention(event.get("text", ""), context.bot_user_id)
    answer_asked(deps_of(context), client, event=event, text=text, own=own_ids(context))


def without_mention(text: str, bot_user_id: str | None) -> str:
    """The text with our own `<@U...>` removed (anywhere, since people also write "401.3 @httpcode")."""
    if not bot_user_id:
        return text
    return re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^<>]*)?>", " ", text).strip()  # [^<>]: linear time
