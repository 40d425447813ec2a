"""Log formats, written from their specifications: every module's example lines, each kind through the engine,
the streaming summariser and its helpers."""

from __future__ import annotations

import io
import json

import pytest

from bot import logs
from bot.cli import main
from bot.engine import Engine
from bot.logs import nginx_error
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


# ---- every format module's docstring examples ---------------------------------------------------

FORMAT_EXAMPLES = [
    pytest.param(lines, expect, id=f"{mod.__name__.rsplit('.', 1)[-1]}-{i}")
    for mod in logs.FORMATS
    for i, (lines, expect) in enumerate(logs.examples(mod.__doc__))
]


def test_every_format_module_has_examples() -> None:
    for mod in logs.FORMATS:
        assert logs.examples(mod.__doc__), f"{mod.__name__} has no example lines in its docstring"


@pytest.mark.parametrize(("lines", "expect"), FORMAT_EXAMPLES)
def test_format_example(lines: list[str], expect: list[str]) -> None:
    assert [r.describe() for r in logs.scan(lines).records] == expect


# ---- kinds of log text through the engine ------------------------------------------------------

# Stand-ins for the new families (the real entries come from the knowledge branches); an extra
# directory may extend or add entries, so this works before and after those are merged.
STUB_KB = """\
entries:
  - family: httperr
    code: AppOffline
    source: http-sys
    title: {en: "HTTP.sys: the application pool is offline", zh: "HTTP.sys：应用程序池已脱机"}
    cause: {en: "A stand-in entry for tests.", zh: "测试用条目。"}
    fix: {en: ["Start the application pool."], zh: ["启动应用程序池。"]}
  - family: httperr
    code: Timer_ConnectionIdle
    source: http-sys
    title: {en: "HTTP.sys: idle connection closed", zh: "HTTP.sys：空闲连接被关闭"}
    cause: {en: "A stand-in entry for tests.", zh: "测试用条目。"}
    fix: {en: ["Nothing to do for a client that went idle."], zh: ["客户端空闲，无需处理。"]}
  - family: envoy
    code: UH
    source: envoy
    title: {en: "Envoy: no healthy upstream", zh: "Envoy：没有健康的上游"}
    cause: {en: "A stand-in entry for tests.", zh: "测试用条目。"}
    fix: {en: ["Check the cluster's endpoints."], zh: ["检查集群的端点。"]}
  - family: heroku
    code: H12
    source: heroku
    title: {en: "Heroku H12: request timeout", zh: "Heroku H12：请求超时"}
    cause: {en: "A stand-in entry for tests.", zh: "测试用条目。"}
    fix: {en: ["Answer within 30 seconds."], zh: ["在 30 秒内响应。"]}
"""


@pytest.fixture(scope="module")
def stub_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    from bot.knowledge import KnowledgeBase

    d = tmp_path_factory.mktemp("kb")
    (d / "stub.yml").write_text(STUB_KB, encoding="utf-8")
    return Engine(KnowledgeBase.load([d]))  # not through the cache: a test directory is not worth keeping


def ids(engine: Engine, text: str) -> list[str]:
    return [m.id for m in engine.explain(text, "direct", top=5).matches]


def test_w3c_line_quoted_in_chat_is_its_record(engine: Engine) -> None:
    text = (
        "the API box says: 2025-02-03 11:20:41 10.4.0.12 GET /orders - 443 - 10.4.0.2 "
        "Mozilla/5.0+(Windows+NT+10.0) - 500 19 13 31 since the config push"
    )
    found = engine.explain(text, "direct", top=5).matches
    assert found[0].id == "http:500.19"
    assert not any(m.id.startswith("ftp:") and m.evidence != ["wording"] for m in found)  # `31` is no FTP reply


def test_w3c_with_fractional_seconds_and_bytes_fields(engine: Engine) -> None:
    text = (
        "#Fields: date time s-ip cs-method cs-uri-stem s-port c-ip sc-status sc-substatus sc-win32-status "
        "sc-bytes cs-bytes time-taken\n"
        "2025-02-03 11:20:41.337 10.4.0.12 GET /a 443 10.4.0.2 403 14 0 215 530 226\n"
        "2025-02-03 11:20:42.901 10.4.0.12 GET /b 443 10.4.0.2 403 14 0 215 530 421\n"
    )
    assert ids(engine, text)[0] == "http:403.14"
    assert not any(i.startswith("ftp:") for i in ids(engine, text))


def test_nginx_process_id_is_not_a_status(engine: Engine) -> None:
    text = (
        "2024/01/05 10:00:00 [error] 404#404: *7 upstream timed out (110: Connection timed out) "
        'while reading response header from upstream, client: 10.0.0.1, request: "GET / HTTP/1.1"'
    )
    found = ids(engine, text)
    assert found[0] == "http:504"
    assert "http:404" not in found


def test_httperr_reason_is_the_news(stub_engine: Engine) -> None:
    line = "2025-02-03 09:14:02 10.1.2.3 51234 10.1.2.10 443 HTTP/1.1 GET /x 503 1 AppOffline DefaultAppPool"
    found = ids(stub_engine, line)
    assert found[0] == "httperr:AppOffline" and "http:503" in found
    assert "http:503.1" not in found  # the 1 is the site id


def test_httperr_log_without_status(stub_engine: Engine) -> None:
    text = (
        "#Software: Microsoft HTTP API 2.0\n"
        "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename\n"
        "2025-02-03 09:15:31 10.1.2.3 51240 10.1.2.10 443 - - - - - - Timer_ConnectionIdle -\n"
        "2025-02-03 09:15:44 10.1.2.7 49811 10.1.2.10 443 - - - - - - Timer_ConnectionIdle -\n"
    )
    assert ids(stub_engine, text)[0] == "httperr:Timer_ConnectionIdle"
    summary = summarize_log(stub_engine, text)
    assert summary is not None and summary.counts == {"Timer_ConnectionIdle": 2}
    assert summary.groups[0].match is not None and summary.groups[0].match.id == "httperr:Timer_ConnectionIdle"


def test_envoy_flag_leads(stub_engine: Engine) -> None:
    text = (
        '[2025-02-03T10:15:32.409Z] "GET /api HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-" "curl/8" "1" "a" "-"\n'
        '[2025-02-03T10:15:33.409Z] "GET /api HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-" "curl/8" "2" "a" "-"\n'
    )
    assert ids(stub_engine, text)[:2] == ["envoy:UH", "http:503"]
    summary = summarize_log(stub_engine, text)
    assert summary is not None and summary.counts == {"503 UH": 2}


def test_heroku_router_code(stub_engine: Engine) -> None:
    line = (
        '2025-02-03T10:15:32.123456+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET '
        'path="/" host=x.herokuapp.com request_id=1 fwd="1.2.3.4" dyno=web.1 connect=0ms service=30000ms status=503 bytes=0'
    )
    assert ids(stub_engine, line)[0] == "heroku:H12"


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            '10.244.0.1 - - [12/Mar/2024:10:15:32 +0000] "GET /api HTTP/1.1" 502 150 "-" "curl/8.5.0" 83 0.002 '
            "[default-api-80] [] 10.244.1.7:8080 0 0.001 502 4f1c2d9e0a",
            "http:502",
        ),
        (
            "Feb  6 12:14:14 lb1 haproxy[14389]: 10.0.1.2:33320 [06/Feb/2009:12:14:20.100] http-in app/srv2 "
            '0/0/0/-1/30001 504 194 - - sH-- 2/2/0/0/0 0/0 "GET /api HTTP/1.1"',
            "http:504",
        ),
        (
            '{"level":"error","ts":1732700000.12,"logger":"http.log.error","msg":"dial tcp 127.0.0.1:8080: '
            'connect: connection refused","status":502}',
            "http:502",
        ),
        (
            '{"ClientHost":"10.0.0.9","DownstreamStatus":504,"OriginStatus":0,"RequestPath":"/slow","Duration":30001234567}',
            "http:504",
        ),
        (
            "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td1.cloudfront.net\t/index.html\t502\t-\tMozilla/5.0"
            "\t-\t-\tError\tSOX4xwn4\td1.cloudfront.net\thttps\t23\t0.001",
            "http:502",
        ),
        (
            '<failedRequest url="http://localhost:80/" siteId="1" appPoolId="DefaultAppPool" verb="GET" '
            'failureReason="STATUS_CODE" statusCode="500.19" triggerStatusCode="500.19" timeTaken="15">',
            "http:500.19",
        ),
    ],
    ids=["ingress-nginx", "haproxy", "caddy", "traefik-json", "cloudfront", "freb"],
)
def test_proxy_and_cdn_lines(engine: Engine, text: str, expect: str) -> None:
    assert ids(engine, text)[0] == expect


# ---- the streaming summariser ------------------------------------------------------------------


def test_summary_reads_a_generator_and_caps_groups(engine: Engine) -> None:
    header = "#Fields: date time s-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status time-taken\n"

    def lines():
        yield header
        for i in range(5_000):
            yield f"2025-02-03 10:00:00 10.0.0.1 GET /x 500 0 {i % 300} 5\n"

    summary = summarize_log(engine, lines(), max_groups=100)
    assert summary is not None
    assert summary.records == 5_000 and summary.lines == 5_001
    assert len(summary.groups) == 100
    assert summary.other_records == 5_000 - sum(g.count for g in summary.groups) and summary.other_groups == 200
    assert "other kinds" in summary.format()
    assert summary.to_json()["other_records"] == summary.other_records


def test_open_text_gzip_bad_bytes_crlf_and_long_lines() -> None:
    import gzip

    raw = b"one\r\ntwo \xff bytes\n" + b"x" * 100 + b"\nlast"
    assert list(logs.open_text(raw)) == ["one", "two \ufffd bytes", "x" * 100, "last"]
    assert list(logs.open_text(gzip.compress(raw))) == ["one", "two \ufffd bytes", "x" * 100, "last"]
    assert list(logs.open_text(raw, max_line=12)) == ["one", "two \ufffd bytes", "x" * 12, "last"]
    split = "é".encode() * 40_000  # a multi-byte character across chunk boundaries
    assert list(logs.open_text(split)) == ["é" * 40_000]


def test_looks_like_log_tells_pages_and_transcripts_apart() -> None:
    assert logs.looks_like_log(COMBINED.splitlines())
    page = "<title>IIS 10.0 Detailed Error - 500.19 - Internal Server Error</title>\nModule IIS Web Core\n"
    assert not logs.looks_like_log(page.splitlines())
    chat = "hi\nthe backend IIS log: 2024-11-27 00:00:01 10.0.0.5 GET /app/ - 443 - 10.0.0.9 UA - 500 19 13 15\nhelp?"
    assert not logs.looks_like_log(chat.splitlines())  # one quoted line is a message, not a log file


def test_ascii_digits_only() -> None:
    line = "2024-11-27 00:00:01 10.0.0.5 GET /app/ - 443 - 10.0.0.9 UA - ５00 19 13 15"
    assert all(r.status != "500" for r in logs.scan([line]).records)
    assert logs.base.num("²") is None and logs.base.status("፩፩፩") is None


# ---- records quoted in pieces: wrapped lines, headers without `#Fields:` -----------------------------


def test_wrapped_w3c_record_and_header_with_blank_line() -> None:
    """matomo-org/matomo#261: an IIS 7.5 log hard-wrapped by a mail client, header included."""
    text = """\
# Software: Microsoft Internet Information Services 7.5
# Version: 1.0
# Date: 2014-04-08 08:48:17
# Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port

cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status
time-taken
2014-04-08 11:49:08 10.123.45.67 GET /images/elements/jquery.colorbox.js -
443 - 192.168.1.1
Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+10.9;+rv:28.0)+Gecko/20100101+Firefo
x/28.0 404 0 2 44
"""
    scan = logs.scan(text.splitlines())
    assert [r.describe() for r in scan.records] == ["iis 404 win32:2"]
    assert scan.malformed == 0


def test_truncated_w3c_line_is_malformed_not_joined() -> None:
    lines = [
        "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip sc-status sc-substatus sc-win32-status",
        "2024-11-27 00:00:05 10.0.0.5 GET / - 443 - 10.0.0.9",
        "2024-11-27 00:00:06 10.0.0.5 GET / - 443 - 10.0.0.9 500 19 13",
        "2024-11-27 00:00:07 10.0.0.5 GET / - 443",
    ]
    scan = logs.scan(lines)
    assert [r.describe() for r in scan.records] == ["iis 500.19 win32:13"]
    assert scan.malformed == 2


def test_bare_field_names_need_sc_status_and_matching_values() -> None:
    assert logs.scan(["sc-substatus sc-win32-status", "19 13"]).records == []
    assert logs.scan(["sc-status sc-substatus sc-win32-status", "500 19"]).records == []
    assert logs.scan(["sc-status is the HTTP status", "500 19 13"]).records == []


def test_a_log_line_quoted_whole_in_markdown_is_still_read(engine: Engine) -> None:
    """GitHub users wrap a single log line in backticks (an AH01102 proxy line from an issue about websockets)."""
    text = (
        "Error in reverse proxy apache log:\n"
        "`[Wed Aug 01 13:46:44.652656 2018] [proxy_http:error] [pid 18590] (103)Software caused connection abort: "
        "[client 10.0.0.1:24591] AH01102: error reading status line from remote server 127.0.0.1:1111`"
    )
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "http:502"


def test_nginx_basic_auth_refusals_imply_401(engine: Engine) -> None:
    """ngx_http_auth_basic_module logs the refusal at [error] and answers 401."""
    text = (
        '2016/03/14 09:12:40 [error] 2451#0: *37 user "deploy": password mismatch, client: 10.0.0.8, '
        'server: ci.example.org, request: "GET / HTTP/1.1", host: "ci.example.org"'
    )
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "http:401"


def test_nginx_no_live_upstreams_cut_short_still_implies_502() -> None:
    """A pager cuts long lines (`less -S`, nano's `$`): nginx's own words are enough (a Jenkins-behind-nginx note)."""
    line = "2018/08/28 22:52:49 [error] 13213#0: *8 no live upstreams while connecting to$"
    record = nginx_error.parse(line)
    assert record is not None and record.implied == "502"


def test_w3c_record_missing_a_field_is_still_read(engine: Engine) -> None:
    """A record one field short of its header (an empty query written as nothing instead of `-`) ends with the
    status run all the same; it is read, not taken for the first half of a wrapped line."""
    text = (
        "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query sc-status sc-substatus sc-win32-status time-taken\n"
        "2024-05-02 08:10:11 10.20.0.4 GET /reports - 301 0 0 15\n"
        "2024-05-02 08:10:12 10.20.0.4 GET /reports/ 403 14 0 3\n"
    )
    statuses = [r.status for r in logs.iter_records(text.splitlines())]
    assert statuses == ["301", "403"]
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == "http:403.14"


def test_access_line_behind_a_pod_prefix(engine: Engine) -> None:
    """`kubectl logs --prefix` / compose put the pod or container in brackets before the access-log line."""
    line = '[ingress-7d9f-x2b] 10.0.0.9 - - [02/Dec/2026:03:00:01 +0000] "POST /api/login HTTP/1.1" 504 160 "-" "curl/8.4.0"'
    statuses = [r.status for r in logs.iter_records([line])]
    assert statuses == ["504"]
