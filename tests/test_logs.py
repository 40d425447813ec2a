"""Log formats, written from their specifications: W3C extended (IIS web and FTP), nginx combined."""

from __future__ import annotations

import io
import json

from bot import logs
from bot.cli import main
from bot.engine import Engine
from bot.triage import is_log, summarize_log

W3C = """\
#Software: Microsoft Internet Information Services 10.0
#Version: 1.0
#Date: 2024-11-27 00:00:00
#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
2024-11-27 00:00:01 10.0.0.5 GET /app/ - 443 - 10.0.0.9 Mozilla/5.0 - 500 19 13 15
2024-11-27 00:00:02 10.0.0.5 GET /app/ id=404 443 - 10.0.0.9 Mozilla/5.0 - 500 19 13 12
2024-11-27 00:00:03 10.0.0.5 GET /robots.txt - 443 - 10.0.0.9 Mozilla/5.0 - 404 0 2 1
2024-11-27 00:00:04 10.0.0.5 GET / - 443 - 10.0.0.9 Mozilla/5.0 - 200 0 64 31
2024-11-27 00:00:05 10.0.0.5 GET / - 443 - 10.0.0.9 Mozilla/5.0 -
2024-11-27 00:00:06 10.0.0.5 POST /api - 443 - 10.0.0.9 curl/8 - 401 2 5 0
"""

# IIS 6 default fields, no header, no time-taken
W3C_NO_HEADER = """\
2008-01-02 03:04:05 10.1.1.1 GET /a.aspx - 80 - 10.2.2.2 Mozilla/4.0 404 2 1260
2008-01-02 03:04:06 10.1.1.1 GET /a.aspx - 80 - 10.2.2.2 Mozilla/4.0 404 2 1260
"""

IIS_FTP = """\
#Software: Microsoft Internet Information Services 10.0
#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath
2024-11-27 08:00:00 10.0.0.9 - 10.0.0.5 21 ControlChannelOpened - - 0 0 a1 -
2024-11-27 08:00:01 10.0.0.9 - 10.0.0.5 21 USER bob 331 0 0 a1 -
2024-11-27 08:00:02 10.0.0.9 bob 10.0.0.5 21 PASS *** 530 1326 41 a1 -
"""

COMBINED = """\
203.0.113.7 - - [27/Nov/2024:10:00:00 +0000] "GET / HTTP/1.1" 502 157 "-" "Mozilla/5.0"
203.0.113.7 - - [27/Nov/2024:10:00:01 +0000] "GET /api HTTP/1.1" 504 404 "-" "curl/8.4.0"
203.0.113.7 - - [27/Nov/2024:10:00:02 +0000] "GET /x HTTP/1.1" 200 5120 "-" "Mozilla/5.0"
203.0.113.7 - - [27/Nov/2024:10:00:03 +0000] "GET /trunc
"""


def test_w3c_with_fields_header() -> None:
    scan = logs.scan(W3C.splitlines())
    assert [(r.status, r.substatus, r.win32) for r in scan.records] == [
        ("500", "19", "13"),
        ("500", "19", "13"),
        ("404", "0", "2"),
        ("200", "0", "64"),
        ("401", "2", "5"),
    ]
    assert scan.malformed == 1  # the truncated line is skipped and counted


def test_w3c_without_header_iis6_layout() -> None:
    scan = logs.scan(W3C_NO_HEADER.splitlines())
    assert {(r.status, r.substatus, r.win32) for r in scan.records} == {("404", "2", "1260")}


def test_iis_ftp_log_field_order() -> None:
    scan = logs.scan(IIS_FTP.splitlines())
    assert [(r.kind, r.status, r.win32, r.substatus) for r in scan.records][-1] == ("iis-ftp", "530", "1326", "41")


def test_combined_byte_count_is_not_a_status() -> None:
    scan = logs.scan(COMBINED.splitlines())
    assert [r.status for r in scan.records] == ["502", "504", "200"]


def test_summary_counts_and_explains_top_errors(engine: Engine) -> None:
    summary = summarize_log(engine, W3C)
    assert summary is not None
    assert summary.records == 5 and summary.malformed == 1
    assert summary.counts["500 19 13"] == 2
    top = summary.groups[0]
    assert top.match is not None and top.match.id == "http:500.19"
    assert top.win32_match is not None and top.win32_match.id == "win32:13"
    text = summary.format()
    assert "500 19 13" in text and "HTTP 500.19" in text and "Win32 13" in text


def test_summary_of_ftp_log_uses_ftp_family(engine: Engine) -> None:
    summary = summarize_log(engine, IIS_FTP)
    assert summary is not None
    ids = [g.match.id for g in summary.groups if g.match]
    assert ids[0] == "ftp:530"


def test_is_log() -> None:
    assert is_log(W3C) and is_log(COMBINED) and is_log(W3C_NO_HEADER)
    assert not is_log("HTTP Error 500.19 - Internal Server Error\nThe requested page cannot be accessed")


def test_cli_log_json_and_garbage_lines() -> None:
    text = W3C + "\x00\x01 garbage line\n" + "2024-11-27 00:00:09 not a log line at all\n"
    out = io.StringIO()
    code = main(["explain", "--json"], stdin=io.StringIO(text), stdout=out, stderr=io.StringIO())
    data = json.loads(out.getvalue())
    assert code == 0
    assert data["records"] == 5 and data["malformed"] == 2
    assert data["groups"][0]["id"] == "http:500.19"


def test_large_log_finishes(engine: Engine) -> None:
    body = "".join(
        f"2024-11-27 00:{i // 60 % 60:02d}:{i % 60:02d} 10.0.0.5 GET /p{i} - 443 - 10.0.0.9 UA - "
        f"{(500, 404, 200)[i % 3]} {(19, 0, 0)[i % 3]} {(13, 2, 0)[i % 3]} {i % 97}\n"
        for i in range(30_000)
    )
    header = "".join(line + "\n" for line in W3C.splitlines() if line.startswith("#"))
    summary = summarize_log(engine, header + body)
    assert summary is not None and summary.records == 30_000
    assert summary.counts == {"500 19 13": 10_000, "404 0 2": 10_000, "200 0 0": 10_000}


def test_alb_access_log_reads_elb_status_code() -> None:
    line = (
        "https 2024-03-12T10:15:32.123456Z app/prod-alb/50dc6c495c0c9188 10.0.1.5:53422 10.0.2.7:8080 "
        '0.001 -1 -1 504 - 812 0 "GET https://api.example.com:443/r HTTP/1.1" "Mozilla/5.0"'
    )
    (record,) = logs.scan([line]).records
    assert (record.kind, record.status) == ("alb", "504")


def test_w3c_without_header_with_bytes_and_time_taken() -> None:
    line = (
        "2024-01-09 03:22:10 W3SVC2 WEB01 10.0.0.5 GET /portal/ - 443 - 10.8.0.3 HTTP/2.0 "
        "Mozilla/5.0+(Macintosh) - portal.contoso.com 403 14 0 1510 452 2"
    )
    (record,) = logs.scan([line]).records
    assert (record.status, record.substatus, record.win32) == ("403", "14", "0")


def test_fields_header_without_date_field() -> None:
    text = "#Fields: time c-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status\n09:41:02 10.3.1.40 PUT /a 405 0 1\n"
    (record,) = logs.scan(text.splitlines()).records
    assert (record.status, record.substatus, record.win32) == ("405", "0", "1")


def test_curl_verbose_status_lines(engine: Engine) -> None:
    text = (
        "*   Trying 10.0.0.5:443...\n> GET /api HTTP/1.1\n> Host: x\n>\n< HTTP/1.1 301 Moved Permanently\n"
        "< Location: https://x/api/\n< HTTP/2 503\n< server: nginx\n"
    )
    assert [r.status for r in logs.scan(text.splitlines()).records] == ["301", "503"]
    summary = summarize_log(engine, text)
    assert summary is not None and summary.groups[0].match is not None
    assert summary.groups[0].match.id == "http:503"
