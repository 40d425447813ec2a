"""HTTP on the wire: status lines as curl -v, wget, telnet or a raw response print them.

Examples (tests/test_recognize.py runs each through the engine):

    < HTTP/1.1 401 Unauthorized
    < WWW-Authenticate: Bearer realm="api"
    => http:401

    HTTP request sent, awaiting response... 404 Not Found
    2014-04-02 15:53:00 ERROR 404: Not Found.
    => http:404

HTTP/2's `:status` pseudo-header as debug logs print it: Envoy's codec dump (an Istio drain write-up) and
nghttp's frame log (an nghttp2 issue); HPACK's static table in code (`(':status', '500'),`) is no answer:

    2023-02-04T18:37:09.390809Z	debug	envoy http	[C5639][S7201092609648127836] encoding headers via codec (end_stream=true):
    ':status', '503'
    'content-length', '95'
    'server', 'istio-envoy'
    => http:503

    [  0.065] recv (stream_id=13) :status: 403
    [  0.065] recv (stream_id=13) content-length: 93
    => http:403
"""

from __future__ import annotations

import re

from bot.recognize.base import END, EXPLICIT, NUM, Mention, code_of

_STATUS_LINE = re.compile(r"^[ \t]*(?:<[ \t])?HTTP/[12](?:\.[01])? " + NUM + END, re.I | re.M)
# wget: "HTTP request sent, awaiting response... 404 Not Found"
_WGET = re.compile(r"awaiting response\.\.\. " + NUM + END)
# HTTP/2's pseudo-header, a line of its own: Envoy's `':status', '503'`, nghttp's `recv (stream_id=13) :status: 403`
_PSEUDO = re.compile(
    r"^[ \t]{0,8}(?:':status', '(?P<q>[1-5][0-9][0-9])'|(?:\[[ 0-9.]{1,12}\] )?(?:recv|send) \(stream_id=[0-9]{1,10}\) "
    r":status: (?P<n>[1-5][0-9][0-9]))[ \t]*$",
    re.M,
)


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    for pattern in (_STATUS_LINE, _WGET):
        for m in pattern.finditer(text):
            if m.start("code") in taken:
                continue
            taken.add(m.start("code"))
            found.append(Mention(code_of(m), EXPLICIT, "status-line", m.start("code"), m.end(), "http"))
    if ":status" in text:
        for m in _PSEUDO.finditer(text):
            group = "q" if m.group("q") else "n"
            if m.start(group) not in taken:
                taken.add(m.start(group))
                found.append(Mention(m.group(group), EXPLICIT, "h2-status", m.start(group), m.end(group), "http"))
