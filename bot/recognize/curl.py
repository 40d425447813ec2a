"""curl and libcurl: exit codes (`curl: (7) ...`), PHP's `cURL error 28: ...`, `CURLE_*` names.

When curl's message carries the server's own reply (`(22) The requested URL returned error: 404`,
`(25) Failed FTP upload: 550`), that reply is the more specific answer and is read as such; the
curl code stays beside it.

Examples (tests/test_recognize.py runs each through the engine):

    curl: (7) Failed to connect to 127.0.0.1 port 20170: Connection refused
    => curl:7

    curl:(7) Failed to connect to localhost port 1080:Connection refused
    => curl:7

    cURL error 28: Operation timed out after 60001 milliseconds with 49054 bytes received
    => curl:28

    curl: (6) Could not resolve host: www.google.com
    => curl:6

    curl: (22) The requested URL returned error: 404
    => http:404

    curl: (25) Failed FTP upload: 550
    => ftp:550

    curl error 60 while downloading https://nova.laravel.com/packages.json: SSL certificate problem: unable to get local issuer certificate
    => curl:60

    > CURL request failed with error #7: Failed to connect to 127.0.0.1 port 4444: Connection refused
    => curl:7

curl 7.29 (CentOS 7) names the host and port it could not reach; the port is not a server reply
(a Hugo blog's firewall note; a Docker volume tutorial's transcript):

    curl: (7) Failed connect to raw.githubusercontent.com:443; Connection refused
    => curl:7

    [root@localhost ~]# curl 192.168.112.60:8089
    curl: (7) Failed connect to 192.168.112.60:8089; 拒绝连接
    => curl:7

git over HTTP names curl's code in its own words (its http.c prints "RPC failed; curl %d %s"):

    error: RPC failed; curl 56 GnuTLS recv error (-9): A TLS packet with unexpected length was received.
    => curl:56

    error: RPC failed; curl 18 transfer closed with outstanding read data remaining
    => curl:18

curl -v names the failure on its own `* ` line before its exit line; a client that runs libcurl (PHP's
Guzzle, git over HTTP) prints that line without the exit line. A request a server closed without a
word (a Go service behind a port mapping, from a Chinese study note), and git-http-push naming curl's
code as a "return code" (a WebDAV push to Box):

    > POST / HTTP/1.1
    > Host: localhost:1234
    > User-Agent: curl/7.55.1
    * upload completely sent off: 15 out of 15 bytes
    * Empty reply from server
    * Connection #0 to host localhost left intact
    => curl:52

    < HTTP/1.1 100 Continue
    * Empty reply from server
    * Connection #0 to host dav.box.com left intact
    error: Cannot access URL https://dav.box.com/dav/foo/, return code 52
    => curl:52

Its timeout message passed on by other software without curl's name (git, in a CI classifier's test data):

    fatal: unable to access 'https://example.invalid/repo.git/': Operation timed out after 30001 milliseconds with 0 bytes received
    => curl:28
"""

from __future__ import annotations

import re

from bot.recognize.base import EXPLICIT, LABELLED, Mention

_EXIT = re.compile(
    r"(?<![A-Za-z])curl(?:[ \t]?(?:error|request failed|errno|exit code|exited with code|exit status|failed))?"
    r"[ \t]{0,2}[:=]?[ \t]{0,2}(?:[({\[][ \t]?(?P<p>[1-9][0-9]{0,2})[ \t]?[)}\]]|(?P<n>[1-9][0-9]{0,2})(?=[ \t]?:))",
    re.I,
)
# Other software quoting curl's code in its own words: "curl error 60 while ...", "CURL request failed with
# error #7: ...", "curl returned error 28". The word "error" names the number, whatever follows it.
_QUOTED = re.compile(
    r"(?=[cC])(?<![A-Za-z])curl(?:[ \t](?:request[ \t])?(?:failed|fails|returned|returns|reported|reports|exited|exits)"
    r"(?:[ \t]with)?)?[ \t](?:error|code)"
    r"[ \t]{0,2}(?:#|no\.|number)?[ \t]?(?P<n>[1-9][0-9]{0,1})(?![0-9.]|[ \t]?(?:ms|s|sec|seconds|%))",
    re.I,
)
# git over HTTP prints curl's code in its own words (http.c: "RPC failed; curl %d %s"); its other form,
# "RPC failed; HTTP 500 curl 22 ...", names the server's status and is read with client output (bot.recognize.clients):
# "error: RPC failed; curl 56 GnuTLS recv error (-9)", "RPC failed; curl 18 transfer closed with outstanding read data"
_GIT_RPC = re.compile(r"RPC failed; curl (?P<n>[1-9][0-9]?) ")
_NAMES = {
    "UNSUPPORTED_PROTOCOL": 1, "URL_MALFORMAT": 3, "COULDNT_RESOLVE_PROXY": 5, "COULDNT_RESOLVE_HOST": 6,
    "COULDNT_CONNECT": 7, "WEIRD_SERVER_REPLY": 8, "REMOTE_ACCESS_DENIED": 9, "FTP_WEIRD_PASV_REPLY": 13,
    "HTTP2": 16, "PARTIAL_FILE": 18, "HTTP_RETURNED_ERROR": 22, "WRITE_ERROR": 23, "UPLOAD_FAILED": 25,
    "READ_ERROR": 26, "OUT_OF_MEMORY": 27, "OPERATION_TIMEDOUT": 28, "SSL_CONNECT_ERROR": 35,
    "TOO_MANY_REDIRECTS": 47, "GOT_NOTHING": 52, "SEND_ERROR": 55, "RECV_ERROR": 56, "SSL_CERTPROBLEM": 58,
    "PEER_FAILED_VERIFICATION": 60, "LOGIN_DENIED": 67, "REMOTE_FILE_NOT_FOUND": 78, "HTTP2_STREAM": 92,
}  # fmt: skip
_NAME = re.compile(r"(?<![A-Za-z0-9_])CURLE_(?P<name>[A-Z0-9_]{2,40})")
# The server's reply inside curl's message.
_HTTP_REPLY = re.compile(r"[ \t]*The requested URL returned error: (?P<code>[1-5][0-9][0-9])(?![0-9])", re.I)
# the server's reply after a space (`Access denied: 530`), not a port (`Failed connect to host:443`)
_FTP_REPLY = re.compile(r"[^\n]{0,80}?(?:[:,] |got |response )(?P<code>[1-6][0-9][0-9])(?![0-9.])", re.I)
_HTTP_CURL = ("22", "56")


# curl -v's own `* ` line naming the failure (lib/ failf strings). Not "connect to ... failed": curl tries the
# next address after it (`* connect to ::1 port 80 failed`, then `* Connected to 127.0.0.1`).
_TIMED_OUT = r"(?:Operation|Connection|Resolving) timed out after [0-9]"
_VERBOSE = re.compile(
    r"^\* (?:(?P<c52>Empty reply from server)|(?P<c56>Recv failure: )|(?P<c55>Send failure: )"
    r"|(?P<c28>" + _TIMED_OUT + r")|(?P<c60>SSL certificate problem: )"
    r"|(?P<c18>transfer closed with (?:outstanding read data remaining|[0-9]{1,15} bytes remaining to read))"
    r"|(?P<c6>Could not resolve host: )|(?P<c47>Maximum \([0-9]{1,6}\) redirects followed))",
    re.M,
)
# git over HTTP naming curl's code (http-push.c): "error: Cannot access URL https://x/, return code 52"
_GIT_RETURN = re.compile(r"Cannot access URL [^\s,]{1,500}, return code (?P<n>[1-9][0-9]?)(?![0-9])")


# curl's timeout message as other software passes it on (git's "fatal: unable to access ...: Operation timed out
# after 30001 milliseconds with 0 bytes received", PHP's curl_error()): the wording is libcurl's own
_TIMEOUT_MESSAGE = re.compile(r"(?<![A-Za-z])" + _TIMED_OUT + r"[0-9]{0,8} milliseconds")


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    if "\n* " in text or text.startswith("* "):
        for m in _VERBOSE.finditer(text):
            if m.start() not in taken and m.lastgroup:
                taken.add(m.start())
                found.append(Mention(m.lastgroup[1:], LABELLED, "curl-verbose", m.start(), m.end(), "curl"))
    if "return code" in text:
        for m in _GIT_RETURN.finditer(text):
            taken.add(m.start("n"))
            found.append(Mention(m.group("n"), EXPLICIT, "curl-git", m.start("n"), m.end("n"), "curl"))
    if "milliseconds" in text:
        m = _TIMEOUT_MESSAGE.search(text)
        if m is not None and m.start() not in taken:
            taken.add(m.start())
            found.append(Mention("28", LABELLED, "curl-message", m.start(), m.end(), "curl"))
    if "curl" not in text and "CURL" not in text and "cURL" not in text and "Curl" not in text:
        return
    for m in _EXIT.finditer(text):
        group = "p" if m.group("p") else "n"
        code = m.group(group)
        start, end = m.start(group), m.end(group)
        inner = None
        r = _HTTP_REPLY.match(text, m.end())
        if r is None and code not in _HTTP_CURL:
            r = _FTP_REPLY.match(text, m.end())
        if r:
            family = "http" if r.re is _HTTP_REPLY else "ftp"
            inner = Mention(r.group("code"), 0.97, "curl-reply", r.start("code"), r.end("code"), family)
        taken.add(start)
        found.append(Mention(code, 0.6 if inner else EXPLICIT, "curl", start, end, "curl"))
        if inner is not None:
            taken.add(inner.start)
            found.append(inner)
    for m in _QUOTED.finditer(text) if "error" in text.lower() or "code" in text.lower() else ():
        if m.start("n") not in taken:
            taken.add(m.start("n"))
            found.append(Mention(m.group("n"), EXPLICIT, "curl-quoted", m.start("n"), m.end("n"), "curl"))
    if "RPC failed; curl " in text:
        for m in _GIT_RPC.finditer(text):
            if m.start("n") not in taken:
                taken.add(m.start("n"))
                found.append(Mention(m.group("n"), EXPLICIT, "curl-git", m.start("n"), m.end("n"), "curl"))
    for m in _NAME.finditer(text):
        number = _NAMES.get(m.group("name"))
        if number is not None:
            found.append(Mention(str(number), EXPLICIT, "curl-name", m.start(), m.end(), "curl"))
