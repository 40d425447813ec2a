"""Browsers: Chromium's `net::ERR_*` names, XHR/fetch status 0, and the words of browser error pages.

A bare `ERR_X` counts only when it is a net error we know (axios and Node print `ERR_BAD_RESPONSE`,
`ERR_INVALID_ARG_TYPE`, which are not Chromium's). `Error 105 (net::ERR_NAME_NOT_RESOLVED)`: the
number is Chromium's internal one, not an HTTP status.

Examples (tests/test_recognize.py runs each through the engine):

    GET http://localhost/socket.io/?EIO=3&transport=polling&t=M53onLr net::ERR_CONNECTION_REFUSED
    => net:ERR_CONNECTION_REFUSED

    This site can’t be reached
    localhost refused to connect.
    ERR_CONNECTION_REFUSED
    => net:ERR_CONNECTION_REFUSED

    Error 105 (net::ERR_NAME_NOT_RESOLVED)
    => net:ERR_NAME_NOT_RESOLVED

The page's words quoted in chat without its code: a host that refused to connect (without the page's
full stop), older Chrome's and Firefox's pages for a name that does not resolve (a troubleshooting
README; Ubuntu forum posts; a note on a phishing link):

    Issue: "localhost:3000 refused to connect" on Android
    => net:ERR_CONNECTION_REFUSED

    But when I enter http://domain1.com in my browser I got the following error message:
    Oops! Google Chrome could not find domain1.com
    => net:ERR_NAME_NOT_RESOLVED

    it doesn't resolve ("The server at l.ak.facebook.com can't be found, because the DNS lookup failed").
    => net:ERR_NAME_NOT_RESOLVED

    a message appears saying "Server not found, Firefox can't find the server at www.vk.com".
    => net:ERR_NAME_NOT_RESOLVED

    I keep having Server not found in Firefox or This site can’t be reached in Opera
    => net:ERR_NAME_NOT_RESOLVED

    **Symptom:** `dig` resolves fine; browser says server not found.
    => net:ERR_NAME_NOT_RESOLVED

Chrome's page in Chinese, and a browser said to refuse the connection (an Express exercise's notes;
ComfyUI's troubleshooting guide):

    Failed running 'app.js'. Waiting for file changes before restarting... 页面显示无法访问此网站
    localhost 拒绝了我们的连接请求。
    => net:ERR_CONNECTION_REFUSED

    **Symptom**: Browser says connection refused, or UI is frozen.
    => net:ERR_CONNECTION_REFUSED

    This page isn’t working
    8f15e88c-4f31-499e-9d13-59664bcd3dc2-00.internal.replit.dev didn’t send any data.
    => net:ERR_EMPTY_RESPONSE

    This page isn’t working
    example.com redirected you too many times.
    Try clearing your cookies.
    => net:ERR_TOO_MANY_REDIRECTS

    Constantly i'm receiving the "error" page from "Too many redirects, try cleaning your cookies".
    => net:ERR_TOO_MANY_REDIRECTS

    The connection has timed out
    The server at www.example.com is taking too long to respond.
    => net:ERR_CONNECTION_TIMED_OUT

    Fired XHR event: error
    XHR status: 0
    XHR status text:
    => net:0

    HTTP Request Failed. Status: 0
    => net:0

    Uncaught (in promise) TypeError: Failed to fetch
    => net:0

    POST https://api.openrouteservice.org/v2/isochrones net::ERR_FAILED 502 (Bad Gateway)
    => http:502

    DevTools failed to load source map: Could not load content for https://shohan-ch.github.io/social-network-template/lightbox-plus-jquery.min.map: HTTP error: status code 404, net::ERR_HTTP_RESPONSE_CODE_FAILURE
    => http:404
"""

from __future__ import annotations

import re

from bot.recognize.base import EXPLICIT, LABELLED, Mention

_NET = re.compile(r"(?<![A-Za-z0-9_])(?P<prefix>net::)?(?P<name>ERR_[A-Z0-9_]{3,60})(?![A-Za-z0-9_])", re.I)
_CHROME_NUMBER = re.compile(r"[1-9][0-9]{0,2}[ \t]?\($")  # "Error 105 (" before net::ERR_...
_STATUS_ZERO = re.compile(
    r"(?=[xXsSrRhH])(?<![A-Za-z])(?:xhr status|status code|statuscode|status of|http status|responded with status|status)"
    r"['\"]?[ \t]{0,2}(?:[:=]|is|was|of)?[ \t]{0,2}0(?![0-9.,xX])",
    re.I,
)
# Chrome's console lines that print the status before the net error that only says it was not a success
_STATUS_AFTER = re.compile(r" ([1-5][0-9][0-9])(?![0-9.])")
_RESPONDED = re.compile(r"(?:responded with a status of|status code) [1-5][0-9][0-9]", re.I)
# fetch() rejects only when no response came (network, CORS, blocked): Chrome, Firefox, Safari wordings
_FETCH_FAILED = re.compile(
    r"TypeError: (?:Failed to fetch|NetworkError when attempting to fetch resource|Load failed)(?![A-Za-z])"
)
_COUNT_AFTER = re.compile(r"[ \t]{1,2}(?:errors?|warnings?|failures?|failed|passed|tests?|items?|files?|of|out)", re.I)
_REQUEST_WORDS = re.compile(r"xhr|xmlhttprequest|(?<![A-Za-z])(?:fetch|ajax|cors|request|http|response|api)", re.I)
# ... and a Go or server-side client's own `StatusCode:0` beside its timeout is no browser's status 0
_SERVER_CLIENT = re.compile(r"net/http: |Client\.Timeout exceeded|context deadline exceeded")
_EXIT_BEFORE = re.compile(r"(?:exit|exited|process|return|errors?|warnings?|failures?|[0-9])[ \t:=]{0,3}\Z", re.I)
# A host as Chromium's pages name it: `localhost`, an address, a domain, with or without a port.
_HOST = (
    r"(?<![A-Za-z0-9.-])(?:localhost|[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,12})"
    r"(?::[0-9]{1,5})?"
)
# Words of Chromium's error pages, when the page's code line was not pasted.
_PAGES = [
    (re.compile(r"redirected you too many times", re.I), "ERR_TOO_MANY_REDIRECTS"),
    # the same page quoted loosely ("Too many redirects, try cleaning your cookies"), Firefox's page
    (
        re.compile(
            r"(?=[tTiI])(?:too many redirects[^\n]{0,40}?(?:clear|clean|delete)(?:ing)? (?:your )?cookies|isn't redirecting properly)",
            re.I,
        ),
        "ERR_TOO_MANY_REDIRECTS",
    ),
    (re.compile(r"(?<![A-Za-z])refused to connect\.", re.I), "ERR_CONNECTION_REFUSED"),
    # (a host or host:port as the subject, quoted without the page's full stop: "localhost:3000 refused to connect")
    (
        re.compile(
            _HOST + r" refused to connect(?![A-Za-z])",
            re.I,
        ),
        "ERR_CONNECTION_REFUSED",
    ),
    # Chrome: "x took too long to respond."; Firefox: "The server at x is taking too long to respond."
    (
        re.compile(r"\S took too long to respond|The server at \S{1,200} is taking too long to respond", re.I),
        "ERR_CONNECTION_TIMED_OUT",
    ),
    (
        re.compile(
            r"server IP address could not be found|DNS_PROBE_FINISHED_NXDOMAIN|Google Chrome could not find \S"
            r"|can't be found, because the DNS lookup failed|Firefox can't find the server at \S"
            r"|We're having trouble finding that site",
            re.I,
        ),
        "ERR_NAME_NOT_RESOLVED",
    ),
    # Firefox's "Server Not Found" page named as the browser's words ("The browser reports server not found")
    (
        re.compile(
            r"(?<![A-Za-z])(?:browsers?|chrome|edge|firefox|safari)(?![A-Za-z])[^\n]{0,60}?(?<![A-Za-z])server not found"
            r"(?![A-Za-z])|(?<![A-Za-z])server not found(?![A-Za-z])[^\n]{0,40}?(?<![A-Za-z])(?:firefox|browser)(?![A-Za-z])",
            re.I,
        ),
        "ERR_NAME_NOT_RESOLVED",
    ),
    (re.compile(r"unexpectedly closed the connection", re.I), "ERR_CONNECTION_CLOSED"),
    # Chrome's pages in Chinese: "localhost 拒绝了我们的连接请求。", "找不到 x 的服务器 IP 地址", "x 的响应时间过长"
    (re.compile(r"拒绝了我们的连接请求"), "ERR_CONNECTION_REFUSED"),
    (re.compile(r"找不到 ?\S{1,200} ?的服务器 ?IP ?地址"), "ERR_NAME_NOT_RESOLVED"),
    (re.compile(r"的响应时间过长"), "ERR_CONNECTION_TIMED_OUT"),
    # (only as the browser shows it: "连接已重置" alone is any socket's log line)
    (
        re.compile(r"(?:浏览器|网页|页面|显示|Chrome|chrome)[^\n]{0,20}?(?:连接已重置|连接被重置)|^连接已重置。", re.M),
        "ERR_CONNECTION_RESET",
    ),
    # a browser said to refuse the connection ("Browser says connection refused", "In Google Chrome ... I get a
    # connection refused error")
    (
        re.compile(
            r"(?<![A-Za-z])(?:browsers?|chrome|edge|firefox|safari|vivaldi)(?![A-Za-z])[^\n]{0,80}?"
            r"(?<![A-Za-z])connection refused(?![A-Za-z])",
            re.I,
        ),
        "ERR_CONNECTION_REFUSED",
    ),
    # ... the other way round ("Connection refused in chrome browser"), and in Chinese ("打开浏览器显示localhost拒绝连接")
    (
        re.compile(
            r"(?<![A-Za-z])connection refused(?![A-Za-z])[^\n]{0,40}?(?<![A-Za-z])(?:in|from|by|on) (?:the )?"
            r"(?:chrome|edge|firefox|safari|browser)(?![A-Za-z])",
            re.I,
        ),
        "ERR_CONNECTION_REFUSED",
    ),
    (re.compile(r"(?:浏览器|chrome|Chrome|edge|Edge)[^\n]{0,40}?拒绝(?:了)?连接"), "ERR_CONNECTION_REFUSED"),
    # "Too many redirects" said as the error: quoted, or after a verb of getting it ('I keep getting Too Many Redirects')
    (
        re.compile(
            r"(?:(?<![A-Za-z])(?:get|getting|got|gives?|error|errors|shows?|showing)[ \t]{1,2}(?:an? |the )?"
            r"(?:error[ \t]{1,2}(?:of|in the browser of)?[ \t]{0,2})?[\"'“]?|[\"'“])too[ _]many[ _]redirects",
            re.I,
        ),
        "ERR_TOO_MANY_REDIRECTS",
    ),
    # ... or to have reset it ('the same "Connection Reset" error from Chrome')
    (
        re.compile(
            r"(?<![A-Za-z])connection reset(?![A-Za-z])[^\n]{0,40}?(?<![A-Za-z])(?:from|in|by) (?:chrome|edge|firefox|safari|the browser)"
            r"(?![A-Za-z])",
            re.I,
        ),
        "ERR_CONNECTION_RESET",
    ),
    # Chrome's page for an empty response: "localhost didn't send any data."
    (
        re.compile(
            _HOST + r" didn't send any data",
            re.I,
        ),
        "ERR_EMPTY_RESPONSE",
    ),
]


_PAGE_KEYS = (  # looked up in the lower-cased text
    "redirected you",
    "redirects",
    "redirecting properly",
    "refused to connect",
    "too long to respond",
    "could not be found",
    "could not find",
    "can't be found",
    "can't find the server",
    "trouble finding",
    "server not found",
    "拒绝了我们的连接请求",
    "的服务器",
    "响应时间过长",
    "connection refused",
    "拒绝连接",
    "拒绝了连接",
    "连接已重置",
    "连接被重置",
    "connection reset",
    "send any data",
    "dns_probe",
    "unexpectedly closed",
)


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    named = False
    if "ERR_" in text or "err_" in text:
        for m in _NET.finditer(text):
            name = m.group("name").upper()
            strength = EXPLICIT if m.group("prefix") else 0.84  # the engine keeps a bare one only if it is known
            if name == "ERR_HTTP_RESPONSE_CODE_FAILURE" and _RESPONDED.search(text, max(0, m.start() - 300), m.start()):
                strength = 0.6  # "the server responded with a status of 503 () net::ERR_...": the 503 is the news
            after = _STATUS_AFTER.match(text, m.end())
            if after and m.group("prefix"):
                # DevTools' console: "GET https://x/api net::ERR_FAILED 502 (Bad Gateway)": the request got that
                # status (the net error is the blocked CORS read of it)
                found.append(Mention(after.group(1), EXPLICIT, "devtools-status", after.start(1), after.end(1), "http"))
                taken.add(after.start(1))
                strength = 0.6
            kind = "net" if m.group("prefix") else "net-bare"
            found.append(Mention(name, strength, kind, m.start("name"), m.end(), "net"))
            named = True
            number = _CHROME_NUMBER.search(text, max(0, m.start() - 6), m.start())
            if number:
                taken.add(number.start())
    low = text.lower() if not named else ""
    if not named and any(k in low for k in _PAGE_KEYS):
        for pattern, name in _PAGES:
            p = pattern.search(text)
            if p:
                found.append(Mention(name, 0.82, "net-page", p.start(), p.end(), "net"))
    if "etch" in text or "Load failed" in text:
        for m in _FETCH_FAILED.finditer(text):
            found.append(Mention("0", LABELLED, "fetch-failed", m.start(), m.end(), "net"))
            break
    zero_keys = (": 0", ":0", "=0", "= 0", "of 0", "s 0", "is 0", "was 0")
    if any(k in text for k in zero_keys) and _REQUEST_WORDS.search(text, 0, 10_000) and not _SERVER_CLIENT.search(text):
        said = 0
        for m in _STATUS_ZERO.finditer(text):
            if _EXIT_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _COUNT_AFTER.match(text, m.end()):
                continue  # "exit status 0", "status: 0 errors": a count or a process, not a request
            found.append(Mention("0", LABELLED, "status-0", m.end() - 1, m.end(), "net"))
            said += 1
            if said >= 4:
                break  # the engine keeps four mentions of a code
