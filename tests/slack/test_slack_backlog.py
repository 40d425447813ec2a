"""The backlog: answers wait while acks are in flight (at most MAX_DEFER), run in the request's context,
and what is still queued at exit is drained or logged as lost."""

from __future__ import annotations

import contextvars
import logging
import threading
import time

from bot.slack.runtime import backlog as backlog_module
from bot.slack.runtime import trace
from bot.slack.runtime.backlog import Backlog, Traffic

VAR: contextvars.ContextVar[str] = contextvars.ContextVar("VAR", default="")


def test_a_job_waits_for_the_requests_in_flight_then_runs():
    traffic = Traffic()
    pool = Backlog(traffic, workers=2, max_defer=5.0)
    traffic.enter()
    ran = threading.Event()
    pool.submit(ran.set)
    assert not ran.wait(0.3), "held back while a request is being acked"
    traffic.leave()
    assert ran.wait(2.0)


def test_a_job_never_waits_longer_than_max_defer():
    traffic = Traffic()
    pool = Backlog(traffic, workers=1, max_defer=0.3)
    traffic.enter()  # a request that never ends: sustained overload
    started = time.monotonic()
    future = pool.submit(lambda: time.monotonic())
    assert 0.25 <= future.result(timeout=3) - started < 2.0
    traffic.leave()


def test_jobs_run_in_the_submitting_context_and_return_results():
    pool = Backlog(Traffic(), workers=2)
    VAR.set("request-1")
    assert pool.submit(VAR.get).result(timeout=2) == "request-1"
    assert pool.submit(lambda a, b=0: a + b, 2, b=3).result(timeout=2) == 5


def test_a_requests_log_line_waits_for_its_answer(caplog):
    caplog.set_level(logging.INFO, logger="httpcode.slack")
    pool = Backlog(Traffic(), workers=1)
    current, token = trace.start({"type": "event_callback", "event": {"type": "message", "channel": "C1"}}, {})
    done = threading.Event()
    pool.submit(lambda: (trace.matched(["http:404"]), done.wait(2)))
    trace.acked(current, 200)
    trace.stop(current, token)
    assert "request kind=event:message" not in caplog.text, "not before the answer job ends"
    done.set()
    deadline = time.monotonic() + 2
    while "request kind=event:message" not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "request kind=event:message channel=C1 retry=0 status=200 outcome=none ids=http:404 " in caplog.text


def test_shutdown_drains_then_logs_what_is_lost(caplog, monkeypatch):
    monkeypatch.setattr(backlog_module, "DRAIN", 0.3)
    traffic = Traffic()
    pool = Backlog(traffic, workers=1, max_defer=60)
    traffic.enter()  # the queued jobs can never start
    for _ in range(3):
        pool.submit(lambda: None)
    pool.shutdown()
    assert "shutting down: lost 3 answers still queued" in caplog.text
    traffic.leave()
