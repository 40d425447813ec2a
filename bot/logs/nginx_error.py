"""nginx error logs: `2024/11/27 10:00:00 [error] 1234#0: *56 message`.

`1234#0` is the worker's process id and thread, `*56` the connection number: neither is a
status, even when it reads 502 (the span goes in `skip`, so nothing on it is read as a code).
The message carries the cause (`connect() failed (111: Connection refused) while connecting to
upstream`); the record has no status of its own. The date may be missing in a quote.

Examples (tests/test_logs.py checks each):

    2020/05/07 03:15:12 [error] 6#6: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 172.21.0.1
    => nginx-error

    [error] 502#0: *404 upstream timed out (110: Connection timed out) while reading response header from upstream
    => nginx-error
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

LINE = re.compile(
    r"(?:(?P<time>[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}) )?\[(?P<level>[a-z]{1,10})\] "
    r"[0-9]{1,10}#[0-9]{1,10}: (?:\*[0-9]{1,20} )?"
)


def parse(line: str) -> LogRecord | None:
    if "#" not in line:
        return None
    m = LINE.search(line, 0, 200)
    if m is None:
        return None
    msg = line[m.end() : m.end() + 500]
    return LogRecord("nginx-error", time=m["time"], message=msg, skip=(m.start(), m.end()), quoted=m.start() > 0)
