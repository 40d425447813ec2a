"""Listeners grouped by Slack feature, each module with a `register(app)` (as in Bolt's starter template).

commands: /httpcode · events: @httpcode · messages: DMs and unprompted answers · actions: buttons ·
shortcuts: Explain this error · home: App Home · channels: the introduction on joining a channel ·
uninstall: a workspace leaving.
"""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, channels, commands, events, home, messages, shortcuts, uninstall


def register_listeners(app: App) -> None:
    commands.register(app)
    events.register(app)
    messages.register(app)
    actions.register(app)
    shortcuts.register(app)
    home.register(app)
    channels.register(app)
    uninstall.register(app)
