"""The SQLite store: quiet channels survive reopening, claims are atomic, old claims are pruned."""

from __future__ import annotations

import threading

import pytest

from bot.slack.store import EVENT_TTL, SQLiteStore, Store, open_store


def test_quiet_is_remembered_across_reopening(tmp_path):
    path = str(tmp_path / "sub" / "httpcode.db")
    store: Store = open_store(path)
    assert store.is_quiet("C1") is False
    store.set_quiet("C1", True)
    store.set_quiet("C2", True)
    store.set_quiet("C2", False)
    store.close()
    again = open_store(path)
    assert again.is_quiet("C1") is True and again.is_quiet("C2") is False


def test_first_delivery_and_claim_code_are_once_only():
    store = SQLiteStore(":memory:")
    assert store.first_delivery("C1:1.1") is True
    assert store.first_delivery("C1:1.1") is False
    assert store.claim_code("C1", "1.1", "http:500.19") is True
    assert store.claim_code("C1", "1.1", "http:500.19") is False
    assert store.claim_code("C1", "1.1", "http:401.3") is True, "another code in the same thread"
    assert store.claim_code("C1", "2.2", "http:500.19") is True, "the same code in another thread"


def test_claims_are_atomic_across_threads_and_connections(tmp_path):
    path = str(tmp_path / "db")
    stores = [SQLiteStore(path) for _ in range(4)]  # like gunicorn workers sharing the file
    wins: list[bool] = []
    barrier = threading.Barrier(16)

    def claim(store: SQLiteStore) -> None:
        barrier.wait()
        wins.append(store.first_delivery("C9:9.9"))

    threads = [threading.Thread(target=claim, args=(stores[i % 4],)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wins.count(True) == 1


def test_old_claims_are_pruned():
    now = [1000.0]
    store = SQLiteStore(":memory:", clock=lambda: now[0])
    store.first_delivery("old")
    now[0] += EVENT_TTL + 1
    for i in range(500):  # pruning runs every 500 claims
        store.first_delivery(f"new{i}")
    assert store.first_delivery("old") is True, "an expired claim can be made again"


def test_redis_location_is_refused_clearly():
    with pytest.raises(NotImplementedError, match="HTTPCODE_DB: a Redis store is not available yet"):
        open_store("redis://localhost:6379/0")
