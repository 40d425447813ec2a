"""The software a paste shows: `Server:`/`Via:` headers, error-page footers, log formats, FTP banners.

One table: each signature names a product of the knowledge vocabulary (bot.knowledge.model.PRODUCTS),
the pattern it reads, and a real example of that text (tests check every pattern against its
example). Patterns are ASCII, case-insensitive, bounded and free of nested quantifiers, so
recognition stays linear in the length of the paste. They run on the text exactly as pasted, so the
span a signature matched is a verbatim piece of the input, quotable as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (product, pattern, example it reads)
_TABLE: tuple[tuple[str, str, str], ...] = (
    # ---- web servers and proxies
    ("nginx", r"^[ \t]*server:[ \t]*(?:nginx|openresty)\b[^\r\n]{0,40}", "Server: nginx/1.18.0 (Ubuntu)"),
    ("nginx", r"<center>(?P<q>(?:nginx|openresty)(?:/\d[\w.]{0,20})?(?: \([\w ]{1,30}\))?)</center>", "<hr><center>nginx/1.18.0 (Ubuntu)</center>"),
    ("nginx", r"^[ \t]*(?:nginx|openresty)(?:/\d[\w.]{0,20})?(?: \([\w ]{1,30}\))?[ \t]*$", "502 Bad Gateway\nnginx/1.25.3"),
    ("nginx", r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[(?:emerg|alert|crit|error|warn|notice|info|debug)\] \d{1,10}#\d{1,10}:", "2024/03/05 10:21:33 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream"),
    ("nginx", r"\bwhile (?:connecting to|reading response header from) upstream\b", "upstream timed out (110: Connection timed out) while reading response header from upstream"),
    ("ingress-nginx", r"\bingress-nginx\b|\bnginx-ingress-controller\b", "ingress-nginx-controller-7d9c8f5b6-x2x9q"),
    ("apache", r"^[ \t]*server:[ \t]*apache\b[^\r\n]{0,40}", "Server: Apache/2.4.41 (Ubuntu)"),
    ("apache", r"\bApache(?:/\d[\w.]{0,20})?(?: \([\w ]{1,30}\))? Server at [\w.-]{1,100} Port \d{1,5}", "Apache/2.4.41 (Ubuntu) Server at example.com Port 443"),
    ("apache", r"^\[[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d(?:\.\d{1,6})? \d{4}\] \[[a-z_]{0,20}:?(?:emerg|alert|crit|error|warn|notice|info|debug)\]", "[Tue Mar 05 10:21:33.123456 2024] [proxy:error] [pid 1234:tid 5678] (111)Connection refused: AH00957"),
    ("apache", r"\bAH0\d{4}:", "AH01114: HTTP: failed to make connection to backend: 127.0.0.1"),
    ("iis", r"^[ \t]*server:[ \t]*Microsoft-IIS/\d[\d.]{0,6}", "Server: Microsoft-IIS/10.0"),
    ("iis", r"\bMicrosoft-IIS/\d[\d.]{0,6}", "Microsoft-IIS/10.0 Detailed Error"),
    ("iis", r"\bIIS Web Core\b", "Module IIS Web Core"),
    ("iis", r"\bDetailed Error Information\b|\u8be6\u7ec6\u9519\u8bef\u4fe1\u606f", "Detailed Error Information:"),
    ("iis", r"\bHTTP (?:Error|\u9519\u8bef) \d{3}\.\d{1,4} - ", "HTTP Error 500.19 - Internal Server Error"),
    ("iis", r"#Software: Microsoft Internet Information Services", "#Software: Microsoft Internet Information Services 10.0"),
    ("iis", r"\bcs-uri-stem\b[^\r\n]{0,200}\bsc-substatus\b", "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port sc-status sc-substatus sc-win32-status"),
    ("http.sys", r"\bMicrosoft-HTTPAPI/\d\.\d", "Server: Microsoft-HTTPAPI/2.0"),
    ("http.sys", r"#Software: Microsoft HTTP API \d\.\d", "#Software: Microsoft HTTP API 2.0"),
    ("http.sys", r"\bHTTP Error \d{3}\. The (?:request|service|requested|header|size)\b", "HTTP Error 400. The request hostname is invalid."),
    ("http.sys", r"\bBad Request - Invalid (?:Hostname|URL|Header|Verb)\b", "Bad Request - Invalid Hostname"),
    ("arr", r"\bApplication Request Routing\b|\bARR/\d\.\d", "X-Powered-By: ARR/3.0"),
    ("ancm", r"\bANCM\b|\bASP\.NET Core Module\b|\bAspNetCoreModule(?:V2)?\b", "ANCM In-Process Handler"),
    ("ancm", r"\bApplication '/LM/W3SVC/\d{1,10}/ROOT[^'\r\n]{0,200}' with physical root\b", "Application '/LM/W3SVC/2/ROOT' with physical root 'C:\\inetpub\\app\\' failed to start process"),
    ("iisnode", r"\biisnode\b", "iisnode encountered an error when processing the request."),
    ("tomcat", r"\bApache Tomcat(?:/\d[\w.]{0,20})?\b", "Apache Tomcat/9.0.41"),
    ("tomcat", r"\borg\.apache\.(?:catalina|coyote)\.", "org.apache.catalina.connector.ClientAbortException"),
    ("php-fpm", r"\bphp-fpm\b|\bFastCGI sent in stderr\b|\bfastcgi://", 'upstream: "fastcgi://unix:/run/php/php8.1-fpm.sock:"'),
    ("kestrel", r"^[ \t]*server:[ \t]*Kestrel\b|\bMicrosoft\.AspNetCore\.Server\.Kestrel\b", "Server: Kestrel"),
    ("gunicorn", r"\bgunicorn\b|\bWORKER TIMEOUT \(pid:\d{1,10}\)", "[2024-03-05 10:21:33 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:42)"),
    ("uwsgi", r"\buwsgi\b", 'upstream: "uwsgi://unix:///tmp/app.sock"'),
    ("node", r"^[ \t]*x-powered-by:[ \t]*Express\b|\bnode:internal/", "X-Powered-By: Express"),
    ("caddy", r"^[ \t]*server:[ \t]*Caddy\b", "Server: Caddy"),
    ("haproxy", r"\bhaproxy\b|\bNo server is available to handle this request\b", "No server is available to handle this request."),
    ("traefik", r"\btraefik\b", "traefik-6d4f8b7c9-abcde"),
    ("envoy", r"^[ \t]*server:[ \t]*envoy\b|\bx-envoy-[a-z-]{2,40}\b", "x-envoy-upstream-service-time: 12"),
    ("envoy", r"\bupstream connect error or disconnect/reset before headers\b|\bno healthy upstream\b", "upstream connect error or disconnect/reset before headers. reset reason: connection failure"),
    ("istio", r"\bistio(?:-envoy|-proxy|d)?\b", "server: istio-envoy"),
    ("kong", r"\bkong/\d[\d.]{0,10}|^[ \t]*x-kong-[a-z-]{2,40}:", "Via: kong/3.4.2"),
    ("varnish", r"\bvarnish\b|^[ \t]*x-varnish:|\bGuru Meditation\b", "Via: 1.1 varnish (Varnish/6.0)"),
    ("squid", r"\bsquid/\d[\d.]{0,10}|^[ \t]*x-squid-error:|^[ \t]*server:[ \t]*squid\b", "X-Squid-Error: ERR_CONNECT_FAIL 111"),
    # ---- CDNs and clouds
    ("cloudflare", r"^[ \t]*server:[ \t]*cloudflare\b|\bcf-ray\b|\bCloudflare Ray ID\b|\bPerformance & security by Cloudflare\b", "cf-ray: 84a1b2c3d4e5f6a7-FRA"),
    ("cloudflare", r"<center>(?P<q>cloudflare(?:-nginx)?)</center>", "<hr><center>cloudflare</center>"),
    ("aws-alb", r"\bawselb/2\.0\b", "Server: awselb/2.0"),
    ("aws-alb", r"^(?:http|https|h2|grpcs|ws|wss) \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}Z app/", "https 2024-03-05T10:21:33.123456Z app/my-alb/50dc6c495c0c9188 192.0.2.10:51234 10.0.1.5:8080"),
    ("aws-elb", r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [\w-]{1,32} \d{1,3}(?:\.\d{1,3}){3}:\d{1,5} ", "2024-03-05T10:21:33.123456Z my-elb 192.0.2.10:51234 10.0.1.5:80 0.000042 0.0001 0.000019 504 504 0 0"),
    ("aws-elb", r"\b[a-z0-9][a-z0-9-]{0,100}\.[a-z]{2}(?:-gov)?-[a-z]{2,12}-\d\.elb\.amazonaws\.com(?:\.cn)?\b|\.elb\.[a-z]{2}(?:-gov)?-[a-z]{2,12}-\d\.amazonaws\.com(?:\.cn)?\b", "curl -v http://my-alb-1234567890.us-east-1.elb.amazonaws.com/health"),
    ("aws-cloudfront", r"\bx-amz-cf-(?:id|pop)\b|\(CloudFront\)|\bError from cloudfront\b|\bThe request could not be satisfied\b", "X-Amz-Cf-Id: 3kH1xG8j2s0q1Ck8E7xv5Qw=="),
    ("aws-apigateway", r"\bx-amz-apigw-id\b|\bx-amzn-ErrorType\b|\bEndpoint request timed out\b", "x-amzn-ErrorType: InternalServerErrorException"),
    ("aws-s3", r"^[ \t]*server:[ \t]*AmazonS3\b|\bx-amz-id-2\b", "Server: AmazonS3"),
    ("aws-s3", r"\(Service: (?:Amazon S3|S3)[;,] Status Code: \d{3}[;,]", "Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 4QJ8XKZ1)"),
    ("azure-appgw", r"\bMicrosoft-Azure-Application-Gateway(?:/v\d)?\b", "Microsoft-Azure-Application-Gateway/v2"),
    ("azure-frontdoor", r"\bx-azure-ref\b|\bx-fd-healthprobe\b", "X-Azure-Ref: 0aBcDeFgHiJkLmNoPqRsTuVwXyZ"),
    ("azure-appservice", r"\b[\w-]{1,60}\.azurewebsites\.net\b|\bARRAffinity=", "myapp.azurewebsites.net"),
    ("gcp", r"^[ \t]*server:[ \t]*Google Frontend\b|^[ \t]*via:[ \t]*1\.1 google\b|\bThat(?:'|\u2019)s an error\.", "Via: 1.1 google"),
    ("akamai", r"\bAkamaiGHost\b|\bx-akamai-[a-z-]{2,40}\b|\bReference #\d{1,3}\.[0-9a-f]{4,12}\.\d{6,12}\.[0-9a-f]{4,12}", "Reference #97.3bd1c817.1709633893.1a2b3c4d"),
    ("fastly", r"\bfastly\b|^[ \t]*x-served-by:[ \t]*cache-[a-z]{3}", "X-Served-By: cache-fra-etou8220123-FRA"),
    ("heroku", r"\bheroku\[router\]|\bvegur\b|\bherokucdn\.com\b", 'heroku[router]: at=error code=H12 desc="Request timeout"'),
    ("vercel", r"^[ \t]*server:[ \t]*Vercel\b|\bx-vercel-(?:id|error|cache)\b", "x-vercel-id: fra1::iad1::abcde-1709633893-0123456789ab"),
    ("netlify", r"^[ \t]*server:[ \t]*Netlify\b|\bx-nf-request-id\b", "Server: Netlify"),
    # Netlify's own 404 page
    ("netlify", r"\bNetlify Internal ID: [0-9A-Z]{10,40}|\bURL that doesn.t exist on Netlify\b|\bNetlify.s .page not found. support guide", "Netlify Internal ID: 01K3T5TAN2GGG544YE5MVDASA3"),
    # ---- FTP servers
    ("iis-ftp", r"\b220[ -]Microsoft FTP Service\b|\b530[ -]User cannot log in\b|\bControlChannel(?:Opened|Closed)\b|\bx-fullpath\b", "220 Microsoft FTP Service"),
    ("vsftpd", r"\bvsftpd\b|\b500 OOPS: ", "220 (vsFTPd 3.0.3)"),
    ("proftpd", r"\bProFTPD\b", "220 ProFTPD Server (Debian) [::ffff:192.0.2.5]"),
    ("pure-ftpd", r"\bPure-FTPd\b", "220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------"),
    ("filezilla-server", r"\bFileZilla Server\b", "220-FileZilla Server 1.8.1"),
    ("serv-u", r"\bServ-U\b", "220 Serv-U FTP Server v15.4 ready..."),
    # ---- clients
    ("browser", r"\bnet::ERR_[A-Z_]{3,60}\b|\bFailed to load resource: the server responded with a status of\b", "Failed to load resource: the server responded with a status of 502 (Bad Gateway)"),
    ("curl", r"^curl: \(\d{1,2}\) |^[ \t]*\$ curl\b|^\* Connected to |^\* Trying |\bcurl/\d\.\d", "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused"),
    ("filezilla", r"^Status:[ \t]{1,8}(?:Resolving address of|Connecting to|Connection established, waiting for welcome message|Retrieving directory listing)|\bFileZilla(?! Server)\b", "Status:\tConnection established, waiting for welcome message..."),
    ("winscp", r"\bWinSCP\b", "WinSCP: Authentication failed."),
    ("lftp", r"\blftp\b", "$ lftp -u deploy ftp.example.com"),
    ("rclone", r"\brclone\b", "rclone copy ./dist ftp-prod:/site"),
    ("python-ftplib", r"\bftplib\.(?:error_[a-z]{3,8}|all_errors)\b|\bftplib\.py\b", "ftplib.error_perm: 530 Login incorrect."),
    ("dotnet", r"\bSystem\.Net\.(?:WebException|FtpWebRequest|Http\.HttpRequestException)\b|\bFtpWebRequest\b", "System.Net.WebException: The remote server returned an error: (530) Not logged in."),
)  # fmt: skip


# A proxy's own statement of why the upstream failed: a system error in its error log (nginx
# `connect() failed (113: No route to host) while connecting to upstream`). A case that rests on the
# product alone ("the reason is not in the paste") does not hold where one is shown.
REASONS: dict[str, re.Pattern[str]] = {
    "nginx": re.compile(r"\b(?:failed|timed out) \(\d{1,5}: [^()\r\n]{2,200}\) while [A-Za-z ]{2,40}\bupstream\b"),
}


@dataclass(frozen=True, slots=True)
class Signature:
    product: str
    pattern: re.Pattern[str]
    example: str
    needles: tuple[str, ...] = ()  # lower-case texts one of which any match contains (empty: always run)


def _needles(pattern: str) -> tuple[str, ...]:
    """For each top-level alternative, its longest literal run outside groups and classes, lower-cased.

    A match contains the literal run of the alternative that matched, so when no needle is in the
    lower-cased text the pattern cannot match and is not run (re.I patterns have no fast scan).
    An alternative without a run of 3 characters makes the signature always run.
    """
    branches: list[list[str]] = []
    depth, i = 0, 0
    runs: list[str] = []
    run = ""

    def close() -> None:
        nonlocal run
        if run:
            runs.append(run)
        run = ""

    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1]
            if nxt == "u":
                lit, i = chr(int(pattern[i + 2 : i + 6], 16)), i + 6
            elif nxt.isalnum():  # \b \d \w \s: not a literal
                close()
                i += 2
                continue
            else:
                lit, i = nxt, i + 2
            if depth == 0:
                run += lit
            continue
        if ch == "[":
            close()
            i = pattern.index("]", i + 2) + 1
            continue
        if ch in "(":
            close()
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            close()
            branches.append(runs)
            runs = []
        elif ch in "?*+{":
            run = run[:-1]  # the quantified character is optional or repeated
            close()
            if ch == "{":
                i = pattern.index("}", i) + 1
                continue
        elif ch in "^$.":
            close()
        elif depth == 0:
            run += ch
        i += 1
    close()
    branches.append(runs)
    out = []
    for runs in branches:
        best = max(runs, key=len, default="")
        if len(best) < 3:
            return ()
        out.append(best.lower())
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Seen:
    """A product seen in the paste, with where (offsets into the text as given)."""

    product: str
    start: int
    end: int


SIGNATURES: tuple[Signature, ...] = tuple(
    Signature(p, re.compile(rx, re.I | re.M), ex, _needles(rx)) for p, rx, ex in _TABLE
)
MAX_QUOTE = 120


def _search_lines(sig: Signature, text: str, lower: str) -> re.Match[str] | None:
    """The first match, looked for only on the lines holding a needle (every pattern stays within a line)."""
    best: re.Match[str] | None = None
    for needle in sig.needles:
        at = lower.find(needle)
        while at >= 0 and (best is None or at < best.start()):
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            m = sig.pattern.search(text, start, end)
            if m is not None:
                if best is None or m.start() < best.start():
                    best = m
                break
            at = lower.find(needle, end)
    return best


# Every needle once, with the signatures it stands for: one pass of `in` checks (C speed) tells which
# signatures can match, instead of an any() per signature.
_BY_NEEDLE: dict[str, list[int]] = {}
for _i, _sig in enumerate(SIGNATURES):
    for _needle in _sig.needles:
        _BY_NEEDLE.setdefault(_needle, []).append(_i)
_NEEDLES = tuple(_BY_NEEDLE)
_ALWAYS = frozenset(i for i, sig in enumerate(SIGNATURES) if not sig.needles)


def _possible(lower: str) -> set[int]:
    """Indexes of the signatures one of whose needles is in the text."""
    return {i for needle in [n for n in _NEEDLES if n in lower] for i in _BY_NEEDLE[needle]}


_last: tuple[str, list[Seen]] = ("", [])


def recognise(text: str) -> list[Seen]:
    """Each product the text shows, once, where its first sign stands; in the order they appear.

    The last answer is kept: the engine's ranking and bot.diagnosis read the same paste (one tuple,
    read and replaced whole, so threads never see half of one)."""
    global _last
    key, seen = _last
    if key == text and text:
        return list(seen)
    seen = _recognise(text)
    _last = (text, list(seen))
    return seen


def _recognise(text: str) -> list[Seen]:
    first: dict[str, Seen] = {}
    lower = text.lower()
    aligned = len(lower) == len(text)  # lower() kept every offset (it does, but for a few non-ASCII letters)
    for i in sorted(_possible(lower).union(_ALWAYS)):
        sig = SIGNATURES[i]
        m = _search_lines(sig, text, lower) if sig.needles and aligned else sig.pattern.search(text)
        if m is None or m.end() == m.start():
            continue
        group = "q" if "q" in sig.pattern.groupindex and m.start("q") >= 0 else 0
        start, end = m.start(group), min(m.end(group), m.start(group) + MAX_QUOTE)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        old = first.get(sig.product)
        if old is None or start < old.start:
            first[sig.product] = Seen(sig.product, start, end)
    return sorted(first.values(), key=lambda s: s.start)
