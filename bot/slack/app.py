"""Build the Bolt app from settings: one WebClient (our base URL, retries), the listeners, the deps.

Every request is acked in its own thread (middleware.py) and traced (trace.py); listeners run in the
backlog (backlog.py), after the ack, when acks leave room.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient

from bot.slack.deps import Deps, Explainer
from bot.slack.listeners import register_listeners
from bot.slack.runtime import trace
from bot.slack.runtime.backlog import Backlog, Traffic
from bot.slack.runtime.middleware import AckEarly, DropReplays, InjectDeps, SkipBots
from bot.slack.settings import Settings
from bot.slack.stores.sqlite_store import Store, StoreUnavailable
from bot.slack.stores.workspace import WorkspaceStore
from bot.slack.webapi.client import web_client

log = logging.getLogger("httpcode.slack")
# Bolt's own log: warnings only (at INFO it logs whole request bodies, message text included).
bolt_log = logging.getLogger("httpcode.bolt")
bolt_log.setLevel(logging.WARNING)
# Bolt also reads SLACK_BOT_TOKEN itself and then warns that the token in our client wins; it is the same token.
bolt_log.addFilter(lambda record: "`token` will be unused" not in record.getMessage())


class TracedApp(App):
    """Bolt's App, with each dispatch traced (one log line, metrics) and counted as in flight."""

    deps: Deps

    def __init__(self, *, traffic: Traffic, **kwargs: Any) -> None:
        self.traffic = traffic
        super().__init__(**kwargs)

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        self.traffic.enter()
        current, token = trace.start(req.body, req.headers)
        try:
            response = super().dispatch(req)
            trace.acked(current, response.status)
            return response
        finally:
            trace.stop(current, token)
            self.traffic.leave()


def build_app(settings: Settings, *, engine: Explainer, store: Store, client: WebClient | None = None) -> TracedApp:
    """The Bolt app; with one token, calls auth.test once (on SLACK_API_URL) to learn the bot's user id.

    Without a bot token (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET), it is installed in many workspaces
    through Bolt's OAuth flow (install/oauth.py) and each request uses its own workspace's token.
    """
    client = client or web_client(token=settings.bot_token or None, base_url=settings.api_url)
    traffic = Traffic()
    oauth = {}
    if settings.oauth:
        from bot.slack.install.oauth import oauth_settings

        oauth["oauth_settings"] = oauth_settings(settings, client=client, logger=bolt_log)
    app = TracedApp(
        traffic=traffic,
        logger=bolt_log,
        signing_secret=settings.signing_secret,
        client=client,  # carries the bot token; Bolt takes it from here
        # HTTP mode's front door (server/guard.py) verifies every signature before Bolt reads the request, so
        # Bolt need not do it again on each ack; Socket Mode has no signatures
        request_verification_enabled=False,
        process_before_response=False,  # ack first; listeners run after the HTTP response
        listener_executor=Backlog(traffic),
        # listeners answer through deliver.py, never Bolt's `say`/`respond`: not building them saves
        # time on every ack and memory on every queued answer
        attaching_conversation_kwargs_enabled=False,
        **oauth,
    )
    workspace = WorkspaceStore(store, passive_default=settings.passive_default)
    deps = Deps(
        engine=trace.TracedEngine(engine),
        store=workspace,
        default_lang=settings.default_lang,
        max_file_bytes=settings.max_file_bytes,
    )
    app.deps = deps  # what /healthz reads (the store's state)
    app.use(SkipBots())
    app.use(AckEarly())
    app.use(InjectDeps(deps, client, per_workspace=settings.oauth))
    app.use(DropReplays())

    @app.error
    def log_error(error: Exception, body: dict) -> None:
        event = body.get("event") or {}
        where = (trace.kind_of(body), trace.channel_of(body) or "-", event.get("ts") or "-")
        trace.errored("store unavailable" if isinstance(error, StoreUnavailable) else type(error).__name__)
        if isinstance(error, StoreUnavailable):  # expected when Redis is down: one line, no traceback
            log.warning("%s in channel %s (ts %s): no answer was sent: store unavailable: %s", *where, error)
        else:
            log.error("%s in channel %s (ts %s): no answer was sent: listener failed", *where, exc_info=error)

    register_listeners(app)
    return app
