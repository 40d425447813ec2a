"""Log records: IIS W3C (web and FTP), nginx/Apache access logs, AWS ALB, curl -v (fields in bot.logs).

Codes read from log fields are exact, because the format says which field is the status; the
line is then taken, so byte counts and time-taken values on it are never read as codes.

Examples (tests/test_recognize.py runs each through the engine):

    2024-05-01 10:00:00 10.0.0.5 GET /app - 443 - 10.0.0.9 Mozilla - 500 19 13 15
    => http:500.19

    10.0.0.1 - - [10/Oct/2024:13:55:36 +0000] "GET /a HTTP/1.1" 502 404 "-" "curl/8.0"
    10.0.0.1 - - [10/Oct/2024:13:55:37 +0000] "GET /a HTTP/1.1" 502 404 "-" "curl/8.0"
    => http:502
"""

from __future__ import annotations

from bot import logs
from bot.recognize.base import EXPLICIT, Mention


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    if "\n" not in text and not logs.W3C_START.match(text) and not logs.COMBINED.match(text):
        return
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    scanned = logs.scan(lines)
    seen: dict[tuple, int] = {}
    for rec in scanned.records:
        if rec.status is None:
            continue
        key = (rec.kind, rec.status, rec.substatus, rec.win32)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 3:  # a thousand identical lines say no more than three
            continue
        start = offsets[rec.line_no - 1]
        taken.update(range(start, start + len(lines[rec.line_no - 1]) + 1))
        if rec.kind == "iis-ftp":
            detail = {k: v for k, v in (("substatus", rec.substatus), ("win32", rec.win32)) if v and v != "0"}
            found.append(Mention(rec.status, EXPLICIT, "iis-ftp-log", start, start, "ftp", detail))
            if rec.substatus and rec.substatus != "0":
                found.append(Mention(f"sub.{rec.substatus}", EXPLICIT * 0.9, "iis-ftp-log", start, start, "ftp"))
        elif rec.kind == "iis":
            code = rec.status if not rec.substatus or rec.substatus == "0" else f"{rec.status}.{rec.substatus}"
            detail = {"win32": rec.win32} if rec.win32 and rec.win32 != "0" else {}
            found.append(Mention(code, EXPLICIT, "iis-log", start, start, "http", detail))
        else:
            found.append(Mention(rec.status, EXPLICIT, f"{rec.kind}-log", start, start, "http"))
        if rec.win32 and rec.win32 != "0":
            found.append(Mention(rec.win32, EXPLICIT * 0.85, "iis-log-win32", start, start, "win32"))
