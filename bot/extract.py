"""Find the codes a text names, and how strongly it names each.

Every pattern is a bounded, anchored regular expression (no nested quantifiers), so extraction
stays linear in the length of the paste. Numbers that are not codes (versions, ports, durations,
counts, byte counts, line:column) are filtered by what stands around them, not by value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot import logs

# How sure a mention is that it names a status code (before family and phrase checks).
EXPLICIT = 0.95  # "HTTP Error 500.19", "HTTP/1.1 401", "status code 429", IIS log fields
LABELLED = 0.85  # "Error 522", "error code: 401", "503 error", "Response: 425"
HINTED = 0.45  # "I get a 503", "returned 404"
BARE = 0.3  # a lone number that happens to be a known code

_NUM = r"(?P<code>[1-6]\d\d)(?:(?P<sep>[.-])(?P<sub>\d{1,3}))?"
_END = r"(?![0-9A-Za-z_]|[.,]\d|:\d|/\d)"
_SUB_END = r"(?!\d|[.,]\d)"

_NUMBER = re.compile(r"(?<![0-9])" + _NUM + r"(?![0-9])")

_ADVERB = r"(?:just|now|still|always|keeps?|started|starts)"
_VERB = (
    r"(?:returns?|returned|returning|gives?|gave|giving|throws?|threw|says|said|responds?(?: with)?|answers?(?: with)?|"
    r"sends?|sent|shows?|showed|showing|serves?|served|spits? out|errors? with|fails? with|failed with)"
)
# What may stand right before a code, tried on a short window ending at the number.
_BEFORE = re.compile(
    r"(?:"
    r"(?P<iis>detailed error[ \t]{0,3}-[ \t]{0,3})"
    r"|(?P<http>(?<![A-Za-z])https?(?:[ \t]?/?[ \t]?[12](?:\.[01])?)?[ \t]{0,3}"
    r"(?:error|错误|錯誤|status|状态|状态码|code|response|statuscode)?[ \t]{0,3}(?:code)?[ \t]{0,2}[:=#-]?[ \t]{0,2})"
    r"|(?P<ftp>(?<![A-Za-z])ftp[ \t]{0,3}(?:[a-z]{2,12}[ \t]{1,2})?(?:error|错误|reply|response|code)?[ \t]{0,3}[:=#-]?[ \t]{0,2})"
    r"|(?P<product>(?<![A-Za-z])(?:(?:nginx|apache|iis|cloudflare|cf|alb|elb|traefik|haproxy|envoy|istio|caddy|"
    r"tomcat|kestrel|gunicorn|uwsgi|php-fpm|api gateway|ftp)(?:[ \t]{1,2}" + _ADVERB + ")?(?:[ \t]{1,2}" + _VERB + ")?"
    r"|(?:gateway|proxy|lb|load balancer|server|backend|upstream|origin|site|app|api)(?:[ \t]{1,2}" + _ADVERB + ")?"
    r"[ \t]{1,2}" + _VERB + r")(?:[ \t]{1,2}(?:a|an|me|us))?[ \t]{1,2})"
    r"|(?P<status>(?:status[ _-]?code|statuscode|status of|returned error|status|response code|return code|error code"
    r"|errorcode|http_code|http code|elb_status_code|target_status_code|状态码|状态代码|返回码|错误代码|错误码)['\"]?"
    r"[ \t]{0,3}[:=(]?[ \t]{0,3}['\"]?)"
    r"|(?P<error>(?:(?<![A-Za-z])(?:error|err|fehler|erreur|errore|code|response|reply)|错误|錯誤|报错|报|响应|应答|状态|返回)"
    r"[ \t]{0,3}[:=#-]?[ \t]{0,3})"
    r"|(?P<hint>(?<![A-Za-z])(?:get|gets|got|getting|receive|received|receiving|returns?|returned|returning|throws?|"
    r"threw|gives?|gave|giving|shows?|showed|showing|see|seeing|hit|hitting|a|an|with)[ \t]{1,3}|(?:出现|显示|提示|返回|遇到|失败|报错|错误)[ \t]{0,3})"
    r")$",
    re.I,
)
_HAS_WORD = re.compile(r"[A-Za-z\u4e00-\u9fff]")
_SIGNS = re.compile(r"[#$~§]")
_AFTER_ERROR = re.compile(r"[ \t]{0,2}(?:error|errors|错误|錯誤|报错|response|status|page|code)(?![A-Za-z])", re.I)
_AFTER_GOOGLE = re.compile(r"\.?[ \t]{0,2}that'?s an error", re.I)  # Google front ends: "502. That's an error."
_AFTER_OK = re.compile(r"(?![0-9A-Za-z_]|[.,]\d|:\d|/\d)")
_BEFORE_OK = re.compile(r"[^0-9A-Za-z_.,:/#$§+\-\\~]$")
# "error 10054", "socket error # 10054", "sc-win32-status 64", "win32 status 13", "系统错误 5"
_WIN32_KEYWORDS = ("error", "win32", "system error", "系统错误", "错误代码")
_WIN32_EXPLICIT = ("win32", "system error", "系统错误")
_WIN32_AFTER = re.compile(r"(?:[ _-]?(?:status|error|code))?[ \t]{0,3}[:=#]?[ \t]{0,3}(?P<num>\d{1,10})(?![\d.])", re.I)
_HRESULT = re.compile(r"(?<![\w])0x(?P<hex>[0-9a-fA-F]{8})(?![0-9a-fA-F])")
_KINDS = {
    "iis": EXPLICIT,
    "http": EXPLICIT,
    "ftp": EXPLICIT,
    "status": EXPLICIT,
    "error": LABELLED,
    "product": LABELLED,  # "nginx returns 413", "cloudflare 524", "ftp says 530"
    "hint": HINTED,
}
_UNITS = re.compile(
    r"[ \t]{0,2}(?:ms|s|sec|secs|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|kb|mb|gb|tb|kib|mib|"
    r"gib|bytes?|b|users?|requests?|reqs?|rps|qps|%|px|em|pt|dpi|times|commits?|players?|people|rows?|lines?|files?|"
    r"items?|pages|records?|connections?|concurrent|threads?|workers?|nodes?|members?|messages?|tokens?|words?|"
    r"chars?|characters?|dollars?|usd|eur|rmb|points?|stars?|downloads?|views?|km|miles?|k|servers?|instances?|pods?|"
    r"partitions?|machines?|hosts?|clients?|sessions?|tickets?|issues?|results?|entries|objects?|documents?|"
    r"\(k\)|元|人|个|次|台|毫秒|秒|"
    r"分钟|小时|天|行|条|字节|号端口|端口|位|块|\$|€|¥|£)(?![a-z])",
    re.I,
)
_BEFORE_NOT_CODE = re.compile(
    r"(?:port|ports|端口|udp|tcp|version|ver|v|weight|font-weight|pid|line|row|page|step|chapter|section|§|room|"
    r"issue|pr|pull|no\.|number|id|exit code|exited with code|exit status|errno|x|size|width|height|top|left|"
    r"timeout|delay|limit|max|min|count|around|about|over|under|than|only|approximately|nearly|~|#|\$)"
    r"[ \t]{0,2}[:=]?[ \t]{0,2}$",
    re.I,
)
_SECONDARY = re.compile(r"[ \t]{0,3}[\w -]{0,40}?error was encountered while trying to use an errordocument", re.I)
_STATUS_LINE = re.compile(r"^[ \t]*(?:<[ \t])?HTTP/[12](?:\.[01])? " + _NUM + _END, re.I | re.M)
_FTP_REPLY_LINE = re.compile(
    r"^[ \t]*(?:(?:response|响应|回應|status|状态|reply|server|s|<|<--|<<<|<<|-->|ftp)[ \t]{0,3}[:>]?[ \t]{0,3})?"
    r"(?P<code>[1-6]\d\d)(?P<sep>[ -])(?P<rest>[^\n]{0,200})",
    re.I | re.M,
)


@dataclass(slots=True)
class Mention:
    """A code seen in the text: `code` is `500`, `500.19`, `0x80070021` or `13`."""

    code: str
    strength: float
    kind: str
    start: int
    end: int
    family: str | None = None  # None: http or ftp, decided later from context and phrases
    detail: dict[str, str] = field(default_factory=dict)


def _code(m: re.Match[str]) -> str:
    sub = m.group("sub")
    if sub is not None and m.group("sep") == "-" and len(sub) > 3:
        sub = None
    return f"{m.group('code')}.{int(sub)}" if sub is not None else m.group("code")


def _not_a_code(text: str, start: int, end: int) -> bool:
    """Units after it, an errno `(110: Connection timed out)`, or words like `port`, `#` before it."""
    if _UNITS.match(text, end):
        return True
    if start > 0 and text[start - 1] == "(" and text.startswith(": ", end):
        return True
    window = text[max(0, start - 24) : start]
    if not _HAS_WORD.search(window) and not _SIGNS.search(window):
        return False
    return bool(_BEFORE_NOT_CODE.search(window))


def find_mentions(text: str) -> list[Mention]:
    """All code mentions in cleaned text; one mention per position, the strongest reading of it."""
    found: list[Mention] = []
    taken: set[int] = set()
    for m in _STATUS_LINE.finditer(text):
        taken.add(m.start("code"))
        found.append(Mention(_code(m), EXPLICIT, "status-line", m.start("code"), m.end(), "http"))
    _log_mentions(text, found, taken)
    seen: dict[str, int] = {}
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        if start in taken:
            continue
        seen[m.group(0)] = repeats = seen.get(m.group(0), 0) + 1
        if repeats > 8 and not _HAS_WORD.search(text, max(0, start - 32), start):
            continue  # "500 500 500 ...": past a few, only a labelled mention can add anything
        sub = m.group("sub")
        if sub is not None and (text[end : end + 1] == "." and text[end + 1 : end + 2].isdigit()):
            continue  # 9.0.100: a version
        if not _AFTER_OK.match(text, end) and (sub is None or text[end : end + 1].isdigit()):
            continue  # 500ms, 401k, 502:12 — glued to a unit or a line:column
        before = text[max(0, start - 32) : start]
        kind, strength, family = "bare", BARE, None
        k = _BEFORE.search(before) if _HAS_WORD.search(before) else None
        if k:
            kind = k.lastgroup or "bare"
            strength = _KINDS.get(kind, BARE)
            family = {"iis": "http", "http": "http", "ftp": "ftp"}.get(kind)
            if kind == "product" and k.group(0).lower().startswith("ftp"):
                family = "ftp"
            if kind in ("error", "hint", "product") and _not_a_code(text, start, end):
                continue
        else:
            if start > 0 and _BEFORE_OK.search(before) is None:
                continue
            if _not_a_code(text, start, end):
                continue
        if m.group(0).startswith("0") or (kind == "hint" and _UNITS.match(text, end)):
            continue
        if _AFTER_GOOGLE.match(text, end):
            kind, strength, family = "error-page", EXPLICIT, "http"
        elif strength < LABELLED and _AFTER_ERROR.match(text, end):
            kind, strength = f"{kind}+error-suffix", LABELLED
        if _SECONDARY.match(text, end):
            strength *= 0.5
            kind += "+secondary"
        found.append(Mention(_code(m), strength, kind, start, end, family))
    _hex_and_win32(text, found)
    return found


def ftp_reply_lines(text: str) -> list[Mention]:
    """Lines of an FTP transcript that start with a reply code (`Response: 550 ...`, `< 230 ...`)."""
    found = list(_FTP_REPLY_LINE.finditer(text))
    out = []
    for i, m in enumerate(found):
        code = m.group("code")
        # An error reply in a transcript is certain; success replies are the normal flow, and the
        # later a reply stands, the closer it is to what went wrong.
        strength = EXPLICIT if code[0] in "456" else LABELLED + 0.04 * (i + 1) / len(found)
        out.append(Mention(code, strength, "ftp-reply", m.start("code"), m.end("code"), "ftp"))
    return out


def _log_mentions(text: str, found: list[Mention], taken: set[int]) -> None:
    """Codes read from log fields: exact, because the format says which field is the status (bot.logs)."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    seen: dict[tuple, int] = {}
    for rec in logs.iter_records(lines):
        start = offsets[rec.line_no - 1]
        if rec.skip is not None:  # nginx's `502#0:` process id: nothing there is a code
            taken.update(range(start + rec.skip[0], start + rec.skip[1]))
        codes = logs.mentions_of(rec)
        if not codes:
            continue
        seen[rec.key] = seen.get(rec.key, 0) + 1
        if seen[rec.key] > 3:  # a thousand identical lines say no more than three
            continue
        if logs.counts(rec):  # the line's own fields are read: nothing else on it is a code
            taken.update(range(start, start + len(lines[rec.line_no - 1]) + 1))
        for code, family, weight, kind, detail in codes:
            found.append(Mention(code, EXPLICIT * weight, kind, start, start, family, dict(detail)))


def _hex_and_win32(text: str, found: list[Mention]) -> None:
    for m in _HRESULT.finditer(text):
        value = m.group("hex").lower()
        if value == "00000000":
            continue
        found.append(Mention(f"0x{value}", LABELLED, "hresult", m.start(), m.end(), "hresult"))
    lower = text.lower()
    for keyword in _WIN32_KEYWORDS:  # find() is a C scan; most pastes have few of these words
        pos = lower.find(keyword)
        while pos >= 0:
            m = _WIN32_AFTER.match(text, pos + len(keyword))
            if m and (len(m.group("num")) >= 4 or keyword in _WIN32_EXPLICIT):
                found.append(Mention(str(int(m.group("num"))), LABELLED, "win32", m.start("num"), m.end(), "win32"))
            pos = lower.find(keyword, pos + len(keyword))
