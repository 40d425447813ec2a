"""Recognition: from cleaned text to the codes it names. One module per producer of text.

Where the text of each producer is read (each module's docstring holds real examples of that
producer's output, and tests/test_recognize.py runs every one through the engine):

- `log_lines`  IIS W3C (web and FTP), nginx/Apache access logs, AWS ALB logs (fields via bot.logs)
- `http_wire`  HTTP status lines: curl -v, wget, raw responses
- `curl`       curl/libcurl exit codes, PHP's `cURL error N`, `CURLE_*` names
- `clients`    client libraries and tools: requests, urllib, httpx, aiohttp, .NET/PowerShell, Java, Go,
               axios, git, npm, pip, docker and registries, API quota messages
- `ftp`        FTP transcripts in any client or language, and every FTP library's way of quoting a reply
- `browser`    Chromium `net::ERR_*`, XHR/fetch status 0, browser error page words
- `vendors`    Cloudflare 1xxx, Heroku, Envoy/Istio flags, Vercel, CloudFront and Google pages, HTTPERR
- `pages`      stock error pages and reason phrases without a number (Apache, IIS, HTTP.sys, Werkzeug, zh)
- `windows`    HRESULTs and Win32 error numbers
- `prose`      people and generic error strings: a number read by the words around it (the last reader)

Readers run in that order (in a paste that reads as FTP, transcript lines just before `ftp`'s other
forms); each records the positions it read in `taken`, so a later, vaguer
reader does not read the same number again.
"""

from __future__ import annotations

from bot.recognize import browser, clients, curl, ftp, http_wire, log_lines, pages, prose, vendors, windows
from bot.recognize.base import BARE, EXPLICIT, HINTED, LABELLED, Mention

__all__ = ["BARE", "EXPLICIT", "HINTED", "LABELLED", "Mention", "find_mentions", "ftp_reply_lines", "wording_text"]

READERS = (log_lines, http_wire, curl, ftp, clients, browser, vendors, pages)
__all_readers__ = (
    "base",
    "log_lines",
    "http_wire",
    "curl",
    "ftp",
    "clients",
    "browser",
    "vendors",
    "pages",
    "prose",
    "windows",
)


_last: tuple[tuple[str, bool], list[Mention]] = (("", False), [])
_spans: tuple[str, list[tuple[int, int]]] = ("", [])


def find_mentions(text: str, ftp_context: bool = False) -> list[Mention]:
    """All code mentions in cleaned text; with `ftp_context`, transcript reply lines too.

    The last answer is kept: the engine and bot.diagnosis read the same paste (one tuple, read
    and replaced whole, so threads never see half of one).
    """
    global _last
    key, cached = _last
    if key == (text, ftp_context):
        return [m.clone() for m in cached]  # copies: the engine adjusts a mention's strength as it resolves it
    if key == (text, True) and not ftp_context:
        # the same paste read as FTP: everything but the transcript lines (bot.diagnosis asks for both)
        return [m.clone() for m in cached if m.kind != "ftp-reply"]
    found = _find(text, ftp_context)
    _last = ((text, ftp_context), [m.clone() for m in found])
    return found


def _find(text: str, ftp_context: bool) -> list[Mention]:
    global _spans
    found: list[Mention] = []
    taken: set[int] = set()
    spans: list[tuple[int, int]] = []
    for reader in READERS:
        if reader is ftp and ftp_context:
            found += ftp.reply_lines(text, taken)  # a transcript's lines first: order and recovery decide
        if reader is log_lines:
            log_lines.read(text, found, taken, spans)
            _spans = (text, spans)
            continue
        reader.read(text, found, taken)
    prose.read(text, found, taken)
    windows.read(text, found, taken)
    ftp.read_words(text, found)
    return found


def wording_text(text: str) -> str:
    """The text without its log record lines (their request, referrer and client fields are not wording)."""
    key, spans = _spans
    if key != text:
        spans = []
        log_lines.read(text, [], set(), spans)
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def ftp_reply_lines(text: str) -> list[Mention]:
    """Lines of an FTP transcript that start with a reply code (`Response: 550 ...`, `< 230 ...`)."""
    key, cached = _last
    if key == (text, True):
        return [m.clone() for m in cached if m.kind == "ftp-reply"]
    return ftp.reply_lines(text, set())
