"""`Store` in Redis, for several instances behind a load balancer: a redelivery that reaches another
instance finds the claim the first one made, and `/httpcode quiet` on one is seen by all.

Claims are `SET key 1 NX EX ttl` (atomic, expire by themselves); quiet channels are one hash. A Redis
error raises `StoreUnavailable`: the caller answers nothing rather than risk answering twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from bot.slack.stores.sqlite_store import EVENT_TTL, THREAD_TTL, StoreUnavailable

PREFIX = "httpcode:"
QUIET = PREFIX + "quiet"  # hash: channel -> "1"
TIMEOUT = 2.0  # seconds per Redis call; a hung Redis must not hold an answer for long


class RedisStore:
    """`Store` on one Redis database (`redis://[:password@]host:port/db`, `rediss://`, `unix://`)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._redis = redis.Redis.from_url(
            url,
            socket_timeout=TIMEOUT,
            socket_connect_timeout=TIMEOUT,
            retry=Retry(ExponentialBackoff(cap=0.5, base=0.05), 2),
            health_check_interval=30,
            decode_responses=True,
        )

    @classmethod
    def connect(cls, url: str) -> RedisStore:
        """A store that answered PING, or `StoreUnavailable` in one line (password hidden)."""
        store = cls(url)
        store._call(store._redis.ping)
        return store

    def is_quiet(self, channel: str, default: bool = False) -> bool:
        value = self._call(self._redis.hget, QUIET, channel)
        return default if value is None else value == "1"

    def set_quiet(self, channel: str, quiet: bool) -> None:
        # "0" rather than deleting the field: `listen` must hold where new channels start quiet
        self._call(self._redis.hset, QUIET, channel, "1" if quiet else "0")

    def first_delivery(self, key: str) -> bool:
        return self._claim(f"{PREFIX}event:{key}", EVENT_TTL)

    def claim_code(self, channel: str, thread_ts: str, code_id: str) -> bool:
        return self._claim(f"{PREFIX}code:{channel}:{thread_ts}:{code_id}", THREAD_TTL)

    def state(self) -> str:
        """ "ok" when Redis answers a PING now, else "unavailable" (answers wait for it: see sqlite_store.py)."""
        try:
            self._redis.ping()
        except Exception:
            return "unavailable"
        return "ok"

    def forget_workspace(self, prefix: str) -> None:
        """Workspace prefixes are Slack ids and `/` or `:`, so they are safe in a SCAN pattern."""
        fields = [f for f, _ in self._call(lambda: list(self._redis.hscan_iter(QUIET, match=f"{prefix}*", count=500)))]
        if fields:
            self._call(self._redis.hdel, QUIET, *fields)
        for pattern in (f"{PREFIX}event:{prefix}*", f"{PREFIX}code:{prefix}*"):
            keys = self._call(lambda p=pattern: list(self._redis.scan_iter(match=p, count=500)))
            for i in range(0, len(keys), 500):
                self._call(self._redis.delete, *keys[i : i + 500])

    def close(self) -> None:
        self._redis.close()

    def _claim(self, key: str, ttl: int) -> bool:
        return bool(self._call(self._redis.set, key, "1", nx=True, ex=ttl))

    def _call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except redis.RedisError as exc:
            raise StoreUnavailable(f"Redis at {redact(self.url)}: {exc}") from None


def redact(url: str) -> str:
    """The URL without its password (`redis://:***@host:6379/0`), for logs and errors."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
