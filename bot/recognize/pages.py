"""Stock error pages and reason phrases without a number: Apache, IIS, HTTP.sys, nginx, Flask/Werkzeug,
Google, and the same explained in Chinese.

A reason phrase alone (`Forbidden`, `Service Unavailable`) is the title line of an error page when
it stands on a line of its own; inside a sentence (`sometimes i have internal server errors`) it is
only a hint. Page sentences whose status is fixed are read here; sentences that belong to one
knowledge entry are its aliases (bot.fuzzy).

Examples (tests/test_recognize.py runs each through the engine):

    Forbidden
    => http:403

    Unauthorized
    => http:401

    You don't have permission to access /acdr/ on this server.
    => http:403

    The page cannot be displayed because an internal server error has occurred.
    => http:500

    The server could not verify that you are authorized to access the URL requested.
    => http:401

    Your client does not have permission to get URL / from this server.
    => http:403

    You do not have permission to view this directory or page.
    => http:403

    这个错误通常表示 Nginx 在尝试从上游服务器读取响应标头时超时。
    => http:504

    after upgrading my site sometimes i have internal server errors
    => http:500

A reason phrase said as an error is sure (answered unasked): followed by "error", after a verb of
seeing it, or opening a line as a page's title does:

    1. Go to https://vbr.wocr.tk/
    2. Observe bad gateway error
    => http:502

    Bad gateway currently. From following the "demo" link.
    => http:502

    traefik just returns "Bad Gateway" (plain text, 11 bytes) for the new service, container is up and listening on 3000
    => http:502

The same in Chinese after the verb that shows it (提示, 报, 显示): a uWSGI set-up note, a bug triage table:

    如果提示Internal Server Error
    => http:500

    | 高危 | 使用Python命令行安装部署后启动直接报Internal Server Error | https://github.com/agentscope-ai/QwenPaw/issues/5379 |
    => http:500

And in Korean, with its subject particle and "occurred" or "is printed" (a Heroku deploy diary; a Python
CGI study note):

    계속 전의 app url로 요청을 보내 당연히 Internal Server Error가 발생했다.
    => http:500

    인터프리터와 헤더 정보를 지정하지 않으면 브라우저에 Internal Server Error가 출력된다
    => http:500

    Gateway timeouts are a fact of life on a busy proxy
    => -

    Service unavailable handling: we return a friendly page
    => -

    ## ANCM Failed to Find Native Dependencies

    .Net5の環境に.Net6のアプリをデプロイした時に発生。
    => http:500.31

    Server Error in '/' Application.
    Runtime Error
    => http:500

    Apache: client denied by server configuration
    => http:403

    /opt/lampp/logs/error_log gives me
    [error] [client 127.0.0.1] Directory index forbidden by Options directive: /home/murphy/www/images/
    => http:403

    AH01276: Cannot serve directory /home/zhuyin/www/admonitor/webapp/: No matching DirectoryIndex (index.html) found, and server-generated directory index forbidden by Options directive
    => http:403

    More Information: https://go.microsoft.com/fwlink/?LinkID=62293&IIS70Error=500,19,0x8007000d,9200
    => http:500.19

    Site not found
    Looks like you followed a broken link or entered a URL that doesn't exist on Netlify.
    => http:404

    ### I'm getting "Page Not Found" error and the page content is different from the default Page Not Found site marker
    => http:404

    “/”应用程序中的服务器错误。
    运行时错误
    => http:500

    ## Lưu ý:
    Lỗi 500.30 - ASP.NET Core app failed to start
    => http:500.30

    #### I'm getting a Bad Request error when calling `Commit()`
    You're probably using an outdated version.
    => http:400

    Bad request bodies are rejected by the validator before they reach the handler
    => -

Stock pages of frameworks: ASP.NET's yellow page (its heading) and Rails' public/404.html, 422.html and
500.html (railties' app templates):

    Server Error in '/' Application.
    The resource cannot be found.
    => http:404

    Application Log: Application 'MACHINE/WEBROOT/APPHOST/{ASSEMBLY}' with physical root 'C:\\{PATH}\\' failed to start process with commandline '"C:\\{PATH}{ASSEMBLY}.{exe|dll}" ', ErrorCode = '0x80004005 : ff.
    => http:502.5

    The page you were looking for doesn't exist.
    If you are the application owner check the logs for more information.
    => http:404

    We're sorry, but something went wrong.
    If you are the application owner check the logs for more information.
    => http:500
"""

from __future__ import annotations

import re

from bot.recognize.base import EXPLICIT, JA_SHOWN, LABELLED, Mention

_REASONS = {
    "bad request": "400", "unauthorized": "401", "forbidden": "403", "not found": "404",
    "method not allowed": "405", "not acceptable": "406", "request timeout": "408", "request time-out": "408",
    "conflict": "409", "gone": "410", "length required": "411", "payload too large": "413",
    "request entity too large": "413", "uri too long": "414", "unsupported media type": "415",
    "too many requests": "429", "internal server error": "500", "not implemented": "501",
    "bad gateway": "502", "service unavailable": "503", "service temporarily unavailable": "503",
    "gateway timeout": "504", "gateway time-out": "504", "http version not supported": "505",
    "access denied": "403", "proxy error": "502",
    # stock titles of hosts' and frameworks' 404 pages (Netlify, GitHub Pages, PHP-FPM's "File not found.")
    "page not found": "404", "site not found": "404", "file not found": "404",
}  # fmt: skip
_LINE = re.compile(
    r"^[ \t#*>\"'`_]{0,6}(?:error[ \t]{0,2}[:-]?[ \t]{0,2})?(?P<phrase>[A-Za-z][A-Za-z -]{2,40}?)[ \t.!\"'`*_]{0,6}$",
    re.M,
)
_INLINE = re.compile(
    r"(?=[ibsgtfumrpIBSGTFUMRP])(?<![A-Za-z])(?P<phrase>internal server errors?|bad gateway|service (?:temporarily )?unavailable|"
    r"gateway time-?outs?|too many requests|forbidden|bad request|unauthorized|method not allowed|"
    r"request entity too large|payload too large|unsupported media type|uri too long|page not found)(?![A-Za-z])",
    re.I,
)
# Page sentences: (pattern, status, strength).
_SENTENCES = [
    (re.compile(r"You don't have (?:the )?permission to access", re.I), "403", 0.9),  # Apache, Werkzeug
    (re.compile(r"Your client does not have permission to get URL", re.I), "403", 0.9),  # Google
    (re.compile(r"The page cannot be displayed because an internal server error has occurred", re.I), "500", 0.9),
    (re.compile(r"could not verify that you are authorized to access", re.I), "401", 0.9),  # Apache, Werkzeug
    (re.compile(r"The server encountered an internal error or misconfiguration", re.I), "500", 0.9),  # Apache
    (re.compile(r"temporarily unable to service your request due to maintenance downtime", re.I), "503", 0.9),
    (re.compile(r"The proxy server received an invalid response from an upstream server", re.I), "502", 0.9),
    (re.compile(r"The requested URL (?:\S{1,300} )?was not found on this server", re.I), "404", 0.9),
    (re.compile(r"(?<![A-Za-z])Forbidden: Access is denied", re.I), "403", 0.9),  # IIS 403 page
    # Apache's error-log message for a Require/Deny refusal (AH01630, AH01797), quoted without the log line
    (re.compile(r"client denied by server configuration", re.I), "403", 0.85),
    # ... and for a directory without an index page (AH01276, and Apache 2.2's wording)
    (re.compile(r"Directory index forbidden by (?:Options directive|rule)", re.I), "403", 0.85),
    (re.compile(r"Cannot serve directory [^\n:]{1,300}: No matching DirectoryIndex", re.I), "403", 0.85),
    (re.compile(r"^The service is unavailable\.?$", re.I | re.M), "503", 0.9),  # HTTP.sys
    # ASP.NET's yellow page heads a 404 with it ("Server Error in '/' Application." above it, or a browser's
    # window title after it); mid-sentence it is any library's docstring
    (re.compile(r"^[ \t\[>#*]{0,4}The resource cannot be found\.", re.I | re.M), "404", 0.85),
    (re.compile(r"^[ \t\[>#*]{0,4}无法找到资源。", re.M), "404", 0.85),  # the same page in Chinese
    # Rails' public/404.html, 422.html and 500.html (railties' app templates)
    (re.compile(r"The page you were looking for doesn't exist", re.I), "404", 0.9),
    (re.compile(r"The change you wanted was rejected", re.I), "422", 0.9),
    (
        re.compile(
            r"We're sorry, but something went wrong\.?\s{0,8}"
            r"(?:If you are the application owner|We've been notified about this issue)",
            re.I,
        ),
        "500",
        0.9,
    ),
    (re.compile(r"(?:你|您)(?:已经)?没有(?:权限|访问权限)访问|服务端决定了你没有权限", re.I), "403", 0.6),
    # nginx's upstream timeout explained in Chinese words: upstream + reading the response + timed out
    (
        re.compile(
            r"(?:上游|后端|upstream)[^\n。]{0,30}?(?:读取|接收|等待)[^\n。]{0,20}?(?:响应|回应|标头|头)[^\n。]{0,12}?超时"
        ),
        "504",
        0.85,
    ),
    (re.compile(r"(?:上游|后端|upstream)[^\n。]{0,30}?(?:拒绝连接|连接被拒绝)"), "502", 0.6),
    # ASP.NET's error page ("yellow screen of death") for an unhandled exception, in English and Chinese
    (
        # (not when its heading is "The resource cannot be found.": that page is the 404 below)
        re.compile(
            r"(?:Server Error in '[^'\n]{1,80}' Application|\"[^\"\n]{1,80}\"\s?应用程序中的服务器错误)"
            r"(?!\.?。?[ \t\n]{0,6}(?:The resource cannot be found|无法找到资源))"
        ),
        "500",
        0.9,
    ),
    # The ASP.NET Core Module's own page titles (Microsoft: "Troubleshoot ASP.NET Core on Azure App Service and
    # IIS"), older and newer wording: each belongs to one sub-status, pasted with or without its number.
    (re.compile(r"ANCM In-Process Start Failure|ASP\.NET Core app failed to start", re.I), "500.30", 0.9),
    (re.compile(r"ANCM Failed to Find Native Dependencies|Failed to load ASP\.NET Core runtime", re.I), "500.31", 0.9),
    (re.compile(r"ANCM Failed to Load dll|Failed to load \.NET Core host", re.I), "500.32", 0.9),
    (
        re.compile(r"ANCM Request Handler Load Failure|Failed to load ASP\.NET Core request handler", re.I),
        "500.33",
        0.9,
    ),
    (re.compile(r"ANCM Mixed Hosting Models Not Supported", re.I), "500.34", 0.9),
    # the module's event-log line for an out-of-process app that would not start: the browser got 502.5 (Microsoft:
    # "Troubleshoot ASP.NET Core on Azure App Service and IIS", Application Log beside "HTTP Error 502.5")
    (re.compile(r"failed to start process with commandline", re.I), "502.5", 0.9),
    (re.compile(r"ANCM Multiple In-Process Applications in same Process", re.I), "500.35", 0.9),
    (re.compile(r"ANCM Out-Of-Process Handler Load Failure", re.I), "500.36", 0.9),
    (re.compile(r"ANCM Failed to Start Within Startup Time Limit", re.I), "500.37", 0.9),
    (re.compile(r"ANCM Application DLL Not Found|Failed to locate ASP\.NET Core app", re.I), "500.38", 0.9),
]
_FWLINK = re.compile(r"IIS[0-9]{2}Error=([1-5][0-9][0-9]),([0-9]{1,4}),0x[0-9a-fA-F]{8}")
_SAID_AS_ERROR = re.compile(
    r"[\"']?[ \t]{0,2}(?:error|errors|错误|page|response)(?![A-Za-z])(?![ \t](?:handling|handler|handlers|codes?|templates?|design))",
    re.I,
)
# After a phrase that opens a line: the end of the clause or words of when it happened, not a noun it qualifies
# ("Bad gateway currently." is the page; "Service unavailable handling:" is a topic).
_TITLE_END = re.compile(
    r"[ \t]{0,2}(?:$|[.!,;)\-]|(?:currently|now|again|since|today|yesterday|on|when|after|every|from|for|at|in|"
    r"with|here|there|sometimes)(?![A-Za-z]))",
    re.I | re.M,
)
_SEEN_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:observe|observed|see|seeing|saw|get|getting|got|shows?|showing|returns?|returning|returned|"
    r"throws?|throwing|receive|received|receiving|prompts?|prompted)[ \t]{1,2}(?:an?[ \t]|the[ \t])?[ \t]{0,2}[\"']?\Z",
    re.I,
)
# zh: "页面提示internal server error", "启动直接报Internal Server Error", "访问接口一直提示: Forbidden" (after a Chinese verb
# even Forbidden and Unauthorized are the error, not an English word in a sentence)
_SEEN_BEFORE_ZH = re.compile(r"(?:提示|显示|报错|报|返回|出现|遇到|弹出)[ \t:]{0,2}[\"']?\Z")
# a JSON body whose message is the reason phrase itself: API Gateway's `{"message":"Forbidden"}`
_JSON_MESSAGE = re.compile(r"[\"'](?:message|error|msg|detail|title)[\"'][ \t]?:[ \t]?[\"']\Z", re.I)
# Japanese: quoted, then "displayed" ("「Service Temporarily Unavailable」と表示されました")
_SAID_JA = re.compile(JA_SHOWN + r"|[ \t]?が[ \t]?出力")  # a phrase "is output" ("internal server errorが出力される")
# Korean: the phrase, its subject particle, then "occurred", "shows", "is printed" ("Internal Server Error가 발생했다")
# (an adverb between: "Too Many Requests 가 자주 발생"; the object particle and "saw": "Too many requests를 보게")
_SAID_KO = re.compile(
    r"[ \t]?(?:(?:가|이)[ \t]?(?:(?:자주|계속|가끔|또|다시)[ \t])?(?:발생|뜨|뜬|떠|떴|나요|납니다|났|출력|반환)|(?:를|을)[ \t]?(?:보|봤|받))"
)
_QUOTED_AFTER_LABEL = re.compile(
    r"(?<![A-Za-z])(?:error|errors|erro|fehler|erreur|error message|(?:down|fails?|failed|failing) with)[ \t]{0,2}:?[ \t]{0,2}[\"'“`]\Z",
    re.I,
)
_LINE_OPEN = re.compile(r"(?:^|\n)[ \t>*\"'#\-0-9.)]{0,8}\Z")
_TITLES = ("bad gateway", "service unavailable", "gateway timeout", "gateway time-out", "internal server error")
_NUMBER_BEFORE = re.compile(r"[0-9][ \t\-:.)\]]{0,4}\Z|[0-9]{3}(?:\.[0-9]{1,4})?[ \t]{0,2}[-:][ \t]{0,2}\Z")
_IIS_SHARED = re.compile(r"You do not have permission to view this directory or page(?:\.|[\"']?[ \t]*$)", re.I | re.M)
_IIS_401 = re.compile(r"unauthorized|invalid credentials|401|logon failed|登录失败", re.I)


def _key(pattern: re.Pattern[str]) -> str:
    """A literal (lower case) the sentence cannot match without: a cheap `in` check before the pattern."""
    words = re.findall(r"[A-Za-z]{5,}", pattern.pattern)
    alternatives = pattern.pattern.startswith("(?:")  # an alternation first: no single literal to ask for
    return words[0].lower() if words and not alternatives else ""


_KEYED_SENTENCES = [(_key(pattern), pattern, status, strength) for pattern, status, strength in _SENTENCES]


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    head = text[:20_000]
    low = head.lower()
    titled = False
    for lines_seen, m in enumerate(_LINE.finditer(head)):
        if lines_seen >= 40:
            break
        status = _REASONS.get(" ".join(m.group("phrase").lower().split()))
        if status:
            titled = True
            alone = len(text.strip(" \n\t\"'`#*.!")) <= len(m.group(0)) + 2
            strength = LABELLED if alone else 0.8
            found.append(Mention(status, strength, "reason-line", m.start("phrase"), m.end("phrase"), "http"))
    if not titled:
        m = _INLINE.search(head)
        if m and not _NUMBER_BEFORE.search(
            head, max(0, m.start() - 14), m.start()
        ):  # "500.19 - Internal ...": a code's own phrase
            phrase = m.group("phrase").lower()
            status = _REASONS.get(phrase) or _REASONS[phrase[:-1]]  # "internal server errors": the plural
            window = head[max(0, m.start() - 30) : m.start()]
            said = (
                (_SAID_AS_ERROR.match(head, m.end()) and not phrase.endswith("s"))
                or _SAID_JA.match(head, m.end())
                or _SAID_KO.match(head, m.end())
                or _SEEN_BEFORE.search(window)
                or (phrase in _TITLES and _LINE_OPEN.search(window) and _TITLE_END.match(head, m.end()))
            )
            quoted = (
                _QUOTED_AFTER_LABEL.search(window)  # `error "Bad Gateway"`: the writer quotes the error itself
                or _SEEN_BEFORE_ZH.search(window)
                or (_JSON_MESSAGE.search(window) and head[m.end() : m.end() + 1] in "\"'")
            )
            strength = 0.8 if quoted or (said and phrase not in ("forbidden", "unauthorized")) else 0.4
            found.append(Mention(status, strength, "reason-inline", m.start(), m.end(), "http"))
    for key, pattern, status, strength in _KEYED_SENTENCES:
        if key not in low:
            continue
        m = pattern.search(head)
        if m:
            found.append(Mention(status, strength, "page-sentence", m.start(), m.end(), "http"))
    if "Error=" in head:
        # the "More information" link of IIS's detailed error page: `...&IIS70Error=500,19,0x8007007b,17763`
        for f in _FWLINK.finditer(head):
            code = f"{f.group(1)}.{int(f.group(2))}" if f.group(2) != "0" else f.group(1)
            found.append(Mention(code, EXPLICIT, "iis-fwlink", f.start(1), f.end(2), "http"))
    m = _IIS_SHARED.search(head)
    if m and not _IIS_401.search(head):
        found.append(Mention("403", 0.8, "page-sentence", m.start(), m.end(), "http"))
