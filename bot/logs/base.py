"""What every log format module produces: a `LogRecord` per line that holds a request or an error.

Numbers are ASCII digits only (`int()` would accept `²` or `፩`): `num()` is the one way a field
becomes a code. Patterns use `[0-9]`, never `\\d`, and are bounded, so a line is read in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DIGITS = frozenset("0123456789")
MAX_LINE = 65_536  # characters of one line that are parsed; the rest of a longer line is ignored


@dataclass(slots=True)
class LogRecord:
    """One request (or error) read from a log line; codes as strings, None when absent.

    `codes` holds ids of other families the line names exactly (`httperr:Timer_ConnectionIdle`,
    `envoy:UH`, `heroku:H12`, `hresult:0x80070021`); `skip` is a span of the line that holds no code
    (nginx's `1234#0:` process id) when the line as a whole stays readable.
    """

    kind: str  # iis, iis-ftp, httperr, freb, combined, ingress-nginx, traefik, caddy, envoy, haproxy, ...
    line_no: int = 0
    status: str | None = None
    substatus: str | None = None
    win32: str | None = None
    time: str | None = None
    message: str = ""
    codes: tuple[str, ...] = ()
    detail: dict[str, str] = field(default_factory=dict)
    skip: tuple[int, int] | None = None
    quoted: bool = False  # found inside a chat line, not at its start
    implied: str | None = (
        None  # the status an error line's message always comes with (nginx: upstream timed out -> 504)
    )

    @property
    def key(self) -> tuple:
        """What a summary counts by: the same key is the same kind of failure."""
        return (self.kind, self.status, self.substatus, self.win32, self.codes, self.implied)

    def describe(self) -> str:
        """`iis 500.19 win32:13`, `httperr 503 httperr:AppOffline`: the line as the examples state it."""
        parts = [self.kind]
        if self.status is not None:
            parts.append(self.status + (f".{self.substatus}" if self.substatus not in (None, "0") else ""))
        if self.win32 not in (None, "0"):
            parts.append(f"win32:{self.win32}")
        parts += self.codes
        if self.implied:
            parts.append(f"implies:{self.implied}")
        return " ".join(parts)


def num(token: str | None, width: int = 10) -> str | None:
    """An ASCII number without leading zeros, or None (`-`, `²`, too long)."""
    if not token or len(token) > width or not DIGITS.issuperset(token):
        return None
    return str(int(token))


def row_of(fields: list[str], tokens: list[str]) -> dict[str, str] | None:
    """A line's tokens by the names of a `#Fields:` header; None when the counts differ (not that log's line)."""
    if len(tokens) != len(fields):
        return None
    return dict(zip(fields, tokens, strict=True))


def status(token: str | None) -> str | None:
    """An HTTP status field: three ASCII digits 100-599; `-`, `0` and `000` are no status."""
    if token is None or len(token) != 3 or not DIGITS.issuperset(token) or token[0] not in "12345":
        return None
    return token


_EXAMPLE = re.compile(r"^    (?P<line>.*)$")


def examples(doc: str | None) -> list[tuple[list[str], list[str]]]:
    """The examples of a format module's docstring: blocks of indented log lines, then `=> expected`.

    Each `=> a | b` names what the block's records describe to (`LogRecord.describe`), in order.
    """
    out: list[tuple[list[str], list[str]]] = []
    block: list[str] = []
    for raw in (doc or "").splitlines():
        m = _EXAMPLE.match(raw)
        if not m:
            block = []
            continue
        line = m["line"]
        if line.startswith("=> "):
            out.append((block, [s.strip() for s in line[3:].split(" | ")]))
            block = []
        else:
            block.append(line.replace("\\t", "\t"))
    return out
