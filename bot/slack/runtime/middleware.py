"""Global middleware (as Bolt's own request verification and self-event filter are): what every request
goes through before a listener sees it.

Written as `Middleware` classes rather than functions: Bolt then calls them without working out
which arguments to inject, which is a measurable part of an ack's cost.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient

from bot.slack.deps import CONTEXT_KEY, Deps
from bot.slack.runtime import trace
from bot.slack.stores.workspace import workspace_prefix
from bot.slack.webapi.client import web_client

log = logging.getLogger("httpcode.slack")

# Payloads whose listeners ack with nothing: acked here, at once, before the listener is queued.
EARLY_ACK = frozenset({"block_actions", "message_action", "shortcut"})
ANSWERED_EVENTS = frozenset({"message", "app_mention"})
MAX_CACHED = 1000  # workspaces' deps and clients kept between requests


class SkipBots(Middleware):
    """Never answer a bot (ourselves included): messages and mentions posted by an app or integration.

    Bolt already drops our own events; this also drops other bots', whatever the listener.
    """

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        body = req.body
        event = body.get("event") or {}
        if body.get("type") == "event_callback" and event.get("type") in ANSWERED_EVENTS and _by_bot(event, req):
            trace.skipped("posted by a bot")
            log.debug("no answer to message %s %s: posted by a bot", event.get("channel"), event.get("ts"))
            return req.context.ack()  # ending the chain: acked, no listener runs
        return next()


class AckEarly(Middleware):
    """Ack slash commands, buttons and shortcuts here, in the request's own thread.

    Their listeners run in the backlog (backlog.py), which may hold them back while other requests
    are acked; their own `ack()` then changes nothing. A listener that must ack with a body (a modal's
    `view_submission` errors) is not in this list.
    """

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        if "command" in req.body or req.body.get("type") in EARLY_ACK:
            req.context.ack()
        return next()


class DropReplays(Middleware):
    """Answer a slash command once: Slack never resends one, so a second copy (same trigger_id) is a replay.

    A signed request stays valid for five minutes, so someone who captured one could replay it; the claim
    is made in the store, so a replay that reaches another instance is caught too. Runs after InjectDeps.
    """

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        trigger = req.body.get("trigger_id") if "command" in req.body else None
        if trigger:
            deps: Deps = req.context[CONTEXT_KEY]
            try:
                first = deps.store.first_delivery(f"command:{trigger}")
            except Exception:  # the store is down: answering twice beats not answering at all
                first = True
            if not first:
                trace.skipped("replayed slash command")
                log.warning("dropped a replayed slash command (trigger %s…)", str(trigger)[:12])
                return req.context.ack()
        return next()


class InjectDeps(Middleware):
    """Put our `Deps` in the context, and our (observed) WebClient in place of the plain copy Bolt makes.

    Installed in many workspaces, both are that workspace's: its settings and claims (keyed by team and
    enterprise id), and a client with the bot token Bolt's authorize found for it (rotated if it was due).
    """

    def __init__(self, deps: Deps, client: WebClient, *, per_workspace: bool = False) -> None:
        self.deps = deps
        self.client = client
        self.per_workspace = per_workspace
        self._deps: dict[str, Deps] = {}
        self._clients: dict[str, WebClient] = {}
        self._lock = threading.Lock()

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        if self.per_workspace:
            ctx = req.context
            prefix = workspace_prefix(ctx.enterprise_id, ctx.team_id, org_install=bool(ctx.is_enterprise_install))
            req.context[CONTEXT_KEY] = self._deps_for(prefix)
            req.context["client"] = self._client_for(ctx.bot_token or "")
        else:
            req.context[CONTEXT_KEY] = self.deps
            req.context["client"] = self.client
        return next()

    def _deps_for(self, prefix: str) -> Deps:
        with self._lock:
            deps = self._deps.get(prefix)
            if deps is None:
                if len(self._deps) > MAX_CACHED:
                    self._deps.clear()
                deps = self._deps[prefix] = dataclasses.replace(
                    self.deps, store=dataclasses.replace(self.deps.store, prefix=prefix)
                )
            return deps

    def _client_for(self, token: str) -> WebClient:
        with self._lock:
            client = self._clients.get(token)
            if client is None:
                if len(self._clients) > MAX_CACHED:  # rotated tokens accumulate: start afresh now and then
                    self._clients.clear()
                client = self._clients[token] = web_client(token=token or None, base_url=self.client.base_url)
            return client


def _by_bot(event: dict, req: BoltRequest) -> bool:
    bot_user_id = req.context.bot_user_id
    return bool(
        event.get("bot_id")
        or event.get("bot_profile")
        or event.get("subtype") == "bot_message"
        or (bot_user_id and event.get("user") == bot_user_id)
    )
