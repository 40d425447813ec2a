"""Log formats people paste or upload, one module per format, read by their fields.

A status is read from the field that holds it, so byte counts, ports, process ids and time-taken
values are never mistaken for codes. Formats (each module's docstring holds real example lines,
and tests/test_logs.py checks that every one parses to what it says):

- `w3c`           IIS W3C web and FTP logs, by `#Fields:` header or IIS's layouts; a line quoted in chat
- `httperr`       HTTP.sys HTTPERR logs: the reason phrase becomes `httperr:<Reason>`
- `freb`          IIS Failed Request Tracing XML
- `access`        nginx/Apache common and combined access logs
- `ingress_nginx`, `traefik`  their extensions of the combined layout (Traefik JSON too)
- `envoy`         Envoy/Istio access logs, text and JSON: response flags become `envoy:<FLAG>`
- `haproxy`, `caddy`, `cloudfront`, `alb`, `heroku`, `nginx_error`, `apache_error`, `curl_verbose`

API (the engine, the CLI and the Slack app use only these):

- `scan(lines) -> LogScan`: every record of a short text, in a list (the engine reads pastes so).
- `iter_records(lines)`: the same as a generator, for a stream of any length.
- `open_text(stream)`: text lines from a binary stream (a file, an upload); gzip is sniffed and
  inflated, bytes are decoded incrementally as UTF-8 (bad bytes become U+FFFD), and a line longer
  than `MAX_LINE` is cut there and the rest of it skipped, so memory never holds more than a line.
- `looks_like_log(lines)`: whether the first lines are mostly log records (a page or a chat
  transcript is not), so the caller can choose between a log summary and a normal answer.
- `mentions_of(record)`: the codes a record names, for the engine (`(code, family, weight, kind, detail)`).

The log summariser that counts records by kind of failure is bot.triage.summarize_log; it reads
lines through `iter_records`, so its memory is bounded by the number of distinct groups.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from bot.logs import (
    access,
    alb,
    apache_error,
    caddy,
    cloudfront,
    curl_verbose,
    envoy,
    freb,
    haproxy,
    heroku,
    httperr,
    ingress_nginx,
    nginx_error,
    traefik,
    w3c,
)
from bot.logs.base import MAX_LINE, LogRecord, examples

__all__ = [
    "COMBINED",
    "FORMATS",
    "MAX_LINE",
    "W3C_START",
    "LogRecord",
    "LogScan",
    "Reader",
    "examples",
    "iter_records",
    "looks_like_log",
    "mentions_of",
    "open_text",
    "scan",
]

W3C_START = w3c.START
COMBINED = access.COMBINED
FORMATS = (
    w3c,
    httperr,
    freb,
    access,
    ingress_nginx,
    traefik,
    caddy,
    envoy,
    haproxy,
    cloudfront,
    alb,
    heroku,
    nginx_error,
    apache_error,
    curl_verbose,
)
MALFORMED = LogRecord("malformed")
_IP_PORT_BRACKET = re.compile(r"^[0-9a-fA-F.:]{3,60}:[0-9]{1,5} \[")


@dataclass(slots=True)
class LogScan:
    """What a pass over the lines found: records, plus lines that looked like logs but were broken."""

    records: list[LogRecord]
    malformed: int = 0
    lines: int = 0


class Reader:
    """Reads one line at a time, remembering a W3C `#Fields:` header for the lines after it."""

    __slots__ = ("bare", "bare_left", "fields", "fields_kind", "fields_open", "lost", "wrapped")

    def __init__(self) -> None:
        self.fields: list[str] | None = None
        self.fields_kind = "iis"
        self.fields_open = False  # a `#Fields:` header just read: the paste may have wrapped it too
        self.bare: list[str] | None = None  # field names quoted without `#Fields:`, for the row(s) below them
        self.bare_left = 0
        self.wrapped: list[list[str]] | None = None  # the parts of a record the paste wrapped, by line
        self.lost = 0  # wrapped records whose rest never came: malformed lines

    def header(self, line: str) -> None:
        if not line.startswith(("#Fields:", "# Fields:")) and " #Fields: " in line[:300]:
            line = line[line.index(" #Fields: ") + 1 :]  # `#Software: ... #Version: 1.0 #Fields: ...` flattened
        if line.startswith(("#Fields:", "# Fields:")):
            self.fields = line[line.index(":") + 1 :].split()
            self.fields_open = True
            if "s-reason" in self.fields:
                self.fields_kind = "httperr"
            elif "x-edge-location" in self.fields:
                self.fields_kind = "cloudfront"
            else:
                self.fields_kind = "iis"
        elif line.startswith("#Software: Microsoft HTTP API") and self.fields is None:
            self.fields_kind = "httperr"

    def _by_fields(self, tokens: list[str]) -> LogRecord | None:
        assert self.fields is not None
        if self.fields_kind == "httperr":
            return httperr.from_fields(self.fields, tokens)
        if self.fields_kind == "cloudfront":
            return cloudfront.from_fields(self.fields, tokens)
        return w3c.from_fields(self.fields, tokens)

    def read(self, raw: str) -> LogRecord | None:
        """The record on a line, None for a line that is no log record, MALFORMED for a broken one."""
        line = raw[:MAX_LINE].strip()
        if line[:1] in "`'\"" and line[-1:] == line[:1] and len(line) > 8 and line[1:2] != line[:1]:
            # a line quoted whole, as inline code or in quotes: `[Sat Dec 02 ...] [proxy_http:error] ...`
            line = line[1:-1].strip()
        if not line:
            return None
        if self.fields_open:
            names = line.split()
            if self.fields is not None and all(w3c.FIELD_NAME.fullmatch(n) for n in names):
                self.fields += names  # the rest of a wrapped `#Fields:` header
                return None
            self.fields_open = False
        if self.wrapped is not None:
            done, record = self._rest_of_wrapped(line)
            if done:
                return record
        if self.bare is not None:
            record = self._bare_row(line)
            if record is not None:
                return record
        if "sc-status" in line[:2000]:
            found = w3c.bare_header(line)
            if found is not None:
                names, values = found
                if not values:
                    self.bare, self.bare_left = names, 4
                    return None
                record = w3c.from_fields(names, values)
                if record is not None:
                    record.quoted = True
                    return record
        first = line[0]
        shipped = _SHIPPED.match(line) if first == '"' else None
        if shipped is not None:
            return self._shipped(shipped)
        if first == "#":
            self.header(line)
            if self.fields and self.fields_open:
                return self._header_and_record()
            return None
        if first.isascii() and first.isdigit():
            return self._digit(line)
        if first == "{":
            return _json(line)
        if first == "[":
            record = envoy.parse(line) or apache_error.parse(line) or nginx_error.parse(line)
            if record is None and "/" in line:
                record = haproxy.parse(line)  # quoted from its accept date: `[11/Jul/2022:15:40:41.059] fe be/srv ...`
            if record is None and "] " in line[:80]:
                # `kubectl logs --prefix` and docker compose name the pod or container first:
                # `[traefik-c88c9f869-b8cm8] 10.0.1.122 - - [11/Dec/2020:03:13:20 +0000] "GET / HTTP/2.0" 502 ...`
                rest = line[line.index("] ") + 2 :]
                found = access.parse(rest) if rest[:1].isdigit() or rest[:1] == "-" else None
                record = _refine(*found) if found else None
            return record or self._quoted(line)
        if first == "<":
            return curl_verbose.parse(line) or freb.parse(line)
        record = alb.parse(line) if first in "hgw" else None
        if record is None and " [" in line[:300]:
            found = access.parse(line)
            record = _refine(*found) if found else haproxy.parse(line)
        return record or self._quoted(line)

    def _header_and_record(self) -> LogRecord | None:
        """`#Fields: date time ... sc-win32-status 2009-11-26 06:14:21 ...`: a header and its first
        record pasted as one line (the newline lost). Field names never read as a date, so the
        record starts at the first `yyyy-mm-dd` after them."""
        assert self.fields is not None
        for i, name in enumerate(self.fields):
            if not w3c.FIELD_NAME.fullmatch(name):
                if i >= 3 and w3c.DATE_TOKEN.fullmatch(name):
                    rest = self.fields[i:]
                    self.fields = self.fields[:i]
                    if len(rest) > len(self.fields):  # the next records followed too: read the first
                        rest = rest[: len(self.fields)]
                    self.fields_open = False
                    return self._digit(" ".join(rest))
                return None
        return None

    def _bare_row(self, line: str) -> LogRecord | None:
        """A row of values under field names quoted without `#Fields:` (`404 0 2 325 2481 0`)."""
        assert self.bare is not None
        tokens = line.split()
        record = w3c.from_fields(self.bare, tokens) if len(tokens) == len(self.bare) else None
        if record is not None:
            record.quoted = not w3c.START.match(line)
            return record
        self.bare_left -= 1
        if self.bare_left <= 0:
            self.bare = None
        return None

    def _rest_of_wrapped(self, line: str) -> tuple[bool, LogRecord | None]:
        """The next part of a W3C record the paste wrapped (over up to six lines); (True, record) once
        the parts hold the header's fields. A hard wrap breaks inside a field only where a line was
        cut at the width: when the parts hold k tokens too many, the k longest lines broke a field."""
        assert self.wrapped is not None and self.fields is not None
        if w3c.START.match(line) or line.startswith("#") or len(self.wrapped) >= 6:
            self.wrapped = None
            self.lost += 1
            return False, None
        self.wrapped.append(line.split())
        parts, want = self.wrapped, len(self.fields)
        count = sum(len(p) for p in parts)
        extra = count - want
        if extra < 0:
            return True, None  # more to come
        self.wrapped = None
        record = None
        if extra < len(parts):
            widths = [len(" ".join(p)) for p in parts[:-1]]
            broke = set(sorted(range(len(widths)), key=lambda i: -widths[i])[:extra])
            tokens = list(parts[0])
            for i, part in enumerate(parts[1:]):
                if i in broke and tokens and part:
                    tokens[-1] += part[0]
                    tokens += part[1:]
                else:
                    tokens += part
            record = self._by_fields(tokens)
        if record is None:
            self.lost += 1
        return True, record

    def _digit(self, line: str) -> LogRecord | None:
        if w3c.START.match(line):
            tokens = line.split()
            if self.fields and len(tokens) < len(self.fields) and self.fields_kind == "iis":
                # too few fields: a record missing one (an empty query written as nothing, not `-`) still ends
                # with the status run; otherwise the paste may have wrapped it, and the next lines decide
                record = w3c.guess(tokens)
                if record is not None:
                    return record
                self.wrapped = [tokens]
                return None
            record = self._by_fields(tokens) if self.fields else None
            if record is None and self.fields_kind != "httperr":
                record = cloudfront.guess(line)
            record = record or httperr.guess(tokens) or w3c.guess(tokens)
            if record is None:
                record = heroku.parse(line) or self._quoted(line[20:])
            return record or MALFORMED
        if self.fields and w3c.TIME_START.match(line):
            record = self._by_fields(line.split())  # a header without `date`, e.g. `time c-ip ...`
            if record:
                return record
        if line[10:11] == "T":
            record = alb.parse(line)  # a Classic Load Balancer line starts with its time
            if record:
                return record
        found = access.parse(line)
        if found:
            return _refine(*found)
        if _IP_PORT_BRACKET.match(line):
            return haproxy.parse(line)
        if "/" in line[:40] and " - - " in line:
            record = haproxy.parse_from_timers(line)  # quoted from its timers: `0/0/-1/-1/3001 503 212 - - SC-- ...`
            if record:
                return record
        return nginx_error.parse(line) or heroku.parse(line) or self._quoted(line)

    def _shipped(self, m: re.Match[str]) -> LogRecord | None:
        """A log line as a shipper wraps it in JSON (Filebeat's `"message"`, OpenTelemetry's `"body"`): the
        string's value, unescaped, is the record."""
        try:
            inner = json.loads(m["value"])
        except ValueError:
            return None
        if not isinstance(inner, str) or not inner.strip() or inner.lstrip()[:1] == '"':
            return None
        record = self.read(inner.split("\n", 1)[0])
        if record is not None and record is not MALFORMED:
            record.quoted = True
            return record
        return None

    def _quoted(self, line: str) -> LogRecord | None:
        """A log line inside a chat line: `backend IIS log: 2024-... 500 19 13 15`, `> GET /x - 80 ... 401 2 5 0`."""
        if "heroku[" in line or "app[" in line:
            record = heroku.parse(line)
            if record:
                return record
        if "haproxy[" in line:
            return haproxy.parse(line)
        if "<failedRequest" in line or "<Data Name=" in line:
            return freb.parse(line)
        if "#" in line and "] " in line:
            record = nginx_error.parse(line)
            if record:
                return record
        if "-" in line and ":" in line:
            m = w3c.INSIDE.search(line)
            if m is not None:
                tokens = line[m.start() :].split()
                record = httperr.guess(tokens) or w3c.guess(tokens, quoted=True)
                if record is not None:
                    record.quoted = True
                    return record
        if " /" in line and " - " in line:
            record = w3c.fragment(line)
            if record is not None:
                return record
        if "HTTP/" in line:
            # `11:03:03 "POST /x HTTP/1.1" 504 0 ...`, `app.log ERROR 10.0.0.1 - - [...] "GET ...`
            found = access.inside(line)
            if found:
                return _refine(*found)
        return None


# `"message": "<a log line>",`: one field of a log shipper's JSON document, pasted as its own line.
_SHIPPED = re.compile(r'^"(?:message|body|log|msg|line|event|original)" ?: ?(?P<value>"(?:[^"\\]|\\.){8,}")[ \t]*,?$')


def _refine(record: LogRecord, m: re.Match[str]) -> LogRecord:
    rest = m.string[m.end() :]
    if rest:
        ingress_nginx.refine(record, rest) or traefik.refine(record, rest)
    return record


def _json(line: str) -> LogRecord | None:
    if len(line) > MAX_LINE or not line.endswith("}"):
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    return traefik.from_json(obj) or caddy.from_json(obj) or envoy.from_json(obj)


def iter_records(lines: Iterable[str], stats: LogScan | None = None) -> Iterator[LogRecord]:
    """Every record in the lines, numbered from 1; `stats` (if given) counts lines and malformed ones."""
    reader = Reader()
    n = 0
    malformed = 0
    for n, raw in enumerate(lines, start=1):
        record = reader.read(raw)
        if record is None:
            continue
        if record is MALFORMED:
            malformed += 1
            continue
        record.line_no = n
        yield record
    if stats is not None:
        stats.lines += n
        stats.malformed += malformed + reader.lost + (reader.wrapped is not None)


def scan(lines: Iterable[str]) -> LogScan:
    """Read every log record in the lines; lines that start like a log but don't parse are counted."""
    result = LogScan(records=[])
    result.records = list(iter_records(lines, result))
    return result


def counts(record: LogRecord) -> bool:
    """A record a summary counts: it names a status or another code (an nginx error line alone does not)."""
    return record.status is not None or bool(record.codes)


def looks_like_log(lines: Iterable[str], *, sample: int = 200) -> bool:
    """Mostly log lines (or a W3C `#Fields:` header with at least one record) among the first ones."""
    head: list[str] = []
    for i, line in enumerate(lines):
        if i >= sample:
            break
        head.append(line)
    content = [ln for ln in head if ln.strip() and not ln.lstrip().startswith("#")]
    if not content:
        return False
    found = [r for r in iter_records(head) if counts(r) and not r.quoted]
    if found and any(ln.startswith("#Fields:") for ln in head):
        return True
    return len(found) >= 2 and len(found) >= 0.5 * len(content)


def mentions_of(record: LogRecord) -> list[tuple[str, str, float, str, dict[str, str]]]:
    """The codes a record names as (code, family, weight, kind, detail); weight scales EXPLICIT.

    The status is the headline unless the line names a more exact code beside it (an HTTPERR
    reason, an Envoy flag, a Heroku code): then that code leads and the status follows.
    """
    out: list[tuple[str, str, float, str, dict[str, str]]] = []
    kind = f"{record.kind}-log"
    win32 = record.win32 if record.win32 not in (None, "0") else None
    status_weight = 0.9 if record.codes and record.kind in ("httperr", "envoy", "heroku") else 1.0
    if record.status is not None:
        if record.kind == "iis-ftp":
            detail = {k: v for k, v in (("substatus", record.substatus), ("win32", win32)) if v and v != "0"}
            out.append((record.status, "ftp", 1.0, kind, detail))
            if record.substatus not in (None, "0"):
                out.append((f"sub.{record.substatus}", "ftp", 0.9, kind, {}))
        elif record.kind in ("iis", "freb"):
            sub = record.substatus
            code = record.status if sub in (None, "0") else f"{record.status}.{sub}"
            out.append((code, "http", 1.0, kind, {"win32": win32} if win32 else {}))
        else:
            out.append((record.status, "http", status_weight, kind, {}))
    for ref in record.codes:
        family, _, code = ref.partition(":")
        out.append((code, family, 0.9 if family == "hresult" else 1.0, kind, {}))
    if win32:
        out.append((win32, "win32", 0.85, "iis-log-win32", {}))
    if record.implied and record.status is None:  # an error line's message names the answer it comes with
        out.append((record.implied, "http", 0.9, f"{kind}-implied", {}))
    return out


# ---- streams ---------------------------------------------------------------------------------

_GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 16


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    head = stream.read(CHUNK)
    if head[:2] == _GZIP_MAGIC:
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        data = head
        while data:
            while data:
                out = inflate.decompress(data, CHUNK)
                if out:
                    yield out
                data = inflate.unconsumed_tail
                if inflate.eof:  # a concatenated gzip member follows
                    rest = inflate.unused_data
                    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    data = rest
                    if not rest:
                        break
            data = stream.read(CHUNK)
        tail = inflate.flush()
        if tail:
            yield tail
        return
    while head:
        yield head
        head = stream.read(CHUNK)


def open_text(stream: BinaryIO | bytes, *, max_line: int = MAX_LINE) -> Iterator[str]:
    """Text lines (without their line ends) from a binary stream or bytes; gzip is inflated.

    Memory holds at most one chunk and one line of `max_line` characters: a longer line is cut
    there and its rest skipped (the cut line still counts as one line).
    """
    if isinstance(stream, bytes | bytearray):
        stream = io.BytesIO(stream)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    skipping = False
    for chunk in _chunks(stream):
        text = pending + decoder.decode(chunk)
        pending = ""
        start = 0
        while True:
            end = text.find("\n", start)
            if end < 0:
                break
            if skipping:
                skipping = False
            else:
                yield text[start:end].rstrip("\r")[:max_line]
            start = end + 1
        rest = text[start:]
        if skipping:
            continue
        if len(rest) > max_line:
            yield rest[:max_line]
            skipping = True
        else:
            pending = rest
    pending += decoder.decode(b"", final=True)
    if pending and not skipping:
        yield pending.rstrip("\r")[:max_line]
