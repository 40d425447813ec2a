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

PHP-FPM's `Primary script unknown` (no such script file) comes with FPM's own `Status: 404 Not Found`
(php-src's FPM tests; aschmelyun/docker-compose-laravel#17 shows the access log's 404 beside it):

    2018/12/12 22:59:00 [error] 7#7: *377622 FastCGI sent in stderr: "Primary script unknown" while reading response header from upstream, client: 86.7.18.7, server: www.playstoresales.com, request: "GET /OneSignalSDKWorker.js.php HTTP/1.1", upstream: "fastcgi://172.23.0.3:9000"
    2015/10/13 23:54:44 [error] 18064#0: *201 FastCGI sent in stderr: "Primary script unknown" while reading response header from upstream, client: 127.0.0.1, server: 127.0.0.1, request: "GET /index.php HTTP/1.1", upstream: "fastcgi://unix:/var/run/php5-fpm.sock:", host: "127.0.0.1"
    => nginx-error implies:404 | nginx-error implies:404
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

LINE = re.compile(
    r"(?:(?P<time>[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}) )?\[(?P<level>[a-z]{1,10})\] "
    r"[0-9]{1,10}#[0-9]{1,10}: (?:\*[0-9]{1,20} )?"
)


IMPLIED = (
    (re.compile(r"FastCGI sent in stderr: \"Primary script unknown"), "404"),  # PHP-FPM answers `Status: 404`
    (re.compile(r"upstream timed out \([0-9]{1,5}: "), "504"),
    (
        re.compile(
            r"(?:connect\(\) (?:to [^ ]{1,300} )?failed \([0-9]{1,5}: [^)]{1,80}\) while connecting to upstream"
            r"|no live upstreams while connecting to upstream"
            r"|upstream prematurely closed connection while reading(?: response header)? from upstream"
            r"|recv\(\) failed \(104: [^)]{1,80}\) while reading response header from upstream"
            r"|upstream sent too big header while reading response header from upstream)"
        ),
        "502",
    ),
    (re.compile(r"client intended to send too large (?:chunked )?body"), "413"),
)


def implied(msg: str) -> str | None:
    for pattern, code in IMPLIED:
        if pattern.search(msg):
            return code
    return None


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
        implied=implied(msg) if m["level"] in ("error", "crit", "alert", "emerg") else None,
    )
