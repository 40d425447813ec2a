"""`curl -v` output: the response status lines (`< HTTP/1.1 301 Moved Permanently`, `< HTTP/2 503`).

Examples (tests/test_logs.py checks each):

    < HTTP/1.1 301 Moved Permanently
    < HTTP/2 503
    => curl 301 | curl 503
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

LINE = re.compile(r"^< HTTP/[123](?:\.[01])? (?P<status>[1-5][0-9][0-9])(?![0-9A-Za-z])")


def parse(line: str) -> LogRecord | None:
    m = LINE.match(line)
    return LogRecord("curl", status=m["status"]) if m else None
