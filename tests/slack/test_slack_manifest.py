"""manifest.yml is a valid Slack app manifest (Slack's own JSON Schema) and matches what the app handles."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.slack.install.scopes import BOT_SCOPES
from bot.slack.listeners.commands import COMMAND
from bot.slack.listeners.shortcuts import EXPLAIN_MESSAGE

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT.parent / "shared" / "reference" / "slack-app-manifest.schema.json"
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


def for_http_mode(manifest: dict, base: str) -> dict:
    """The HTTP-mode edits docs/slack.md describes: three request URLs, Socket Mode off."""
    m = copy.deepcopy(manifest)
    url = f"{base}/slack/events"
    m["features"]["slash_commands"][0]["url"] = url
    m["settings"]["event_subscriptions"]["request_url"] = url
    m["settings"]["interactivity"]["request_url"] = url
    m["settings"]["socket_mode_enabled"] = False
    return m


@pytest.fixture(scope="module")
def validator() -> jsonschema.Validator:
    if not SCHEMA.parent.is_dir():
        pytest.skip(f"Slack's manifest schema is not here: {SCHEMA.parent} does not exist")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_manifest_validates_against_slacks_schema(validator):
    errors = sorted(validator.iter_errors(MANIFEST), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_http_mode_variant_from_the_docs_validates_too(validator):
    m = for_http_mode(MANIFEST, "https://httpcode.example.com")
    assert not list(validator.iter_errors(m))
    docs = (ROOT / "docs" / "slack.md").read_text(encoding="utf-8")
    assert "request_url: https://" in docs and "socket_mode_enabled: false" in docs


def test_manifest_matches_what_the_app_handles():
    (command,) = MANIFEST["features"]["slash_commands"]
    assert COMMAND.match(command["command"]) and command["usage_hint"]
    assert MANIFEST["features"]["bot_user"]["display_name"]
    assert MANIFEST["settings"]["socket_mode_enabled"] is True
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert set(MANIFEST["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_mention", "message.channels", "message.groups", "message.im",
        "app_home_opened", "member_joined_channel", "app_uninstalled", "tokens_revoked",
    }  # fmt: skip
    # the install flow asks for exactly these (install/scopes.py)
    assert MANIFEST["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True


def test_manifest_has_the_message_shortcut_the_app_handles():
    (shortcut,) = MANIFEST["features"]["shortcuts"]
    assert shortcut == {
        "name": "Explain this error",
        "type": "message",
        "callback_id": EXPLAIN_MESSAGE,
        "description": shortcut["description"],
    }
    # shortcuts come through interactivity and need `commands`; triage reads threads where the bot answers
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert {"commands", "channels:history", "groups:history", "im:history"} <= set(
        MANIFEST["oauth_config"]["scopes"]["bot"]
    )


def for_oauth(manifest: dict, base: str) -> dict:
    """The OAuth edits docs/slack.md describes: HTTP mode, a redirect URL, token rotation on."""
    m = for_http_mode(manifest, base)
    m["oauth_config"]["redirect_urls"] = [f"{base}/slack/oauth_redirect"]
    m["settings"]["token_rotation_enabled"] = True
    return m


def test_oauth_variant_from_the_docs_validates_too(validator):
    assert not list(validator.iter_errors(for_oauth(MANIFEST, "https://httpcode.example.com")))
    docs = (ROOT / "docs" / "slack.md").read_text(encoding="utf-8")
    assert "redirect_urls:" in docs and "/slack/oauth_redirect" in docs and "token_rotation_enabled: true" in docs


def test_manifest_schema_rejects_a_broken_manifest(validator):
    """The check has teeth: a manifest without a bot name or with a bad command fails."""
    broken = copy.deepcopy(MANIFEST)
    del broken["features"]["bot_user"]["display_name"]
    broken["features"]["slash_commands"][0]["command"] = "httpcode"
    assert len(list(validator.iter_errors(broken))) == 2
