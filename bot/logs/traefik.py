"""Traefik access logs: the common layout with request count, router, service URL and duration,
or JSON with `DownstreamStatus` (what the client got) and `OriginStatus` (what the backend said;
0 when Traefik never reached one).

Examples (tests/test_logs.py checks each):

    192.168.1.10 - - [10/Oct/2024:13:55:36 +0000] "GET /api HTTP/1.1" 502 11 "-" "curl/8.4.0" 42 "api@docker" "http://172.18.0.5:8080" 3ms
    => traefik 502

    {"ClientHost":"10.0.0.9","DownstreamStatus":504,"OriginStatus":0,"RequestMethod":"GET","RequestPath":"/slow","RouterName":"web@docker","Duration":30001234567}
    => traefik 504
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, status

TAIL = re.compile(r' [0-9]{1,12} "(?P<router>[^"]{0,200})" "(?P<service>[^"]{0,500})" [0-9]{1,12}ms')


def refine(record: LogRecord, rest: str) -> bool:
    m = TAIL.search(rest)
    if m is None:
        return False
    record.kind = "traefik"
    record.detail["router"] = m["router"]
    return True


def from_json(obj: dict) -> LogRecord | None:
    if "DownstreamStatus" not in obj:
        return None
    rec = LogRecord("traefik", status=status(str(obj.get("DownstreamStatus"))), time=str(obj.get("time") or "") or None)
    origin = obj.get("OriginStatus")
    if origin is not None:
        rec.detail["origin_status"] = str(origin)
    return rec
