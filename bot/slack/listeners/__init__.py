"""Listeners grouped by Slack feature, each module with a `register(app)` (as in Bolt's starter template)."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, messages, shortcuts


def register_listeners(app: App) -> None:
    commands.register(app)
    events.register(app)
    messages.register(app)
    actions.register(app)
    shortcuts.register(app)
