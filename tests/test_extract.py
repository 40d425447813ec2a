"""Codes in every form people paste, and numbers that are not codes."""

from __future__ import annotations

import pytest

from bot.extract import EXPLICIT, find_mentions
from bot.text import clean


def codes(text: str) -> list[str]:
    return [m.code for m in find_mentions(clean(text))]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("401.3", "401.3"),
        ("401-3", "401.3"),
        ("HTTP 401.3", "401.3"),
        ("HTTP Error 500.19 - Internal Server Error", "500.19"),
        ("HTTP 错误 500.19 - Internal Server Error", "500.19"),
        ("报HTTP403错误", "403"),
        ("500.100 ASP error", "500.100"),
        ("HTTP 500-100.asp", "500.100"),
        ("Error 522 Ray ID: 2b06db3818810da9", "522"),
        ("the status code 404 came back", "404"),
        ("curl: (22) The requested URL returned error: 403", "403"),
        ("The remote server returned an error: (502) Bad Gateway.", "502"),
        ("550 Permission denied", "550"),
        ("Error Code 0x80070021", "0x80070021"),
        ("IIS 10.0 Detailed Error - 403.14 - Forbidden", "403.14"),
        ("HTTP/1.1 401 Unauthorized", "401"),
        ("会提示error521 Web server is down", "521"),
        ("404错误", "404"),
    ],
)
def test_code_forms(text: str, code: str) -> None:
    assert code in codes(text)


def test_iis_log_fields_give_substatus_and_win32() -> None:
    line = "2018-12-05 07:48:52 127.0.0.1 GET /api/ id=304 81 - 127.0.0.1 Search - 500 19 13 3\n"
    found = {(m.code, m.family) for m in find_mentions(clean(line))}
    assert ("500.19", "http") in found
    assert ("13", "win32") in found
    assert not any(code == "304" for code, _ in found)  # a query-string value, not a status


@pytest.mark.parametrize(
    "text",
    [
        "Build fails with .NET SDK 9.0.100 and 6.0.411",
        "see issue #404 for details",
        "it listens on port 500",
        "open UDP 500/4500 on the firewall",
        "the query took 401 ms",
        "we have 500 users online",
        "at events:402:35 in node_modules",
        "delay is set to 500ms",
        "upstream timed out (110: Connection timed out)",
        "costs 250$/mo",
        "Code Section 4-205.22",
        "14.500 15.500 19 13.200",
    ],
)
def test_numbers_that_are_not_codes(text: str) -> None:
    strong = [m for m in find_mentions(clean(text)) if m.strength >= 0.45]
    assert strong == [], strong


def test_nginx_access_log_byte_count_is_not_a_code() -> None:
    line = '10.0.0.1 - - [10/Oct/2024:13:55:36 +0000] "GET /a HTTP/1.1" 502 404 "-" "curl/8.0"\n'
    found = find_mentions(clean(line + line))
    assert {m.code for m in found if m.strength >= EXPLICIT} == {"502"}


def test_apache_errordocument_failure_is_secondary() -> None:
    """Below Apache's page the ErrorDocument's failure is the second error; pasted alone it is all there is."""
    line = "Additionally, a 404 Not Found error was encountered while trying to use an ErrorDocument"
    page = "Internal Server Error\n\nThe server encountered an internal error or misconfiguration.\n\n" + line
    (m,) = [m for m in find_mentions(clean(page)) if m.code == "404"]
    assert m.strength < 0.45 and "secondary" in m.kind
    (alone,) = find_mentions(clean(line))
    assert "secondary" not in alone.kind
