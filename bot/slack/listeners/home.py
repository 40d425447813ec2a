"""App Home: `app_home_opened` on the Home tab publishes the view for whoever opened it (`views.publish`)."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack.deps import deps_of
from bot.slack.render.home import home_view
from bot.slack.webapi.channels import ChannelsUnreadable, channels_of

log = logging.getLogger("httpcode.slack")


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened)


def handle_app_home_opened(event: dict, context: BoltContext, client: WebClient) -> None:
    if event.get("tab") != "home":  # the Messages tab: nothing to publish
        return
    deps = deps_of(context)
    user = event.get("user", "")
    quiet: list[str] | None = None
    error = ""
    mine: list[str] = []
    try:
        # the viewer's channels that the bot is in too, in the viewer's order; then which are quiet
        bots = set(channels_of(client))
        mine = [c for c in channels_of(client, user=user) if c in bots]
        quiet = [c for c in mine if deps.store.is_quiet(c)]
    except ChannelsUnreadable as exc:
        error = str(exc)
        log.warning("App Home for %s: could not list channels (%s)", user, error)
    lang = deps.default_lang or "en"
    view = home_view(
        lang, passive_default=deps.store.passive_default, quiet=quiet, member_of_any=bool(mine), error=error
    )
    try:
        client.views_publish(user_id=user, view=view.to_dict())
    except SlackApiError as exc:
        log.warning("views.publish failed (%s): App Home not shown to %s", exc.response.get("error"), user)
    except (SlackClientError, OSError) as exc:
        log.warning("views.publish failed (%s): App Home not shown to %s", exc, user)
