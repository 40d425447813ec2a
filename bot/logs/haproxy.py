"""HAProxy HTTP logs (`option httplog`), with or without the syslog prefix.

`client:port [accept date] frontend backend/server Tq/Tw/Tc/Tr/Ta status bytes cookies cookies
termination-state ...`: the status follows the five timers; the termination state (`sH--`: the
server's response headers timed out, `SC--`: the server refused the connection) goes in `detail`.
A status of -1 means no response was sent.

Examples (tests/test_logs.py checks each):

    Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1"
    => haproxy 200

    10.0.1.2:33320 [06/Feb/2009:12:14:20.100] http-in app/srv2 0/0/-1/-1/3001 503 212 - - SC-- 2/2/0/0/3 0/0 "GET /api HTTP/1.1"
    => haproxy 503

    haproxy[77]: 10.0.1.9:41000 [12/Mar/2024:10:00:00.001] fe_main be_api/api1 0/0/1/-1/30002 504 194 - - sH-- 5/5/4/4/0 0/0 "POST /report HTTP/1.1"
    => haproxy 504
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, status

LINE = re.compile(
    r"(?:^|\]: )(?P<client>[0-9a-fA-F.:]{3,60}):[0-9]{1,5} \[(?P<time>[^\]]{10,40})\] [^ ]{1,200} [^ ]{1,300} "
    r"-?[0-9]{1,10}(?:/-?\+?[0-9]{1,10}){3,4} (?P<status>-?[0-9]{1,3}) \+?[0-9]{1,15} [^ ]{1,200} [^ ]{1,200} "
    r"(?P<term>[-A-Za-z]{4})"
)


def parse(line: str) -> LogRecord | None:
    m = LINE.search(line, 0, 400)
    if m is None:
        return None
    return LogRecord("haproxy", status=status(m["status"]), time=m["time"], detail={"termination": m["term"]})
