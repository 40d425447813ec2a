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
"""

from __future__ import annotations

from bot import logs
from bot.recognize.base import EXPLICIT, Mention

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
