"""Several instances sharing a real Redis (HTTPCODE_REDIS_URL): a redelivery that reaches another instance
is not answered again, quiet/listen is shared, and Redis failing (at start, mid-run) is handled.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p
from redis_fixture import RedisServer, redis_binary
from slack_runner import PASTE_500_19, ROOT, HttpApp, SocketApp, app_env, assert_messages_valid, no_answer


@pytest.fixture(scope="module")
def pair(fake: FakeSlack, redis_server: RedisServer, tmp_path_factory) -> Iterator[tuple[HttpApp, HttpApp]]:
    """Two HTTP instances (as behind a load balancer), each with its own SQLite path, sharing one Redis."""
    env = {"HTTPCODE_REDIS_URL": redis_server.url}
    apps = tuple(HttpApp(fake, tmp_path_factory.mktemp(f"instance{i}"), env=env).start() for i in (1, 2))
    yield apps
    for app in apps:
        app.stop()


def test_a_redelivery_to_another_instance_is_not_answered_again(pair, fake: FakeSlack):
    fake.reset()
    one, two = pair
    events = [p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel="CREDIS1") for _ in range(5)]
    events += [p.message(PASTE_500_19, channel="CREDIS1") for _ in range(5)]
    threads = []
    for i, event in enumerate(events):  # the original to one instance, Slack's retries to the other, all at once
        threads.append(threading.Thread(target=one.event, args=(event,), kwargs={"event_id": f"EvX{i}"}))
        for n in (1, 2):
            kwargs = {"event_id": f"EvX{i}", "retry_num": n}
            threads.append(threading.Thread(target=two.event, args=(event,), kwargs=kwargs))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for event in events:
        fake.wait_api("chat.postMessage", channel="CREDIS1", thread_ts=event["ts"])
    for app, n in ((one, len(events)), (two, 2 * len(events))):  # every delivery dealt with: answered or skipped
        app.wait_log(rf"(?s)(?:request kind=event:\S+ channel=CREDIS1 .*?){{{n}}}")
    answered = [c.params["thread_ts"] for c in fake.api_calls("chat.postMessage")]
    assert sorted(answered) == sorted(e["ts"] for e in events), "every message answered once, by one instance"
    assert_messages_valid(fake)


def test_quiet_on_one_instance_silences_the_other(pair, fake: FakeSlack):
    fake.reset()
    one, two = pair
    one.command("quiet", channel="CREDIS2", name="redis-quiet")
    fake.wait_api("chat.postMessage", channel="CREDIS2")  # the announcement: the setting is stored by then
    muted = p.message(PASTE_500_19, channel="CREDIS2")
    two.event(muted)
    no_answer(two, "CREDIS2", muted["ts"], "the channel is quiet")
    two.command("listen", channel="CREDIS2", name="redis-listen")
    fake.wait_for(lambda c: c.name == "chat.postMessage" and "switched on" in c.texts())  # announced: stored
    heard = p.message(PASTE_500_19, channel="CREDIS2")
    one.event(heard)
    fake.wait_api("chat.postMessage", channel="CREDIS2", thread_ts=heard["ts"])


@pytest.mark.parametrize("driver", [HttpApp, SocketApp], ids=["http", "socket"])
def test_redis_down_mid_run_loses_answers_loudly_never_twice_and_recovers(driver, fake: FakeSlack, tmp_path):
    """Store failures skip the answer (answering unclaimed could answer twice), log it, and crash nothing."""
    fake.reset()
    server = RedisServer(redis_binary(), tmp_path, password="mid-run-password").start()
    app = driver(fake, tmp_path, env={"HTTPCODE_REDIS_URL": server.url}).start()
    try:
        server.stop()
        mention = p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel="CREDIS3")
        paste = p.message(PASTE_500_19, channel="CREDIS3")
        for event in (mention, paste):
            assert app.event(event).status == 200
            app.wait_log(
                rf"event:\S+ in channel CREDIS3 \(ts {re.escape(event['ts'])}\): no answer was sent: store unavailable: "
                rf"Redis at redis://:\*\*\*@127\.0\.0\.1:{server.port}/0: "
            )
        app.wait_log(r"request kind=event:app_mention channel=CREDIS3 .* outcome=lost error=\"store unavailable\"")
        app.command("550", channel="CREDIS3", name="redis-down-cmd")  # needs no store: still answered
        assert "FTP 550" in fake.wait_response("redis-down-cmd").texts()
        server.start()
        again = p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel="CREDIS3")
        app.event(again)
        fake.wait_api("chat.postMessage", channel="CREDIS3", thread_ts=again["ts"])
        assert [c.params["thread_ts"] for c in fake.api_calls("chat.postMessage")] == [again["ts"]]
        assert "mid-run-password" not in app.log()
        assert app.proc.poll() is None, "still running"
    finally:
        app.stop()
        server.stop()


def test_unreachable_redis_at_start_is_one_line(fake: FakeSlack, redis_server: RedisServer, tmp_path):
    closed = f"redis://:start-password@127.0.0.1:{redis_server.port + 2}/0"
    env = app_env(fake, tmp_path / "db", SLACK_SIGNING_SECRET="s", HTTPCODE_REDIS_URL=closed)
    serve = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--http"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert serve.returncode == 1
    assert serve.stderr.startswith(
        f"httpcode serve: cannot start: StoreUnavailable: Redis at redis://:***@127.0.0.1:{redis_server.port + 2}/0: "
    )
    assert serve.stderr.count("\n") == 1 and "start-password" not in serve.stderr + serve.stdout

    app = HttpApp(fake, tmp_path, env={"HTTPCODE_REDIS_URL": closed})
    with pytest.raises(AssertionError):  # gunicorn: the worker cannot boot, so the master stops
        app.start()
    app.proc.wait(timeout=30)
    app.stop()
    log = app.log()
    assert "httpcode: cannot start: Redis at redis://:***@" in log and "Worker failed to boot" in log
    assert "start-password" not in log and "Traceback" not in log
