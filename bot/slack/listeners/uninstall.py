"""A workspace uninstalling the app (`app_uninstalled`) or revoking its bot token (`tokens_revoked`).

Installed in many workspaces (OAuth), Bolt's own revocation listeners delete the installation, and we
delete that workspace's channel settings and claims. With a single token there is nothing to delete
(the token is dead, the settings are kept should the app be reinstalled): the event is logged.
"""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners

from bot.slack.deps import deps_of

log = logging.getLogger("httpcode.slack")


def register(app: App) -> None:
    store = app.installation_store
    revocation = TokenRevocationListeners(store) if store is not None else None

    def handle_app_uninstalled(event: dict, context: BoltContext) -> None:
        if revocation is None:
            log.warning("uninstalled from workspace %s: SLACK_BOT_TOKEN no longer works", _where(context))
            return
        revocation.handle_app_uninstalled_events(context)
        deps_of(context).store.forget()
        log.info("uninstalled from workspace %s: its installation and settings are deleted", _where(context))

    def handle_tokens_revoked(event: dict, context: BoltContext) -> None:
        bot_revoked = bool((event.get("tokens") or {}).get("bot"))
        if revocation is None:
            if bot_revoked:
                log.warning("bot token revoked in workspace %s: SLACK_BOT_TOKEN no longer works", _where(context))
            return
        revocation.handle_tokens_revoked_events(event, context)  # user tokens; the bot's row
        if bot_revoked:  # Bolt leaves the installation row, which still holds the dead bot token: drop it all
            revocation.handle_app_uninstalled_events(context)
            deps_of(context).store.forget()
            log.info("bot token revoked in workspace %s: its installation and settings are deleted", _where(context))

    app.event("app_uninstalled")(handle_app_uninstalled)
    app.event("tokens_revoked")(handle_tokens_revoked)


def _where(context: BoltContext) -> str:
    return "/".join(i for i in (context.enterprise_id, context.team_id) if i) or "?"
