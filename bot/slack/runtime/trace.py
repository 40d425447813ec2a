"""One log line and one set of metrics per request: what came in, what matched, what went out, how long.

A trace starts when Bolt dispatches a request and ends once it is acked and every answer job it queued
has finished, so the line carries the outcome. It never holds message text: kind, channel, retry
number, matched ids, outcome, Slack methods, times. For example:

    request kind=event:app_mention channel=C1 ts=1712.0001 retry=0 status=200 outcome=answered ids=http:401.3 sent=chat.postMessage ack_ms=1.2 ms=31.0
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from typing import Any

from bot.slack.runtime import metrics

log = logging.getLogger("httpcode.slack")

MAX_IDS = 10  # a thread summary can match dozens; the line names the first ones
# what a field may hold, so that a request cannot write into the log line or invent metric labels
_KIND = re.compile(r"[a-z_]{1,40}(?::[a-z_]{1,40})?")
_CHANNEL = re.compile(r"[A-Z0-9]{1,30}")
_TS = re.compile(r"\d{1,12}\.\d{1,8}")
_current: ContextVar[Trace | None] = ContextVar("httpcode_trace", default=None)


@dataclass(slots=True)
class Trace:
    """What happened to one request so far."""

    kind: str
    channel: str = ""
    ts: str = ""
    retry: int = 0
    status: int = 0
    ack_ms: float = 0.0
    ids: dict[str, None] = field(default_factory=dict)  # an ordered set
    sent: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    skipped: str = ""
    error: str = ""
    started: float = field(default_factory=time.perf_counter)
    _pending: int = 1  # the dispatch itself, plus one per queued job
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def outcome(self) -> str:
        if self.status == 401:
            return "refused"
        if self.status and self.status != 200:
            return f"http_{self.status}"
        if self.sent:
            return "answered"
        if self.lost or self.error:
            return "lost"
        return "skipped" if self.skipped else "none"

    def hold(self) -> Callable[[], None]:
        with self._lock:
            self._pending += 1
        return self._release

    def _release(self) -> None:
        with self._lock:
            self._pending -= 1
            done = self._pending == 0
        if done:
            self._finish()

    def _finish(self) -> None:
        ms = (time.perf_counter() - self.started) * 1000
        outcome = self.outcome()
        if outcome == "refused":  # unsigned: nothing in it is Slack's, so none of it becomes a label or a field
            self.kind, self.channel, self.ts = "unverified", "", ""
        metrics.REQUESTS.labels(self.kind, outcome).inc()
        metrics.ACK_SECONDS.labels(self.kind).observe(self.ack_ms / 1000)
        metrics.REQUEST_SECONDS.labels(self.kind).observe(ms / 1000)
        fields = [f"kind={self.kind}", f"channel={self.channel or '-'}"]
        if self.ts:
            fields.append(f"ts={self.ts}")
        fields.append(f"retry={self.retry}")
        fields += [f"status={self.status}", f"outcome={outcome}"]
        if self.ids:
            ids = list(self.ids)
            fields.append("ids=" + ",".join(ids[:MAX_IDS]) + (f",+{len(ids) - MAX_IDS}" if len(ids) > MAX_IDS else ""))
        for name, value in (("skipped", self.skipped), ("error", self.error)):
            if value:
                fields.append(f'{name}="{value}"')
        for name, calls in (("sent", self.sent), ("lost", self.lost)):
            if calls:
                fields.append(f"{name}=" + ",".join(calls))
        fields += [f"ack_ms={self.ack_ms:.1f}", f"ms={ms:.1f}"]
        log.info("request %s", " ".join(fields))


def start(body: Mapping, headers: Mapping[str, Iterable[str]]) -> tuple[Trace, Token]:
    """Trace a request from here (its dispatch); `stop` ends the dispatch's part, queued jobs hold the rest."""
    event = body.get("event") or {}
    ts = event.get("ts")
    trace = Trace(
        kind=kind_of(body),
        channel=channel_of(body),
        ts=ts if isinstance(ts, str) and _TS.fullmatch(ts) else "",
        retry=_retry(headers),
    )
    return trace, _current.set(trace)


def acked(trace: Trace, status: int) -> None:
    trace.status = status
    trace.ack_ms = (time.perf_counter() - trace.started) * 1000


def stop(trace: Trace, token: Token) -> None:
    _current.reset(token)
    trace._release()


def current() -> Trace | None:
    return _current.get()


def hold() -> Callable[[], None]:
    """Keep the current request's trace open until the returned function is called (a queued job)."""
    trace = _current.get()
    return trace.hold() if trace else _nothing


def matched(ids: Iterable[str]) -> None:
    """Record ids the engine matched for the current request; each distinct id counts once by family."""
    trace = _current.get()
    for entry_id in ids:
        if trace is not None:
            if entry_id in trace.ids:
                continue
            trace.ids[entry_id] = None
        metrics.MATCHES.labels(entry_id.split(":", 1)[0]).inc()


class TracedEngine:
    """The engine, recording what it matched in the current request's trace (for the log line and metrics)."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def explain(self, text: str, *args: Any, **kwargs: Any) -> Any:
        result = self._engine.explain(text, *args, **kwargs)
        matched(m.id for m in result.matches)
        return result

    def lookup(self, entry_id: str, *args: Any, **kwargs: Any) -> Any:
        match = self._engine.lookup(entry_id, *args, **kwargs)
        if match is not None:
            matched([match.id])
        return match

    def __getattr__(self, name: str) -> Any:  # everything else is the engine's own
        return getattr(self._engine, name)


def delivered(method: str, *, error: str = "") -> None:
    """Record a message sent (or, with `error`, lost for good) for the current request."""
    if error:
        failed(method, error)
    trace = _current.get()
    if trace is not None:
        (trace.lost if error else trace.sent).append(method)


def failed(method: str, error: str) -> None:
    """Count a Slack call that failed after its retries (a read, or a message: see `delivered`)."""
    metrics.SLACK_API_ERRORS.labels(method, error).inc()


def skipped(reason: str) -> None:
    """Record why the current request gets no answer (a redelivery, a bot's message...)."""
    trace = _current.get()
    if trace is not None and not trace.skipped:
        trace.skipped = reason


def errored(reason: str) -> None:
    """Record that the current request's answer failed (a listener raised, the store is down)."""
    trace = _current.get()
    if trace is not None:
        trace.error = reason


def kind_of(body: Mapping) -> str:
    """`command`, `event:<type>`, `block_actions`, `message_action`, `url_verification`... (a metric label)."""
    if "command" in body:
        return "command"
    kind = str(body.get("type") or "unknown")
    if kind == "event_callback":
        kind = "event:" + str((body.get("event") or {}).get("type") or "unknown")
    return kind if _KIND.fullmatch(kind) else "other"


def channel_of(body: Mapping) -> str:
    event = body.get("event") or {}
    channel = body.get("channel")
    for value in (
        event.get("channel"),
        body.get("channel_id"),
        channel.get("id") if isinstance(channel, dict) else None,
        (body.get("container") or {}).get("channel_id"),
    ):
        if isinstance(value, str) and _CHANNEL.fullmatch(value):
            return value
    return ""


def _retry(headers: Mapping[str, Iterable[str]]) -> int:
    values = list(headers.get("x-slack-retry-num") or [])
    try:
        return int(values[0]) if values else 0
    except ValueError:
        return 0


def _nothing() -> None:
    pass
