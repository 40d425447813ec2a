"""Log records, read by their fields: every format bot.logs knows (IIS W3C web and FTP, HTTPERR,
nginx/Apache, Envoy, HAProxy, Traefik, ALB, CloudFront, Heroku router, curl -v ...).

Codes read from log fields are exact, because the format says which field is the status; the
line is then taken, so byte counts and time-taken values on it are never read as codes.

Examples (tests/test_recognize.py runs each through the engine):

    2024-05-01 10:00:00 10.0.0.5 GET /app - 443 - 10.0.0.9 Mozilla - 500 19 13 15
    => http:500.19

    10.0.0.1 - - [10/Oct/2024:13:55:36 +0000] "GET /a HTTP/1.1" 502 404 "-" "curl/8.0"
    10.0.0.1 - - [10/Oct/2024:13:55:37 +0000] "GET /a HTTP/1.1" 502 404 "-" "curl/8.0"
    => http:502

A line as a log shipper wraps it in JSON, pasted one field a line (`"message": "..."`, OpenTelemetry's
`"body": "..."`) is the record in that string: OpenObserve's IIS ingestion guide shows one so.

    "body": "2024-03-10 10:39:35 ::1 GET / - 80 - ::1 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/121.0.0.0+Safari/537.36+Edg/121.0.0.0 - 304 0 0 0",
    => http:304

Log fields pasted as a table (Markdown or psql `|` rows) are read by the header's status column:

    |'request_processing_time'|'target_processing_time'|'elb_status_code'|'received_bytes'|'sent_bytes'|
    |--|--|--|--|--|
    |0.003|0.0|502|525|155|
    => http:502

The words of a record's free fields (request path, referrer, User-Agent) are no wording evidence: a
browser's `Windows NT 10.0` is not FTP's `215 Windows_NT` system reply. bot.engine matches wording
on the text without the record lines listed in `spans`.

    2024-05-01 10:00:00 10.0.0.5 GET /app - 443 - 10.0.0.9 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 503 0 0 15
    => http:503

An IIS log's last fields quoted in prose beside words naming an IIS log: `sc-status sc-substatus
sc-win32-status` as IIS writes them, three numbers (the Windows value may be an HRESULT in
decimal, as 2148074254 = 0x8009030E). An error status leads with its sub-status; beside a success
the Windows value is the news (`200 0 64`: the client went away), and `200 0 0` says nothing.
The first is iamivan.net/a/pXxRPLp.html's own words; the others put the values David Wang's
"HOWTO: Diagnose 401.x HTTP errors on IIS" shows logged (401 2 5, 401 1 2148074254) into
sentences of that kind:

    前段时间,一些百度的密切关注者纷纷撰文,大谈IIS日志 200 0 64 状态乃百度封站“拨毛”之征兆。
    => win32:64

    In the IIS log the first request shows 401 2 5 (the challenge), then 401 1 2148074254
    => http:401.1

    In the IIS logs most lines are 200 0 0, but some show 200 0 995
    => win32:995

    Our IIS log has nothing but 200 0 0 lines
    => -
"""

from __future__ import annotations

import re

from bot import logs
from bot.recognize.base import EXPLICIT, Mention

# Words naming an IIS log in prose: `IIS logs`, `IIS Log 裡`, `IIS access log`, `IIS 日志`, `iislog`.
_IIS_LOG = re.compile(r"(?<![A-Za-z])(?i:iis) ?(?:(?i:web|access|server) )?(?:(?i:log)|日志|日誌|记录|記錄)")
# sc-status sc-substatus sc-win32-status as IIS writes them: `401 1 2148074248`, `200 0 64`.
_TRIPLE = re.compile(r"(?<![0-9.:/,-])([1-5][0-9]{2}) ([0-9]{1,4}) ([0-9]{1,10})(?![0-9]|[.:/-][0-9])")
_IIS_WINDOW = 300  # characters after the words naming the log

# Records whose free fields are a request, a referrer and a client string (not a message to read).
_FIELD_KINDS = frozenset({"combined", "iis", "iis-ftp", "cloudfront", "alb", "haproxy", "traefik", "caddy", "envoy"})


# Header cells naming the status a table's rows hold, best first (the target's status is detail).
_STATUS_COLUMNS = ("elb_status_code", "sc-status", "status_code", "statuscode", "http_status", "status",
                   "response_code", "sc_status")  # fmt: skip


def _cells(line: str) -> list[str]:
    return [c.strip(" '\"*") for c in line.strip().strip("|").split("|")]


def _tables(text: str, lines: list[str], offsets: list[int], found: list[Mention], taken: set[int]) -> None:
    """Rows of `|` tables whose header names a status column: that column's value is the status."""
    column, width, seen = -1, 0, 0
    for n, line in enumerate(lines):
        if "|" not in line:
            column = -1
            continue
        cells = _cells(line)
        if column < 0:
            lowered = [c.lower() for c in cells]
            column = next((lowered.index(name) for name in _STATUS_COLUMNS if name in lowered), -1)
            width = len(cells)
            continue
        if len(cells) != width or set(line.strip()) <= set("|-: "):
            continue
        value = cells[column]
        if len(value) == 3 and value.isascii() and value.isdigit() and value[0] in "12345":
            start = offsets[n]
            taken.update(range(start, start + len(line) + 1))
            seen += 1
            if seen <= 12:
                found.append(Mention(value, EXPLICIT, "table-status", start, start + len(line), "http"))


def _iis_prose(text: str, found: list[Mention], taken: set[int]) -> None:
    """`IIS logs show this: 401 1 2148074248`: the triple after words naming an IIS log."""
    seen: set[int] = set()
    for words in _IIS_LOG.finditer(text):
        for m in _TRIPLE.finditer(text, words.end(), words.end() + _IIS_WINDOW):
            if m.start() in seen or m.start() in taken:
                continue
            seen.add(m.start())
            status, sub, win32 = m[1], str(int(m[2])), str(int(m[3]))
            at, end = m.start(), m.end()
            if status[0] in "23":  # a success: only its Windows value can be the news
                if win32 != "0":
                    found.append(Mention(win32, EXPLICIT, "iis-log-win32", at, end, "win32"))
                    found.append(Mention(status, EXPLICIT * 0.8, "iis-prose", at, end, "http"))
                continue
            code = status if sub == "0" else f"{status}.{sub}"
            detail = {"win32": win32} if win32 != "0" else {}
            found.append(Mention(code, EXPLICIT, "iis-prose", at, end, "http", detail))
            if win32 != "0":
                found.append(Mention(win32, EXPLICIT * 0.85, "iis-log-win32", at, end, "win32"))
        if len(seen) > 12:
            return


def read(text: str, found: list[Mention], taken: set[int], spans: list[tuple[int, int]] | None = None) -> None:
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    if "|" in text and "status" in text.lower():
        _tables(text, lines, offsets, found, taken)
    seen: dict[tuple, int] = {}
    for rec in logs.iter_records(lines):
        start = offsets[rec.line_no - 1]
        if rec.skip is not None:  # nginx's `502#0:` process id: nothing there is a code
            taken.update(range(start + rec.skip[0], start + rec.skip[1]))
        codes = logs.mentions_of(rec)
        if not codes:
            continue
        if spans is not None and rec.kind in _FIELD_KINDS and not rec.quoted and rec.status is not None:
            spans.append((start, start + len(lines[rec.line_no - 1])))
        seen[rec.key] = seen.get(rec.key, 0) + 1
        if seen[rec.key] > 3:  # a thousand identical lines say no more than three
            continue
        if logs.counts(rec):  # the line's own fields are read: nothing else on it is a code
            taken.update(range(start, start + len(lines[rec.line_no - 1]) + 1))
        for code, family, weight, kind, detail in codes:
            if family == "httperr" and rec.status is None and len(codes) == 1:
                weight *= 0.65  # an HTTPERR reason with no status: no response was sent (users saw the ones with one)
            found.append(Mention(code, EXPLICIT * weight, kind, start, start, family, dict(detail)))
    if "IIS" in text or "iis" in text or "Iis" in text:
        _iis_prose(text, found, taken)
