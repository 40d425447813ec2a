"""W3C extended logs: IIS web and FTP sites, read by their `#Fields:` header or by IIS's layouts.

With a header, every value is read from its named field: `sc-status`, `sc-substatus`,
`sc-win32-status`; the numbers in `time-taken`, `sc-bytes` or `s-port` are never codes. Without
one, IIS's layouts are recognised: the web layouts end with a run of numbers that starts with the
status (`500 19 13 15`), the FTP layout puts the reply after the command. A line quoted in chat
(`backend IIS log: 2024-... 500 19 13 15 — since the deploy`) is read the same way. Seconds may
carry a fraction (`10:00:01.123`). HTTPERR (bot.logs.httperr) and CloudFront (bot.logs.cloudfront)
logs are W3C too; their headers hand them to those modules.

Examples (tests/test_logs.py checks each):

    #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
    2024-11-27 00:00:01 10.0.0.5 GET /app/ - 443 - 10.0.0.9 Mozilla/5.0 - 500 19 13 15
    2024-11-27 00:00:04 10.0.0.5 GET / - 443 - 10.0.0.9 Mozilla/5.0 - 200 0 64 215
    => iis 500.19 win32:13 | iis 200 win32:64

    #Fields: time c-ip cs-method cs-uri-stem sc-status sc-substatus sc-win32-status
    09:41:02.417 10.3.1.40 PUT /a 405 0 1
    => iis 405 win32:1

    2008-01-02 03:04:05 10.1.1.1 GET /a.aspx - 80 - 10.2.2.2 Mozilla/4.0 404 2 1260
    => iis 404.2 win32:1260

    2024-01-09 03:22:10.250 W3SVC2 WEB01 10.0.0.5 GET /portal/ - 443 - 10.8.0.3 HTTP/2.0 Mozilla/5.0 - portal.contoso.com 403 14 0 1510 452 2
    => iis 403.14

    backend IIS log: 2026-11-20 08:14:03 10.20.1.14 GET /api/orders - 443 - 10.20.0.5 Mozilla/5.0 - 500 19 13 15 — started after the change
    => iis 500.19 win32:13

    > CCM_POST /ccm_system_windowsauth/request - 80 - 10.1.1.9 ccmhttp - 401 2 5 0
    => iis 401.2 win32:5

    #Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath
    2024-11-27 08:00:02 10.0.0.9 bob 10.0.0.5 21 PASS *** 530 1326 41 a1 -
    => iis-ftp 530.41 win32:1326

    2024-11-27 08:00:02 10.0.0.9 bob 10.0.0.5 21 PASS *** 530 1326 41 a1 -
    => iis-ftp 530.41 win32:1326

Field names quoted without `#Fields:` (docs and chat copy the header's names, often only the last
ones) name the values of the row under them, up to four lines below, or after a separator on the
same line; `sc-win32status` is the name as people misspell it. From a log analyser's README
("Field order:", then "Sample:"), and rows below a header of the last fields only:

    date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
    2026-04-24 10:05:38 10.0.0.10 GET /index.html a=1&b=2 443 - 203.0.113.15 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) https://example.com/ 200 0 0 36
    => iis 200

    sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken
    500 19 13 1208 355 15
    => iis 500.19 win32:13

    sc-status sc-substatus sc-win32status time-taken ==== 401 2 5 218
    => iis 401.2 win32:5

A record the paste wrapped (a long User-Agent, a hard wrap at the width of a mail or an issue) has
too few fields for its `#Fields:` header; the next lines, not starting with a date, are its rest,
joined at the breaks, inside a field at the longest lines when the parts hold a token too many
(the wrapped header's own lines of field names extend it). From matomo-org/matomo#261:

    # Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port
    cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status
    time-taken
    2014-04-08 11:49:08 10.123.45.67 GET /images/elements/jquery.colorbox.js -
    443 - 192.168.1.1
    Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+10.9;+rv:28.0)+Gecko/20100101+Firefo
    x/28.0 200 0 0 44
    2014-04-08 11:49:09 10.123.45.67 GET /a - 443 - 192.168.1.1 curl/8 401 2 5 0
    => iis 200 | iis 401.2 win32:5

A header and its first record pasted as one line (the newline lost, as a blog or a web form
flattens it): field names never read as a date, so the record starts at the first `yyyy-mm-dd`
after them; a flattened `#Software: ... #Fields: ...` reads the same. The header and first record
of allinurl/goaccess#713, joined into one line:

    #Software: Microsoft Internet Information Services 8.0 #Version: 1.0 #Date: 2017-03-26 00:00:01 #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken 2017-03-26 00:00:01 10.180.0.159 GET /burma/myanmar-tour.cfm - 80 - 172.68.133.192 BUbiNG+(+http://law.di.unimi.it/BUbiNG.html) - 200 0 0 1872
    => iis 200
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, num, row_of, status

DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
TIME = r"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?"
DATE_TOKEN = re.compile(DATE)
START = re.compile(rf"^{DATE}[ \t]{TIME}[ \t]")
# A W3C line inside a chat line: its date and time, after a label or quote marks.
INSIDE = re.compile(rf"(?<![0-9A-Za-z]){DATE} {TIME} (?=[0-9A-Za-z])")
TIME_START = re.compile(rf"^{TIME}[ \t]")
# A web line with its date cut off: `GET /path query port user ip ...`, ending in status numbers.
FRAGMENT = re.compile(
    r"(?:^|[ \t>`])(?P<method>[A-Z][A-Z_-]{2,20}) /[^ \t]{0,2000} [^ \t]{1,2000} [0-9]{1,5} [^ \t]{1,300} [^ \t]{1,100} "
)
FTP_VERBS = frozenset(
    "USER PASS ACCT CWD CDUP QUIT PORT PASV EPSV EPRT TYPE STRU MODE RETR STOR STOU APPE ALLO REST RNFR RNTO "
    "ABOR DELE RMD MKD PWD LIST NLST SITE SYST STAT HELP NOOP FEAT OPTS AUTH PBSZ PROT CCC SIZE MDTM MLSD MLST "
    "XCWD XMKD XPWD XRMD CLNT HOST LANG ControlChannelOpened ControlChannelClosed DataChannelOpened "
    "DataChannelClosed".split()
)


# A W3C field name as IIS writes it in `#Fields:` (and people copy without the `#Fields:`).
FIELD_NAME = re.compile(r"(?:date|time|time-taken|(?:s|c|cs|sc|x)-[a-z0-9-]{2,30}|(?:cs|sc|s|c)\([A-Za-z0-9-]{1,40}\))")
_SEPARATOR = frozenset("=-|:>")


def bare_header(line: str) -> tuple[list[str], list[str]] | None:
    """Field names quoted without `#Fields:` (`sc-status sc-substatus sc-win32-status time-taken`), and the
    values after them on the same line (past a `====` or `->` separator); None unless `sc-status` is named."""
    tokens = line.split()
    names: list[str] = []
    for tok in tokens:
        if not FIELD_NAME.fullmatch(tok):
            break
        names.append("sc-win32-status" if tok == "sc-win32status" else tok)  # the name as people misspell it
    if len(names) < 2 or "sc-status" not in names:
        return None
    rest = tokens[len(names) :]
    while rest and _SEPARATOR.issuperset(rest[0]):
        rest = rest[1:]
    if rest and len(rest) != len(names):
        return None
    return names, rest


def from_fields(fields: list[str], tokens: list[str]) -> LogRecord | None:
    """A line read by its `#Fields:` header; None when the counts differ or there is no status."""
    row = row_of(fields, tokens)
    if row is None:
        return None
    code = status(row.get("sc-status"))
    if code is None:
        return None
    method = row.get("cs-method", "")
    ftp = method in FTP_VERBS or row.get("s-port") in ("21", "990") or "x-session" in row
    return LogRecord(
        kind="iis-ftp" if ftp else "iis",
        status=code,
        substatus=num(row.get("sc-substatus"), 5),
        win32=num(row.get("sc-win32-status")),
        time=f"{row.get('date', '')} {row.get('time', '')}".strip() or None,
    )


_CUSTOM_ADDRESS = re.compile(
    r"(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?::[0-9]{1,5})?|[0-9a-fA-F:]{3,45}:[0-9a-fA-F]{1,4})(?:,\S{0,60})?$"
)


def _status_run(tokens: list[str], *, trailing: bool) -> LogRecord | None:
    """IIS writes the numeric fields last: sc-status sc-substatus sc-win32-status, then any of
    sc-bytes, cs-bytes, time-taken. The status is where a run of 3 to 6 numbers starts; in a line
    quoted in chat the run may be followed by words, so any run after the request counts."""
    n = len(tokens)
    end = n
    # custom fields IIS appends after the standard ones (X-Forwarded-For, a client's address and port)
    while trailing and end > n - 2 and end > 4 and _CUSTOM_ADDRESS.match(tokens[end - 1]):
        end -= 1
    while end > 4:
        while end > 0 and num(tokens[end - 1]) is None:
            if trailing:
                return None
            end -= 1
        start = end
        while start > 0 and num(tokens[start - 1]) is not None:
            start -= 1
        run = end - start
        for width in range(min(run, 6), 2, -1):
            first = end - width
            code = status(tokens[first])
            sub = num(tokens[first + 1], 5)
            if code and sub is not None and int(sub) < 1000 and first >= 3:
                return LogRecord("iis", status=code, substatus=sub, win32=num(tokens[first + 2]))
        if trailing:
            return None
        end = start
    return None


def guess(tokens: list[str], *, quoted: bool = False) -> LogRecord | None:
    """A W3C line without its header, tokens from the date on: the IIS layouts, web or FTP."""
    time = f"{tokens[0]} {tokens[1]}"
    for i, tok in enumerate(tokens[2:9], start=2):
        if tok in FTP_VERBS and len(tokens) >= i + 5:
            code = status(tokens[i + 2])
            if code:
                win32, sub = num(tokens[i + 3]), num(tokens[i + 4], 5)
                return LogRecord("iis-ftp", status=code, substatus=sub, win32=win32, time=time, quoted=quoted)
    record = _status_run(tokens, trailing=not quoted)
    if record is not None:
        record.time = time
        record.quoted = quoted
    return record


def fragment(line: str) -> LogRecord | None:
    """`> CCM_POST /ccm/request - 80 - 10.1.1.9 ccmhttp - 401 2 5 0`: a web line whose date was cut off."""
    m = FRAGMENT.search(line)
    if m is None:
        return None
    record = _status_run(line[m.start("method") :].split(), trailing=True)
    if record is not None:
        record.quoted = True
    return record
