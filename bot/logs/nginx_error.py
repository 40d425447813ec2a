"""nginx error logs: `2024/11/27 10:00:00 [error] 1234#0: *56 message`.

`1234#0` is the worker's process id and thread, `*56` the connection number: neither is a
status, even when it reads 502 (the span goes in `skip`, so nothing on it is read as a code).
The message carries the cause (`connect() failed (111: Connection refused) while connecting to
upstream`); the record has no status of its own, but the messages nginx writes when a proxied
request fails always come with the same answer to the client, so they imply it: upstream timed
out -> 504; connect() failed / no live upstreams / upstream closed, reset or sent too big a header
-> 502; a client body over client_max_body_size -> 413. The date may be missing in a quote.

Examples (tests/test_logs.py checks each):

    2020/05/07 03:15:12 [error] 6#6: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 172.21.0.1
    => nginx-error implies:502

    [error] 502#0: *404 upstream timed out (110: Connection timed out) while reading response header from upstream
    => nginx-error implies:504

    2024/01/05 10:00:00 [error] 31#31: *9 client intended to send too large body: 10485761 bytes, client: 10.0.0.1
    => nginx-error implies:413

    2024/01/05 10:00:01 [warn] 31#31: *10 an upstream response is buffered to a temporary file
    => nginx-error

The client closing first is logged at [info]; its access-log line says 499 (a Kong support article; a
blog pairing the access log's 499 with this line):

    2026/07/05 21:57:36 [info] 5605#0: *853576 epoll_wait() reported that client prematurely closed connection, so upstream connection is closed too while sending request to upstream, client: 192.168.160.1, server: kong, request: "GET /example HTTP/1.1"
    2019/12/24 09:44:29 [info] 6574#0: *2190106131 epoll_wait() reported that client prematurely closed connection, so upstream connection is closed too while reading upstream, client: 100.x.x.x, server: m.demo.com
    => nginx-error implies:499 | nginx-error implies:499

PHP-FPM's `Primary script unknown` (no such script file) comes with FPM's own `Status: 404 Not Found`
(php-src's FPM tests; aschmelyun/docker-compose-laravel#17 shows the access log's 404 beside it):

    2018/12/12 22:59:00 [error] 7#7: *377622 FastCGI sent in stderr: "Primary script unknown" while reading response header from upstream, client: 86.7.18.7, server: www.playstoresales.com, request: "GET /OneSignalSDKWorker.js.php HTTP/1.1", upstream: "fastcgi://172.23.0.3:9000"
    2015/10/13 23:54:44 [error] 18064#0: *201 FastCGI sent in stderr: "Primary script unknown" while reading response header from upstream, client: 127.0.0.1, server: 127.0.0.1, request: "GET /index.php HTTP/1.1", upstream: "fastcgi://unix:/var/run/php5-fpm.sock:", host: "127.0.0.1"
    => nginx-error implies:404 | nginx-error implies:404

A static file nginx cannot open is answered by the errno (ngx_http_static_module: 13 -> 403,
2 -> 404; neuland/micro-frontends#18, kreneskyp/ix#148, facebookarchive/fbctf#88, owncloud/core#16868),
and `directory index of` is forbidden -> 403 (netbox-community/netbox#161); a temp file that
failed `while reading upstream` is [crit] and implies nothing (binhex/arch-rtorrentvpn#28):

    2018/10/16 18:10:25 [error] 7#7: *1 open() "/usr/share/nginx/html/common/page.css" failed (13: Permission denied), client: 172.19.0.1, server: , request: "GET /common/page.css HTTP/1.1", host: "127.0.0.1:3000"
    2023/08/01 19:46:21 [error] 27#27: *520 open() "/var/static/js/main.js" failed (13: Permission denied), client: 172.18.0.1, server: 0.0.0.0, request: "GET /static/js/main.js HTTP/1.1", host: "localhost:8000"
    => nginx-error implies:403 | nginx-error implies:403

    2016/05/18 08:38:13 [error] 3857#0: *12 open() "/var/www/fbctf/src/favicon.ico" failed (2: No such file or directory), client: 10.10.10.5, server: , request: "GET /favicon.ico HTTP/1.1", host: "10.10.10.5"
    2015/06/10 09:29:50 [error] 29986#0: *92443 open() "/var/www/owncloud/favicon.ico" failed (2: No such file or directory), client: 203.84.135.140, server: ---, request: "GET /favicon.ico HTTP/1.1"
    => nginx-error implies:404 | nginx-error implies:404

    2016/07/02 14:07:52 [error] 11000#0: *1 directory index of "/opt/netbox/netbox/static/" is forbidden, client: 192.168.5.70, server: _, request: "GET / HTTP/1.1", host: "192.168.5.59"
    => nginx-error implies:403

    2017/06/04 13:14:59 [crit] 2981#2981: *9 open() "/var/lib/nginx/fastcgi/1/00/0000000001" failed (13: Permission denied) while reading upstream, client: 10.25.10.149, server: localhost
    => nginx-error
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

LINE = re.compile(
    r"(?:(?P<time>[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}) )?\[(?P<level>[a-z]{1,10})\] "
    r"[0-9]{1,10}#[0-9]{1,10}: (?:(?P<conn>\*[0-9]{1,20}) )?"
)


IMPLIED = (
    (re.compile(r"FastCGI sent in stderr: \"Primary script unknown"), "404"),  # PHP-FPM answers `Status: 404`
    (re.compile(r"upstream timed out \([0-9]{1,5}: "), "504"),
    (
        re.compile(
            r"(?:connect\(\) (?:to [^ ]{1,300} )?failed \([0-9]{1,5}: [^)]{1,80}\) while connecting to upstream"
            r"|no live upstreams"  # (quoted cut short too: `no live upstreams while connecting to$`)
            r"|upstream prematurely closed connection while reading(?: response header)? from upstream"
            r"|recv\(\) failed \(104: [^)]{1,80}\) while reading response header from upstream"
            r"|upstream sent too big header while reading response header from upstream)"
        ),
        "502",
    ),
    (re.compile(r"client intended to send too large (?:chunked )?body"), "413"),
    # ngx_http_auth_basic_module answers these with 401 (and a WWW-Authenticate challenge)
    (
        re.compile(
            r'user "[^"\n]{0,200}" was not found in "|user "[^"\n]{0,200}": password mismatch'
            r"|no user/password was provided for basic authentication"
        ),
        "401",
    ),
)


# ngx_http_static_module answers a file it cannot open by the errno, logged at [error] as
# `open() "<path>" failed (<errno>: <strerror>)`: ENOENT, ENOTDIR, ENAMETOOLONG (2, 20, 36) -> 404;
# EACCES and, under disable_symlinks, EMLINK and ELOOP (13, 31, 40) -> 403; any other errno is logged
# at [crit] and answered 500. ngx_http_index_module logs `"<path>" is forbidden (13: ...)` -> 403 and
# `"<path>" is not found (2: ...)` -> 404; ngx_http_core_module `directory index of "<dir>" is forbidden`
# -> 403. Only [error] lines of a request (`*N`) are read, and not a line naming an `upstream:` (an
# error_page file that failed while answering a proxied request) or doing something `while` (a temp
# file, a log file: those are [crit] and not the client's answer).
STATIC = re.compile(
    r'(?:(?:open|openat)\(\) "[^"]{1,400}" failed|"[^"]{1,400}" is (?P<index>forbidden|not found)) '
    r"\((?P<errno>2|13|20|31|36|40): [A-Za-z ]{1,40}\)(?! while )"
)
STATIC_CODES = {"2": "404", "20": "404", "36": "404", "13": "403", "31": "403", "40": "403"}


def static_implied(msg: str) -> str | None:
    if 'directory index of "' in msg and '" is forbidden' in msg:
        return "403"
    if 'upstream: "' in msg or ('" failed (' not in msg and '" is ' not in msg):
        return None
    m = STATIC.match(msg)
    if m is None:
        return None
    if m["index"] is not None:  # the index module names its answer
        ok = (m["index"] == "forbidden") == (m["errno"] == "13")
        return ("403" if m["index"] == "forbidden" else "404") if ok else None
    return STATIC_CODES[m["errno"]]


def implied(msg: str) -> str | None:
    for pattern, code in IMPLIED:
        if pattern.search(msg):
            return code
    return None


# The client hung up first: nginx logs it at [info] and writes 499 in the access log (ngx_http_request.h's
# NGX_HTTP_CLIENT_CLOSED_REQUEST), e.g. `epoll_wait() reported that client prematurely closed connection, so
# upstream connection is closed too while connecting to upstream`.
_CLIENT_CLOSED_FIRST = re.compile(r"client prematurely closed connection, so upstream connection is closed too")


def _implied(msg: str, level: str, request: bool) -> str | None:
    if level == "info" and request and _CLIENT_CLOSED_FIRST.search(msg):
        return "499"
    if level not in ("error", "crit", "alert", "emerg"):
        return None
    return implied(msg) or (static_implied(msg) if level == "error" and request else None)


def parse(line: str) -> LogRecord | None:
    if "#" not in line:
        return None
    m = LINE.search(line, 0, 200)
    if m is None:
        return None
    msg = line[m.end() : m.end() + 500]
    return LogRecord(
        "nginx-error",
        time=m["time"],
        message=msg,
        skip=(m.start(), m.end()),
        quoted=m.start() > 0,
        implied=_implied(msg, m["level"], m["conn"] is not None),
    )
