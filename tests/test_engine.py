"""Matching: family by context, wording without codes, fallback, and the two modes."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.conftest import top_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("401.3", "http:401.3"),
        ("HTTP Error 500.19 - Internal Server Error", "http:500.19"),
        ("HTTP 错误 500.19 - Internal Server Error", "http:500.19"),
        ("<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>", "http:502"),
        ("Error 522 Ray ID: 7a1b2c3d4e5f • 2024-01-01 10:00:00 UTC Connection timed out", "http:522"),
        ("requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://x", "http:429"),
        ("The remote server returned an error: (502) Bad Gateway.", "http:502"),
        ("Error Code 0x80070021", "hresult:0x80070021"),
        ("2024-05-01 10:00:00 10.0.0.5 GET /app - 443 - 10.0.0.9 Mozilla - 500 19 13 15", "http:500.19"),
    ],
)
def test_code_forms_resolve(engine: Engine, text: str, expected: str) -> None:
    assert top_id(engine, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Status: Connecting...\nCommand: PASV\nResponse: 500 OOPS: cannot change directory:/home/www", "ftp:500"),
        ("响应:    500 OOPS: cannot change directory:/home/www\n错误:    严重错误: 无法连接到服务器", "ftp:500"),
        ("FileZilla says: 550 Permission denied", "ftp:550"),
        ("vsftpd: 421 There are too many connected users, please try later.", "ftp:421"),
        ("HTTP/1.1 500 Internal Server Error", "http:500"),
    ],
)
def test_family_from_context(engine: Engine, text: str, expected: str) -> None:
    assert top_id(engine, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table",
        "S: 550-Requested action not taken: mailbox unavailable\nS: 550 Failure sending mail",
    ],
)
def test_smtp_replies_are_not_ours(engine: Engine, text: str) -> None:
    assert engine.explain(text, "passive").matches == []
    assert not any(m.id.startswith(("ftp:", "http:")) and m.score >= 0.8 for m in engine.explain(text).matches)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Web server is configured to not list the contents of this directory.", "http:403.14"),
        ("无法访问请求的页面，因为该页的相关配置数据无效。", "http:500.19"),
        (
            "2021/06/18 02:19:40 [error] 16459#16459: *1426 upstream timed out (110: Connection timed out) "
            "while reading response header from upstream, client: 10.0.0.2",
            "http:504",
        ),
        ("lftp: Login failed: Login incorrect.", "ftp:530"),
        ('Handler "aspNetCore" has a bad module "AspNetCoreModuleV2" in its module list', "http:500.21"),
    ],
)
def test_wording_without_a_code(engine: Engine, text: str, expected: str) -> None:
    assert top_id(engine, text) == expected


def test_unknown_substatus_falls_back_to_parent_and_says_so(engine: Engine) -> None:
    result = engine.explain("403.99")
    best = result.best
    assert best is not None and best.id == "http:403"
    assert best.fallback and best.asked == "403.99"
    assert result.to_json()["matches"][0]["fallback"] is True


def test_unknown_code_suggests_nearest(engine: Engine) -> None:
    result = engine.explain("HTTP 532")
    assert result.matches == []
    assert result.unknown == ["532"]
    assert result.suggestions and all(m.entry.family in ("http", "ftp") for m in result.suggestions)


@pytest.mark.parametrize(
    "text",
    [
        "We have 500 users and the p99 is 401 ms on port 443",
        "Build fails on .NET SDK 6.0.411 but works on 6.0.408",
        "see #404 and PR #502 for the fix",
        "font-weight: 500; line-height: 1.5",
        "container exited with code 137 (OOMKilled)",
        "Open UDP 500/4500 on the VPN gateway",
    ],
)
def test_passive_stays_silent_on_chat_with_numbers(engine: Engine, text: str) -> None:
    assert engine.explain(text, "passive").matches == []


def test_passive_answers_when_sure(engine: Engine) -> None:
    result = engine.explain("HTTP Error 500.19 - Internal Server Error\nError Code 0x8007000d", "passive")
    assert result.matches[0].id == "http:500.19"
    assert result.certain


def test_passive_ignores_success_codes(engine: Engine) -> None:
    assert engine.explain("HTTP/1.1 200 OK", "passive").matches == []


def test_direct_mode_ranks_candidates_with_scores(engine: Engine) -> None:
    result = engine.explain("500", top=3)
    ids = [m.id for m in result.matches]
    assert ids[0] == "http:500" and "ftp:500" in ids
    assert result.matches[0].score > result.matches[1].score


def test_component_picks_the_meaning(engine: Engine) -> None:
    ancm = engine.explain("HTTP Error 502.5 - ANCM Out-Of-Process Startup Failure, dotnet app crashed").best
    arr = engine.explain("HTTP Error 502.5 from ARR: WebSocket failure on the Application Request Routing farm").best
    assert ancm is not None and arr is not None
    assert ancm.meaning.source == "ancm"
    assert arr.meaning.source == "arr"


def test_language_follows_the_text(engine: Engine) -> None:
    assert engine.explain("HTTP 错误 404.0 - Not Found 您要找的资源已被删除").lang == "zh"
    assert engine.explain("HTTP Error 404.0 - Not Found").lang == "en"
    assert engine.explain("404", lang="zh").lang == "zh"
    assert engine.explain("401.3 zh").lang == "zh"


def test_log_fields_carry_win32_detail(engine: Engine) -> None:
    result = engine.explain("2024-05-01 10:00:00 10.0.0.5 GET /a - 80 - 10.0.0.9 - - 500 19 13 15")
    assert result.matches[0].detail == {"win32": "13"}
    assert "win32:13" in [m.id for m in result.matches]


def test_mode_is_checked(engine: Engine) -> None:
    with pytest.raises(ValueError):
        engine.explain("500", mode="loud")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nginx returns 413 on upload of anything over 1M", "http:413"),
        ("cloudflare 524 on the export endpoint again", "http:524"),
        ("ftp says 530 even with the right password", "ftp:530"),
        ("reqwest::Error { kind: Status(404), url: ... }", "http:404"),
        ("aiohttp.client_exceptions.ClientResponseError: 502, message='Bad Gateway'", "http:502"),
    ],
)
def test_chat_paraphrases_are_sure(engine: Engine, text: str, expected: str) -> None:
    assert top_id(engine, text, "passive") == expected


@pytest.mark.parametrize(
    "text",
    [
        # Netlify's own page: its title is also IIS 404.1's ("Site Not Found"), but no IIS is in the path
        "Site not found\nLooks like you followed a broken link or entered a URL that doesn't exist on Netlify.",
        "```\nSite not found\nLooks like you followed a broken link or entered a URL that doesn't exist on Netlify.\n\n"
        "URL: https://painelabz.netlify.app/verify-email\n```",
    ],
)
def test_words_of_an_iis_sub_status_on_another_servers_page_answer_the_plain_code(engine: Engine, text: str) -> None:
    best = engine.explain(text).best
    assert best is not None and best.id == "http:404", [m.id for m in engine.explain(text).matches]


def test_the_same_words_on_an_iis_page_keep_the_sub_status(engine: Engine) -> None:
    best = engine.explain("Server: Microsoft-IIS/10.0\n\nSite Not Found\nThe requested site does not exist").best
    assert best is not None and best.id == "http:404.1"


@pytest.mark.parametrize(
    "text",
    [
        "Firefox: The page isn't redirecting properly",
        "Firefox has detected that the server is redirecting the request for this address in a way that will never "
        "complete.",
        "Safari Can't Open the Page. Too many redirects occurred trying to open “https://example.com/”.",
        "This page isn’t working. example.com redirected you too many times.",
    ],
)
def test_each_browsers_redirect_loop_wording(engine: Engine, text: str) -> None:
    best = engine.explain(text).best
    assert best is not None and best.id == "net:ERR_TOO_MANY_REDIRECTS"


def test_a_bare_number_without_context_offers_the_other_family_too(engine: Engine) -> None:
    """Nothing says HTTP or FTP: `530` is Cloudflare's origin error or FTP's "not logged in"; both are offered."""
    ids = [m.id for m in engine.explain("then 530 again, same as yesterday").matches]
    assert ids[:2] == ["http:530", "ftp:530"]
    assert engine.explain("then 530 again, same as yesterday", "passive").matches == []


def test_an_undocumented_httperr_reason_is_answered_as_unknown(engine: Engine) -> None:
    """`SlowResponsiveClient` is in HTTPERR logs of newer Windows but in no Microsoft list: say so, name nothing."""
    line = "2023-12-12 21:06:16 10.18.114.6 5921 10.18.114.208 6500 - - - - - - SlowResponsiveClient -"
    result = engine.explain(line)
    assert result.matches == [] and result.unknown == ["httperr:SlowResponsiveClient"]
    assert engine.explain(line, "passive").matches == []


def test_cloudflares_1016_page_is_known_by_its_own_sentences(engine: Engine) -> None:
    """Cloudflare's 1016 page, quoted without its number (the sentences the page prints to the site owner)."""
    text = (
        "What happened?\nYou've requested a page on a website that is on the Cloudflare network. Cloudflare is "
        "currently unable to resolve your requested domain."
    )
    best = engine.explain(text).best
    assert best is not None and best.id == "cloudflare:1016"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("If curl from the server returns 200 but the browser shows 502, it's cached.", "http:502"),
        ("Invoke-WebRequest http://127.0.0.1:3000/api/health returns 200 but the browser gets a 503", "http:503"),
    ],
)
def test_an_error_leads_over_a_success_printed_beside_it(engine: Engine, text: str, expected: str) -> None:
    ids = [m.id for m in engine.explain(text).matches]
    assert ids[0] == expected and "http:200" not in ids


def test_a_servers_reason_printed_by_a_client_is_not_an_iis_sub_status(engine: Engine) -> None:
    """PyPI answered plain-HTTP downloads with `403 SSL is required`; urllib prints the reason it got."""
    text = "    raise HTTPError(req.full_url, code, msg, hdrs, fp)\nurllib.error.HTTPError: HTTP Error 403: SSL is required"
    assert engine.explain(text).best.id == "http:403"
    iis = "Server: Microsoft-IIS/10.0\nHTTP Error 403 - Forbidden\nSSL is required to view this resource."
    assert engine.explain(iis).best.id == "http:403.4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('**Symptoms**: Cloudflare error page "Web server is returning an unknown error"', "http:520"),
        ("Cloudflare Ray ID: 7d1f2a3b4c5d6e7f\nError 521\nWeb server is down", "http:521"),
    ],
)
def test_cloudflares_5xx_pages_are_answered_unprompted(engine: Engine, text: str, expected: str) -> None:
    best = engine.explain(text, "passive").best
    assert best is not None and best.id == expected


@pytest.mark.parametrize(
    "text",
    [
        # RFC 5321's reply texts: their numbers and words resemble FTP's
        "421 Service not available, closing transmission channel\n"
        "450 Requested mail action not taken: mailbox unavailable\n"
        "550 Requested action not taken: mailbox unavailable",
        # Gmail's submission port without AUTH
        "smtplib.SMTPSenderRefused: (530, b'5.7.0 Authentication Required. Learn more at\\n5.7.0 "
        "https://support.google.com/mail/?p=WantAuthError', 'me@example.com')",
        "When trying to send mail through a server that requires authentication (port 587): 530 Authentication Required",
        # a file manager's copy dialog: a Windows message, nothing of the web
        "Copying files to remote side failed.\nSystem Error.  Code: 32.\n"
        "The process cannot access the file because it is being used by another process",
    ],
)
def test_mail_replies_and_desktop_windows_errors_are_not_answered_unasked(engine: Engine, text: str) -> None:
    assert engine.explain(text, "passive").matches == []


def test_a_named_sub_status_is_not_traded_for_a_sibling_by_shared_words(engine: Engine) -> None:
    """IIS prints "You do not have permission to view this directory or page" on 401.x and 403.x pages alike."""
    text = "HTTP Error 401.0 - Unauthorized\nYou do not have permission to view this directory or page."
    assert engine.explain(text).best.id == "http:401"


@pytest.mark.parametrize(
    "text",
    [
        # PostgreSQL's log prefix: the bracketed number is the backend's process id
        "2019-05-06 12:00:00.000 UTC [428] LOG:  database system is ready to accept connections\n"
        '2019-05-06 12:00:04.112 UTC [451] FATAL:  password authentication failed for user "postgres"',
        # nodemailer's error object: `response:` and `command:` fields are no FTP transcript
        "Error: Invalid login: 535-5.7.8 Username and Password not accepted.\n  code: 'EAUTH',\n"
        "  response: '535-5.7.8 Username and Password not accepted. Learn more at',\n  responseCode: 535,\n"
        "  command: 'AUTH PLAIN'",
    ],
)
def test_process_ids_and_mail_error_objects_are_not_answered_unasked(engine: Engine, text: str) -> None:
    assert engine.explain(text, "passive").matches == []


@pytest.mark.parametrize(
    "text",
    [
        "- Public tunnel (Cloudflare - 10 min setup)",
        "* 10. Cloudflare - 10K tokens/day free",
        "- **AI Features:** $0/month (Cloudflare - 1000 requests/day)",
    ],
)
def test_cloudflare_beside_a_number_that_is_a_quota_is_silent(engine: Engine, text: str) -> None:
    assert engine.explain(text, "passive").matches == []


def test_ftp_words_alone_do_not_lead_over_a_named_http_code(engine: Engine) -> None:
    """nginx's "permission denied while connecting to upstream" beside a 502: FTP's 550 words are everyone's here."""
    text = "The 502 error keeps coming back; error.log says: permission denied while connecting to upstream"
    assert engine.explain(text).best.id == "http:502"
