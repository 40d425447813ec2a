"""Answers run after acks: Bolt's listener executor, holding work back while requests are in flight.

Slack needs each request acked within 3 seconds, or it redelivers it: more load, and duplicates to
weed out. Building an answer (engine, Block Kit, Web API calls) costs several times what an ack
costs, and in one Python process both compete for the same interpreter lock. So under a burst the
acks go first: a job starts when no request has been in flight for `QUIET` seconds, or when it has
waited `MAX_DEFER` seconds, whichever comes first. At ordinary traffic that is a few milliseconds;
a sustained overload degrades to sharing the CPU (acks slow down, but keep within Slack's limit).

Jobs run on a few daemon threads, started lazily (so a gunicorn fork gets its own). On exit the
backlog is drained for up to `DRAIN` seconds; what is still waiting is logged as lost.
"""

from __future__ import annotations

import atexit
import contextvars
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from bot.slack.runtime import trace

log = logging.getLogger("httpcode.slack")

QUIET = 0.005  # seconds without requests in flight before work starts
MAX_DEFER = 10.0  # a job never waits longer than this for a quiet moment
DRAIN = 10.0  # seconds the process waits at exit for answers still queued
WORKERS = 4  # answers wait on Slack's Web API (and on Retry-After), so a few run at once


# queued at (monotonic), its future, the submitter's context, fn, args, kwargs, and the trace's release
Job = tuple[float, Future, contextvars.Context, Callable[..., Any], tuple, dict, Callable[[], None]]


class Traffic:
    """How many requests are being acked right now, and when the last one ended."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._cond = threading.Condition()
        self._in_flight = 0
        self._last_end = 0.0

    def enter(self) -> None:
        """A request started (pair with `leave`, in a `finally`)."""
        with self._cond:
            self._in_flight += 1

    def leave(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._last_end = self._clock()
            if self._in_flight == 0:
                self._cond.notify_all()

    def wait_quiet(self, deadline: float) -> None:
        """Return once no request has been in flight for QUIET seconds, or at `deadline` (monotonic)."""
        with self._cond:
            while True:
                now = self._clock()
                if now >= deadline:
                    return
                if self._in_flight == 0:
                    left = self._last_end + QUIET - now
                    if left <= 0:
                        return
                    self._cond.wait(min(left, deadline - now))
                else:
                    self._cond.wait(deadline - now)


class Backlog(Executor):
    """An `Executor` for Bolt (`App(listener_executor=...)`) that runs jobs when acks leave room."""

    def __init__(self, traffic: Traffic, *, workers: int = WORKERS, max_defer: float = MAX_DEFER) -> None:
        self.traffic = traffic
        self._workers = workers
        self._max_defer = max_defer
        self._cond = threading.Condition()
        self._gate = threading.Lock()  # one worker at a time waits for a quiet moment; the others wait for it
        self._jobs: deque[Job] = deque()
        self._pid = 0
        self._running = 0
        self._closed = False
        atexit.register(self.shutdown)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Queue `fn(*args, **kwargs)`; it runs in the caller's context (contextvars: the request's trace)."""
        future: Future = Future()
        release = trace.hold()  # the request's log line waits for its answer
        job = (time.monotonic(), future, contextvars.copy_context(), fn, args, kwargs, release)
        with self._cond:
            if self._closed:
                raise RuntimeError("the backlog is shut down")
            self._start_workers()
            self._jobs.append(job)
            self._cond.notify()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking jobs; with `wait`, give the queued ones DRAIN seconds, then log what is lost."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if not wait or self._pid != os.getpid():
            return
        deadline = time.monotonic() + DRAIN
        with self._cond:
            while (self._jobs or self._running) and time.monotonic() < deadline:
                self._cond.wait(0.05)
            lost = list(self._jobs)
            self._jobs.clear()
        for _, future, *_, release in lost:
            future.cancel()
            release()
        if lost:
            log.warning("shutting down: lost %d answers still queued", len(lost))

    def _start_workers(self) -> None:
        if self._pid == os.getpid():
            return
        self._pid = os.getpid()  # first job in this process (after a fork, the parent's threads are gone)
        self._jobs.clear()
        for i in range(self._workers):
            threading.Thread(target=self._work, name=f"httpcode-backlog-{i}", daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and not self._closed:
                    self._cond.wait()
                if not self._jobs:
                    return
            with self._gate:
                with self._cond:
                    if not self._jobs:
                        continue
                    queued_at = self._jobs[0][0]
                self.traffic.wait_quiet(queued_at + self._max_defer)
                with self._cond:
                    if not self._jobs:
                        continue
                    _, future, context, fn, args, kwargs, release = self._jobs.popleft()
                    self._running += 1
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(context.run(fn, *args, **kwargs))
                    except BaseException as exc:  # Bolt's runner catches listener errors; this is the last resort
                        log.exception("an answer job failed")
                        future.set_exception(exc)
            finally:
                release()
                with self._cond:
                    self._running -= 1
                    self._cond.notify_all()
