"""Environment variables the Slack app reads, checked up front so a missing one is one clear line."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.util import find_spec

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DB = "httpcode.db"
DEFAULT_PORT = 3000
DEFAULT_MAX_BODY_BYTES = 1024 * 1024  # Slack's own payloads are a few KB
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024


class SettingsError(Exception):
    """A setting is missing or malformed; str() is one line that names the variable."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything the app needs from the environment, validated for one mode."""

    bot_token: str = ""  # empty in OAuth mode: each workspace's token comes from the installation store
    signing_secret: str = ""
    client_id: str = ""  # OAuth mode (many workspaces): SLACK_CLIENT_ID and SLACK_CLIENT_SECRET
    client_secret: str = ""
    app_token: str = ""
    api_url: str = DEFAULT_API_URL
    port: int = DEFAULT_PORT
    db: str = DEFAULT_DB
    redis_url: str = ""
    database_url: str = ""  # HTTPCODE_DATABASE_URL: a shared SQL database (installations, settings, dedupe)
    passive_default: bool = True  # HTTPCODE_PASSIVE_DEFAULT: whether channels never switched answer unprompted
    health_port: int | None = None  # Socket Mode's /healthz and /metrics server; None: none
    default_lang: str | None = None
    log_level: str = "INFO"
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES  # HTTP mode refuses larger request bodies with 413, unread
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES  # uploads larger than this are skipped, saying so

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @property
    def oauth(self) -> bool:
        """Many workspaces: installed through /slack/install, each answered with its own token."""
        return bool(self.client_id) and not self.bot_token

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, mode: str | None = None) -> Settings:
        """Read settings; `mode` is "socket", "http" or None (socket when SLACK_APP_TOKEN is set)."""
        env = os.environ if env is None else env
        app_token = env.get("SLACK_APP_TOKEN", "").strip()
        signing_secret = env.get("SLACK_SIGNING_SECRET", "").strip()
        if mode is None and not app_token and env.get("SLACK_CLIENT_ID", "").strip():
            mode = "http"  # OAuth credentials mean a distributable app, which runs only in HTTP mode
        if mode is None and not app_token and not signing_secret:  # which mode was meant is unknown: name both
            raise SettingsError(
                "set SLACK_APP_TOKEN (xapp-..., Socket Mode, as manifest.yml is written) "
                "or SLACK_SIGNING_SECRET (HTTP mode)"
            )
        mode = mode or ("socket" if app_token else "http")
        client_id, client_secret = _oauth_credentials(env)
        if client_id and env.get("SLACK_BOT_TOKEN", "").strip():
            # Bolt itself would switch to OAuth on seeing SLACK_CLIENT_ID and drop the token: say so instead
            raise SettingsError(
                "SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: set the bot token for one workspace, "
                "or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (HTTP mode) to install in many"
            )
        if client_id and mode == "socket":
            raise SettingsError(
                "SLACK_CLIENT_ID is set: installing in many workspaces (OAuth) needs HTTP mode, not Socket Mode"
            )
        bot_token = (
            "" if client_id else _required(env, "SLACK_BOT_TOKEN", "the bot token (xoxb-...) from OAuth & Permissions")
        )
        if bot_token:
            _check_prefix("SLACK_BOT_TOKEN", bot_token, ("xoxb-", "xoxe.xoxb-"), "the Bot User OAuth Token")
        signing_secret = env.get("SLACK_SIGNING_SECRET", "").strip()
        if mode == "socket" and not app_token:
            raise SettingsError("SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-...)")
        if mode == "socket":
            _check_prefix("SLACK_APP_TOKEN", app_token, ("xapp-",), "an app-level token with connections:write")
        if mode == "http":
            app_token = ""
            if not signing_secret:
                raise SettingsError("SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify Slack's requests")
        return cls(
            bot_token=bot_token,
            signing_secret=signing_secret,
            client_id=client_id,
            client_secret=client_secret,
            app_token=app_token,
            api_url=_api_url(env.get("SLACK_API_URL", "")),
            port=_port(env.get("PORT", "")),
            db=_db(env.get("HTTPCODE_DB", "")),
            redis_url=_redis_url(env.get("HTTPCODE_REDIS_URL", "")),
            database_url=database_url(env.get("HTTPCODE_DATABASE_URL", "")),
            passive_default=_on_off(env.get("HTTPCODE_PASSIVE_DEFAULT", ""), "HTTPCODE_PASSIVE_DEFAULT", True),
            health_port=_health_port(env),
            default_lang=_lang(env.get("HTTPCODE_LANG", "")),
            log_level=_log_level(env.get("HTTPCODE_LOG_LEVEL", "")),
            max_body_bytes=_positive_int(
                env.get("HTTPCODE_MAX_BODY_BYTES", ""), "HTTPCODE_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES
            ),
            max_file_bytes=_positive_int(
                env.get("HTTPCODE_MAX_FILE_BYTES", ""), "HTTPCODE_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES
            ),
        )


def _required(env: Mapping[str, str], name: str, what: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise SettingsError(f"{name} is not set: it must hold {what}")
    return value


def _check_prefix(name: str, value: str, prefixes: tuple[str, ...], what: str) -> None:
    """Catch a token pasted into the wrong variable before the first call; the token itself is never echoed."""
    if not value.startswith(prefixes):
        seen = value.split("-", 1)[0] + "-" if "-" in value[:8] else "no known prefix"
        raise SettingsError(f"{name} must be {what} ({' or '.join(prefixes)}...), but it starts with {seen}")


def _oauth_credentials(env: Mapping[str, str]) -> tuple[str, str]:
    """SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, both or neither (Basic Information > App Credentials)."""
    client_id = env.get("SLACK_CLIENT_ID", "").strip()
    client_secret = env.get("SLACK_CLIENT_SECRET", "").strip()
    if client_id and not client_secret:
        raise SettingsError(
            "SLACK_CLIENT_SECRET is not set: installing in many workspaces needs it with SLACK_CLIENT_ID"
        )
    if client_secret and not client_id:
        raise SettingsError(
            "SLACK_CLIENT_ID is not set: installing in many workspaces needs it with SLACK_CLIENT_SECRET"
        )
    return client_id, client_secret


def database_url(value: str) -> str:
    """A SQLAlchemy URL; `postgres://` and `postgresql://` get the psycopg (3) driver. Never echoed: it may hold a password."""
    value = value.strip()
    if not value:
        return ""
    scheme, sep, rest = value.partition("://")
    if not sep or not rest:
        raise SettingsError("HTTPCODE_DATABASE_URL is not a database URL (postgresql://user:password@host/db)")
    postgres = scheme in ("postgres", "postgresql", "postgresql+psycopg")
    if find_spec("sqlalchemy") is None or (postgres and find_spec("psycopg") is None):
        raise SettingsError(
            "HTTPCODE_DATABASE_URL needs the postgres extra: pip install '.[postgres]' in the checkout "
            "(or the wheel with [postgres])"
        )
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return value


def _on_off(value: str, name: str, default: bool) -> bool:
    value = value.strip().lower()
    if not value:
        return default
    if value in ("on", "true", "1", "yes"):
        return True
    if value in ("off", "false", "0", "no"):
        return False
    raise SettingsError(f"{name} must be on or off, not {value!r}")


def _api_url(value: str) -> str:
    """WebClient joins method names onto the base URL, so it must end with a slash."""
    value = value.strip() or DEFAULT_API_URL
    if not value.startswith(("http://", "https://")):
        raise SettingsError(f"SLACK_API_URL is not an http(s) URL: {value!r}")
    return value if value.endswith("/") else value + "/"


def _port(value: str, name: str = "PORT") -> int:
    if not value.strip():
        return DEFAULT_PORT
    try:
        port = int(value)
    except ValueError:
        raise SettingsError(f"{name} is not a number: {value!r}") from None
    if not 0 <= port < 65536:  # 0: any free port
        raise SettingsError(f"{name} is out of range: {port}")
    return port


def _positive_int(value: str, name: str, default: int) -> int:
    value = value.strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise SettingsError(f"{name} must be a positive whole number, not {value!r}")
    return int(value)


def _health_port(env: Mapping[str, str]) -> int | None:
    """HEALTH_PORT, else PORT (what container platforms set), else None: Socket Mode then serves no HTTP."""
    for name in ("HEALTH_PORT", "PORT"):
        if env.get(name, "").strip():
            return _port(env[name], name)
    return None


def _db(value: str) -> str:
    value = value.strip() or DEFAULT_DB
    if value.startswith(("redis://", "rediss://", "unix://")):
        raise SettingsError("HTTPCODE_DB is a SQLite file path: put a Redis URL in HTTPCODE_REDIS_URL")
    return value


def _redis_url(value: str) -> str:
    """The URL itself is never echoed: it may hold a password."""
    value = value.strip()
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise SettingsError("HTTPCODE_REDIS_URL must start with redis://, rediss:// or unix://")
    return value


def _lang(value: str) -> str | None:
    value = value.strip().lower()
    if not value:
        return None
    if value not in ("en", "zh"):
        raise SettingsError(f"HTTPCODE_LANG must be en or zh, not {value!r}")
    return value


def _log_level(value: str) -> str:
    """HTTPCODE_LOG_LEVEL for the app's own logger; DEBUG also says why a message got no answer."""
    value = value.strip().upper() or "INFO"
    if value not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(f"HTTPCODE_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {value!r}")
    return value
