"""Choosing a match's case by the evidence in the paste (knowledge/README.md, "Cases").

A condition fits when every kind it lists is seen (products AND phrases AND codes), any value within
a kind. Of the fitting cases the most specific wins (evidence from the text beats the product
alone, more kinds beat fewer, then the order of the list). Evidence is quoted as exact substrings of
the text as given: phrases are matched by a pattern run on that text (case-insensitive, any run of
whitespace, tags or `&nbsp;` for a space, entity or typographic forms for quotes, `*` = anything
on one line), codes are located where the extractor found them; a piece that cannot be quoted
verbatim is no evidence, and a case without evidence is never chosen.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from bot.diagnosis.products import REASONS, Seen, recognise
from bot.extract import find_mentions, ftp_reply_lines
from bot.knowledge.model import Case, Condition
from bot.result import Match, Result
from bot.text import _FOLDS, clean, fold

MIN_EVIDENCE = 3  # characters; shorter pieces (a bare "64") are quoted with their line
MAX_EVIDENCE = 160
_LINE_CAP = 200
CLIENTS = frozenset({"browser", "curl", "filezilla", "winscp", "lftp", "rclone", "python-ftplib", "dotnet"})
_JOIN = 12  # pieces of one line this close are quoted as one


@dataclass(slots=True)
class Diagnosis:
    """The case a match was diagnosed as, and the pieces of the paste that show it."""

    case: Case
    evidence: list[str]
    specificity: tuple[int, int] = (0, 0)
    codes: list[str] = field(default_factory=list)  # ids of other codes the evidence cites
    products: list[str] = field(default_factory=list)  # the software the paste shows, servers first

    def to_json(self, lang: str) -> dict:
        return {
            "case": self.case.id,
            "title": self.case.title[lang],
            "cause": self.case.cause[lang],
            "evidence": list(self.evidence),
            "fix": list(self.case.fix[lang]),
        }


class _Paste:
    """The paste as given, with lazily computed views: cleaned and folded text, products, code spans."""

    def __init__(self, text: str, cleaned: str | None = None) -> None:
        self.text = text
        self._cleaned = cleaned
        self._folded: str | None = None
        self._products: list[Seen] | None = None
        self._codes: dict[str, tuple[int, int]] | None = None
        self._lowered: str | None = None
        self._reasons: dict[str, bool] = {}
        self.matched: tuple[tuple[str, str, str], ...] = ()  # (id, family, code) of the result's matches

    @property
    def cleaned(self) -> str:
        if self._cleaned is None:
            self._cleaned = clean(self.text)
        return self._cleaned

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.cleaned)
        return self._folded

    @property
    def products(self) -> list[Seen]:
        if self._products is None:
            self._products = recognise(self.text)
        return self._products

    @property
    def codes(self) -> dict[str, tuple[int, int]]:
        """Every id the extractor reads in the paste -> a span of the original text that shows it."""
        if self._codes is None:
            self._codes = {}
            mentions = find_mentions(self.cleaned) + ftp_reply_lines(self.cleaned)
            for m in mentions:
                span = self._locate(m.start, m.end)
                if span is None:
                    continue
                for eid in _ids_of(m.code, m.family):
                    self._codes.setdefault(eid, span)
            for eid, family, code in self.matched:
                if eid not in self._codes and family in _WORD_FAMILIES:
                    span = self._written(family, code)
                    if span is not None:
                        self._codes[eid] = span
        return self._codes

    def _written(self, family: str, code: str) -> tuple[int, int] | None:
        """Where a code of a family the extractor does not read (the engine matched it by its wording,
        `code=H12`, an Envoy flag, `Error 1020`) stands in the text as written; a short one with its line."""
        if family == "curl":
            m = re.search(rf"\bcurl: \({re.escape(code)}\)", self.text)
        elif code.isdigit() and len(code) < 3:
            return None  # a bare `0` is no evidence
        else:
            m = re.search(rf"(?<![A-Za-z0-9_]){re.escape(code)}(?![A-Za-z0-9_])", self.text)
        if m is None:
            return None
        start, end = m.span()
        if end - start < MIN_EVIDENCE:
            start = max(self.text.rfind("\n", 0, start) + 1, start - _LINE_CAP // 2)
            line_end = self.text.find("\n", end)
            end = min(len(self.text) if line_end < 0 else line_end, end + _LINE_CAP // 2)
        piece = self.text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        return (start + lead, start + lead + len(piece)) if len(piece) >= MIN_EVIDENCE else None

    def _locate(self, start: int, end: int) -> tuple[int, int] | None:
        """A span of the cleaned text (a log record: its line) found verbatim in the original."""
        cleaned = self.cleaned
        if end - start < MIN_EVIDENCE:
            line_start = cleaned.rfind("\n", 0, start) + 1
            line_end = cleaned.find("\n", end)
            line_end = len(cleaned) if line_end < 0 else line_end
            if line_end - line_start > _LINE_CAP:  # a long line: the words around the code
                line_start = max(line_start, start - _LINE_CAP // 2)
                line_end = min(line_end, end + _LINE_CAP // 2)
            start, end = line_start, line_end
        piece = cleaned[start:end].strip()
        if len(piece) < MIN_EVIDENCE:
            return None
        at = self.text.find(piece)
        if at < 0:
            return None
        return at, at + len(piece)

    def states_reason(self, product: str) -> bool:
        """The paste shows the product's own statement of a system error (`REASONS`)."""
        if product not in self._reasons:
            pattern = REASONS.get(product)
            self._reasons[product] = bool(pattern and pattern.search(self.text))
        return self._reasons[product]

    @property
    def lowered(self) -> str:
        """The paste lower-cased with runs of whitespace as one space, tags kept (for phrases like `<rewrite>`)."""
        if self._lowered is None:
            self._lowered = fold(_fold_chars(self.text))
        return self._lowered

    def phrase(self, phrase: str) -> tuple[int, int] | None:
        """Where a knowledge phrase stands in the original text, or None."""
        literal, pattern = _phrase_pattern(phrase)
        if not literal:
            return None
        if literal not in self.folded and ("<" not in literal or literal not in self.lowered):
            return None
        m = pattern.search(self.text)
        if m is None:
            return None
        return m.start(), m.end()


def _fold_chars(text: str) -> str:
    """The character folds `clean` applies (NFKC, typographic quotes and dashes), without dropping tags."""
    text = unicodedata.normalize("NFKC", html.unescape(text) if "&" in text else text)
    for old, new in _FOLDS:
        if old in text:
            text = text.replace(old, new)
    return text


def _ids_of(code: str, family: str | None) -> list[str]:
    """The knowledge ids a mention may stand for (`0x80070005` is also `win32:5`)."""
    code_l = code.lower()
    if family == "hresult" or code_l.startswith("0x"):
        out = [f"hresult:{code_l}"]
        if code_l.startswith("0x8007"):
            out.append(f"win32:{int(code_l[6:], 16)}")
        return out
    if family == "win32":
        return [f"win32:{int(code)}" if code.isdigit() else f"win32:{code_l}"]
    if family in ("http", "ftp"):
        return [f"{family}:{code_l}"]
    if family:
        return [f"{family}:{code}"]
    return [f"http:{code_l}", f"ftp:{code_l}"]


# Families whose codes the engine finds by wording only (bot.extract reads http, ftp, win32, hresult).
_WORD_FAMILIES = frozenset({"curl", "net", "httperr", "cloudflare", "heroku", "envoy"})

_SPACE = r"(?:\s|&nbsp;|&#160;|<[^<>\n]{0,200}>)+"
_CHARS = {
    '"': '(?:["\u201c\u201d\u201e\u201f\u300c\u300d\u300e\u300f\uff02]|&quot;|&#34;|&#x22;)',
    "'": "(?:['`\u2018\u2019\u201a\u201b\uff07]|&#39;|&apos;|&#x27;)",
    "-": "[-\u2013\u2014\u2015\u2212]",
    ",": "[,\u3001\uff0c]",
    ".": "[.\u3002]",
    ":": "[:\uff1a]",
    "(": "[(\uff08]",
    ")": "[)\uff09]",
    "<": "(?:<|&lt;)",
    ">": "(?:>|&gt;)",
    "&": "(?:&|&amp;)",
    "*": "[^\n]{0,200}?",
}


# The same system error as different C libraries and systems print it: nginx logs `(errno: strerror)`,
# and the number and the text vary (glibc, musl, BSD/macOS, Windows). A phrase's `(111: Connection
# refused)` holds for its own number with any text (`(110: Unknown error)`) and for any number with
# a text of the same error (`(61: Connection refused)`, `(110: Operation timed out)`).
_ERRNO_TEXTS: tuple[tuple[frozenset[int], tuple[str, ...]], ...] = (
    (frozenset({110, 60, 10060}), ("Connection timed out", "Operation timed out", "A connection attempt failed because the connected party did not properly respond after a period of time")),
    (frozenset({111, 61, 10061}), ("Connection refused", "No connection could be made because the target machine actively refused it")),
    (frozenset({104, 54, 10054}), ("Connection reset by peer", "An existing connection was forcibly closed by the remote host")),
    (frozenset({2}), ("No such file or directory", "The system cannot find the file specified")),
    (frozenset({13}), ("Permission denied",)),
    (frozenset({113, 65, 10065}), ("No route to host",)),
    (frozenset({101, 51, 10051}), ("Network is unreachable",)),
    (frozenset({11, 35}), ("Resource temporarily unavailable",)),
    (frozenset({32}), ("Broken pipe",)),
)  # fmt: skip
_ERRNO = re.compile(r"\((\d{1,5}): ([^()*]{2,160})\)")
_AH = re.compile(r"^ah\d{5}: ")
# Apache 2.4 prefixes its messages with an AH code; another module's code stands for the same text
# (AH01797 mod_access_compat, AH01630 mod_authz_core), and Apache 2.2 logs the text after its
# `[client ...] ` or `proxy: ` without any code.
_AH_PREFIX = r"(?:\bAH\d{5}:[ \t]{0,4}|(?<=\] )|(?<=proxy: ))"
_TRAILING = ".\u3002!\uff01"  # a phrase's final period is often dropped in real pastes


def _literal_pattern(norm: str) -> str:
    parts: list[str] = []
    for ch in norm:
        if ch == " ":
            if not parts or parts[-1] != _SPACE:
                parts.append(_SPACE)
        else:
            parts.append(_CHARS.get(ch) or re.escape(ch))
    return "".join(parts)


def _errno_pattern(number: str, text: str) -> str:
    """`(N: text)`: its own number with any text, or any number with a text of the same error."""
    texts = {text}
    for numbers, names in _ERRNO_TEXTS:
        if int(number) in numbers or text in (n.lower() for n in names):
            texts.update(n.lower() for n in names)
    alts = "|".join(_literal_pattern(t) for t in sorted(texts, key=len, reverse=True))
    return rf"{_CHARS['(']}(?:{number}{_CHARS[':']}[ \t]{{0,4}}[^()\n]{{1,160}}|\d{{1,5}}{_CHARS[':']}[ \t]{{0,4}}(?:{alts})[^()\n]{{0,160}}){_CHARS[')']}"


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> tuple[str, re.Pattern[str]]:
    """(the longest literal piece, folded: a cheap pre-check; the pattern run on the original text).

    Loose where real pastes vary and the meaning does not: the final period is optional, the errno
    text in parentheses is normalised (`_ERRNO_TEXTS`), an Apache `AHnnnnn: ` prefix may be another
    code or absent (Apache 2.2).
    """
    norm = fold(_fold_chars(phrase)).strip(" *")
    stripped = norm.rstrip(_TRAILING).rstrip()
    tail = ""
    if stripped != norm and len(stripped) >= MIN_EVIDENCE:
        norm, tail = stripped, (r"(?![^\W_])" if stripped[-1].isalnum() else "")
    prefix = ""
    if _AH.match(norm) and len(norm) > 12:
        prefix, norm = _AH_PREFIX, norm[_AH.match(norm).end() :]
    pattern, literals, at = [prefix], [], 0
    for m in _ERRNO.finditer(norm):
        pattern.append(_literal_pattern(norm[at : m.start()]))
        literals.append(norm[at : m.start()])
        pattern.append(_errno_pattern(m.group(1), m.group(2).strip()))
        at = m.end()
    pattern.append(_literal_pattern(norm[at:]) + tail)
    literals.append(norm[at:])
    pieces = [p.strip() for lit in literals for p in re.split(r"\*", lit)]
    literal = max(pieces, key=len) if pieces else ""
    return literal, re.compile("".join(pattern), re.I)


def _fits(cond: Condition, paste: _Paste, own: str) -> list[tuple[int, int, str | None]] | None:
    """The evidence spans (start, end, cited code id) if every kind of the condition is seen, else None."""
    spans: list[tuple[int, int, str | None]] = []
    if cond.codes:  # cheapest to refuse first: most pastes name one code
        found = [(cid, paste.codes.get(cid.lower() if not _keeps_case(cid) else cid)) for cid in cond.codes]
        hits = [(span, cid) for cid, span in found if span is not None and cid.lower() != own.lower()]
        if not hits:
            return None
        spans += [(s, e, cid) for (s, e), cid in hits]
    if cond.phrases:
        hits_p = [span for span in (paste.phrase(p) for p in cond.phrases) if span is not None]
        if not hits_p:
            return None
        spans += [(s, e, None) for s, e in hits_p[:2]]
    if cond.products:
        seen = [s for s in paste.products if s.product in cond.products]
        if not seen:
            return None
        if not spans and any(paste.states_reason(s.product) for s in seen):
            return None  # the product alone stands for "the reason is not in the paste", and it is
        spans.append((seen[0].start, seen[0].end, None))
    return spans


def _keeps_case(cid: str) -> bool:
    return cid.split(":", 1)[0] not in ("http", "ftp", "win32", "hresult")


def diagnose(cases: tuple[Case, ...], paste: _Paste, own: str = "") -> Diagnosis | None:
    """The most specific case whose evidence is in the paste; None when no case fits.

    The evidence is that of every alternative of the chosen case that fits (the HRESULT and the sentence).
    """
    best: tuple[tuple[int, int], Case] | None = None
    fitting: list[tuple[int, int, str | None]] = []
    for case in cases:
        for cond in case.when:
            spec = cond.specificity
            if best is not None and (spec <= best[0] if best[1] is not case else False):
                continue
            spans = _fits(cond, paste, own)
            if spans is None or not _quotes(paste.text, spans):
                continue
            if best is None or best[1] is not case:
                best, fitting = (spec, case), []
            elif spec > best[0]:
                best = (spec, case)
            fitting += spans
    if best is None:
        return None
    cited = list(dict.fromkeys(cid for _, _, cid in fitting if cid))
    return Diagnosis(case=best[1], evidence=_quotes(paste.text, fitting), specificity=best[0], codes=cited)


def _quotes(text: str, spans: list[tuple[int, int, str | None]]) -> list[str]:
    """Distinct verbatim pieces in the order they stand; overlapping or near pieces of one line are joined."""
    out: list[list[int]] = []
    for start, end, _ in sorted(spans, key=lambda s: (s[0], s[1])):  # a cited id may be None
        end = min(end, start + MAX_EVIDENCE)
        last = out[-1] if out else None
        if last and start <= last[1] + _JOIN and "\n" not in text[last[1] : start] and end - last[0] <= MAX_EVIDENCE:
            last[1] = max(last[1], end)
        elif last and start < last[1]:
            continue  # inside the previous piece, which is already as long as a quote may be
        else:
            out.append([start, end])
    quotes = [text[s:e].strip() for s, e in out]
    return list(dict.fromkeys(q for q in quotes if len(q) >= MIN_EVIDENCE))


def attach(result: Result, text: str, cleaned: str | None = None) -> Result:
    """Give each match its diagnosis and the result the products seen; drop a Windows value the lead explains.

    An HRESULT or win32 value beside an HTTP error is kept only in that status's sense: left out when
    the lead answer's case cites it (the lead explains it), kept when its own case fits this page or
    its knowledge is about this status (see_also); left out when its explanation is about another
    status (0x80070032 on a 404.3 page, with no case of its own for that page).
    """
    paste = _Paste(text or "", cleaned)
    paste.matched = tuple((m.id, m.entry.family, m.entry.code) for m in result.matches)
    result.products = [s.product for s in paste.products]
    for match in result.matches:
        cases = match.meaning.cases
        match.diagnosis = diagnose(cases, paste, own=match.id) if cases else None
        if match.diagnosis is not None:
            match.diagnosis.products = sorted(result.products, key=lambda p: p in CLIENTS)
    best = result.best
    if best is not None and best.entry.family == "http" and best.entry.code[:1] in "45":
        cited = set(best.diagnosis.codes) if best.diagnosis else set()
        statuses = {f"http:{best.entry.code}", f"http:{best.entry.code.split('.')[0]}"}
        result.matches = [m for m in result.matches if m is best or not _other_sense(m, cited, statuses)]
    return result


def _other_sense(match: Match, cited: set[str], statuses: set[str]) -> bool:
    if match.entry.family not in ("hresult", "win32"):
        return False
    if match.id in cited:
        return True  # the lead answer's case already explains it in the status's sense
    if match.diagnosis is not None:
        return False  # its own case reads it in this page's sense ("0x80070032 on a 404.3 page")
    related = [r for r in match.entry.see_also if r.startswith("http:")]
    return bool(related) and not (set(related) & statuses)
