"""CDNs, platforms and proxies whose own codes or fixed texts name the status: Cloudflare 1xxx,
Heroku router/runtime codes, Envoy/Istio response flags, Vercel error codes, CloudFront pages,
Google front end pages, HTTP.sys (HTTPERR) reasons.

A vendor code is more specific than the HTTP status it comes with (heroku:H12 before http:503);
when the knowledge lacks the vendor entry, the status it always comes with is answered instead.

Examples (tests/test_recognize.py runs each through the engine):

    Please see https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1020/
    => cloudflare:1020

    2016-01-15T16:13:56+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=POST path="/" status=503 bytes=0
    => heroku:H12

    The requests to heroku are timing out with error code H12 after every few requests
    => heroku:H12

    2012-01-20T02:10:47+00:00 heroku[web.1]: Error R14 (Memory quota exceeded)
    => heroku:R14

    $ curl http://127.0.0.1:8080
    no healthy upstream
    => envoy:UH

    [2024-03-01T10:00:00.000Z] "GET /api HTTP/1.1" 503 UF 0 91 1 - "-" "curl/8.4.0" "a1b2" "api" "10.0.0.7:8080"
    => envoy:UF

    upstream connect error or disconnect/reset before headers. reset reason: connection failure
    => envoy:UF

    Error 1020 Ray ID: 7c9ad1374e084089 • Access denied
    => cloudflare:1020

    CloudflareError: 1020, Access Denied (Custom Firewall Rules)
    => cloudflare:1020

    A user reported that they got a rate limited error 1015 message upon visiting their dashboard.
    => cloudflare:1015

    ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)
    => -

    Build failed with error 1004
    => -

    The DF flag was set on the packet, so it was dropped
    => -

    we have been using Envoy for a while now and have always seen a small amount of 503s occurring with the UF flag.
    => envoy:UF

    We upgraded from 1.24 to 1.25 and multiple services were impacted by `503 UF,URX` so we had to revert
    => envoy:UF

    [05/12/2019T16:14:53+0000 1575562493] method=POST authority=localhost:443 request=/StudentService/get response_flag=UT status=200 status_details=upstream_response_timeout
    => envoy:UT

    经常出现 503 LambdaLimitExceeded from cloudfront
    => http:503

    An error occurred with your deployment
    FUNCTION_INVOCATION_TIMEOUT
    => http:504

    ERROR
    The request could not be satisfied.
    CloudFront attempted to establish a connection with the origin, but either the attempt failed or the origin closed the connection.
    => http:502

    Error: Server Error
    The server encountered a temporary error and could not complete your request.
    Please try again in 30 seconds.
    => http:502

    2024-01-01 10:00:00 10.0.0.9 50123 10.0.0.5 443 HTTP/1.1 GET /api - - 1 Timer_ConnectionIdle -
    => httperr:Timer_ConnectionIdle

Azure Front Door's access log names why a request failed in `ErrorInfo` (`ErrorInfo_s` in Log
Analytics). Microsoft's troubleshooting page gives the status two of them come with: "504 errors
appear with ErrorInfo: OriginTimeout" (Standard/Premium; Classic answered 503) and "Intermittent 503
errors appear with ErrorInfo: OriginInvalidResponse"; the other values (OriginConnectionError, ...)
have no documented status and name none here. Read after an ErrorInfo label or in a text about Front
Door (a Microsoft Q&A question's title; the troubleshooting page's own words):

    Front door responds with OriginTimeout after 4 sec
    => http:504

    Intermittent 503 errors appear with "ErrorInfo: OriginInvalidResponse."
    => http:503

    The OriginTimeout setting of our CDN client defaults to 30 seconds
    => -

    Reason: Cloudflare - 1020, Access Denied (Custom Firewall Rules)_
    => cloudflare:1020

    curl -X POST https://abc123.execute-api.us-east-1.amazonaws.com/prod/report
    {"message": "Endpoint request timed out"}
    => http:504

    {"message":"Missing Authentication Token"}
    => http:403

    1213710813.442      0 10.0.0.5 TCP_DENIED/403 1542 GET http://example.com/ - NONE/- text/html
    => http:403

    the sidecar's access log shows response_flags UF for every failed call
    => envoy:UF

    Bybit bloquea IPs de cloud providers con HTTP 403:
    "The Amazon CloudFront distribution is configured to block access from your country"
    => http:403

    nginx error: connect() failed (111: Connection refused) while connecting to upstream
    => http:502

nginx's socket message quoted without its log line (a Serbian deployment guide; a WordPress move's notes),
and Akamai's block page (a crawler's test fixture; a note on a government site's edge block):

    - Možda ćete dobiti sledeću poruku:
      connect() to unix:/run/gunicorn.sock failed (2: No such file or directory)
    => http:502

    So I got an error like so:
     "connect() to unix:/var/run/php/php7.0-fpm.sock failed (2: No such file or directory)"
     Because I needed to update this line:
    => http:502

    <html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>You don't have permission to access "http://www.example.com/johnsmith77" on this server.</p><p>Reference #18.4f1d2c17.1725600000.1a2b3c4d</p></body></html>
    => http:403

    Em produção o Akamai do TSE recusa a Vercel: "Access Denied ... Reference #18.45721102.1"
    => http:403

Cloudflare's block pages say what the site's owner banned (error 1015's page, quoted by a Garmin client
raising on it; a Playwright snapshot of the page):

    SSO error 429: You are being rate limited: The owner of this website (sso.garmin.com) has banned you temporarily from accessing this website.
    => cloudflare:1015

    - heading "You are being rate limited" [level=2] [ref=e8]
    - heading "What happened?" [level=2] [ref=e11]
    - paragraph [ref=e12]: The owner of this website (parabank.parasoft.com) has banned you temporarily from accessing this website.
    => cloudflare:1015

PHP-FPM's answer when nginx passes it a script it cannot find is a 404 "File not found." (a set-up
README's troubleshooting section):

    2020/12/21 13:33:32 [error] 19947#0: *9567 FastCGI sent in stderr: "Primary script unknown" while reading response header from upstream, client: 31.14.251.152, server: example.com, request: "GET /hello.php HTTP/1.1", upstream: "fastcgi://unix:/var/run/php-fpm/php-fpm.sock:", host: "example.com"
    => http:404

Heroku's page when the app did not answer (a tutorial's deploy step), and GitHub Pages' own 404:

    Something is wrong and you should see an error message saying:
    >#### Application error
    >An error occurred in the application and your page could not be served. If you are the application owner, check your logs for details. You can do this from the Heroku CLI with the command
    => http:503

Heroku's codes named with their description before "errors" (an app's review notes):

    - **Problem**: H12 Request timeout errors (30 seconds)
    => heroku:H12

nginx failing to reach or hear its upstream in any other way answers 502 (a uWSGI set-up note; a php-fpm
tutorial's error log):

    2018/07/05 17:30:59 [crit] 28610#28610: *302 connect() to unix:/run/uwsgi/simple.sock failed (13: Permission denied) while connecting to upstream, client: 127.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "uwsgi://unix:/run/uwsgi/simple.sock:", host: "localhost"
    => http:502

    connect() to unix:/var/run/php/php8.0-fpm.sock failed (13: Permission denied) while connecting to upstream
    => http:502

nginx's messages about the file a request named fix the status too (a guide to nginx's 403s; a Jekyll
blog's debugging notes; a Docker run's output; a Valet user's upload failing on its body's temp file):

    2019/07/27 13:27:41 [error] 4202#0: *1 open() "/var/www/html/index.html" failed (13: Permission denied), client: xx.xxx.xx.xx, server: localhost, request: "GET / HTTP/1.1", host: "xx.xx.xx.xx"
    => http:403

    2025/05/25 22:31:33 [crit] 3942#3942: *2 stat() "/home/ubuntu/warabenture-2025/dist/index.html" failed (13: Permission denied), client: 49.212.140.81, server: 49.212.140.81, request: "GET / HTTP/1.1", host: "49.212.140.81"
    => http:403

    2020/11/10 00:00:49 [error] 6#6: *1 open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: "GET /favicon.ico HTTP/1.1", host: "localhost:8080", referrer: "http://localhost:8080/"
    => http:404

    2019/08/12 14:09:04 [crit] 639#0: *129 open() "/usr/local/var/run/nginx/client_body_temp/0000000005" failed (13: Permission denied), client: 127.0.0.1, server: project.test, request: "POST /wp/wp-admin/async-upload.php HTTP/1.1", host: "project.test", referrer: "http://project.test/wp/wp-admin/upload.php"
    => http:500

    CloudWatch alarm "alb-502" in ALARM: Threshold Crossed: 1 datapoint [37.0] was greater than the threshold (10.0) for HTTPCode_ELB_502_Count
    => http:502

    kubectl logs -n starfleet deploy/shuttle -c istio-proxy --tail=1
    503 NC cluster_not_found - "-" 0 0 0 - "-" "curl/8.11.1"
    => envoy:NC

    raise ConnectorCommandError("cluster_not_found", "registered Cluster not found")
    => -
"""

from __future__ import annotations

import re

from bot.recognize.base import EXPLICIT, LABELLED, Mention

# Heroku: router errors (H), runtime (R), logging (L). Router errors are answered with 503 (H27/H28: 499).
_HEROKU = re.compile(
    r"(?=[cCeEhHrRlL])(?:code=|(?<![A-Za-z])(?:error|error code|err)[ \t:]{1,3}|(?<![A-Za-z0-9_]))(?P<code>[HRL][0-9]{1,2})(?![0-9A-Za-z_])",
    re.I,
)
# Without a Heroku word: an H or R code named as an error ("H12 errors", "an H10 error"); its letter and two
# digits after no other letter ("logOH12 errors" is a chemist's variable).
# ... or with its description after it: "H10 (App Crashed)"
_HEROKU_ERRORS = re.compile(
    r"(?<![A-Za-z0-9_.])(?P<code>H[1-9][0-9]|R1[0-9])(?:[ \t-]{1,2}errors?(?![A-Za-z])|[ \t]{0,2}\((?=[A-Z][a-z])"
    # with its description between ("H12 Request Timeout errors", "R14 Memory Quota Exceeded errors")
    r"|[ \t][A-Z][a-z]{1,12}[ \t](?:[A-Za-z]{2,12}[ \t]){0,2}errors?(?![A-Za-z]))"
)
# Envoy's long response-flag names (%RESPONSE_FLAGS_LONG%, stream_info's *_LONG strings), beside their short flag
_ENVOY_LONG_NAMES = {
    "NoHealthyUpstream": "UH", "UpstreamConnectionFailure": "UF", "UpstreamOverflow": "UO", "NoRouteFound": "NR",
    "UpstreamRetryLimitExceeded": "URX", "NoClusterFound": "NC", "UpstreamRequestTimeout": "UT",
    "UpstreamRemoteReset": "UR", "UpstreamConnectionTermination": "UC", "UnauthorizedExternalService": "UAEX",
    "DownstreamProtocolError": "DPE", "UpstreamProtocolError": "UPE", "RateLimited": "RL",
    "DownstreamConnectionTermination": "DC", "UpstreamMaxStreamDurationReached": "UMSDR",
}  # fmt: skip
_ENVOY_LONG = re.compile(
    r"(?<![A-Za-z])(?P<flag>URX|UAEX|UMSDR|UPE|DPE|UH|UF|UO|NR|NC|UT|UR|UC|RL|DC)[ \t`'\"|]{0,4}[(=:|-][ \t`'\"|]{0,4}"
    r"(?P<long>" + "|".join(_ENVOY_LONG_NAMES) + r")(?![A-Za-z])"
)
# Words of a web app around such a code (its own descriptions are of requests, dynos, boots and memory)
_HEROKU_CUE = re.compile(
    r"(?<![A-Za-z])(?:requests?|respon\w{0,4}|router|dynos?|app|apps|web|crash\w{0,3}|timeouts?|boot|memory|quota"
    r"|deploy\w{0,4}|backlog|idle|connection)(?![A-Za-z])",
    re.I,
)
_HEROKU_KEYS = ("heroku", "dyno", "at=error", "at=info")  # the words that say Heroku (in the lower-cased head)
# Heroku's router descriptions (desc="...") of its H errors, as people quote them
_HEROKU_DESCS = [
    (re.compile(r"(?<![A-Za-z])App crashed(?![A-Za-z])", re.I), "H10"),
    (re.compile(r"(?<![A-Za-z])Backlog too deep(?![A-Za-z])", re.I), "H11"),
    (re.compile(r"(?<![A-Za-z])No web (?:dynos|processes) running(?![A-Za-z])", re.I), "H14"),
    (re.compile(r"(?<![A-Za-z])Connection closed without response(?![A-Za-z])", re.I), "H13"),
    (re.compile(r"(?<![A-Za-z])Request timeout(?![A-Za-z])", re.I), "H12"),  # only beside Heroku's words
]
# Envoy response flags named in prose or a JSON field (access log lines are read by bot.logs.envoy).
_FLAGS = ("UH UF UO NR URX NC DT UT LH UR UC DC LR RL UAEX RLSE IH SI DPE UPE UMSDR OM DI FI NFCF DF DO").split()
_FLAG = r"(?P<flag>" + "|".join(sorted(_FLAGS, key=len, reverse=True)) + r")"
_CASED_FLAG = r"(?-i:" + _FLAG + r")"  # flags are upper case: "do flags" is no DO
_ENVOY_FIELDS = (
    re.compile(
        r"response[_ ]?flags?['\"]?(?:[ \t]{0,2}[:=][ \t]{0,2}['\"]?|[ \t]{1,2})" + _CASED_FLAG + r"(?![A-Za-z])", re.I
    ),
    # "UF response flag", "with the UF flag"
    re.compile(r"(?=(?-i:[A-Z]))(?<![A-Za-z])" + _CASED_FLAG + r"(?:[ \t]response)?[ _]flags?(?![A-Za-z])", re.I),
)
# Flags quoted after the status Envoy sent with them ("503 UF,URX", "404 NR"): read when the text names Envoy or
# Istio, or the flag is one no other software prints after a status.
_STATUS_FLAGS = re.compile(
    r"(?=[45])(?<![0-9.])(?P<status>[45][0-9][0-9])[ \t]"
    + _FLAG
    + r"(?P<more>(?:,[ \t]?(?:"
    + "|".join(_FLAGS)
    + r")){0,4})"
    r"(?![A-Za-z0-9_])"
)
_OWN_FLAGS = {"UF", "UH", "URX", "UO", "NR", "UT", "UC", "UAEX", "UPE", "DPE", "UMSDR", "NFCF", "RLSE"}
_ENVOY_STATUS = {"UH": "503", "UF": "503", "UO": "503", "NR": "404", "UT": "504", "URX": "503", "RL": "429",
                 "UAEX": "403", "NC": "503", "DPE": "400", "UPE": "502"}  # fmt: skip
# Envoy's own response bodies.
_ENVOY_BODIES = [
    (re.compile(r"no[ _]healthy[ _]upstream", re.I), "UH"),
    (re.compile(r"reset reason: (?:remote )?connection (?:failure|termination)|delayed connect error", re.I), "UF"),
    (re.compile(r"reset reason: overflow", re.I), "UO"),
    (re.compile(r"(?<![A-Za-z])upstream request timeout", re.I), "UT"),
]
# nginx's error-log messages quoted without the log line: each fixes what the client got
_NGINX_MESSAGES = [
    # PHP-FPM could not find the script nginx passed it: it answers "File not found." with 404
    (
        re.compile(r'FastCGI sent in stderr:[ \t\n]{1,3}"(?:Primary script unknown|Unable to open primary script)'),
        "404",
    ),
    (re.compile(r"\(111: Connection refused\) while connecting to upstream"), "502"),
    (re.compile(r"no live upstreams"), "502"),  # nginx's alone; a pager may cut the rest (`while connecting to$`)
    (re.compile(r"upstream prematurely closed connection while reading response header"), "502"),
    (
        re.compile(
            r"upstream timed out \(110: (?:Connection|Operation) timed out\) while (?:reading|connecting)", re.I
        ),
        "504",
    ),
    # any other failure to reach or hear the upstream is a 502: `connect() to unix:/run/php-fpm.sock failed (13:
    # Permission denied) while connecting to upstream`, `recv() failed (104: ...) while reading response header`,
    # `peer closed connection in SSL handshake (104: ...) while SSL handshaking to upstream`
    (
        re.compile(
            r"\((?!110: )[0-9]{1,3}: [A-Za-z][A-Za-z ]{2,40}\) while (?:connecting to|reading response header from|SSL handshaking to) upstream"
        ),
        "502",
    ),
    (re.compile(r"client intended to send too large body"), "413"),
    # its socket message quoted without the log's tail: only nginx writes "connect() to unix:... failed (errno: ...)"
    (re.compile(r"connect\(\) to unix:\S{1,300} failed \([0-9]{1,3}: [A-Za-z][A-Za-z ]{2,40}\)"), "502"),
]
# ... and its messages about the file a request named: a file it may not read is 403, one that is not there 404,
# a temporary file it may not write (a request body kept on disk) 500. nginx answers so (ngx_http_static_module,
# ngx_open_file_cache; client_body_temp, proxy_temp, fastcgi_temp for bodies).
# (a request's own message: after its connection number `*12 ` or before its `, client:`; at start-up nginx says
# the same of its own log files, `[alert] could not open error log file: open() ... failed (13: ...)`)
_NGINX_FILE = re.compile(
    r'(?:open|stat)\(\) "(?P<path>[^"\n]{1,400})" failed \((?P<errno>13: Permission denied|2: No such file or directory)\)'
    r'|(?P<index>directory index of "[^"\n]{1,400}" is forbidden)'
)
_CONNECTION_NO = re.compile(r"\*[0-9]{1,12} \Z")
_ANY_STATUS = re.compile(r"(?<![0-9])[45][0-9][0-9](?![0-9])")
# Envoy's response code details (%RESPONSE_CODE_DETAILS%): beside a status and flag ("503 NC cluster_not_found")
# they name Envoy as well as its name does; alone they are also application error codes, and say nothing.
_ENVOY_DETAILS = ("cluster_not_found", "route_not_found", "upstream_response_timeout", "upstream_reset_before_response")
# Cloudflare's own error numbers on its pages ("Error 1020", "error code: 1020") and in clients
# ("CloudflareError: 1020, Access Denied").
_CLOUDFLARE = re.compile(
    r"(?=[eE])(?:(?<![A-Za-z])|(?<=cloudflare))(?:error|error code)[ \t-]?:?[ \t]?(?P<code>1[0-9]{3})(?![0-9])", re.I
)
# "Error 1020" quoted in chat without the page: Cloudflare's unless the text is about a database (MySQL's
# `ERROR 1045 (28000)`) or Windows; a number Cloudflare lacks is dropped by the engine (kind `-bare`).
_NOT_CLOUDFLARE = re.compile(
    r"mysql|mariadb|sql|database|数据库|win32|windows|system error|0x[0-9a-f]{8}|\.exe|\.dll|oracle|ora-", re.I
)
# ... and only where the text is about a site or a request (Cloudflare's pages are what a visitor sees).
_WEB_CONTEXT = re.compile(
    r"(?<![A-Za-z])(?:site|website|web ?page|page|browser|visit(?:ing|ed)?|dashboard|domain|dns|cdn|proxy|access denied"
    r"|rate limit(?:ed)?|banned|blocked|firewall|waf|ray|captcha|url|https?://)|网站|网页|访问|浏览器|域名|被墙|封",
    re.I,
)
_SQLSTATE = re.compile(r"[ \t]?\([0-9A-Z]{5}\)")
# CloudFront Lambda@Edge results (`x-edge-detailed-result-type`): the status is fixed by the name.
_LAMBDA_EDGE = re.compile(r"(?=L)(?<![A-Za-z])Lambda(?P<what>LimitExceeded|ExecutionError|ValidationError)(?![A-Za-z])")
_LAMBDA_STATUS = {"LimitExceeded": "503", "ExecutionError": "502", "ValidationError": "502"}
_CF_WORD = r"cloud ?flare"
_CLOUDFLARE_CONTEXT = re.compile(_CF_WORD + r"|ray id|cf-ray|^error code: 1[0-9]{3}", re.I | re.M)
# A 1xxx code said to be an error or a page, with Cloudflare named in the sentences around it (other APIs have
# their own "1020 error"s: Yardi's, WhatsApp's); a plural is a count ("1020 errors yesterday").
_CF_CODE_SAID = re.compile(
    r"(?<![0-9.,])(?P<code>1[0-9]{3})[ \t]{1,2}(?:cloud ?flare[ \t]{1,2})?(?:error|page|block)(?![A-Za-z])", re.I
)
_CF_NAME = re.compile(_CF_WORD, re.I)
# Vercel error codes: the status is fixed by the code.
_VERCEL = [
    (re.compile(r"(?:EDGE_|MIDDLEWARE_)?FUNCTION[ _]INVOCATION[ _]TIME", re.I), "504"),
    (re.compile(r"FUNCTION_INVOCATION_FAILED|EDGE_FUNCTION_INVOCATION_FAILED"), "500"),
    (re.compile(r"NO_RESPONSE_FROM_FUNCTION"), "502"),
    (re.compile(r"FUNCTION_PAYLOAD_TOO_LARGE"), "413"),
    (re.compile(r"DEPLOYMENT_NOT_FOUND"), "404"),
    (re.compile(r"FUNCTION_THROTTLED"), "503"),
]
# CloudFront's "ERROR / The request could not be satisfied." pages, and the Google front end's.
_SQUID = re.compile(r"(?<![A-Za-z_])(?:TCP|UDP|NONE)_[A-Z_]{2,30}/(?P<code>[1-5][0-9][0-9])(?![0-9])")
# Cloudflare's older error pages set `cf_ob_info=<status>:<ray>:<colo>` (a response header, or the page's own
# <meta http-equiv="set-cookie"> when a paste cut the tag open); a request's Cookie header sending it back says
# nothing about this response.
_CF_OB_INFO = re.compile(
    r"(?:set-cookie[\"']?[ \t]{0,3}[:=][ \t]{0,3}[\"']?|http-equiv=[\"']set-cookie[\"'] content=[\"'])"
    r"cf_ob_info=(?P<code>5[0-9][0-9]):",
    re.I,
)
# AWS load balancers' CloudWatch metrics per status ("HTTPCode_ELB_502_Count"; the 4XX/5XX sums name no code)
_CLOUDWATCH = re.compile(r"HTTPCode_(?:ELB|Target|Backend)_(?P<code>[1-5][0-9][0-9])_Count")
# "Cloudflare - 1020, Access Denied": the code then a comma, colon or the end ("Cloudflare - 1000 requests/day" is a quota)
_CLOUDFLARE_NAMED = re.compile(
    r"(?<![A-Za-z])Cloudflare[ \t]{0,2}[-:,][ \t]{0,2}(?P<code>1[0-9]{3})(?![0-9])(?=[ \t]{0,2}(?:[,:;)]|$))",
    re.I | re.M,
)
# Cloudflare's own 5xx codes (520-527, 530) beside a sign of Cloudflare, and its pages' titles for them.
_CF_5XX = re.compile(r"(?<![0-9.:/-])(52[0-7]|530)(?![0-9])(?=[ :\t-]{1,3}[A-Za-z])")
_CF_TITLES = [
    (re.compile(r"Web server is returning an unknown error", re.I), "520"),
    (re.compile(r"(?<![A-Za-z])Web server is down(?![A-Za-z])", re.I), "521"),
    (re.compile(r"(?<![A-Za-z])Origin is unreachable", re.I), "523"),
    (re.compile(r"(?<![A-Za-z])A timeout occurred(?![A-Za-z])", re.I), "524"),
    (re.compile(r"(?<![A-Za-z])Invalid SSL certificate(?![A-Za-z])", re.I), "526"),
]
# Cloudflare's 1xxx block pages name what the owner banned in a sentence no other software writes ("The owner of
# this website (x) has banned you temporarily from accessing this website." is error 1015's page).
_CF_BANNED = re.compile(
    r"owner of this website(?: \([^()\n]{1,200}\))? has banned (?:(?P<c1015>you temporarily from accessing)"
    r"|(?P<c1006>your IP address)|(?P<c1009>the country or region)|(?P<c1005>the autonomous system number)"
    r"|(?P<c1010>your access based on your browser)|(?P<c1012>your access))",
    re.I,
)
_PAGES = [
    (
        re.compile(
            r"CloudFront (?:attempted to establish a connection with|wasn't able to connect to|could not connect to) the origin",
            re.I,
        ),
        "502",
    ),
    (re.compile(r"Lambda function associated with the CloudFront distribution", re.I), "502"),
    (re.compile(r"could not be satisfied[^\n]{0,4}\n{0,3}[ \t]{0,4}(?:Bad request|Request blocked)", re.I), "403"),
    (re.compile(r"The server encountered a temporary error and could not complete your request", re.I), "502"),
    (re.compile(r"Sorry, you have been blocked", re.I), "403"),
    # Heroku's page when the app crashed or did not answer (the router's 503, H10/H12/H13 in its log)
    (re.compile(r"An error occurred in the application and your page could not be served", re.I), "503"),
    # GitHub Pages' 404 for a site it does not have
    (re.compile(r"There isn't a GitHub Pages site here", re.I), "404"),
    # Kong's own error bodies (kong/error_handlers.lua, its router and balancer)
    (re.compile(r"An invalid response was received from the upstream server", re.I), "502"),
    (re.compile(r"The upstream server is timing out", re.I), "504"),
    (re.compile(r"The upstream server is currently unavailable", re.I), "503"),
    (re.compile(r"no Route matched with those values", re.I), "404"),
    (re.compile(r"failure to get a peer from the ring-balancer", re.I), "503"),
    # ingress-nginx answers 503 for a service with no ready pods (its controller logs "Service ... does not have
    # any active Endpoint")
    (re.compile(r"does not have any active endpoints?", re.I), "503"),
    # API Gateway's own messages (its integration timeout; a path or method it has no route for)
    (re.compile(r"Endpoint request timed out", re.I), "504"),
    (re.compile(r"\"message\"\s?:\s?\"Missing Authentication Token\"", re.I), "403"),
    # Cloudflare's 521/522/524 pages, quoted without code or title
    (re.compile(r"The web server is not returning a connection", re.I), "521"),
    (re.compile(r"initial connection between Cloudflare's network and the origin web server timed out", re.I), "522"),
    (re.compile(r"origin web server timed out responding to this request", re.I), "524"),
    # (Cloudflare's 524 description: "The connection to the origin web server was made, but the origin web server
    # timed out before responding")
    (re.compile(r"origin web server was made, but the origin web server timed out before responding", re.I), "524"),
    # CloudFront's "Request blocked" page body (a WAF rule or a blocked method), with or without its title
    (
        re.compile(
            r"Request blocked\.\s{0,3}We can't connect to the server for this app or website at this time", re.I
        ),
        "403",
    ),
    # Akamai's block page: "Access Denied", then its reference number (#18.6d2f1002.1700000000.1234abcd), which
    # also ends its errors.edgesuite.net address
    (
        re.compile(
            r"Access Denied[\s\S]{0,400}?(?:#|errors\.edgesuite\.net/)[0-9]{1,3}\.[0-9a-f]{6,10}(?![0-9a-z])", re.I
        ),
        "403",
    ),
    # CloudFront's geographic restriction page
    (re.compile(r"CloudFront distribution is configured to block access from your country", re.I), "403"),
]
_PAGE_KEYS = ("cloudfront", "temporary error", "blocked", "could not be satisfied", "endpoint request", "missing auth",
              "not returning a connection", "timed out", "upstream server", "no route matched", "ring-balancer",
              "active endpoint", "could not be served", "github pages", "access denied")  # fmt: skip
# Azure Front Door `ErrorInfo` values with a documented status, after the field's label or near "Front Door".
_FRONT_DOOR = re.compile(r"(?<![A-Za-z])Origin(?P<what>Timeout|InvalidResponse)(?![A-Za-z])")
_FRONT_DOOR_STATUS = {"Timeout": "504", "InvalidResponse": "503"}
_FRONT_DOOR_CONTEXT = re.compile(r"error_?info|front ?door|azurefd|\bAFD\b", re.I)
_HTTPERR_KEYS = ("Timer_", "Connection_", "Client_Reset", "Request_Cancel", "QueueFull", "AppOffline", "AppShutdown",
                 "AppPoolTimer", "Disabled_By_AppPool", "ConnLimit")  # fmt: skip
# HTTP.sys HTTPERR reason names (log lines themselves are read by bot.logs.httperr).
_HTTPERR = re.compile(
    r"(?<![A-Za-z_])(?P<reason>Timer_(?:ConnectionIdle|MinBytesPerSecond|EntityBody|HeaderWait|AppPool|ReqQueue|Response)"
    r"|Connection_(?:Dropped(?:_List_Full)?|Abandoned_By_(?:ReqQueue|AppPool))|Client_Reset|Request_Cancel(?:l?ed)?"
    r"|QueueFull|AppOffline|AppShutdown|AppPoolTimer|Disabled_By_AppPool|ConnLimit)(?![A-Za-z_])"
)


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    lower_has = text.lower()
    head = lower_has[:10_000]
    if any(k in head for k in _HEROKU_KEYS):
        named = False
        for m in _HEROKU.finditer(text):
            named = True
            code = m.group("code").upper()
            explicit = text[max(0, m.start()) : m.start("code")].lower().startswith(("code=", "error"))
            status = "503" if code[0] == "H" and code not in ("H27", "H28") else None
            if code in ("H27", "H28"):
                status = "499"
            found.append(
                Mention(
                    code,
                    EXPLICIT if explicit else LABELLED,
                    "heroku",
                    m.start("code"),
                    m.end(),
                    "heroku",
                    status=status,
                )
            )
        if not named:  # the router's own description of the error, without its code ("The logs say App Crashed")
            for pattern, code in _HEROKU_DESCS:
                d = pattern.search(text)
                if d:
                    found.append(Mention(code, LABELLED, "heroku-desc", d.start(), d.end(), "heroku", status="503"))
                    break
    elif " error" in lower_has or "(" in text:
        for m in _HEROKU_ERRORS.finditer(text):  # "H12 errors occur when a request takes longer than 30 s"
            if not _HEROKU_CUE.search(text, max(0, m.start() - 120), m.end() + 120):
                continue  # "H20 error bars", "R12 errors of the regression model"
            code = m.group("code")
            found.append(Mention(code, LABELLED, "heroku-prose", m.start(), m.end("code"), "heroku",
                                 status="503" if code[0] == "H" else None))  # fmt: skip
    envoy_named = "envoy" in lower_has or "istio" in lower_has or any(d in text for d in _ENVOY_DETAILS)
    if "(" in text or "=" in text or "|" in text:
        for m in _ENVOY_LONG.finditer(text):  # "UH (NoHealthyUpstream)": a flag with its long name
            flag = m.group("flag")
            if _ENVOY_LONG_NAMES.get(m.group("long")) == flag:
                found.append(
                    Mention(flag, 0.9, "envoy-long", m.start(), m.end(), "envoy", status=_ENVOY_STATUS.get(flag))
                )
    for pattern in _ENVOY_FIELDS if "flag" in lower_has else ():
        for m in pattern.finditer(text):
            flag = m.group("flag").upper()
            if pattern is _ENVOY_FIELDS[1] and not envoy_named and flag not in _OWN_FLAGS:
                continue  # "the DF flag" is IP's don't-fragment bit unless the text is about Envoy
            found.append(
                Mention(flag, EXPLICIT, "envoy-field", m.start(), m.end(), "envoy", status=_ENVOY_STATUS.get(flag))
            )
    if envoy_named or any(f in text for f in _OWN_FLAGS):
        for m in _STATUS_FLAGS.finditer(text):
            flags = [m.group("flag"), *(f.strip() for f in m.group("more").split(",") if f.strip())]
            if not envoy_named and flags[0] not in _OWN_FLAGS:
                continue
            taken.add(m.start("status"))
            for flag in flags:
                found.append(
                    Mention(flag, 0.9, "envoy-status-flag", m.start(), m.end(), "envoy", status=_ENVOY_STATUS.get(flag))
                )
    for pattern, flag in _ENVOY_BODIES if "upstream" in lower_has or "reset reason" in lower_has else ():
        m = pattern.search(text)
        if m:
            found.append(Mention(flag, 0.9, "envoy-body", m.start(), m.end(), "envoy", status=_ENVOY_STATUS.get(flag)))
    if "has banned" in text:
        b = _CF_BANNED.search(text)
        if b is not None and b.lastgroup:
            found.append(Mention(b.lastgroup[1:], LABELLED, "cloudflare-banned", b.start(), b.end(), "cloudflare"))
    if any(
        k in lower_has for k in ("cloudflare", "cloud flare", "ray id", "cf-ray", "error code: 1")
    ) and _CLOUDFLARE_CONTEXT.search(text, 0, 20_000):
        for m in _CLOUDFLARE.finditer(text):
            taken.add(m.start("code"))
            found.append(Mention(m.group("code"), EXPLICIT, "cloudflare", m.start("code"), m.end(), "cloudflare"))
        for m in _CLOUDFLARE_NAMED.finditer(text):  # "Reason: Cloudflare - 1020, Access Denied" (feed readers, bots)
            if m.start("code") not in taken:
                taken.add(m.start("code"))
                found.append(Mention(m.group("code"), EXPLICIT, "cloudflare", m.start("code"), m.end(), "cloudflare"))
        for m in _CF_CODE_SAID.finditer(text):  # "Cloudflare will return a 1015 error", "a 1020 cloudflare error"
            if m.start("code") not in taken and _CF_NAME.search(text, max(0, m.start() - 120), m.end() + 120):
                taken.add(m.start("code"))
                found.append(
                    Mention(m.group("code"), LABELLED, "cloudflare-said", m.start("code"), m.end(), "cloudflare")
                )
        # its 5xx pages: the number with its own title ("525 Origin SSL Handshake Error"), or the title alone
        for m in _CF_5XX.finditer(text):
            if m.start() not in taken:
                taken.add(m.start())
                found.append(Mention(m.group(1), LABELLED, "cloudflare-5xx", m.start(), m.end(1), "http"))
        for pattern, status in _CF_TITLES:
            t = pattern.search(text)
            if t:
                found.append(Mention(status, 0.85, "cloudflare-page", t.start(), t.end(), "http"))
    elif "rror" in text:
        for m in _CLOUDFLARE.finditer(text):
            around = (max(0, m.start() - 300), m.end() + 300)  # the sentences around the number
            if (
                _SQLSTATE.match(text, m.end())
                or _NOT_CLOUDFLARE.search(text, *around)
                or not _WEB_CONTEXT.search(text, *around)
            ):
                break
            taken.add(m.start("code"))
            found.append(Mention(m.group("code"), LABELLED, "cloudflare-bare", m.start("code"), m.end(), "cloudflare"))
    # nginx's messages count only when no status is in the text (asked once, for both kinds of message)
    nginx_words = "upstream" in text or "too large body" in text or "FastCGI sent" in text or "() to unix:" in text
    file_words = '() "' in text or "directory index of" in text
    status_shown = (nginx_words or file_words) and _ANY_STATUS.search(text, 0, 20_000) is not None
    if nginx_words and not status_shown:
        # only when no status is in the text: beside "504 Gateway Time-out" the message is its detail
        for pattern, status in _NGINX_MESSAGES:
            n = pattern.search(text)
            if n:
                found.append(Mention(status, LABELLED, "nginx-message", n.start(), n.end(), "http"))
                break
    if file_words and not status_shown:
        n = _NGINX_FILE.search(text)
        if n is not None and (
            _CONNECTION_NO.search(text, max(0, n.start() - 14), n.start())
            or ", client: " in text[n.end() : n.end() + 300]
        ):
            if n["index"]:
                status = "403"
            elif n["errno"].startswith("2:"):
                status = "404"
            else:
                # (its body buffers: client_body_temp/, proxy_temp/, or a distribution's tmp/client_body/)
                status = "500" if "_temp/" in n["path"] or "/client_body/" in n["path"] else "403"
            found.append(Mention(status, LABELLED, "nginx-message", n.start(), n.end(), "http"))
    if "/" in text and ("TCP_" in text or "UDP_" in text or "NONE_" in text):
        for m in _SQUID.finditer(text):  # Squid's access log: `TCP_DENIED/403`, `TCP_MISS/404`
            if m.start("code") not in taken:
                taken.add(m.start("code"))
                found.append(Mention(m.group("code"), EXPLICIT, "squid-log", m.start("code"), m.end("code"), "http"))
    if "cf_ob_info=" in text:
        for m in _CF_OB_INFO.finditer(text):  # Cloudflare's error page sets the status it served in a cookie
            if m.start("code") not in taken:
                taken.add(m.start("code"))
                found.append(
                    Mention(m.group("code"), LABELLED, "cloudflare-cookie", m.start("code"), m.end("code"), "http")
                )
                break
    if "HTTPCode_" in text:
        for m in _CLOUDWATCH.finditer(text):
            found.append(
                Mention(m.group("code"), LABELLED, "cloudwatch-metric", m.start("code"), m.end("code"), "http")
            )
    if "Lambda" in text:
        for m in _LAMBDA_EDGE.finditer(text):
            found.append(Mention(_LAMBDA_STATUS[m.group("what")], 0.9, "cloudfront-lambda", m.start(), m.end(), "http"))
    if "function" in lower_has or "DEPLOYMENT_" in text:
        for pattern, status in _VERCEL:
            m = pattern.search(text)
            if m:
                found.append(Mention(status, 0.9, "vercel", m.start(), m.end(), "http"))
    for pattern, status in _PAGES if any(k in lower_has for k in _PAGE_KEYS) else ():
        m = pattern.search(text)
        if m:
            if status == "503" and "could not be served" in m.group(0) and "nuxt" in lower_has:
                status = "500"  # Nuxt's default error page copies Heroku's sentence for its own 500
            # the page's words fix the status only when its number was not pasted ("504 ERROR" wins)
            found.append(Mention(status, 0.8, "vendor-page", m.start(), m.end(), "http"))
    if "Origin" in text:
        for m in _FRONT_DOOR.finditer(text):
            if _FRONT_DOOR_CONTEXT.search(text, max(0, m.start() - 200), m.end() + 200):
                status = _FRONT_DOOR_STATUS[m.group("what")]
                found.append(Mention(status, 0.9, "front-door-errorinfo", m.start(), m.end(), "http"))
                break
    if any(k in text for k in _HTTPERR_KEYS):
        for m in _HTTPERR.finditer(text):
            if m.start() not in taken:  # HTTPERR log lines are read by bot.logs.httperr; this is the name in prose
                found.append(Mention(m.group("reason"), LABELLED, "httperr", m.start(), m.end(), "httperr"))
