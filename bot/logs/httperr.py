"""HTTP.sys error logs (`%SystemRoot%\\System32\\LogFiles\\HTTPERR\\httperr*.log`).

HTTP.sys writes a line for each request or connection it ended itself, before or instead of
IIS. After the status comes the site id (`503 1`), not a sub-status, and the reason phrase
(`s-reason`) is the news: it becomes `httperr:<Reason>`. Many reasons come without a status,
because no response was sent (`Timer_ConnectionIdle`, `Connection_Dropped`). The layout is
date time c-ip c-port s-ip s-port cs-version cs-method cs-uri [streamid] sc-status s-siteid
s-reason s-queuename; HTTP API 1.0 logs lack the queue name.

Examples (tests/test_logs.py checks each):

    #Software: Microsoft HTTP API 2.0
    #Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename
    2026-11-20 09:15:31 10.1.2.3 51240 10.1.2.10 443 - - - - - - Timer_ConnectionIdle -
    2026-11-20 09:16:02 10.1.2.3 51241 10.1.2.10 443 HTTP/2.0 GET /app - 503 2 AppOffline MyPool
    => httperr httperr:Timer_ConnectionIdle | httperr 503 httperr:AppOffline

    2026-11-20 09:14:02 10.1.2.3 51234 10.1.2.10 443 HTTP/1.1 GET /x 503 1 AppOffline DefaultAppPool
    => httperr 503 httperr:AppOffline

    2002-07-05 20:06:01 172.31.77.6 64388 127.0.0.1 80 - - - - - Timer_MinBytesPerSecond
    => httperr httperr:Timer_MinBytesPerSecond

    2007-01-01 23:48:12 10.0.0.1 3362 10.0.0.2 80 HTTP/1.0 POST /URL/Page - 1 Connection_Dropped
    => httperr httperr:Connection_Dropped

    2026-11-20 03:12:44 10.9.0.51 50412 10.9.0.5 80 HTTP/1.1 GET /api/search?q=ssd - - 2 Connection_Abandoned_By_ReqQueue SearchPool
    => httperr httperr:Connection_Abandoned_By_ReqQueue

    2026-11-20 03:12:50 10.9.0.51 50413 10.9.0.5 443 HTTP/1.1 GET /big - 400 - BadRequest -
    => httperr 400 httperr:BadRequest
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, num, row_of, status

# Reasons HTTP.sys documents (Microsoft's "Error logging in HTTP APIs"); others are read by shape.
REASONS = frozenset(
    "AppOffline AppPoolTimer AppShutdown BadRequest Client_Reset Connection_Abandoned_By_AppPool "
    "Connection_Abandoned_By_ReqQueue Connection_Dropped Connection_Dropped_List_Full ConnLimit "
    "Connections_Refused Disabled EntityTooLarge FieldLength Forbidden Header Hostname Internal "
    "Invalid_CR/LF LengthRequired N/A N/I Number Precondition QueueFull RequestLength Timer_AppPool "
    "Timer_ConnectionIdle Timer_EntityBody Timer_HeaderWait Timer_MinBytesPerSecond Timer_ReqQueue "
    "Timer_Response URL URL_Length Verb Version_N/S SSL_Accept_Failed".split()
)
# Undocumented reasons still have the documented ones' shapes: `Timer_Xxx`, or CamelCase words
# (`SlowResponsiveClient` in HTTPERR logs of Windows Server 2022): read, and answered as unknown.
_SHAPE = re.compile(r"[A-Z][A-Za-z]{1,30}(?:_[A-Za-z/]{1,30}){1,4}|[A-Z][a-z]{1,20}(?:[A-Z][a-z]{1,20}){2,5}")
_IP = re.compile(r"[0-9a-fA-F.:%]{3,60}")


def is_reason(token: str) -> bool:
    return token in REASONS or bool(_SHAPE.fullmatch(token))


def is_layout(tokens: list[str]) -> bool:
    """date time c-ip c-port s-ip s-port: two addresses, each followed by its port."""
    return (
        len(tokens) >= 8
        and _IP.fullmatch(tokens[2]) is not None
        and num(tokens[3], 5) is not None
        and _IP.fullmatch(tokens[4]) is not None
        and num(tokens[5], 5) is not None
    )


def from_fields(fields: list[str], tokens: list[str]) -> LogRecord | None:
    row = row_of(fields, tokens)
    if row is None:
        return None
    reason = row.get("s-reason", "-")
    codes = (f"httperr:{reason}",) if reason not in ("-", "") and is_reason(reason) else ()
    code = status(row.get("sc-status"))
    if code is None and not codes:
        return None
    time = f"{row.get('date', '')} {row.get('time', '')}".strip() or None
    site = num(row.get("s-siteid"))
    return LogRecord("httperr", status=code, time=time, codes=codes, detail={"site": site} if site else {})


def guess(tokens: list[str]) -> LogRecord | None:
    """A headerless HTTPERR line: the reason is the last token, or the one before the queue name."""
    if not is_layout(tokens):
        return None
    ends = (len(tokens) - 1, len(tokens) - 2)
    # a documented reason first; a reason read by its shape must follow the site id (a number or `-`),
    # or a queue name (`DefaultAppPool`) would pass for one
    idx = next((i for i in ends if i > 5 and tokens[i] in REASONS), None)
    if idx is None:
        idx = next(
            (i for i in ends if i > 5 and is_reason(tokens[i]) and (tokens[i - 1] == "-" or tokens[i - 1].isdigit())),
            None,
        )
    if idx is None:
        return None
    code = status(tokens[idx - 2]) if idx - 2 > 5 else None
    site = num(tokens[idx - 1])
    return LogRecord(
        "httperr",
        status=code,
        time=f"{tokens[0]} {tokens[1]}",
        codes=(f"httperr:{tokens[idx]}",),
        detail={"site": site} if site else {},
    )
