"""Diagnosis on the forms real pastes take: a dropped final period, the errno text of another C library
or system, Apache 2.2 lines without AH codes, hosts and footers that name the product, the new families'
codes as evidence. Each case is checked on the variant, and on a near miss that must not fit."""

from __future__ import annotations

import pytest

from bot.diagnosis.cases import _Paste, diagnose
from bot.diagnosis.products import recognise
from bot.engine import Engine


def _case(engine: Engine, text: str, code: str) -> str | None:
    match = next((m for m in engine.explain(text, "direct", top=3).matches if m.id == code), None)
    assert match is not None, f"{code} not found in {text[:60]!r}"
    if match.diagnosis is not None:
        assert all(piece in text for piece in match.diagnosis.evidence)
    return match.diagnosis.case.id if match.diagnosis else None


NGINX = '2024/03/05 10:21:33 [error] 7#7: *3 {msg}, client: 10.0.0.1, server: _, request: "GET / HTTP/1.1"'


@pytest.mark.parametrize(
    ("status", "msg", "expected"),
    [
        ("504", "upstream timed out (110: Connection timed out) while reading response header from upstream", "nginx-read-timeout"),
        ("504", "upstream timed out (110: Operation timed out) while reading response header from upstream", "nginx-read-timeout"),
        ("504", "upstream timed out (110: Unknown error) while connecting to upstream", "nginx-connect-timeout"),
        ("504", "upstream timed out (60: Operation timed out) while reading response header from upstream", "nginx-read-timeout"),
        ("502", "connect() failed (61: Connection refused) while connecting to upstream", "nginx-upstream-refused"),
        ("502", "connect() failed (10061: No connection could be made because the target machine actively refused it) while connecting to upstream", "nginx-upstream-refused"),
        ("502", "recv() failed (54: Connection reset by peer) while reading response header from upstream", "nginx-upstream-closed"),
        # a reason with no case of its own: no case (not "the reason is not in the paste")
        ("502", "connect() failed (113: No route to host) while connecting to upstream", None),
        ("502", "connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream", None),
    ],
)  # fmt: skip
def test_nginx_errno_text_is_normalised(engine: Engine, status: str, msg: str, expected: str | None) -> None:
    text = f"HTTP {status}\n" + NGINX.format(msg=msg)
    assert _case(engine, text, f"http:{status}") == expected


def test_nginx_page_alone_still_gives_the_reason_not_shown_case(engine: Engine) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head>\n<hr><center>nginx/1.25.3</center>\n</html>"
    assert _case(engine, page, "http:502") == "nginx-reason-not-shown"


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("220 Microsoft FTP Service\nUSER deploy\n534 Policy requires SSL", "ftp:534", "iis-ftp-ssl-required"),
        ("vsftpd says: 522 data connections must be encrypted", "ftp:522", "vsftpd-data-must-be-encrypted"),
    ],
)
def test_a_dropped_final_period_still_fits(engine: Engine, text: str, code: str, expected: str) -> None:
    assert _case(engine, text, code) == expected


def test_a_dropped_period_does_not_let_a_longer_word_fit() -> None:
    assert _Paste("534 Policy requires SSLv3 only").phrase("Policy requires SSL.") is None


@pytest.mark.parametrize(
    ("line", "code", "expected"),
    [
        ("[Sun Feb 23 12:33:53.135749 2020] [access_compat:error] [pid 6516] [client 127.0.0.1:44388] AH01797: client denied by server configuration: /var/www/app/config", "http:403", "server-rule-denies"),
        ("[Wed Aug 21 09:48:58 2013] [error] [client 10.0.0.5] client denied by server configuration: /var/www/private", "http:403", "server-rule-denies"),
        ("[Wed Aug 21 09:48:58 2013] [error] [client 10.0.0.5] File does not exist: /var/www/html/favicon.ico", "http:404", "apache-file-not-found"),
        ("[Wed Aug 21 09:48:58 2013] [error] [client 10.0.0.5] Directory index forbidden by Options directive: /var/www/html/files/", "http:403", "directory-without-index"),
        ("[Wed Aug 21 09:48:58 2013] [error] [client 10.0.0.5] user bob not found: /admin", "http:401", "apache-basic-auth"),
    ],
)  # fmt: skip
def test_apache_messages_with_another_ah_code_or_none(engine: Engine, line: str, code: str, expected: str) -> None:
    status = code.split(":")[1]
    cases = engine.kb.entries[code].meanings[0].cases
    d = diagnose(cases, _Paste(f"HTTP {status}\n{line}"), own=code)
    assert d is not None and d.case.id == expected


def test_an_ah_phrase_without_its_code_needs_apache_s_line_form() -> None:
    assert _Paste("auth: user bob not found in LDAP").phrase("AH01618: user * not found") is None


def test_ancm_framework_message_names_which_framework(engine: Engine) -> None:
    page = (
        "HTTP Error 500.31 - ANCM Failed to Find Native Dependencies\n"
        "It was not possible to find any compatible framework version The framework '{fx}', version '8.0.0' "
        "was not found."
    )
    assert _case(engine, page.format(fx="Microsoft.AspNetCore.App"), "http:500.31") == "aspnetcore-framework-missing"
    assert _case(engine, page.format(fx="Microsoft.NETCore.App"), "http:500.31") == "netcore-framework-missing"


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("curl -i http://my-alb-1234567890.us-east-1.elb.amazonaws.com/api", "aws-elb"),
        ("nlb: my-nlb-0123456789abcdef.elb.eu-west-1.amazonaws.com", "aws-elb"),
        ("<hr><center>cloudflare</center>", "cloudflare"),
        ("Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: X)", "aws-s3"),
    ],
)
def test_product_signatures(text: str, product: str) -> None:
    assert product in [s.product for s in recognise(text)]


def test_an_elb_host_gives_the_load_balancer_case(engine: Engine) -> None:
    text = "$ curl -i http://my-alb-1234567890.us-east-1.elb.amazonaws.com/api\nHTTP/1.1 504 Gateway Time-out"
    assert _case(engine, text, "http:504") == "aws-alb-idle-timeout"


def test_envoy_reset_before_headers_is_a_503_case_too(engine: Engine) -> None:
    text = (
        "< HTTP/1.1 503 Service Unavailable\n< server: envoy\n\n"
        "upstream connect error or disconnect/reset before headers. reset reason: connection failure"
    )
    assert _case(engine, text, "http:503") == "envoy-reset-before-headers"


def test_the_new_families_codes_are_evidence_as_written(engine: Engine) -> None:
    envoy = '[2024-03-05T10:21:33.123Z] "GET /api HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-"'
    assert _case(engine, envoy, "http:503") == "envoy-no-healthy-upstream"
    heroku = 'heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" status=503'
    result = engine.explain(heroku, "direct", top=3)
    lead = next(m for m in result.matches if m.id == "http:503")
    assert lead.diagnosis.case.id == "heroku-application-error"
    assert any("H12" in piece for piece in lead.diagnosis.evidence)
