"""What the app remembers: which channels are quiet, and what it already answered.

`Store` is the interface the listeners use; `SQLiteStore` is the single-machine implementation
(one file, shared safely by gunicorn workers), `RedisStore` (redis_store.py) the one for several
instances. Every claim is one atomic insert or `SET NX`.

A store that cannot be reached raises `StoreUnavailable`: the request then gets no answer (logged
as lost), since answering without the claim could answer twice.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

EVENT_TTL = 24 * 3600  # Slack retries a delivery for minutes; a day is plenty
THREAD_TTL = 30 * 24 * 3600  # "already answered this code here" matters while a thread is alive


class StoreUnavailable(Exception):
    """The store cannot be reached (Redis down, a timeout); str() is one line, without passwords."""


class Store(Protocol):
    """The app's memory; every method is safe to call from several threads and processes."""

    def is_quiet(self, channel: str) -> bool:
        """True when unprompted answers are switched off in the channel."""
        ...

    def set_quiet(self, channel: str, quiet: bool) -> None: ...

    def first_delivery(self, key: str) -> bool:
        """Claim an event (event_id or channel+ts); False when it was seen before (a Slack retry)."""
        ...

    def claim_code(self, channel: str, thread_ts: str, code_id: str) -> bool:
        """Claim answering `code_id` in a thread; False when it was answered there already."""
        ...

    def close(self) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS channel_mode (channel TEXT PRIMARY KEY, quiet INTEGER NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS delivery (key TEXT PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS thread_code (
  channel TEXT NOT NULL, thread_ts TEXT NOT NULL, code TEXT NOT NULL, at REAL NOT NULL,
  PRIMARY KEY (channel, thread_ts, code)
);
"""


class SQLiteStore:
    """`Store` in one SQLite file (or ":memory:"), pruned of old claims as it goes."""

    def __init__(self, path: str, *, clock: Callable[[], float] = time.time) -> None:
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        with self._lock:
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")  # no fsync per claim (a power cut may lose the last)
            self._conn.executescript(_SCHEMA)
        self._claims = 0

    def is_quiet(self, channel: str) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT quiet FROM channel_mode WHERE channel = ?", (channel,)).fetchone()
        return bool(row and row[0])

    def set_quiet(self, channel: str, quiet: bool) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO channel_mode (channel, quiet, at) VALUES (?, ?, ?)"
                " ON CONFLICT(channel) DO UPDATE SET quiet = excluded.quiet, at = excluded.at",
                (channel, int(quiet), self._clock()),
            )

    def first_delivery(self, key: str) -> bool:
        return self._insert("INSERT OR IGNORE INTO delivery (key, at) VALUES (?, ?)", (key, self._clock()))

    def claim_code(self, channel: str, thread_ts: str, code_id: str) -> bool:
        return self._insert(
            "INSERT OR IGNORE INTO thread_code (channel, thread_ts, code, at) VALUES (?, ?, ?, ?)",
            (channel, thread_ts, code_id, self._clock()),
        )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _insert(self, sql: str, args: tuple) -> bool:
        with self._lock:
            inserted = self._conn.execute(sql, args).rowcount == 1
            self._claims += 1
            if self._claims % 500 == 0:
                self._prune()
        return inserted

    def _prune(self) -> None:
        now = self._clock()
        self._conn.execute("DELETE FROM delivery WHERE at < ?", (now - EVENT_TTL,))
        self._conn.execute("DELETE FROM thread_code WHERE at < ?", (now - THREAD_TTL,))


def open_store(db: str, *, redis_url: str = "") -> Store:
    """Redis when `redis_url` is set (HTTPCODE_REDIS_URL wins over HTTPCODE_DB), else the SQLite file `db`.

    An unreachable Redis raises `StoreUnavailable` here, at start, rather than on the first message.
    """
    if redis_url:
        from bot.slack.stores.redis_store import RedisStore

        return RedisStore.connect(redis_url)
    return SQLiteStore(db)
