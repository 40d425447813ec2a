"""Text clean-up shared by extraction and fuzzy matching, and language detection."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<(?!failedRequest )[^<>\n]{0,400}>")  # a FREB trace's request element is a log record
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|<>\s]{1,2000})\|([^<>]{0,400})>")
_SLACK_SPECIAL = re.compile(r"<[!@#][^<>\s]{0,200}>")
# Python reprs that look like tags: requests' `<Response [403]>`, xmlrpc's `<ProtocolError for host/path: 403 ...>`
# and urllib's `<urlopen error [WinError 10061] ...>`
_RESPONSE_REPR = re.compile(r"<(Response \[[0-9]{3}\]|ProtocolError for [^<>\n]{1,300}|urlopen error [^<>\n]{1,300})>")
# Ruby's inspect strings: `#<Net::HTTPUnauthorized 401 Unauthorized readbody=true>`, `#<Net::HTTPConflict:0x55db>`
_RUBY_INSPECT = re.compile(r"#<((?:[A-Z][A-Za-z0-9_]{0,60}::){1,6}[A-Z][A-Za-z0-9_]{0,60}[^<>\n]{0,300})>")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_FOLDS = (
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u300c", '"'), ("\u300d", '"'),
    ("\u300e", '"'), ("\u300f", '"'), ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"),
    ("`", "'"), ("\u2013", "-"), ("\u2014", "-"), ("\u2015", "-"), ("\u2212", "-"), ("\u3001", ","),
    ("\u3002", "."),
)  # fmt: skip
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_BROKEN = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Readable plain text: HTML entities decoded, tags and Slack markup reduced to their words.

    Keeps line breaks (log formats and FTP transcripts are line based); folds quotes and dashes
    so an alias written with “ ” matches a paste with " ", and NFKC folds full-width digits.
    """
    text = _BROKEN.sub(" ", text)
    text = _SLACK_LINK.sub(r"\2", text)
    text = _SLACK_SPECIAL.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        # `<bound method ... of <Response [403]>>`: the repr leaves the enclosing "tag", so it survives
        text = _RESPONSE_REPR.sub(r"> \1 <", text)
        if "#<" in text:
            text = _RUBY_INSPECT.sub(r"#> \1 <", text)
        text = _TAG.sub(" ", text)
    text = unicodedata.normalize("NFKC", text)
    for old, new in _FOLDS:  # str.replace is a C scan; translate() with a dict is 10x slower here
        if old in text:
            text = text.replace(old, new)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", text)


def fold(text: str) -> str:
    """Lower-case, one line: the form aliases are compared in."""
    return " ".join(text.lower().split())


def detect_lang(text: str) -> str:
    """`zh` when Chinese carries the message, else `en`.

    A Chinese engineer often pastes an English error inside a Chinese sentence, so a few Han
    characters outweigh many English words.
    """
    han = len(_HAN.findall(text[:4000]))
    if han < 2:
        return "en"
    words = len(_LATIN_WORD.findall(text[:4000]))
    return "zh" if han * 2 >= words * 0.5 or han >= 12 else "en"


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))
