"""Apache httpd error logs: `[time] [module:level] [pid N] [client ip:port] AHnnnnn: message`.

The record has no status; its message (and the AH number) carries the cause. Where httpd's source
answers the request with one fixed status right after logging the message, the record implies it
(checked in apache/httpd, the function that logs each number):

- 403: AH01630 (mod_authz_core) and AH01797 (mod_access_compat) `client denied by server
  configuration`; AH01276 (mod_autoindex) no matching DirectoryIndex and the index forbidden by
  Options; AH00035 search permissions missing on a path component; AH00037 symbolic link not
  allowed; AH00132 file permissions deny server access; AH00529 .htaccess unreadable.
- 400: AH00126 `Invalid URI in request` (core), AH10244 `invalid URI path` (2.4.49+ path check).
- 401: AH01617 password mismatch, AH01618 user not found (mod_auth_basic).
- 404: AH00128 `File does not exist`; AH01264 `script not found or unable to stat` (mod_cgid);
  AH01071 `Got error 'Primary script unknown'`: PHP-FPM's stderr, and FPM answers that request
  `Status: 404 Not Found` (php-src sapi/fpm tests); AH01071 with other stderr implies nothing.
- 421: AH02032 SNI and Host name have no compatible SSL setup (mod_ssl).
- 500: AH00124 the limit of internal redirects exceeded; AH00027 no authentication done.
- 501: AH00135 `Invalid method in request`.
- 502: mod_proxy could not read the backend's answer (AH01102 status line, AH00898 `Error reading
  from remote server`); 503: the backend could not be reached (AH00957, AH01114, AH01079 FastCGI).

Apache 2.2 wrote the same messages without an AH number: the message alone implies the status.
A record wrapped by the paste, its continuation starting at `[client ...]`, is read from there.

Examples (tests/test_logs.py checks each):

    [Wed Nov 27 10:00:00.123456 2024] [proxy:error] [pid 1234] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 (127.0.0.1) failed
    => apache-error implies:503

    [Wed Aug 01 13:46:44.652656 2018] [proxy_http:error] [pid 18590] (103)Software caused connection abort: [client 10.0.0.1:24591] AH01102: error reading status line from remote server 127.0.0.1:1111
    => apache-error implies:502

    [Wed Nov 27 10:00:01 2024] [core:error] [pid 77] [client 10.0.0.1:5000] AH00126: Invalid URI in request GET /%
    => apache-error implies:400

    [Sun Aug 05 04:03:42.258364 2018] [authz_core:error] [pid 15732] [client ipadress:19185] AH01630: client denied by server configuration: /home/get5/get5-web-master/get5.wsgi, referer: http://domain
    [Sun Feb 23 12:33:53.135749 2020] [access_compat:error] [pid 6516] [client 127.0.0.1:44388] AH01797: client denied by server configuration: /var/www/nextcloud/config
    => apache-error implies:403 | apache-error implies:403

    [Fri Mar 19 08:40:48.309924 2021] [autoindex:error] [pid 688] [client 172.17.42.1:47170] AH01276: Cannot serve directory /var/www/html: No matching DirectoryIndex (none) found, and server-generated directory index forbidden by Options directive
    => apache-error implies:403

    [Mon Oct 17 23:57:42.497868 2022] [core:error] [pid 99972] [client 217.41.39.186:62549] AH00124: Request exceeded the limit of 10 internal redirects due to probable configuration error. Use 'LimitInternalRecursion' to increase the limit if necessary. Use 'LogLevel debug' to get a backtrace., referer: https://mysite.com/sw.js
    => apache-error implies:500

    [Sat Aug 24 23:33:29.660360 2019] [proxy_fcgi:error] [pid 8360:tid 139690692380416] [client 62.141.44.187:43842] AH01071: Got error 'Primary script unknown\\n', referer: https://www.supportforum.be/stk/
    [Fri May 03 06:27:15.053223 2019] [proxy_fcgi:error] [pid 15187:tid 140289184356096] [client 222.35.73.37:46066] AH01071: Got error 'PHP message: PHP Warning:  Undefined variable $x'
    => apache-error implies:404 | apache-error

    [Tue Jun 19 20:08:34 2012] [error] [client 10.0.0.3] client denied by server configuration: /var/www/private
    => apache-error implies:403

    [client **ip_address**:47922] AH10244: invalid URI path
    => apache-error implies:400

    [authz_core:error] [pid 15732] [client ipadress:19185] AH01630: client denied by server configuration: /home/get5/get5-web-master/get5.wsgi
    => apache-error implies:403

    [Wed Nov 27 10:00:02 2024] [ssl:warn] [pid 24818] AH01909: www.example.com:443:0 server certificate does NOT include an ID which matches the server name
    => apache-error
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

LINE = re.compile(r"^\[(?P<time>[^\]]{1,60})\] \[(?:[\w-]{1,30}:)?(?P<level>[a-z]{1,10}[0-9]?)\] ")
# The rest of a record the paste wrapped after its `[pid N]`: `[client ip:port] AH10244: ...`.
CONTINUED = re.compile(
    # the rest of a line quoted without its date: `[authz_core:error] [pid 2211] [client ...] AH01630: ...`
    r"^(?:\[[\w-]{1,30}:(?:emerg|alert|crit|error|warn|notice|info|debug|trace[1-8])\] )?"
    r"\[(?:client|pid) [^\]]{1,100}\] (?:\[client [^\]]{1,100}\] )?(?=AH[0-9]{5}: )"
)

AH = re.compile(r"(?<![0-9A-Za-z])AH(?P<n>[0-9]{5}):")
IMPLIED = {
    "01630": "403", "01797": "403", "01276": "403", "00035": "403", "00037": "403", "00132": "403", "00529": "403",
    "00126": "400", "10244": "400", "01617": "401", "01618": "401", "00128": "404", "01264": "404", "02032": "421",
    "00124": "500", "00027": "500", "00135": "501", "01102": "502", "00898": "502", "00957": "503", "01114": "503",
    "01079": "503",
}  # fmt: skip
# Numbers whose message is any text of another program: only some messages fix the status.
_BY_MESSAGE = {"01071": (("Primary script unknown", "404"),)}
# Apache 2.2's messages (no AH number), as httpd 2.2 wrote them.
_MESSAGES = (
    ("client denied by server configuration: ", "403"),
    ("Directory index forbidden by Options directive", "403"),
    ("File does not exist: ", "404"),
    ("Invalid URI in request ", "400"),
    ("internal redirects due to probable configuration error", "500"),
)


def _implied(msg: str) -> str | None:
    ah = AH.search(msg)
    if ah is None:
        return next((code for words, code in _MESSAGES if words in msg), None)
    n = ah["n"]
    if n in _BY_MESSAGE:
        return next((code for words, code in _BY_MESSAGE[n] if words in msg), None)
    return IMPLIED.get(n)


def parse(line: str) -> LogRecord | None:
    m = LINE.match(line)
    if m is None:
        m = CONTINUED.match(line)
        if m is None:
            return None
        msg = line[m.end() : m.end() + 500]
        return LogRecord("apache-error", message=msg, implied=_implied(msg))
    msg = line[m.end() : m.end() + 500]
    return LogRecord("apache-error", time=m["time"], message=msg, implied=_implied(msg))
