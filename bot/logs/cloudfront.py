"""Amazon CloudFront standard logs: W3C, tab-separated, `#Fields: date time x-edge-location ...`.

With the header every value is read by name; without it the documented order is used (status is
the ninth field). `x-edge-result-type` (`Error`, `LimitExceeded`, `CapacityExceeded`) goes in `detail`.

Examples (tests/test_logs.py checks each):

    2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t502\t-\tMozilla/5.0\t-\t-\tError\tSOX4xwn4XV6Q4rgb7XiVGOHms\td111111abcdef8.cloudfront.net\thttps\t23\t0.001
    => cloudfront 502

    #Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type
    2019-12-04\t21:02:31\tIAD79-C3\t1000\t192.0.2.1\tGET\td1.cloudfront.net\t/a\t403\t-\tcurl/8\t-\t-\tError
    => cloudfront 403
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, status

EDGE = re.compile(r"[A-Z]{3}[0-9]{1,3}(?:-[A-Z0-9]{1,6})?")


def from_fields(fields: list[str], tokens: list[str]) -> LogRecord | None:
    if len(tokens) != len(fields):
        return None
    row = dict(zip(fields, tokens, strict=True))
    code = status(row.get("sc-status"))
    if code is None:
        return None
    rec = LogRecord("cloudfront", status=code, time=f"{row.get('date', '')} {row.get('time', '')}".strip())
    if row.get("x-edge-result-type", "-") != "-":
        rec.detail["result"] = row["x-edge-result-type"]
    return rec


def guess(line: str) -> LogRecord | None:
    if "\t" not in line:
        return None
    tokens = line.split("\t")
    if len(tokens) < 14 or not EDGE.fullmatch(tokens[2]):
        return None
    code = status(tokens[8])
    if code is None:
        return None
    return LogRecord("cloudfront", status=code, time=f"{tokens[0]} {tokens[1]}", detail={"result": tokens[13]})
