"""The stores: SQLite (one machine) and Redis (several instances) keep the same contract; Redis failures
are one line without the password, at start and mid-run."""

from __future__ import annotations

import threading
import time

import pytest
from redis_fixture import RedisServer, redis_binary

from bot.slack.stores.redis_store import PREFIX, RedisStore, redact
from bot.slack.stores.sqlite_store import EVENT_TTL, THREAD_TTL, SQLiteStore, Store, StoreUnavailable, open_store


@pytest.fixture(params=["sqlite", "redis", "postgres"])
def make_store(request: pytest.FixtureRequest, tmp_path):
    """A function that opens another handle on one store (like another worker or instance)."""
    if request.param == "sqlite":
        path = str(tmp_path / "httpcode.db")
        return lambda: open_store(path)
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_url")
        return lambda: open_store("unused.db", database_url=database)
    url = request.getfixturevalue("redis_url")
    return lambda: open_store("unused.db", redis_url=url)


def test_first_delivery_and_claim_code_are_once_only(make_store):
    store: Store = make_store()
    assert store.first_delivery("C1:1.1") is True
    assert store.first_delivery("C1:1.1") is False
    assert store.claim_code("C1", "1.1", "http:500.19") is True
    assert store.claim_code("C1", "1.1", "http:500.19") is False
    assert store.claim_code("C1", "1.1", "http:401.3") is True, "another code in the same thread"
    assert store.claim_code("C1", "2.2", "http:500.19") is True, "the same code in another thread"


def test_quiet_is_shared_and_survives_reopening(make_store):
    one, other = make_store(), make_store()
    assert one.is_quiet("C1") is False
    one.set_quiet("C1", True)
    one.set_quiet("C2", True)
    other.set_quiet("C2", False)
    one.close()
    again = make_store()
    assert again.is_quiet("C1") is True and again.is_quiet("C2") is False and other.is_quiet("C1") is True


def test_claims_are_atomic_across_threads_and_handles(make_store):
    stores = [make_store() for _ in range(4)]  # gunicorn workers sharing a file, or instances sharing Redis
    wins: list[bool] = []
    barrier = threading.Barrier(16)

    def claim(store: Store) -> None:
        barrier.wait()
        wins.append(store.first_delivery("C9:9.9"))

    threads = [threading.Thread(target=claim, args=(stores[i % 4],)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wins.count(True) == 1


def test_old_sqlite_claims_are_pruned():
    now = [1000.0]
    store = SQLiteStore(":memory:", clock=lambda: now[0])
    store.first_delivery("old")
    now[0] += EVENT_TTL + 1
    for i in range(500):  # pruning runs every 500 claims
        store.first_delivery(f"new{i}")
    assert store.first_delivery("old") is True, "an expired claim can be made again"


def test_redis_claims_expire_by_themselves(redis_url, redis_server: RedisServer):
    store = RedisStore.connect(redis_url)
    store.first_delivery("C1:5.5")
    store.claim_code("C1", "5.5", "http:404")
    with redis_server.client() as r:
        assert EVENT_TTL - 5 <= r.ttl(f"{PREFIX}event:C1:5.5") <= EVENT_TTL
        assert THREAD_TTL - 5 <= r.ttl(f"{PREFIX}code:C1:5.5:http:404") <= THREAD_TTL


def test_redis_wins_over_sqlite_when_both_are_set(redis_url, tmp_path):
    store = open_store(str(tmp_path / "never.db"), redis_url=redis_url)
    assert isinstance(store, RedisStore) and not (tmp_path / "never.db").exists()


def test_unreachable_redis_at_start_is_one_line_without_the_password(redis_server: RedisServer):
    url = f"redis://:hunter2-secret@127.0.0.1:{redis_server.port + 1}/0"  # nothing listens there
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as err:
        open_store("unused.db", redis_url=url)
    message = str(err.value)
    assert "hunter2" not in message and "\n" not in message
    assert message.startswith(f"Redis at redis://:***@127.0.0.1:{redis_server.port + 1}/0: ")
    assert time.monotonic() - started < 10


def test_wrong_redis_password_is_refused_at_start(tmp_path):
    server = RedisServer(redis_binary(), tmp_path, password="right-password").start()
    try:
        with pytest.raises(StoreUnavailable) as err:
            RedisStore.connect(f"redis://:wrong-password@127.0.0.1:{server.port}/0")
        assert "wrong-password" not in str(err.value) and "right-password" not in str(err.value)
        assert RedisStore.connect(server.url).first_delivery("k") is True
    finally:
        server.stop()


def test_redis_going_away_mid_run_raises_store_unavailable_then_recovers(tmp_path):
    server = RedisServer(redis_binary(), tmp_path, password="pw-in-url").start()
    store = RedisStore.connect(server.url)
    assert store.first_delivery("before") is True
    server.stop()
    for call in (lambda: store.first_delivery("during"), lambda: store.is_quiet("C1")):
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as err:
            call()
        assert "pw-in-url" not in str(err.value) and time.monotonic() - started < 10
    server.start()  # same port: redis-py reconnects by itself
    try:
        assert store.first_delivery("after") is True
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:pw@host:6379/0", "redis://:***@host:6379/0"),
        ("rediss://user:pw@host/1", "rediss://user:***@host/1"),
        ("redis://host:6379/0", "redis://host:6379/0"),
        ("unix:///run/redis.sock", "unix:///run/redis.sock"),
    ],
)
def test_redact_hides_only_the_password(url, shown):
    assert redact(url) == shown


def test_a_channel_never_switched_takes_the_default_and_listen_holds_against_it(make_store):
    store = make_store()
    assert store.is_quiet("CNEW", default=True) is True and store.is_quiet("CNEW") is False
    store.set_quiet("CNEW", False)  # `/httpcode listen` where new channels start quiet
    assert store.is_quiet("CNEW", default=True) is False


def test_forgetting_a_workspace_deletes_only_its_settings_and_claims(make_store):
    from bot.slack.stores.workspace import WorkspaceStore, workspace_prefix

    base = make_store()
    gone = WorkspaceStore(base, workspace_prefix(None, "T1GONE"))
    kept = WorkspaceStore(base, workspace_prefix(None, "T1KEPT"))
    for ws in (gone, kept):
        ws.set_quiet("C1", True)
        assert ws.first_delivery("C1:1.1") and ws.claim_code("C1", "1.1", "http:404")
    gone.forget()
    assert gone.is_quiet("C1") is False and gone.first_delivery("C1:1.1") and gone.claim_code("C1", "1.1", "http:404")
    assert (
        kept.is_quiet("C1") is True
        and not kept.first_delivery("C1:1.1")
        and not kept.claim_code("C1", "1.1", "http:404")
    )
    assert base.is_quiet("C1") is False, "the single-token keys (no prefix) are another workspace's"


def test_passive_default_off_makes_new_channels_quiet():
    from bot.slack.stores.workspace import WorkspaceStore

    store = WorkspaceStore(SQLiteStore(":memory:"), passive_default=False)
    assert store.is_quiet("C1") is True
    store.set_quiet("C1", False)
    assert store.is_quiet("C1") is False


def test_unreachable_database_at_start_is_one_line_without_the_password(postgres_server):
    url = f"postgresql://app:hunter2-secret@127.0.0.1:{postgres_server.port + 1}/httpcode"  # nothing listens there
    from bot.slack.settings import database_url

    with pytest.raises(StoreUnavailable) as err:
        open_store("unused.db", database_url=database_url(url))
    message = str(err.value)
    assert "hunter2" not in message and "\n" not in message
    assert message.startswith(
        f"database at postgresql+psycopg://app:***@127.0.0.1:{postgres_server.port + 1}/httpcode: "
    )
