"""Apache httpd error logs: `[time] [module:level] [pid N] [client ip:port] AHnnnnn: message`.

The record has no status; its message (and the AH number) carries the cause.

Examples (tests/test_logs.py checks each):

    [Wed Nov 27 10:00:00.123456 2024] [proxy:error] [pid 1234] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 (127.0.0.1) failed
    => apache-error
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

LINE = re.compile(r"^\[(?P<time>[^\]]{1,60})\] \[(?:[\w-]{1,30}:)?(?P<level>[a-z]{1,10}[0-9]?)\] ")


def parse(line: str) -> LogRecord | None:
    m = LINE.match(line)
    if m is None:
        return None
    return LogRecord("apache-error", time=m["time"], message=line[m.end() : m.end() + 500])
