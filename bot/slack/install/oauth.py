"""The install flow, with Bolt's own pieces: `OAuthSettings` serves `GET /slack/install` (a redirect to
Slack's authorize page, carrying the client id and the bot scopes, with a state kept in the state store
and a cookie) and `GET /slack/oauth_redirect` (checks the state, calls `oauth.v2.access` on SLACK_API_URL,
saves the installation). Each request is then authorized from the installation store: the workspace's
own bot token, rotated before it expires when token rotation is on for the app.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient

from bot.slack.install.scopes import BOT_SCOPES
from bot.slack.install.stores import STATE_SECONDS, install_stores
from bot.slack.settings import Settings

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
ROTATE_MINUTES = 120  # refresh a rotating token this long before it expires (Slack's tokens live 12 hours)


def authorization_url(api_url: str) -> str:
    """Slack's authorize page on the API's host: slack.com, slack-gov.com, or whatever SLACK_API_URL names."""
    parts = urlsplit(api_url)
    return urlunsplit((parts.scheme, parts.netloc, "/oauth/v2/authorize", "", ""))


def oauth_settings(settings: Settings, *, client: WebClient, logger: logging.Logger) -> OAuthSettings:
    """Bolt's OAuth settings for many workspaces, with an authorizer that caches `auth.test` per token.

    Without the cache, Bolt calls auth.test for every request before acking it; a token that is
    uninstalled or rotated is not looked up again (the installation store answers first).
    """
    installations, states = install_stores(settings)
    oauth = OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        install_page_rendering_enabled=False,  # straight to Slack's page: one click fewer
        authorization_url=authorization_url(settings.api_url),
        installation_store=installations,
        state_store=states,
        state_expiration_seconds=STATE_SECONDS,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        logger=logger,
    )
    oauth.authorize = InstallationStoreAuthorize(
        logger=logger,
        installation_store=installations,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        cache_enabled=True,
        client=client,  # token rotation's oauth.v2.access goes to SLACK_API_URL too
    )
    return oauth
