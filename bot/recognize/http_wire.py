"""HTTP on the wire: status lines as curl -v, wget, telnet or a raw response print them.

Examples (tests/test_recognize.py runs each through the engine):

    < HTTP/1.1 401 Unauthorized
    < WWW-Authenticate: Bearer realm="api"
    => http:401

    HTTP request sent, awaiting response... 404 Not Found
    2014-04-02 15:53:00 ERROR 404: Not Found.
    => http:404
"""

from __future__ import annotations

import re

from bot.recognize.base import END, EXPLICIT, NUM, Mention, code_of

_STATUS_LINE = re.compile(r"^[ \t]*(?:<[ \t])?HTTP/[12](?:\.[01])? " + NUM + END, re.I | re.M)
# wget: "HTTP request sent, awaiting response... 404 Not Found"
_WGET = re.compile(r"awaiting response\.\.\. " + NUM + END)


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    for pattern in (_STATUS_LINE, _WGET):
        for m in pattern.finditer(text):
            if m.start("code") in taken:
                continue
            taken.add(m.start("code"))
            found.append(Mention(code_of(m), EXPLICIT, "status-line", m.start("code"), m.end(), "http"))
