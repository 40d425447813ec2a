"""The engine: from any text (a code, an error page, a log) to ranked, explained matches.

Evidence from code mentions (bot.recognize) and from wording (bot.fuzzy) is combined per entry.
`direct` mode (someone asked) returns the best candidates; `passive` mode (nobody asked) returns
only errors the text names beyond doubt, so the bot never speaks up on chat that merely has numbers.
"""

from __future__ import annotations

import pickle
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.fuzzy import AliasIndex
from bot.knowledge import KnowledgeBase
from bot.result import Match, Result
from bot.text import clean, detect_lang, fold

if TYPE_CHECKING:
    from bot.context import Context
    from bot.recognize import Mention

# The readers (bot.recognize, bot.context) compile many patterns at import: they are imported by the
# first text that needs them, so a code query (`httpcode explain 401.3`) starts without them.
EXPLICIT = HINTED = LABELLED = 1.0
find_mentions = ftp_reply_lines = read_context = wording_text = Mention = UNITS = None  # type: ignore[assignment]


def _load_readers() -> None:
    global EXPLICIT, HINTED, LABELLED, Mention, UNITS, find_mentions, ftp_reply_lines, read_context, wording_text
    from bot.context import read_context
    from bot.recognize import EXPLICIT, HINTED, LABELLED, Mention, find_mentions, ftp_reply_lines, wording_text
    from bot.recognize.prose import UNITS


# Servers whose pages and logs are not IIS's, and the products that mean IIS is in the path.
_OTHER_SERVERS = frozenset(
    "nginx apache caddy haproxy traefik envoy istio ingress-nginx kong varnish squid tomcat gunicorn uwsgi node "
    "php-fpm cloudflare aws-alb aws-elb aws-cloudfront aws-apigateway aws-s3 gcp akamai fastly heroku vercel "
    "netlify".split()
)
_IIS_SIDE = frozenset("iis arr ancm http.sys iisnode azure-appservice kestrel".split())


def _units(text: str, end: int) -> bool:
    """A unit or counted noun after a number ("550 users"): a count, not a reply."""
    return UNITS.match(text, end) is not None


def _windows_words(match: Match, ctx: Context) -> bool:
    """A Windows message's words alone, with nothing of the web around them ("The process cannot access the file
    because it is being used by another process" in a file manager's dialog): not said unasked."""
    return (
        match.entry.family in ("win32", "hresult")
        and set(match.evidence) <= {"wording"}
        and not ctx.iis
        and not ctx.http
    )


def _labelled(mention: Mention) -> bool:
    """Strong enough to be reported as an unknown code: labelled, or read from its own log field
    (an HTTPERR reason weighs less when no response was sent, but its field says what it is)."""
    return mention.strength >= LABELLED or mention.kind.endswith("-log")


def _servers(text: str) -> frozenset[str]:
    """The servers the paste shows by their own signs (bot.diagnosis.products), IIS's included."""
    from bot.diagnosis.products import recognise

    return frozenset(s.product for s in recognise(text) if s.product in _OTHER_SERVERS or s.product in _IIS_SIDE)


# Codes far more often FTP's than HTTP's (HTTP 421 Misdirected Request and 425 Too Early are rare; FTP's 421
# closing the connection and 425/426 data connection failures are daily): with words of moving files or of a
# session (bot.context's `transfer`) and nothing of the web, they read as FTP first. (451 stays HTTP's: "451
# Unavailable For Legal Reasons" is met beside downloads too.)
_FTP_LEANING = frozenset({"421", "425", "426"})
_INDEX_LOCK = threading.Lock()
PASSIVE_MIN = 0.8
LEAD_ERROR_MIN = 0.4  # an error this sure leads over an HTTP success printed beside it
DIRECT_MIN = 0.2
PHRASE_MIN = 86
# A whole query that is one code (`401.3`, `ftp 550`, `curl 28`, `net::ERR_CONNECTION_REFUSED`, `H12`); only short
# texts are tried, and no two adjacent quantifiers share characters (linear on `500` + 40,000 spaces).
_QUERY_MAX = 80
_QUERY_CODE = re.compile(
    r"^[ \t\n]{0,8}(?:(?P<fam>http|ftp|win32|hresult|iis|curl|net|httperr|cloudflare|heroku|envoy)[ :]{0,3})?"
    r"(?P<code>[0-9]{1,10}(?:[.-][0-9]{1,6})?|0x[0-9a-f]{8}|sub\.[0-9]{1,2}|(?:net::)?ERR_[A-Z0-9_]{3,60}|[HRL][0-9]{1,2})"
    r"(?:[ \t]{0,8}(?P<lang>en|zh))?[ \t\n]{0,8}$",
    re.I | re.ASCII,
)
# The words of a server reply after its code: a capitalised word, then more words ("Can't create directory").
_REPLY_TEXT = re.compile(r"[ -](?:[A-Z][a-z']{1,20}|[A-Z]{2,10})(?:[ \t][A-Za-z'/:.()-]{1,30}){1,12}")
# ... where a reply starts: a line (after a log's prefix of marks), a colon, a quote
_REPLY_START = re.compile(r"(?:^|\n)[ \t<>=*#\[\]-]{0,8}\Z|[:\"'`(][ \t]{0,2}\Z")
_FTP_ERROR_LINE = re.compile(r"^[ \t]*(?:error|错误|錯誤)[ \t]*:", re.I | re.M)
_LEAD = re.compile(
    r"^(?:[\s\-:()\[\]\"'=>,]|\.(?=[ \t])|message=|reason=|msg=|statustext=)+", re.I
)  # "401. Authorization Required"
_TRAIL = re.compile(r"[\s\-:()\[\]\"'=<#]+$")


@dataclass(slots=True)
class _Evidence:
    code: float = 0.0
    code_hits: int = 0
    alias: float = 0.0
    meaning: int | None = None
    notes: list[str] = field(default_factory=list)
    asked: str = ""
    detail: dict[str, str] = field(default_factory=dict)
    explicit_sub: bool = False
    last: int = -1  # where in the text its latest mention starts (a before/after story ends with the news)


class Engine:
    """Holds the knowledge base and its indexes; `explain` is pure and thread-safe."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.aliases = AliasIndex(kb.entries)
        # (number, first word) -> phrases that may follow it; (number, last word) -> phrases before it
        self.phrases_after: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        self.phrases_before: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for entry in kb.entries.values():
            number = entry.code.split(".")[0]
            for phrase in self._phrases_of(entry):
                words = phrase.split()
                self.phrases_after[(number, _key(words[0]))].append((entry.id, phrase))
                self.phrases_before[(number, _key(words[-1], last=True))].append((entry.id, phrase))

    # ---- the compiled cache: the knowledge loads at once, the indexes when a text first needs them ----

    def __getstate__(self) -> dict:
        index = {k: v for k, v in self.__dict__.items() if k != "kb"}
        return {"kb": self.kb, "_index": pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str):
        """Only for attributes not yet set: the indexes of an engine read from the cache."""
        with _INDEX_LOCK:
            blob = self.__dict__.pop("_index", None)
            if blob is not None:
                self.__dict__.update(pickle.loads(blob))
        if name in self.__dict__:
            return self.__dict__[name]
        raise AttributeError(name)

    @classmethod
    def load(cls, extra_dirs: Iterable[str | Path] = ()) -> Engine:
        """The engine over the built-in and extra knowledge; its indexes come from the compiled cache
        (bot.knowledge.cache) while the knowledge files and the code are unchanged."""
        from bot.knowledge.cache import cached
        from bot.knowledge.paths import knowledge_dirs

        extra = [str(p) for p in extra_dirs]
        return cached(knowledge_dirs(extra), "engine", lambda: cls(KnowledgeBase.load(extra)), cls)

    @staticmethod
    def _phrases_of(entry) -> set[str]:
        """Short texts that follow a code when software prints it: `404 Not Found`, `550 Permission denied`."""
        out: set[str] = set()
        for m in entry.meanings:
            for title in m.title.values():
                t = fold(clean(title))
                out.add(t)
                if ":" in t:
                    head, tail = t.split(":", 1)
                    out.update({head.strip(), tail.strip()})
        for alias, _ in entry.all_aliases():
            a = fold(clean(alias))
            if "*" not in a and len(a) <= 80:
                out.add(a.rstrip(" ."))
        return {p for p in out if len(p) >= 4 or (len(p) == 3 and p[0] >= "\u3400")}  # 未授权, 找不到: three Han words

    # ---- public API -------------------------------------------------------------------------

    def lookup(self, entry_id: str, text: str = "") -> Match | None:
        """A match for a known id (buttons, `--json` consumers); the text picks the meaning."""
        entry = self.kb.entries.get(entry_id)
        if entry is None:
            return None
        return Match(entry=entry, score=1.0, meaning_index=self._meaning_by_clues(entry, fold(text)))

    def explain(self, text: str, mode: str = "direct", lang: str | None = None, top: int = 3) -> Result:
        if mode not in ("direct", "passive"):
            raise ValueError(f"mode must be direct or passive, not {mode!r}")
        query = text
        forced = _QUERY_CODE.match(text) if text and len(text) <= _QUERY_MAX else None
        if forced and forced.group("lang") and not lang:
            lang = forced.group("lang").lower()
        cleaned = clean(text or "")
        lang = lang or detect_lang(cleaned)
        if forced and mode == "direct":
            result = self._code_query(forced, lang)
            if result is not None:
                result.query = query
                return result
        if find_mentions is None:
            _load_readers()
        folded = fold(cleaned)
        ctx = read_context(cleaned)
        evidence: dict[str, _Evidence] = defaultdict(_Evidence)
        unknown = self._collect_codes(cleaned, folded, ctx, evidence)
        words = wording_text(cleaned)  # log records' request and client fields are not wording
        for hit in self.aliases.search(folded if words is cleaned else fold(words)):
            ev = evidence[hit.entry_id]
            if hit.score > ev.alias:
                ev.alias = hit.score
                if hit.meaning >= 0:
                    ev.meaning = hit.meaning
        if ctx.is_smtp:
            # a mail server's replies: their numbers and texts resemble FTP's (no FTP cue is in the text) and
            # HTTP's; only what a reader labelled explicitly stays
            for eid in list(evidence):
                if eid.startswith("ftp:") or (
                    not eid.startswith(("win32:", "hresult:")) and evidence[eid].code < EXPLICIT
                ):
                    del evidence[eid]
        matches = self._rank(evidence, ctx, folded, _servers(text or ""))
        _latest_of_a_story(matches, evidence, cleaned)
        if mode == "passive":
            if ctx.is_a_title:
                matches = []  # "the debut album by Error 404": a band's name, said unasked to nobody's use
            matches = [
                m
                for m in matches
                if m.score >= PASSIVE_MIN
                and _is_error(m)
                and not _windows_words(m, ctx)
                and not _only_background(m.evidence)
            ]
            # Beside a code the text names, words that merely resemble another code's page are not news.
            if matches and "wording" not in matches[0].evidence[:1]:
                matches = matches[:1] + [m for m in matches[1:] if m.evidence != ["wording"]]
        else:
            matches = [m for m in matches if m.score >= DIRECT_MIN]
            if matches and matches[0].entry.family == "http" and _is_progress(matches[0]):
                # "the test page returns 200 ... a CORS error (status 0)": beside an error, a success is not the news
                err = next((m for m in matches[1:] if _is_error(m) and m.score >= LEAD_ERROR_MIN), None)
                if err is not None:
                    matches = [err] + [m for m in matches if m is not err]
            if matches and not _is_progress(matches[0]):
                # "Did you mean" offers other errors, not the 227 or 200 that stood beside the one that failed
                matches = matches[:1] + [m for m in matches[1:] if not _is_progress(m)]
        result = Result(query=query, lang=lang, mode=mode, matches=matches[:top], unknown=unknown)
        if not result.matches and mode == "direct":
            result.suggestions = self.nearest(cleaned, unknown)
        from bot.diagnosis import attach as attach_diagnosis  # imported by the first answer: start-up stays light

        return attach_diagnosis(result, text or "", cleaned)  # which case, and why (bot/diagnosis)

    def nearest(self, cleaned: str, unknown: list[str], limit: int = 3) -> list[Match]:
        """Codes close to what was asked: numerically for an unknown code, by wording otherwise.

        Only plausible neighbours: the asked family (FTP only beside FTP words or for FTP's own
        range), and never a success or progress reply unless the asked code is one itself.
        """
        out: list[Match] = []
        ftp_words = read_context(cleaned).is_ftp if cleaned else False
        for code in unknown:
            number = code.split(".")[0]
            if not (number.isascii() and number.isdigit()):
                continue
            target = int(number)
            wants_ok = 100 <= target < 400

            def plausible(e, target=target, wants_ok=wants_ok) -> bool:
                if "." in e.code or not (e.code.isascii() and e.code.isdigit()):
                    return False
                if e.family == "http":
                    return wants_ok or e.code[0] in "45"
                if e.family == "ftp":
                    return (ftp_words or (100 <= target < 700 and not 400 <= target < 600)) and (
                        wants_ok or e.code[0] in "456"
                    )
                return False

            near = sorted(
                (e for e in self.kb.entries.values() if plausible(e)),
                key=lambda e, target=target: (abs(int(e.code) - target), e.family != ("ftp" if ftp_words else "http")),
            )
            out += [Match(entry=e, score=0.0) for e in near[:limit]]
        if not out:
            for hit in self.aliases.search(fold(cleaned), min_score=0.05, limit=limit):
                entry = self.kb.entries[hit.entry_id]
                if not _is_error_code(entry.family, entry.code):
                    continue
                out.append(Match(entry=entry, score=hit.score, meaning_index=max(hit.meaning, 0)))
        return out[:limit]

    # ---- codes --------------------------------------------------------------------------------

    def _code_query(self, m: re.Match[str], lang: str) -> Result | None:
        """The whole text is a code (`401.3`, `ftp 550`, `0x80070021`, `13`): look it up in every family."""
        fam = (m.group("fam") or "").lower()
        raw = m.group("code")
        code = raw.lower().replace("-", ".")
        families = ["hresult"] if code.startswith("0x") else ["http", "ftp", "win32"]
        if raw.upper().startswith(("ERR_", "NET::ERR_")):
            families, code = ["net"], raw.upper().removeprefix("NET::")
        elif raw[:1].upper() in "HRL" and raw[1:].isdigit():
            families, code = ["heroku"], raw.upper()
        elif fam == "iis":
            families = ["http"]
        elif fam:
            families = [fam]
        if code.startswith("sub."):
            families = ["ftp"]
        matches: list[Match] = []
        for i, family in enumerate(families):
            entry = self.kb.get(family, _canon(family, code))
            asked = ""
            if entry is None and family == "http" and "." in code:
                entry = self.kb.get("http", code.split(".")[0])
                asked = code
            if entry is None and family == "hresult" and code.startswith("0x8007"):
                entry = self.kb.get("win32", str(int(code[6:], 16)))
                asked = code
            if entry is not None:
                score = (1.0 if not asked else 0.9) * (1.0 if i == 0 or not matches else 0.7)
                matches.append(Match(entry=entry, score=score, asked=asked, evidence=["code"]))
        if not matches:
            return Result(
                query="", lang=lang, mode="direct", matches=[], unknown=[code], suggestions=self.nearest("", [code])
            )
        return Result(query="", lang=lang, mode="direct", matches=matches)

    def _collect_codes(self, cleaned: str, folded: str, ctx: Context, evidence: dict[str, _Evidence]) -> list[str]:
        mentions = find_mentions(cleaned, ftp_context=ctx.is_ftp)
        if ctx.is_ftp:
            passive = [m for m in mentions if m.kind == "ftp-reply" and m.code in ("227", "229")]
            # PASV/EPSV answered, then the client gave up with no reply: the data connection could not be
            # opened (or a firewall dropped it: likely, not certain, so not said unasked).
            if (
                passive
                and _FTP_ERROR_LINE.search(cleaned, passive[-1].end)
                and self.kb.has("ftp", "425")
                and not any(
                    m.kind == "ftp-reply" and m.code[0] in "456" and m.start > passive[-1].start for m in mentions
                )
            ):
                last = passive[-1]
                mentions.append(Mention("425", 0.78, "pasv-then-error", last.start, last.end, "ftp"))
        unknown: list[str] = []
        seen: dict[tuple, int] = defaultdict(int)
        for mention in mentions:
            key = (mention.code, mention.kind, mention.family)
            seen[key] += 1
            if seen[key] > 4:  # the fifth "500 500 500" says nothing the first four did not
                continue
            for entry_id, strength, asked, note in self._resolve(mention, cleaned, ctx):
                if entry_id is None:
                    if _labelled(mention) and asked not in unknown:
                        unknown.append(asked)
                    continue
                ev = evidence[entry_id]
                ev.code_hits += 1
                ev.last = max(ev.last, mention.start)
                if strength > ev.code:
                    ev.code = strength
                    ev.asked = asked
                    ev.notes.append(note)
                    ev.detail.update(mention.detail)
                if "." in mention.code and not asked:
                    ev.explicit_sub = True
        return unknown

    def _resolve(self, mention: Mention, text: str, ctx: Context) -> list[tuple[str | None, float, str, str]]:
        """Turn one mention into (entry id, strength, asked, why) for each family it could be."""
        code = mention.code
        if mention.family not in (None, "http", "ftp", "win32", "hresult"):
            # A vendor's own code (curl:7, net:ERR_X, heroku:H12, envoy:UH, cloudflare:1020, httperr:X).
            if self.kb.has(mention.family, code):
                return [(f"{mention.family}:{code}", mention.strength, "", mention.kind)]
            if mention.status and self.kb.has("http", mention.status):
                return [(f"http:{mention.status}", mention.strength * 0.95, "", f"{mention.kind}-status")]
            if mention.kind.endswith(("-bare", "-page", "-body")) or not _labelled(mention):
                return []
            return [(None, 0.0, f"{mention.family}:{code}", "")]
        if mention.family in ("win32", "hresult"):
            if self.kb.has(mention.family, code):
                return [(f"{mention.family}:{code}", mention.strength, "", mention.kind)]
            if mention.family == "hresult" and code.startswith("0x8007"):
                win = str(int(code[6:], 16))
                if self.kb.has("win32", win):
                    return [(f"win32:{win}", mention.strength * 0.9, "", "hresult-as-win32")]
            return [(None, 0.0, code, "")] if mention.family == "hresult" else []
        if mention.family == "ftp" and code.startswith("sub."):
            return [(f"ftp:{code}", mention.strength, "", mention.kind)] if self.kb.has("ftp", code) else []
        number = code.split(".")[0]
        if (
            ctx.is_ftp
            and mention.family in (None, "ftp")
            # a hinted code, or a bare one HTTP does not have ("CWD folder - access denied 550")
            and (mention.strength >= HINTED or (mention.kind == "bare" and not self.kb.has("http", code)))
            and mention.strength < LABELLED
            and mention.kind.startswith(("hint", "bare"))
            and self.kb.has("ftp", code)
            and code[0] in "456"
        ):
            mention.strength = LABELLED  # "ftp 一直登录失败 530": an FTP error code among FTP words
        if "." in code and mention.strength < LABELLED and "negated" not in mention.kind and self.kb.has("http", code):
            # "IIS returns 401.2": a known sub-status is itself a strong sign, stronger beside IIS words
            mention.strength = LABELLED if ctx.iis else max(mention.strength, 0.6)
            mention.family = "http"
        phrase = self._phrase_match(number, text, mention)
        if phrase is not None:
            eid, _ = phrase
            family, pcode = eid.split(":", 1)
            asked = ""
            if "." in code and pcode == number and self.kb.has(family, code):
                eid = f"{family}:{code}"  # "401.2 - Unauthorized": the sub-status, confirmed by its parent's phrase
            elif "." in code and pcode == number and family == "http":
                asked = code  # "500.1099 - Internal Server Error": a sub-status we lack, answered by its parent
            recency = mention.strength - LABELLED if mention.kind == "ftp-reply" and code[0] in "123" else 0.0
            floor = 0.97 if _is_error_code(family, pcode) else min(0.97, mention.strength + 0.05)
            if "negated" in mention.kind:
                floor = mention.strength  # "not showing 404 not found but 403 forbidden": its phrase does not undo that
            if mention.kind == "ftp-reply" and mention.strength < PASSIVE_MIN:
                floor = mention.strength  # an error the session recovered from stays in the background
            strength = (max(mention.strength, floor) + recency) * (0.5 if "secondary" in mention.kind else 1.0)
            return [(eid, strength, asked, f"{mention.kind}+phrase{_background(mention)}")]
        out: list[tuple[str | None, float, str, str]] = []
        ftp_first = ctx.is_ftp or (number in _FTP_LEANING and ctx.transfer and not ctx.http)
        families = [mention.family] if mention.family else (["ftp", "http"] if ftp_first else ["http", "ftp"])
        for rank, family in enumerate(families):
            factor = 1.0 if rank == 0 else (0.7 if mention.family is None else 0.0)
            if factor == 0.0:
                continue
            lookup = _canon(family, code)
            if self.kb.has(family, lookup):
                out.append((f"{family}:{lookup}", mention.strength * factor, "", mention.kind + _background(mention)))
            elif (
                family == "http"
                and "." in lookup
                and self.kb.has("http", number)
                and (mention.strength >= LABELLED or mention.kind == "bare")
            ):
                out.append((f"http:{number}", mention.strength * factor * 0.9, code, "fallback"))
        if not out and mention.strength >= LABELLED:
            return [(None, 0.0, code, "")]
        if not out:
            return out
        if mention.family is None and not any(e and e.startswith(families[0]) for e, *_ in out):
            # only the second family knows it (`550` without FTP words): still fairly likely, and sure when the
            # text labels it a code ("error code and message: 550 ...")
            # (a labelled one: "unexpected response: 553-...", "error code 550")
            factor = 0.85 if mention.strength >= EXPLICIT else 0.95 if mention.strength >= LABELLED else 0.8
            out = [(e, s / 0.7 * factor, a, n) for e, s, a, n in out]
            if (
                families[0] == "http"
                and not ctx.is_smtp
                and _REPLY_TEXT.match(text, mention.end)
                and _REPLY_START.search(text, max(0, mention.start - 12), mention.start)
                and not _units(text, mention.end)
            ):
                # "mkdir: Access failed: 550 Can't create directory", "550 Action not taken": a code only FTP
                # has, followed by the words of a reply, is a server's reply
                out = [(e, max(s, LABELLED), a, f"{n}+reply-text") for e, s, a, n in out]
        return out

    def _phrase_match(self, number: str, text: str, mention: Mention) -> tuple[str, int] | None:
        """Does a reason phrase of this code stand right after (or before) the number?"""
        after = fold(_LEAD.sub("", text[mention.end : mention.end + 90]))
        before = fold(_TRAIL.sub("", text[max(0, mention.start - 70) : mention.start]))
        best: tuple[str, int] | None = None
        if after:
            for entry_id, phrase in self.phrases_after.get((number, _key(after.split(" ", 1)[0])), ()):
                if not _same_code(entry_id, mention.code):
                    continue
                score = fuzz.ratio(phrase, after[: len(phrase)])
                if score >= PHRASE_MIN and (best is None or score > best[1]):
                    best = (entry_id, int(score))
        if before:
            for entry_id, phrase in self.phrases_before.get((number, _key(before.rsplit(" ", 1)[-1], last=True)), ()):
                if not _same_code(entry_id, mention.code):
                    continue
                score = fuzz.ratio(phrase, before[-len(phrase) :])
                if score >= PHRASE_MIN and (best is None or score > best[1]):
                    best = (entry_id, int(score))
        return best

    # ---- ranking ------------------------------------------------------------------------------

    def _rank(self, evidence: dict[str, _Evidence], ctx: Context, folded: str, servers: frozenset[str]) -> list[Match]:
        # A sentence from an IIS page that names an HRESULT's meaning ("This configuration section cannot
        # be used at this path") comes from the page of the status that HRESULT belongs to.
        for eid, ev in list(evidence.items()):
            if eid.startswith("hresult:") and ev.code:
                # "Error Code 0x80070005" in a page whose sentences also name a status: the page shows both.
                for ref in self.kb.entries[eid].see_also:
                    other = evidence.get(ref) if ref.startswith("http:") else None
                    if other is not None and other.alias and other.code < ev.code:
                        other.code = ev.code
                        other.notes.append(f"page-of-{eid}")
            if eid.startswith("hresult:") and ev.alias and not ev.code:
                status = next((r for r in self.kb.entries[eid].see_also if r.startswith("http:")), None)
                if status in self.kb.entries and evidence[status].alias < ev.alias:
                    evidence[status].alias = ev.alias
                    evidence[status].notes.append(f"wording-of-{eid}")
        # FTP words ("Permission denied", "No such file or directory") with nothing else of FTP in the text are
        # everyone's words: an FTP code found by them alone stays behind what the text names.
        if ctx.ftp == 0:
            for eid, ev in evidence.items():
                if eid.startswith("ftp:") and not ev.code and ev.alias:
                    ev.alias *= 0.5
        # IIS's `413.0` is plain 413 unless the text says `.0`: fold wording-only evidence into the base code.
        for eid in [e for e in evidence if e.endswith(".0") and e.startswith("http:")]:
            ev = evidence[eid]
            base = eid[:-2]
            if not ev.explicit_sub and base in self.kb.entries:
                target = evidence[base]
                target.alias = max(target.alias, ev.alias)
                if ev.code > target.code:
                    target.code, target.asked = ev.code, ""
                target.code_hits += ev.code_hits
                del evidence[eid]
        # A page another server made (Netlify's "Site not found", nginx's "403 Forbidden") with words that are
        # also an IIS sub-status's title: the words are that server's, and the answer is the plain code.
        if servers and not servers & _IIS_SIDE:
            for eid in [e for e in evidence if e.startswith("http:") and "." in e]:
                ev, base = evidence[eid], eid.split(".")[0]
                if ev.explicit_sub or ev.code >= LABELLED or base not in self.kb.entries:
                    continue
                target = evidence[base]
                target.alias = max(target.alias, ev.alias)
                target.code = max(target.code, ev.code)
                target.code_hits += ev.code_hits
                target.notes.append(f"not-iis-{eid}")
                del evidence[eid]
        # A sub-status named only by its wording, whose parent code is named: the text is about the sub-status
        # when IIS is in view (its words or its pages' signs). Elsewhere the words are another server's reason:
        # "HTTP Error 403: SSL is required" from urllib, Google APIs' `"code": 403, "message": "SSL is required
        # to perform this operation."` are no IIS 403.4.
        for eid, ev in list(evidence.items()):
            if ev.alias <= 0 or "." not in eid or not eid.startswith("http:"):
                continue
            base = eid.split(".")[0]
            parent = evidence.get(base)
            if parent is None or parent.code <= ev.code or parent.explicit_sub:
                continue
            if parent.asked and "." in parent.asked:
                continue  # the text named another sub-status ("HTTP Error 401.0"): words shared with 401.1 are not it
            if not (ctx.iis or servers & _IIS_SIDE):
                continue
            ev.code = parent.code
            ev.notes.append("parent-code")
        # A sub-status the text names exactly ("with HTTP status 500.30"), beside its parent's status and reason
        # ("StatusCode: 500, ReasonPhrase: 'Internal Server Error'"): the parent's evidence is the sub-status's.
        for eid, ev in list(evidence.items()):
            if not (
                ev.explicit_sub and not ev.asked and ev.code >= LABELLED and eid.startswith("http:") and "." in eid
            ):
                continue
            parent = evidence.get(eid.split(".")[0])
            if parent is not None and parent.code and not parent.explicit_sub and not eid.endswith(".0"):
                ev.code = max(ev.code, parent.code)
                ev.alias = max(ev.alias, parent.alias)
                ev.code_hits += parent.code_hits
                ev.notes.append("parent-named")
        # A Windows value is the detail of an error status; beside a 200 it is the news ("200 0 64").
        has_status = any(
            ev.code >= LABELLED and _is_error_code(*eid.split(":", 1))
            for eid, ev in evidence.items()
            if eid.startswith(("http:", "ftp:"))
        )
        has_error = any(ev.code >= 0.7 and _is_error_code(*eid.split(":", 1)) for eid, ev in evidence.items())
        matches: list[Match] = []
        for eid, ev in evidence.items():
            entry = self.kb.entries[eid]
            score = 1.0 - (1.0 - ev.code) * (1.0 - 0.9 * ev.alias)
            score = min(0.999, score + 0.01 * min(3, max(0, ev.code_hits - 1)))
            if ev.code and ev.alias:
                score = min(0.999, score + 0.02)
            if entry.family in ("win32", "hresult") and (
                has_status
                or any(
                    ref.startswith("http:") and ref in evidence and _is_error_code(*ref.split(":", 1))
                    for ref in entry.see_also
                )
            ):
                score *= 0.9  # the status is the headline; the Windows value is its detail
            elif not _is_error_code(entry.family, entry.code):
                # people paste errors; a 200 or 230 beside them is context, more so beside a named error
                score *= 0.75 if has_error else 0.85
            if "." in entry.code and ev.alias and ev.code:
                score = min(0.999, score + 0.005)  # most specific first on ties
            if entry.family == "http" and entry.code[:1] == "5":
                score = min(0.999, score + 0.003)  # on a tie, the server error is the incident (502 over 404)
            if ctx.is_ftp and entry.family == "http" and ev.code < EXPLICIT:
                score *= 0.7  # in an FTP paste, HTTP wording ("登录失败", "Access is denied") is a false friend
            elif ctx.is_ftp and entry.family in ("win32", "hresult") and not ev.code:
                score *= 0.7  # IIS FTP passes Windows messages through as reply text: the reply is the answer
            meaning = ev.meaning if ev.meaning is not None else self._meaning_by_clues(entry, folded)
            evidence_notes = list(dict.fromkeys(ev.notes + (["wording"] if ev.alias else [])))
            matches.append(
                Match(
                    entry=entry,
                    score=score,
                    meaning_index=meaning,
                    evidence=evidence_notes,
                    asked=ev.asked,
                    detail=ev.detail,
                )
            )
        _specific_first(matches)
        by_id = {m.id: m for m in matches}
        for m in matches:
            parent = by_id.get(m.id.split(".")[0]) if "parent-named" in m.evidence else None
            if parent is not None and parent.score >= m.score:
                parent.score = m.score - 0.001  # the exact sub-status leads; its parent is the same error
        # ties: HTTP first, then (FTP) the later reply of a transcript, then the code
        matches.sort(
            key=lambda m: (
                -m.score,
                m.entry.family != "http",
                -evidence[m.id].last if any(n.startswith("ftp-reply") for n in m.evidence) else 0,
                m.entry.code,
            )
        )
        return matches

    @staticmethod
    def _meaning_by_clues(entry, folded: str) -> int:
        if len(entry.meanings) == 1 or not folded:
            return 0
        hits = [sum(1 for clue in m.clues if clue.lower() in folded) for m in entry.meanings]
        best = max(hits)
        return hits.index(best) if best > 0 else 0


# Words that move a story on before the later error: "I get 502.5 ... After adding X, I get 502.3", "the error changed to
# 500" ("now" is not one: "I get a 500 now, before it was a 502").
_TRANSITION = re.compile(
    r"(?<![A-Za-z])(?:after|afterwards|instead|changed|became|turned into)(?![A-Za-z])"
    r"|现在|之后|然后|后来|变成|改成",
    re.I,
)


def _latest_of_a_story(matches: list[Match], evidence: dict[str, _Evidence], cleaned: str) -> None:
    """Two statuses named as plainly as each other, the second after the story moved on: the second is the news."""
    if len(matches) < 2:
        return
    a, b = matches[0], matches[1]
    ea, eb = evidence.get(a.id), evidence.get(b.id)
    if (
        ea is None
        or eb is None
        or a.entry.family != "http"
        or b.entry.family != "http"
        or min(ea.code, eb.code) < LABELLED
        or abs(a.score - b.score) > 0.05
        or (a.id.split(".")[0] == b.id.split(".")[0] and ("." not in a.id or "." not in b.id))
        or not 0 <= ea.last < eb.last
        or _TRANSITION.search(cleaned, max(ea.last, eb.last - 150), eb.last) is None  # in the later code's clause
    ):
        return
    a.score, b.score = b.score, a.score
    matches[0], matches[1] = b, a


def _background(mention: Mention) -> str:
    """A transcript's reply that bot.recognize.ftp put in the background (the session went on from it)."""
    return "+background" if mention.kind == "ftp-reply" and mention.strength < PASSIVE_MIN else ""


def _in_background(note: str) -> bool:
    """An FTP error the session went on from, or a 425 guessed from PASV and the client's own error (no reply)."""
    return note.endswith("+background") or note == "pasv-then-error"


def _only_background(evidence: list[str]) -> bool:
    """Nothing but background evidence (and words) says this code: not said unasked."""
    return any(map(_in_background, evidence)) and all(n == "wording" or _in_background(n) for n in evidence)


def _specific_first(matches: list[Match]) -> None:
    """A vendor code seen beside the HTTP status it always comes with (heroku:H12 and 503) goes first."""
    by_id = {m.id: m for m in matches}
    for m in matches:
        status = m.entry.status
        if not status or not (m.evidence and m.evidence != ["wording"]):
            continue
        general = by_id.get(f"http:{status}")
        if general is not None and general.score >= m.score:
            m.score = min(0.999, general.score + 0.001)
            if general.score >= 0.999:
                general.score = 0.998


def _key(word: str, last: bool = False) -> str:
    """First or last word of a phrase, loosely: `Time-out`, `time-out:` and `Time` share a key.

    Chinese has no spaces, so a Chinese phrase is keyed by its first (or last) two characters.
    """
    word = word.strip(".,:;!?()[]'\"-")
    if word and word[-1 if last else 0] >= "\u3400":
        return word[-2:] if last else word[:2]
    return word.split("-")[0][:6]


def _same_code(entry_id: str, code: str) -> bool:
    """A phrase confirms `403.14` only if it is 403.14's or plain 403's (IIS prints the base reason)."""
    entry_code = entry_id.split(":", 1)[1]
    return entry_code == code or entry_code == code.split(".")[0]


def _canon(family: str, code: str) -> str:
    if family == "http" and "." in code:
        base, sub = code.split(".", 1)
        return f"{base}.{int(sub)}" if sub.isascii() and sub.isdigit() else code
    if family == "win32" and code.isascii() and code.isdigit():
        return str(int(code))
    return code


def _is_error_code(family: str, code: str) -> bool:
    if family == "net":
        return True  # net:0 is a request that never got an answer
    if family == "http":
        return code[:1] in "45" or code == "000"
    if family == "ftp":
        return code[:1] in "456" or (code.startswith("sub.") and code != "sub.0")
    return code not in ("0",)


def _is_progress(match: Match) -> bool:
    """A success or progress reply: HTTP 1xx/2xx, FTP 1xx-3xx."""
    family, code = match.entry.family, match.entry.code
    return (family == "http" and code[:1] in "12") or (family == "ftp" and code[:1] in "123")


def _is_error(match: Match) -> bool:
    return _is_error_code(match.entry.family, match.entry.code)
