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
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

COMBINED = re.compile(
    r'^(?P<host>[^ \t]{1,255}) [^ \t]{1,255} [^ \t]{1,255} \[(?P<time>[^\]]{1,40})\] "(?P<request>[^"]{0,8000})" '
    r"(?P<status>[1-5][0-9][0-9]) (?P<bytes>[0-9]{1,15}|-)"
)


def parse(line: str) -> tuple[LogRecord, re.Match[str]] | None:
    m = COMBINED.match(line)
    if m is None and line.startswith("- - ["):
        m = COMBINED.match("- " + line)  # the address was removed; positions past it are not used
    if m is None:
        return None
    return LogRecord("combined", status=m["status"], time=m["time"]), m
