"""What the app remembers: which channels are quiet, and what it already answered.

`Store` is the interface the listeners use; `SQLiteStore` is the single-machine implementation
(one file, shared safely by gunicorn workers), `RedisStore` (redis_store.py) the one for several
instances. Every claim is one atomic insert or `SET NX`.

A Redis that cannot be reached raises `StoreUnavailable`: the request then gets no answer (logged
as lost), since with several instances answering without the shared claim could answer twice.
SQLite is one machine's file: when it turns locked or read-only mid-run, the store keeps claims in
memory for the moment (with a warning) and answers still go out; /healthz says "degraded".
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

EVENT_TTL = 24 * 3600  # Slack retries a delivery for minutes; a day is plenty
THREAD_TTL = 30 * 24 * 3600  # "already answered this code here" matters while a thread is alive
BUSY_TIMEOUT = 2.0  # seconds a claim waits for a lock held elsewhere before falling back to memory
WARN_EVERY = 60.0  # seconds between two "store degraded" warnings

log = logging.getLogger("httpcode.slack")


class StoreUnavailable(Exception):
    """The store cannot be reached (Redis down, a timeout); str() is one line, without passwords."""


class Store(Protocol):
    """The app's memory; every method is safe to call from several threads and processes."""

    def is_quiet(self, channel: str, default: bool = False) -> bool:
        """True when unprompted answers are switched off in the channel; `default` for a channel never switched."""
        ...

    def set_quiet(self, channel: str, quiet: bool) -> None: ...

    def first_delivery(self, key: str) -> bool:
        """Claim an event (event_id or channel+ts); False when it was seen before (a Slack retry)."""
        ...

    def claim_code(self, channel: str, thread_ts: str, code_id: str) -> bool:
        """Claim answering `code_id` in a thread; False when it was answered there already."""
        ...

    def forget_workspace(self, prefix: str) -> None:
        """Delete every setting and claim whose channel (or key) starts with `prefix` (a workspace uninstalled)."""
        ...

    def close(self) -> None: ...

    def state(self) -> str:
        """ "ok", "degraded" (working from memory for the moment) or "unavailable", for /healthz."""
        ...


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
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT)
        with self._lock:
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")  # no fsync per claim (a power cut may lose the last)
            self._conn.executescript(_SCHEMA)
        self._claims = 0
        # while the file fails: claims and quiet channels in memory, so answers still go out once each
        self._memory_claims: dict[str, float] = {}
        self._memory_quiet: dict[str, bool] = {}
        self._degraded_since: float | None = None
        self._warned_at = 0.0

    def is_quiet(self, channel: str, default: bool = False) -> bool:
        with self._lock:
            try:
                row = self._conn.execute("SELECT quiet FROM channel_mode WHERE channel = ?", (channel,)).fetchone()
            except sqlite3.Error as exc:
                self._degrade(exc)
                return self._memory_quiet.get(channel, default)
            self._recover()
        return bool(row[0]) if row else default

    def set_quiet(self, channel: str, quiet: bool) -> None:
        with self._lock:
            self._memory_quiet[channel] = quiet
            try:
                self._conn.execute(
                    "INSERT INTO channel_mode (channel, quiet, at) VALUES (?, ?, ?)"
                    " ON CONFLICT(channel) DO UPDATE SET quiet = excluded.quiet, at = excluded.at",
                    (channel, int(quiet), self._clock()),
                )
            except sqlite3.Error as exc:
                self._degrade(exc)
                return
            self._recover()

    def state(self) -> str:
        return "degraded" if self._degraded_since is not None else "ok"

    def first_delivery(self, key: str) -> bool:
        return self._insert("INSERT OR IGNORE INTO delivery (key, at) VALUES (?, ?)", (key, self._clock()))

    def claim_code(self, channel: str, thread_ts: str, code_id: str) -> bool:
        return self._insert(
            "INSERT OR IGNORE INTO thread_code (channel, thread_ts, code, at) VALUES (?, ?, ?, ?)",
            (channel, thread_ts, code_id, self._clock()),
        )

    def forget_workspace(self, prefix: str) -> None:
        n = len(prefix)
        with self._lock:
            for table, column in (("channel_mode", "channel"), ("delivery", "key"), ("thread_code", "channel")):
                self._conn.execute(f"DELETE FROM {table} WHERE substr({column}, 1, ?) = ?", (n, prefix))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _insert(self, sql: str, args: tuple) -> bool:
        key = "\x1f".join(str(a) for a in args[:-1])  # the claim without its time
        with self._lock:
            try:
                inserted = self._conn.execute(sql, args).rowcount == 1
                self._claims += 1
                if self._claims % 500 == 0:
                    self._prune()
            except sqlite3.Error as exc:
                self._degrade(exc)
                now = self._clock()
                if now - self._memory_claims.get(key, -EVENT_TTL) < EVENT_TTL:
                    return False
                self._memory_claims[key] = now
                return True
            self._recover()
            # a claim made in memory while the file failed still counts once the file is back
            return inserted and key not in self._memory_claims

    def _degrade(self, exc: sqlite3.Error) -> None:
        now = self._clock()
        if self._degraded_since is None:
            self._degraded_since = now
        if now - self._warned_at >= WARN_EVERY:
            self._warned_at = now
            log.warning("SQLite store failing (%s): keeping claims in memory for now; answers still go out", exc)

    def _recover(self) -> None:
        if self._degraded_since is not None:
            log.warning("SQLite store working again after %.0f s", self._clock() - self._degraded_since)
            self._degraded_since = None

    def _prune(self) -> None:
        now = self._clock()
        self._conn.execute("DELETE FROM delivery WHERE at < ?", (now - EVENT_TTL,))
        self._conn.execute("DELETE FROM thread_code WHERE at < ?", (now - THREAD_TTL,))


def open_store(db: str, *, redis_url: str = "", database_url: str = "") -> Store:
    """Redis when `redis_url` is set (HTTPCODE_REDIS_URL wins), else the SQL database at `database_url`
    (HTTPCODE_DATABASE_URL), else the SQLite file `db`.

    An unreachable Redis or database raises `StoreUnavailable` here, at start, rather than on the first message.
    """
    if redis_url:
        from bot.slack.stores.redis_store import RedisStore

        return RedisStore.connect(redis_url)
    if database_url:
        from bot.slack.stores.sql_store import SQLStore

        return SQLStore.connect(database_url)
    return SQLiteStore(db)
