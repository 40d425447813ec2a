"""What Slack sends an app: slash commands, Events API callbacks, block_actions, and their signatures."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from fakeslack.server import APP_ID, BOT_USER_ID, TEAM_ID

_seq = itertools.count(1)


def sign(secret: str, timestamp: int | str, body: str) -> str:
    """Slack's v0 signature: HMAC-SHA256 over `v0:{timestamp}:{body}`, hex, prefixed `v0=`."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def new_ts() -> str:
    """A fresh message ts, unique within the test run."""
    return f"{int(time.time())}.{next(_seq):06d}"


def slash_command(
    text: str, *, response_url: str, channel: str, user: str = "UALICE", team: str = TEAM_ID
) -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": team,
        "team_domain": "fake",
        "channel_id": channel,
        "channel_name": "ops",
        "user_id": user,
        "user_name": "alice",
        "command": "/httpcode",
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"{next(_seq)}.trigger",
    }


def event_callback(event: dict, *, event_id: str | None = None, team: str = TEAM_ID, bot_user: str = "") -> dict:
    bot_user = bot_user or (BOT_USER_ID if team == TEAM_ID else f"UBOT{team}")
    return {
        "token": "legacy-verification-token",
        "team_id": team,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_seq):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": bot_user, "is_bot": True}],
    }


def message(text: str, *, channel: str, ts: str | None = None, channel_type: str = "channel", **extra: Any) -> dict:
    ts = ts or new_ts()
    event = {"type": "message", "channel": channel, "user": "UALICE", "text": text, "ts": ts, "event_ts": ts}
    return {**event, "channel_type": channel_type, **extra}


def app_mention(text: str, *, channel: str, ts: str | None = None, **extra: Any) -> dict:
    ts = ts or new_ts()
    return {
        "type": "app_mention",
        "channel": channel,
        "user": "UALICE",
        "text": text,
        "ts": ts,
        "event_ts": ts,
        **extra,
    }


def block_actions(
    button: dict,
    *,
    channel: str,
    response_url: str,
    message_ts: str,
    ephemeral: bool,
    user: str = "UALICE",
    team: str = TEAM_ID,
) -> dict:
    """A click on `button` (as the app posted it) in a message."""
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": "alice", "team_id": team},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": ephemeral},
        "trigger_id": f"{next(_seq)}.trigger",
        "team": {"id": team, "domain": "fake"},
        "channel": {"id": channel, "name": "ops"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": button["action_id"],
                "block_id": button.get("block_id", "b"),
                "text": button["text"],
                "value": button.get("value", ""),
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    if not ephemeral:
        bot_user = BOT_USER_ID if team == TEAM_ID else f"UBOT{team}"
        payload["message"] = {"type": "message", "ts": message_ts, "user": bot_user, "text": ""}
    return payload


def message_shortcut(
    message: dict, *, channel: str, response_url: str, callback_id: str = "explain_message", user: str = "UALICE"
) -> dict:
    """The "Explain this error" shortcut used on `message` (as conversations.history would return it)."""
    return {
        "type": "message_action",
        "token": "legacy-verification-token",
        "action_ts": f"{time.time():.6f}",
        "team": {"id": TEAM_ID, "domain": "fake"},
        "user": {"id": user, "username": "alice", "team_id": TEAM_ID, "name": "alice"},
        "channel": {"id": channel, "name": "ops"},
        "is_enterprise_install": False,
        "callback_id": callback_id,
        "trigger_id": f"{next(_seq)}.trigger",
        "response_url": response_url,
        "message_ts": message["ts"],
        "message": {"type": "message", **message},
    }


def member_joined_channel(user: str, *, channel: str, channel_type: str = "C") -> dict:
    ts = new_ts()
    return {
        "type": "member_joined_channel", "user": user, "channel": channel, "channel_type": channel_type,
        "team": TEAM_ID, "inviter": "UALICE", "event_ts": ts,
    }  # fmt: skip


def app_home_opened(user: str = "UALICE") -> dict:
    return {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home", "event_ts": new_ts()}


def form(fields: dict[str, str]) -> str:
    return urlencode(fields)


def interactivity_form(payload: dict) -> str:
    return urlencode({"payload": json.dumps(payload)})
