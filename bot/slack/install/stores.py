"""Where installations (each workspace's bot token) and OAuth states are kept: slack_sdk's own stores.

- default: SQLite, in the same file as the channel settings (HTTPCODE_DB), for one machine;
- HTTPCODE_DATABASE_URL: slack_sdk's SQLAlchemy stores on a shared database (PostgreSQL), so that
  several instances behind a load balancer see every installation; tables are created when missing.
"""

from __future__ import annotations

from pathlib import Path

from slack_sdk.oauth.installation_store import InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore

from bot.slack.settings import Settings
from bot.slack.stores.sqlite_store import StoreUnavailable

STATE_SECONDS = 600  # an install started more than ten minutes ago must start again


def install_stores(settings: Settings) -> tuple[InstallationStore, OAuthStateStore]:
    """The installation store and the state store for these settings (`StoreUnavailable` if unreachable)."""
    if settings.database_url:
        return _sql_stores(settings)
    from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore
    from slack_sdk.oauth.state_store.sqlite3 import SQLite3OAuthStateStore

    Path(settings.db).expanduser().parent.mkdir(parents=True, exist_ok=True)
    installations = SQLite3InstallationStore(database=settings.db, client_id=settings.client_id)
    states = SQLite3OAuthStateStore(database=settings.db, expiration_seconds=STATE_SECONDS)
    installations.init()
    states.init()
    return installations, states


def _sql_stores(settings: Settings) -> tuple[InstallationStore, OAuthStateStore]:
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
    from sqlalchemy.exc import SQLAlchemyError

    from bot.slack.stores.sql_store import make_engine, redact

    engine = make_engine(settings.database_url)
    installations = SQLAlchemyInstallationStore(client_id=settings.client_id, engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine)
    try:
        # checkfirst: instances starting together each create only what is missing
        installations.metadata.create_all(engine, checkfirst=True)
        states.metadata.create_all(engine, checkfirst=True)
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise StoreUnavailable(f"database at {redact(engine.url)}: {detail[0] if detail else exc}") from None
    return installations, states
