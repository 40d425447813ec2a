"""The bot scopes the app asks for when installed: the same list as `oauth_config.scopes.bot` in manifest.yml
(tests/slack/test_slack_manifest.py keeps the two equal)."""

from __future__ import annotations

BOT_SCOPES = (
    "app_mentions:read",  # @httpcode in channels
    "channels:history",  # unprompted answers in public channels; reading threads
    "channels:read",  # the channels App Home lists as quiet; the bot's own join (member_joined_channel)
    "chat:write",  # answers, introductions, announcements
    "commands",  # /httpcode and the message shortcut
    "files:read",  # uploaded logs and snippets, read like a paste (and in triage)
    "groups:history",  # the same in private channels
    "groups:read",
    "im:history",  # direct messages
)
