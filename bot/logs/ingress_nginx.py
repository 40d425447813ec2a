"""ingress-nginx (Kubernetes) access logs: combined, then request length and time, the upstream
name in brackets, and the upstream's own address, length, time and status.

The record's status is what the client got; the upstream's status goes in `detail`.

Examples (tests/test_logs.py checks each):

    10.244.0.1 - - [12/Mar/2024:10:15:32 +0000] "GET /api HTTP/1.1" 502 150 "-" "curl/8.5.0" 83 0.002 [default-api-80] [] 10.244.1.7:8080 0 0.001 502 4f1c2d9e0a
    => ingress-nginx 502

    10.244.0.1 - - [12/Mar/2024:10:15:33 +0000] "POST /upload HTTP/2.0" 413 176 "-" "Mozilla/5.0" 9123 0.000 [default-web-80] [] - - - - 7ab1
    => ingress-nginx 413
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

TAIL = re.compile(
    r" [0-9]{1,12} [0-9.]{1,12} \[(?P<upstream>[^\]]{0,253})\] \[[^\]]{0,253}\] (?P<addr>[^ ]{1,300}) "
    r"[^ ]{1,100} [^ ]{1,100} (?P<ustatus>[^ ]{1,60})"
)


def refine(record: LogRecord, rest: str) -> bool:
    m = TAIL.search(rest)
    if m is None:
        return False
    record.kind = "ingress-nginx"
    if m["upstream"]:
        record.detail["upstream"] = m["upstream"]
    if m["ustatus"] != "-":
        record.detail["upstream_status"] = m["ustatus"]
    return True
