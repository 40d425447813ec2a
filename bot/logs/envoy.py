"""Envoy and Istio access logs: the default text layout and JSON.

`[time] "request" status flags ...`: after the status come the response flags (`UH`, `UF,URX`,
`-` for none), each read as `envoy:<FLAG>`. A status of 0 means no response was sent.

Examples (tests/test_logs.py checks each):

    [2024-03-12T10:15:32.409Z] "GET /api HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-" "curl/8.4.0" "5c7c" "api.local" "-"
    => envoy 503 envoy:UH

    [2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0" "locations" "tcp://10.0.2.1:80"
    => envoy 204

    [2024-03-12T10:15:40.001Z] "GET /pay HTTP/1.1" 0 DC,UF - "-" 0 0 5 - "-" "okhttp/4" "a1" "pay:8080" "10.1.2.3:8080"
    => envoy envoy:DC envoy:UF

    {"start_time":"2024-03-12T10:15:32.409Z","method":"GET","path":"/api","response_code":504,"response_flags":"UT","upstream_host":"10.1.0.4:8080"}
    => envoy 504 envoy:UT
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, status

FLAG = re.compile(r"[A-Z]{2,5}")
TEXT = re.compile(
    r'^\[(?P<time>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,20}(?:Z|[+-][0-9:]{4,5})?)\] "(?P<request>[^"]{0,8000})" '
    r"(?P<status>[0-9]{1,3}) (?P<flags>[A-Z]{2,5}(?:,[A-Z]{2,5}){0,9}|-) "
)


def _flags(value: object) -> tuple[str, ...]:
    if not isinstance(value, str) or value in ("", "-"):
        return ()
    return tuple(f"envoy:{f}" for f in value.split(",") if FLAG.fullmatch(f))


def parse(line: str) -> LogRecord | None:
    m = TEXT.match(line)
    if m is None:
        return None
    return LogRecord("envoy", status=status(m["status"]), time=m["time"], codes=_flags(m["flags"]))


def from_json(obj: dict) -> LogRecord | None:
    if "response_flags" not in obj and "response_code" not in obj:
        return None
    code = status(str(obj.get("response_code", "")))
    codes = _flags(obj.get("response_flags"))
    if code is None and not codes:
        return None
    return LogRecord("envoy", status=code, time=str(obj.get("start_time") or "") or None, codes=codes)
