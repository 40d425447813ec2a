"""Amazon CloudFront standard logs: W3C, tab-separated, `#Fields: date time x-edge-location ...`.

With the header every value is read by name; without it the documented order is used (status is
the ninth field). `x-edge-result-type` (`Error`, `LimitExceeded`, `CapacityExceeded`) goes in `detail`.

Examples (tests/test_logs.py checks each):

    2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t502\t-\tMozilla/5.0\t-\t-\tError\tSOX4xwn4XV6Q4rgb7XiVGOHms\td111111abcdef8.cloudfront.net\thttps\t23\t0.001
    => cloudfront 502

    #Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type
    2019-12-04\t21:02:31\tIAD79-C3\t1000\t192.0.2.1\tGET\td1.cloudfront.net\t/a\t403\t-\tcurl/8\t-\t-\tError
    => cloudfront 403

    2024-05-01 10:13:01 IAD89-C1 915 198.51.100.22 GET d111111abcdef8.cloudfront.net /reports/export.csv 504 - Mozilla/5.0 - - Error x9Lk3_example== reports.example.com https 402 30.002 - TLSv1.3 TLS_AES_128_GCM_SHA256 Error HTTP/2.0
    => cloudfront 504
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, row_of, status

EDGE = re.compile(r"[A-Z]{3}[0-9]{1,3}(?:-[A-Z0-9]{1,6})?")


def from_fields(fields: list[str], tokens: list[str]) -> LogRecord | None:
    row = row_of(fields, tokens)
    if row is None:
        return None
    code = status(row.get("sc-status"))
    if code is None:
        return None
    rec = LogRecord("cloudfront", status=code, time=f"{row.get('date', '')} {row.get('time', '')}".strip())
    if row.get("x-edge-result-type", "-") != "-":
        rec.detail["result"] = row["x-edge-result-type"]
    return rec


_METHODS = frozenset("GET HEAD POST PUT DELETE OPTIONS PATCH CONNECT".split())


def guess(line: str) -> LogRecord | None:
    """A line without the header, by the documented order; pasted into chat its tabs become spaces (no field holds
    a space: CloudFront encodes them), so a space-separated line is read when the edge and method fields fit."""
    if "\t" in line:
        tokens = line.split("\t")
    else:
        tokens = line.split(" ")
        if len(tokens) < 14 or tokens[5] not in _METHODS:
            return None
    if len(tokens) < 14 or not EDGE.fullmatch(tokens[2]):
        return None
    code = status(tokens[8])
    if code is None:
        return None
    return LogRecord("cloudfront", status=code, time=f"{tokens[0]} {tokens[1]}", detail={"result": tokens[13]})
