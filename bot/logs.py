"""Log formats people paste: IIS W3C (web and FTP), nginx/Apache access and error logs.

Parsing is by format, not by guessing at numbers: a status is read from the field that holds it,
so byte counts, ports and time-taken values are never mistaken for codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

W3C_START = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? ")
COMBINED = re.compile(
    r'^(?P<host>\S{1,255}) \S{1,255} \S{1,255} \[(?P<time>[^\]]{1,40})\] "(?P<request>[^"]{0,8000})" '
    r"(?P<status>\d{3}) (?P<bytes>\d{1,15}|-)"
)
# AWS ALB access log: type time elb client:port target:port t1 t2 t3 elb_status_code target_status_code ...
ALB = re.compile(
    r"^(?:https?|h2|grpcs|ws|wss) (?P<time>\d{4}-\d{2}-\d{2}T[\d:.]{8,20}Z) \S{1,200} \S{1,60} \S{1,60} "
    r"-?[\d.]{1,12} -?[\d.]{1,12} -?[\d.]{1,12} (?P<status>\d{3}|-) (?P<target>\d{3}|-) "
)
CURL_STATUS = re.compile(r"^< HTTP/[123](?:\.[01])? (?P<status>\d{3})\b")  # `curl -v`: the response status line
NGINX_ERROR = re.compile(
    r"^(?P<time>\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}) \[(?P<level>\w{1,10})\] \d{1,10}#\d{1,10}: (?:\*\d{1,20} )?(?P<msg>.*)$"
)
APACHE_ERROR = re.compile(r"^\[(?P<time>[^\]]{1,60})\] \[(?:[\w-]{1,30}:)?(?P<level>\w{1,10})\] (?P<msg>.*)$")
FTP_VERBS = frozenset(
    "USER PASS ACCT CWD CDUP QUIT PORT PASV EPSV EPRT TYPE STRU MODE RETR STOR STOU APPE ALLO REST RNFR RNTO "
    "ABOR DELE RMD MKD PWD LIST NLST SITE SYST STAT HELP NOOP FEAT OPTS AUTH PBSZ PROT CCC SIZE MDTM MLSD MLST "
    "XCWD XMKD XPWD XRMD CLNT HOST LANG ControlChannelOpened ControlChannelClosed DataChannelOpened "
    "DataChannelClosed".split()
)


@dataclass(frozen=True, slots=True)
class LogRecord:
    """One request (or error) read from a log line; codes as strings, None when absent."""

    kind: str  # iis, iis-ftp, combined, nginx-error, apache-error
    line_no: int
    status: str | None
    substatus: str | None = None
    win32: str | None = None
    time: str | None = None
    message: str = ""


@dataclass(slots=True)
class LogScan:
    """What a pass over the lines found: records, plus lines that looked like logs but were broken."""

    records: list[LogRecord]
    malformed: int = 0
    lines: int = 0


def _int(token: str | None) -> str | None:
    if token is None or not (token.isascii() and token.isdigit()) or len(token) > 10:  # "𐩀".isdigit() is True
        return None
    return str(int(token))


def _from_fields(fields: list[str], tokens: list[str], line_no: int) -> LogRecord | None:
    if len(tokens) != len(fields):
        return None
    row = dict(zip(fields, tokens, strict=True))
    status = _int(row.get("sc-status"))
    if status is None:
        return None
    method = row.get("cs-method", "")
    kind = "iis-ftp" if method in FTP_VERBS or row.get("s-port") in ("21", "990") or "x-session" in row else "iis"
    return LogRecord(
        kind=kind,
        line_no=line_no,
        status=status,
        substatus=_int(row.get("sc-substatus")),
        win32=_int(row.get("sc-win32-status")),
        time=f"{row.get('date', '')} {row.get('time', '')}".strip() or None,
    )


def _w3c_guess(tokens: list[str], line_no: int) -> LogRecord | None:
    """A W3C line without its #Fields header: the IIS layouts, web or FTP.

    IIS writes the numeric fields last: sc-status sc-substatus sc-win32-status, then any of
    sc-bytes, cs-bytes, time-taken. So the status is where the final run of 3 to 6 numbers starts.
    """
    time = f"{tokens[0]} {tokens[1]}"
    for i, tok in enumerate(tokens[2:9], start=2):
        if tok in FTP_VERBS and len(tokens) >= i + 5:
            status, win32, sub = (_int(t) for t in tokens[i + 2 : i + 5])
            if status and 100 <= int(status) <= 699:
                return LogRecord("iis-ftp", line_no, status, sub, win32, time)
    run = 0
    while run < len(tokens) - 4 and _int(tokens[-run - 1]) is not None:
        run += 1
    for width in range(min(run, 6), 2, -1):
        status = int(tokens[-width])
        if 100 <= status <= 599 and int(tokens[-width + 1]) < 1000:
            return LogRecord("iis", line_no, str(status), _int(tokens[-width + 1]), _int(tokens[-width + 2]), time)
    return None


def scan(lines: Iterable[str]) -> LogScan:
    """Read every log record in the lines; lines that start like a log but don't parse are counted."""
    result = LogScan(records=[])
    fields: list[str] | None = None
    for line_no, raw in enumerate(lines, start=1):
        result.lines += 1
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#Fields:"):
                fields = line[len("#Fields:") :].split()
            continue
        if fields and not W3C_START.match(line) and line[:1].isdigit():
            record = _from_fields(fields, line.split(), line_no)  # a header without date, e.g. `time c-ip ...`
            if record:
                result.records.append(record)
                continue
        if W3C_START.match(line):
            tokens = line.split()
            record = _from_fields(fields, tokens, line_no) if fields else None
            record = record or _w3c_guess(tokens, line_no)
            if record:
                result.records.append(record)
            else:
                result.malformed += 1
            continue
        m = COMBINED.match(line)
        if m:
            result.records.append(LogRecord("combined", line_no, str(int(m["status"])), time=m["time"]))
            continue
        m = CURL_STATUS.match(line)
        if m:
            result.records.append(LogRecord("curl", line_no, str(int(m["status"]))))
            continue
        m = ALB.match(line)
        if m:
            status = m["status"] if m["status"] != "-" else None
            result.records.append(LogRecord("alb", line_no, status, time=m["time"]))
            continue
        m = NGINX_ERROR.match(line) or APACHE_ERROR.match(line)
        if m:
            kind = "nginx-error" if "#" in line[:40] else "apache-error"
            result.records.append(LogRecord(kind, line_no, None, time=m["time"], message=m["msg"][:500]))
    return result
