"""`Store` in a shared SQL database (HTTPCODE_DATABASE_URL, PostgreSQL), through SQLAlchemy Core.

For several instances that already share a database for installations (install/stores.py): channel
settings and claims live beside them, so one URL is all a deployment needs. A claim is one INSERT on a
primary key (the database refuses the second), so it is atomic across instances. A database error
raises `StoreUnavailable`, as Redis does: the caller answers nothing rather than risk answering twice.

Needs the `postgres` extra (`pip install 'httpcode-bot[postgres]'`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Column, Float, MetaData, String, Table, create_engine, delete, func, insert, select, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.slack.stores.sqlite_store import EVENT_TTL, THREAD_TTL, StoreUnavailable

metadata = MetaData()
channel_mode = Table(
    "httpcode_channel_mode",
    metadata,
    Column("channel", String(200), primary_key=True),
    Column("quiet", String(1), nullable=False),
    Column("at", Float, nullable=False),
)
delivery = Table("httpcode_delivery", metadata, Column("key", String(300), primary_key=True), Column("at", Float))
thread_code = Table(
    "httpcode_thread_code",
    metadata,
    Column("channel", String(200), primary_key=True),
    Column("thread_ts", String(40), primary_key=True),
    Column("code", String(100), primary_key=True),
    Column("at", Float, nullable=False),
)
PRUNE_EVERY = 500


class SQLStore:
    """`Store` on a SQLAlchemy engine; the tables are created when missing."""

    def __init__(self, engine: Engine, *, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self._clock = clock
        self._claims = 0
        self._call(metadata.create_all, engine)

    @classmethod
    def connect(cls, url: str) -> SQLStore:
        """A store on a database that answered, or `StoreUnavailable` in one line (password hidden)."""
        return cls(make_engine(url))

    def is_quiet(self, channel: str, default: bool = False) -> bool:
        def run() -> Any:
            with self.engine.connect() as conn:
                return conn.execute(select(channel_mode.c.quiet).where(channel_mode.c.channel == channel)).scalar()

        value = self._call(run)
        return default if value is None else value == "1"

    def set_quiet(self, channel: str, quiet: bool) -> None:
        row = {"quiet": "1" if quiet else "0", "at": self._clock()}

        def run() -> None:
            with self.engine.begin() as conn:
                changed = conn.execute(update(channel_mode).where(channel_mode.c.channel == channel).values(**row))
                if changed.rowcount == 0:
                    try:
                        with conn.begin_nested():
                            conn.execute(insert(channel_mode).values(channel=channel, **row))
                    except IntegrityError:  # another instance inserted it meanwhile: the last writer wins
                        conn.execute(update(channel_mode).where(channel_mode.c.channel == channel).values(**row))

        self._call(run)

    def first_delivery(self, key: str) -> bool:
        return self._claim(insert(delivery).values(key=key, at=self._clock()))

    def claim_code(self, channel: str, thread_ts: str, code_id: str) -> bool:
        return self._claim(
            insert(thread_code).values(channel=channel, thread_ts=thread_ts, code=code_id, at=self._clock())
        )

    def forget_workspace(self, prefix: str) -> None:
        n = len(prefix)

        def run() -> None:
            with self.engine.begin() as conn:
                for table, column in ((channel_mode, "channel"), (delivery, "key"), (thread_code, "channel")):
                    conn.execute(delete(table).where(func.substr(table.c[column], 1, n) == prefix))

        self._call(run)

    def state(self) -> str:
        """ "ok" when the database answers `SELECT 1` now, else "unavailable" (answers wait for it, as with Redis)."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except Exception:
            return "unavailable"
        return "ok"

    def close(self) -> None:
        self.engine.dispose()

    def _claim(self, statement: Any) -> bool:
        def run() -> bool:
            try:
                with self.engine.begin() as conn:
                    conn.execute(statement)
                return True
            except IntegrityError:
                return False

        won = self._call(run)
        self._claims += 1
        if self._claims % PRUNE_EVERY == 0:
            self._call(self._prune)
        return won

    def _prune(self) -> None:
        now = self._clock()
        with self.engine.begin() as conn:
            conn.execute(delete(delivery).where(delivery.c.at < now - EVENT_TTL))
            conn.execute(delete(thread_code).where(thread_code.c.at < now - THREAD_TTL))

    def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except SQLAlchemyError as exc:
            detail = str(exc.orig if getattr(exc, "orig", None) is not None else exc).strip().splitlines()
            where = redact(self.engine.url)
            raise StoreUnavailable(f"database at {where}: {detail[0] if detail else type(exc).__name__}") from None


def make_engine(url: str) -> Engine:
    """One engine per process: a small pool, connections checked before use, a 5-second connect timeout."""
    options: dict[str, Any] = {"pool_pre_ping": True, "future": True}
    if url.startswith("postgresql"):
        options.update(pool_size=5, max_overflow=5, connect_args={"connect_timeout": 5})
    return create_engine(url, **options)


def redact(url: Any) -> str:
    """The URL without its password (`postgresql+psycopg://app:***@db/httpcode`), for logs and errors."""
    return (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=True)
