"""Build the Bolt app from settings: one WebClient (our base URL, retries), the listeners, the deps."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack import deliver
from bot.slack.deps import CONTEXT_KEY, Deps, Explainer
from bot.slack.listeners import register_listeners
from bot.slack.settings import Settings
from bot.slack.store import Store

log = logging.getLogger("httpcode.slack")
# Bolt also reads SLACK_BOT_TOKEN itself and then warns that the token in our client wins; it is the same token.
logging.getLogger("slack_bolt.App").addFilter(lambda record: "`token` will be unused" not in record.getMessage())


def build_app(settings: Settings, *, engine: Explainer, store: Store, client: WebClient | None = None) -> App:
    """The Bolt app; calls auth.test once (on SLACK_API_URL) to learn the bot's user id."""
    client = client or deliver.web_client(token=settings.bot_token, base_url=settings.api_url)
    app = App(
        name="httpcode.bolt",  # Bolt sets the level of the logger it names; keep it off ours
        signing_secret=settings.signing_secret,
        client=client,  # carries the bot token; Bolt takes it from here
        request_verification_enabled=not settings.socket_mode,  # Socket Mode has no signatures
        process_before_response=False,  # ack first; listeners run after the HTTP response
    )
    deps = Deps(engine=engine, store=store, default_lang=settings.default_lang)

    @app.middleware
    def inject_deps(context: BoltContext, next: Callable[[], None]) -> None:
        context[CONTEXT_KEY] = deps
        next()

    @app.error
    def log_error(error: Exception, body: dict) -> None:
        kind = body.get("type") or body.get("command") or "?"
        event = body.get("event") or {}
        log.exception(
            "listener failed on %s (channel %s, ts %s): no answer was sent",
            event.get("type", kind),
            event.get("channel") or body.get("channel_id") or (body.get("channel") or {}).get("id"),
            event.get("ts"),
            exc_info=error,
        )

    register_listeners(app)
    return app
