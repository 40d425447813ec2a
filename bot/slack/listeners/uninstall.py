"""A workspace uninstalling the app (`app_uninstalled`) or revoking its bot token (`tokens_revoked`):
Bolt's own revocation listeners delete the installation, and we delete that workspace's channel
settings and claims. Registered only when installed in many workspaces (OAuth)."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners

from bot.slack.deps import deps_of

log = logging.getLogger("httpcode.slack")


def register(app: App) -> None:
    revocation = TokenRevocationListeners(app.installation_store)

    def handle_app_uninstalled(event: dict, context: BoltContext) -> None:
        revocation.handle_app_uninstalled_events(context)
        deps_of(context).store.forget()
        log.info("uninstalled from workspace %s: its installation and settings are deleted", _where(context))

    def handle_tokens_revoked(event: dict, context: BoltContext) -> None:
        revocation.handle_tokens_revoked_events(event, context)
        if (event.get("tokens") or {}).get("bot"):
            deps_of(context).store.forget()
            log.info("bot token revoked in workspace %s: its installation and settings are deleted", _where(context))

    app.event("app_uninstalled")(handle_app_uninstalled)
    app.event("tokens_revoked")(handle_tokens_revoked)


def _where(context: BoltContext) -> str:
    return "/".join(i for i in (context.enterprise_id, context.team_id) if i) or "?"
