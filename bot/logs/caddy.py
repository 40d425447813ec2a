"""Caddy's JSON logs: access (`"logger":"http.log.access..."`, `"msg":"handled request"`) and
errors (`"logger":"http.log.error"`), each with the `status` sent.

Examples (tests/test_logs.py checks each):

    {"level":"error","ts":1732700000.12,"logger":"http.log.error","msg":"dial tcp 127.0.0.1:8080: connect: connection refused","request":{"method":"GET","uri":"/"},"duration":0.001,"status":502}
    => caddy 502

    {"level":"info","ts":1732700001.5,"logger":"http.log.access.log0","msg":"handled request","request":{"method":"GET","uri":"/x"},"bytes_read":0,"duration":0.0004,"size":0,"status":404}
    => caddy 404
"""

from __future__ import annotations

from bot.logs.base import LogRecord, status


def from_json(obj: dict) -> LogRecord | None:
    logger = obj.get("logger")
    if not isinstance(logger, str) or not logger.startswith("http.") or "status" not in obj:
        return None
    msg = obj.get("msg") if isinstance(obj.get("msg"), str) else ""
    return LogRecord("caddy", status=status(str(obj["status"])), message=msg[:500])
