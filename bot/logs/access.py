"""Access logs in the NCSA common/combined layout: nginx, Apache, and what extends it.

`host ident user [time] "request" status bytes ...`: the status is the field after the quoted
request, so the byte count after it (`502 157`) is never a code. ingress-nginx and Traefik append
their own fields; bot.logs.ingress_nginx and bot.logs.traefik recognise those tails.

Examples (tests/test_logs.py checks each):

    203.0.113.7 - - [27/Nov/2024:10:00:00 +0000] "GET / HTTP/1.1" 502 157 "-" "Mozilla/5.0"
    203.0.113.7 - - [27/Nov/2024:10:00:01 +0000] "GET /api HTTP/1.1" 504 404 "-" "curl/8.4.0"
    => combined 502 | combined 504

    ::1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
    => combined 200

A line whose client address was cut out before pasting (`- - [time] ...`) is the same record:

     - - [24/Oct/2022:07:39:32 +0800] "GET /_/assets/index.e13041a6.js HTTP/1.1" 504 562 "http://xxxxx/_/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
    => combined 504

Quoted with a prefix of another log's own (an application logger's time and level, a syslog or
`kubectl logs --timestamps` stamp, the name of the file grep found it in) or cut right before the
request, the record is still the quoted request, its status and its byte count. A service's incident
notes (the time, then the request), a gateway's application log wrapping nginx's line, and a log
collector's demo lines with their collector's stamp:

    11:03:03  "POST /reports/generate HTTP/1.1" 504 0 "-" "example-client-sdk/2.1"
    2024-03-15 09:15:02.345 [gateway-worker-3] ERROR 192.168.1.102 - - [15/Mar/2024:09:15:02 +0000] "POST /api/v1/payments HTTP/1.1" 504 0 "-" "axios/0.21.1" 8333ms
    2026-04-06T14:36:22.104Z nginx: 10.0.3.44 - - [06/Apr/2026:14:36:22 +0000] "POST /v1/charges HTTP/1.1" 504 0 "-" "AcmeCheckout/3.1.0" rt=30.001 upstream_response_time=-
    => combined 504 | combined 504 | combined 504
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

COMBINED = re.compile(
    r'^(?P<host>[^ \t]{1,255}) [^ \t]{1,255} [^ \t]{1,255} \[(?P<time>[^\]]{1,40})\] "(?P<request>[^"]{0,8000})" '
    r"(?P<status>[1-5][0-9][0-9]) (?P<bytes>[0-9]{1,15}|-)"
)


# The quoted request, then its status and byte count, anywhere on a line: `"GET /x HTTP/1.1" 502 0`.
REQUEST_STATUS = re.compile(
    r'(?:^|(?<=[ \t\]:]))"(?P<request>(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH|PROPFIND|PROPPATCH|MKCOL|COPY|MOVE|LOCK'
    r'|UNLOCK|CONNECT|TRACE|REPORT) [^" \t]{1,4000} HTTP/[0-9](?:\.[0-9])?)" (?P<status>[1-5][0-9][0-9]) '
    r"(?P<bytes>[0-9]{1,15}|-)(?![^ \t])"
)


def inside(line: str) -> tuple[LogRecord, re.Match[str]] | None:
    """A combined record quoted after another log's prefix, or cut right before its request."""
    m = REQUEST_STATUS.search(line) if '" ' in line else None
    if m is None:
        return None
    return LogRecord("combined", status=m["status"], quoted=True), m


def parse(line: str) -> tuple[LogRecord, re.Match[str]] | None:
    m = COMBINED.match(line)
    if m is None and line.startswith("- - ["):
        m = COMBINED.match("- " + line)  # the address was removed; positions past it are not used
    if m is None:
        return None
    return LogRecord("combined", status=m["status"], time=m["time"]), m
