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

Quoted in chat, a line often starts at the accept date, the syslog prefix and the client cut off
(haproxy/haproxy#1761 and fail2ban/fail2ban#1288, quoted from the `[`), or after a label of the
writer's own (`HAPRoxy: 10.255.0.3:52647 [...`, from a Docker Flow Proxy tutorial); a paste may
wrap the line right after the status (a wrapped syslog line, the status ending the line):

    [24/Jun/2022:03:07:08.378] proxyfront proxyfront/<NOSRV> -1/-1/-1/-1/0 400 0 - - PR-- 1/1/0/0/0 0/0 "<BADREQ>"
    [14/Nov/2015:22:45:11.608] main main/<NOSRV> -1/-1/-1/-1/0 401 248 - - PR-- 0/0/0/0/0 0/0 "GET / HTTP/1.1"
    => haproxy 400 | haproxy 401

    HAPRoxy: 10.255.0.3:52647 [10/Mar/2017:13:18:00.995] services services/<NOSRV> -1/-1/-1/-1/0 503 1271 - - SC-- 0/0/0/0/0 0/0 "GET /this/endpoint/does/not/exist HTTP/1.1"
    => haproxy 503

    [26/Jul/2019:03:37:49.123] https_frontend~ https_frontend/<NOSRV> -1/-1/-1/-1/0 503
    => haproxy 503

    [15/Oct/2003:15:19:06.103] px-http px-http/<NOSRV> -1/-1/-1/-1/+50001 408 +2750 - - cR-- 2/2/2/0/+2 0/0 ""
    => haproxy 408

Cut further, a line starts at the timers (the space-aligned columns some writers keep included); the
status, bytes, two cookie fields, the termination state and the five connection counts after it still
say what it is. The lines of haproxy/haproxy#2071 and #2751, cut there:

    0/0/3/-1/600004 504 198 - - sH-- 1757/1757/11/0/0 0/0 {Go-http-client/2.0} "GET https://api.domain.com/xyz HTTP/2.0"
    0/   0/-1/-1/3 -1 0 - - CC-- 1089/1088/0/0/0 0/0 {phantasy.example.com|Mozilla/5.0}
    => haproxy 504 | haproxy
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, status

LINE = re.compile(
    r"(?:(?:^|(?<=[ \t>]))(?P<client>[0-9a-fA-FxX*.:]{3,60}):[0-9]{1,5} |^)\[(?P<time>[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:.]{8,12})\] [^ ]{1,200} [^ ]{1,300} "
    r"[-+]?[0-9]{1,10}(?:/-?\+?[0-9]{1,10}){3,4} (?P<status>-?[0-9]{1,3})"
    r"(?: \+?[0-9]{1,15} [^ ]{1,200} [^ ]{1,200} (?P<term>[-A-Za-z]{4})(?= |$)| ?$)"
)


# From the timers on: `Tq/Tw/Tc/Tr/Ta status bytes cookie cookie term actconn/feconn/beconn/srv_conn/retries`.
FROM_TIMERS = re.compile(
    r"^[ \t]{0,8}[-+]?[0-9]{1,10}(?:/[ ]{0,6}-?\+?[0-9]{1,10}){3,4} (?P<status>-?[0-9]{1,3}) \+?[0-9]{1,15} "
    r"[^ ]{1,200} [^ ]{1,200} (?P<term>[-A-Za-z]{4}) \+?[0-9]{1,10}(?:/\+?[0-9]{1,10}){4}(?= |$)"
)


def _record(m: re.Match[str], time: str | None = None) -> LogRecord:
    detail = {"termination": m["term"]} if m["term"] else {}
    return LogRecord("haproxy", status=status(m["status"]), time=time, detail=detail)


def parse_from_timers(line: str) -> LogRecord | None:
    m = FROM_TIMERS.match(line)
    return _record(m) if m else None


def parse(line: str) -> LogRecord | None:
    m = LINE.search(line, 0, 400)
    return _record(m, m["time"]) if m else None
