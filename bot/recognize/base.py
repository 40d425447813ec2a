"""What every reader produces: a `Mention` of a code, with how strongly the text names it.

Patterns in this package read ASCII digits only (`[0-9]`, never `\\d`): `²`, `፩` or `٣` are not
status codes. Every pattern is bounded (no nested or adjacent unbounded quantifiers), so reading
stays linear in the length of the paste.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# How sure a mention is that it names a status code (before family and phrase checks).
EXPLICIT = 0.95  # "HTTP Error 500.19", "HTTP/1.1 401", "status code 429", IIS log fields
LABELLED = 0.85  # "Error 522", "error code: 401", "503 error", "Response: 425"
HINTED = 0.45  # "I get a 503", "returned 404"
BARE = 0.3  # a lone number that happens to be a known code

# A status with an optional sub-status of any width IIS or iisnode uses (401.3, 500.19, 500.1002); a wider one
# (`500.12345`, no known sub-status is) is still read, so the engine answers its parent and says so.
NUM = r"(?P<code>[1-6][0-9][0-9])(?:(?P<sep>[.-])(?P<sub>[0-9]{1,6}))?"
END = r"(?![0-9A-Za-z_]|[.,][0-9]|:[0-9]|/[0-9])"


@dataclass(slots=True)
class Mention:
    """A code seen in the text: `code` is `500`, `500.19`, `0x80070021`, `13`, `ERR_CONNECTION_REFUSED`."""

    code: str
    strength: float
    kind: str
    start: int
    end: int
    family: str | None = None  # None: http or ftp, decided later from context and phrases
    detail: dict[str, str] = field(default_factory=dict)
    status: str | None = None  # the HTTP status this code comes with, when the producer always sends one

    def clone(self) -> Mention:
        return Mention(self.code, self.strength, self.kind, self.start, self.end, self.family, self.detail, self.status)


# Japanese after a code or phrase, quoted or not: a particle, then returned/shown/occurred ("503が返ってきます",
# "「403 Forbidden」と表示され", "500が発生"); `出` only as a verb (出る, 出た, 出て, 出ます), not 出力 (output).
JA_SHOWN = r"[」』”\"]?[ \t]?(?:が|を|は|も|と)[ \t]?(?:返|帰っ|出(?:る|た|て|ま)|発生|表示|起き|起こ|エラー)"


def code_of(m: re.Match[str]) -> str:
    """`500`, `500.19` from a match of NUM; `500-1234` (a dash and a long tail) is plain 500."""
    sub = m.group("sub")
    if sub is not None and m.group("sep") == "-" and len(sub) > 3:
        sub = None
    return f"{m.group('code')}.{int(sub)}" if sub is not None else m.group("code")


def is_ascii_number(token: str) -> bool:
    return token.isascii() and token.isdigit()
