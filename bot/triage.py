"""Summaries of many codes at once: a pasted log, or every message of a Slack thread.

For logs, requests are counted by status, sub-status and win32 value (`500 19 13` is 500.19 with
win32 13), the top groups are explained together and the rest listed compactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from bot import logs
from bot.answer import one_line
from bot.engine import Engine
from bot.result import Match
from bot.text import detect_lang

TOP = 3
PROGRESS_EVERY = 20_000


def is_log(text: str) -> bool:
    """Mostly log lines (or a W3C #Fields header with at least one record)."""
    lines = [ln for ln in text.splitlines()[:200] if ln.strip() and not ln.startswith("#")]
    if not lines:
        return False
    scanned = logs.scan(text.splitlines()[:200])
    with_status = [r for r in scanned.records if r.status]
    if "#Fields:" in text[:5000] and with_status:
        return True
    return len(with_status) >= 2 and len(with_status) >= 0.5 * len(lines)


@dataclass(slots=True)
class Group:
    """Requests that share status, sub-status and win32 value."""

    kind: str
    status: str
    substatus: str | None
    win32: str | None
    count: int
    first_line: int
    match: Match | None = None
    win32_match: Match | None = None

    @property
    def label(self) -> str:
        parts = [self.status]
        if self.substatus is not None:
            parts.append(self.substatus)
        if self.win32 is not None:
            parts.append(self.win32)
        return " ".join(parts)


@dataclass(slots=True)
class LogSummary:
    lang: str
    lines: int
    records: int
    malformed: int
    groups: list[Group] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {g.label: g.count for g in self.groups}

    def to_json(self) -> dict:
        matches: dict[str, dict] = {}  # the same "matches" every other answer carries, most frequent first
        for g in self.groups:
            for m in (g.match, g.win32_match):
                if m is not None and m.id not in matches:
                    matches[m.id] = m.to_json(self.lang)
        return {
            "lang": self.lang,
            "mode": "log",
            "matches": list(matches.values()),
            "lines": self.lines,
            "records": self.records,
            "malformed": self.malformed,
            "groups": [
                {
                    "status": g.status,
                    "substatus": g.substatus,
                    "win32": g.win32,
                    "kind": g.kind,
                    "count": g.count,
                    "first_line": g.first_line,
                    "id": g.match.id if g.match else None,
                    "win32_id": g.win32_match.id if g.win32_match else None,
                    "title": g.match.meaning.title[self.lang] if g.match else None,
                }
                for g in self.groups
            ],
        }

    def format(self) -> str:
        from bot.terminal import format_match

        zh = self.lang == "zh"
        head = (
            f"{self.records} 条请求（共 {self.lines} 行，跳过 {self.malformed} 行格式错误）"
            if zh
            else f"{self.records} requests in {self.lines} lines ({self.malformed} malformed lines skipped)"
        )
        out = [head, ""]
        width = max((len(g.label) for g in self.groups), default=5)
        out.append(f"  {'status':<{width}}  {'count':>7}  {'share':>6}")
        for g in self.groups:
            title = g.match.meaning.title[self.lang] if g.match else ""
            share = 100.0 * g.count / max(1, self.records)
            out.append(f"  {g.label:<{width}}  {g.count:>7}  {share:>5.1f}%  {title}")
        errors = [g for g in self.groups if g.match and _is_error(g)][:TOP]
        for g in errors:
            out += ["", "─" * 60, f"{g.label} × {g.count}"]
            out.append(format_match(g.match, self.lang, full=True))
            if g.win32_match:
                out += ["", one_line(g.win32_match, self.lang)]
                out.append("  " + g.win32_match.meaning.cause[self.lang])
        return "\n".join(out)


def _is_error(g: Group) -> bool:
    return g.status[:1] in "456" or (g.win32 not in (None, "0"))


def _progress(lines: list[str], stream: TextIO | None) -> Iterator[str]:
    total = len(lines)
    for i, line in enumerate(lines, 1):
        if stream is not None and i % PROGRESS_EVERY == 0:
            stream.write(f"\r  read {i:,}/{total:,} lines")
            stream.flush()
        yield line
    if stream is not None and total >= PROGRESS_EVERY:
        stream.write("\n")


def summarize_log(
    engine: Engine, text: str, *, lang: str | None = None, progress: TextIO | None = None
) -> LogSummary | None:
    """Count and explain a log; None when the text holds no log records with a status."""
    lines = text.splitlines()
    scanned = logs.scan(_progress(lines, progress))
    recs = [r for r in scanned.records if r.status]
    if not recs:
        return None
    lang = lang or detect_lang(text[:2000])
    counter: Counter[tuple] = Counter()
    first: dict[tuple, int] = {}
    for r in recs:
        key = (r.kind, r.status, r.substatus, r.win32)
        counter[key] += 1
        first.setdefault(key, r.line_no)
    summary = LogSummary(lang=lang, lines=scanned.lines, records=len(recs), malformed=scanned.malformed)
    ordered = sorted(counter.items(), key=lambda kv: (-(kv[0][1][:1] in "456"), -kv[1], kv[0][1]))
    for (kind, status, sub, win32), count in ordered:
        g = Group(kind, status, sub, win32, count, first[(kind, status, sub, win32)])
        g.match = _lookup_status(engine, kind, status, sub)
        if win32 and win32 != "0":
            g.win32_match = engine.lookup(f"win32:{win32}")
        summary.groups.append(g)
    return summary


def _lookup_status(engine: Engine, kind: str, status: str, sub: str | None) -> Match | None:
    family = "ftp" if kind == "iis-ftp" else "http"
    if family == "http" and sub and sub != "0":
        m = engine.lookup(f"http:{status}.{sub}")
        if m:
            return m
        parent = engine.lookup(f"http:{status}")
        if parent:
            parent.asked = f"{status}.{sub}"
        return parent
    return engine.lookup(f"{family}:{status}")


TRIAGE_MIN = 0.5  # a code worth listing in a thread summary (direct-mode score)


@dataclass(slots=True)
class ThreadItem:
    """One code seen in a thread: how often, and where first."""

    match: Match
    count: int
    first_ts: str
    first_user: str = ""
    last_ts: str = ""
    messages: int = 0  # messages that named it
    lines: int = 0  # log records (in pasted or uploaded logs, or a log line quoted in chat) that showed it

    def cause_line(self, lang: str) -> str:
        """The cause's first sentence (the diagnosed case's, when the message showed one): one line."""
        d = self.match.diagnosis
        return first_sentence(d.case.cause[lang] if d else self.match.meaning.cause[lang])

    def first_step(self, lang: str) -> str:
        d = self.match.diagnosis
        steps = (d.case.fix.get(lang) if d else self.match.meaning.fix.get(lang)) or ()
        return steps[0] if steps else ""


_SENTENCE_END = re.compile(r"。|[.!?](?=\s)")
_ABBREVIATIONS = ("e.g", "i.e", "etc", "vs", "approx", "no", "cf")


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence: not `e.g.`, `etc.`, nor one inside parentheses."""
    for stop in _SENTENCE_END.finditer(text):
        head = text[: stop.start()]
        word = head.rsplit(None, 1)[-1].lstrip("(").lower() if head.strip() else ""
        if stop.group() != "。" and word in _ABBREVIATIONS:
            continue
        if head.count("(") + head.count("（") > head.count(")") + head.count("）"):
            continue
        return head + stop.group()
    return text


@dataclass(slots=True)
class ThreadSummary:
    lang: str
    messages: int
    items: list[ThreadItem] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "lang": self.lang,
            "messages": self.messages,
            "codes": [
                {
                    "id": i.match.id,
                    "count": i.count,
                    "first_ts": i.first_ts,
                    "first_user": i.first_user,
                    "last_ts": i.last_ts,
                    "messages": i.messages,
                    "log_lines": i.lines,
                    "title": i.match.meaning.title[self.lang],
                    "cause": i.cause_line(self.lang),
                    "first_step": i.first_step(self.lang),
                }
                for i in self.items
            ],
        }


def summarize_thread(engine: Engine, messages: list[tuple[str, str, str]], *, lang: str | None = None) -> ThreadSummary:
    """Every code and error in a thread's messages (ts, user, text), most frequent first.

    A message that is a log counts each request; any other message counts once per code it names.
    """
    found: dict[str, ThreadItem] = {}
    all_text = " ".join(text for _, _, text in messages[:50])
    lang = lang or detect_lang(all_text)

    def add(match: Match, n: int, ts: str, user: str, *, lines: bool) -> None:
        item = found.get(match.id)
        if item is None:
            item = found[match.id] = ThreadItem(match, 0, ts, user, ts)
        elif item.match.score < match.score:
            item.match = match
        item.count += n
        if lines:
            item.lines += n
        else:
            item.messages += 1
        if float(ts or 0) >= float(item.last_ts or 0):
            item.last_ts = ts
        if float(ts or 0) < float(item.first_ts or 0):
            item.first_ts, item.first_user = ts, user

    for ts, user, text in messages:
        summary = summarize_log(engine, text, lang=lang) if is_log(text) or _one_log_line(text) else None
        if summary is not None:
            for g in summary.groups:
                if g.match and _is_error(g):
                    add(g.match, g.count, ts, user, lines=True)
                if g.win32_match:
                    add(g.win32_match, g.count, ts, user, lines=True)
            if summary.groups:
                continue
        for match in engine.explain(text, mode="direct", lang=lang, top=5).matches:
            if match.score >= TRIAGE_MIN and not _covered(match, found, text):
                add(match, 1, ts, user, lines=False)
    items = sorted(found.values(), key=lambda i: (-i.count, float(i.first_ts or 0)))
    # a parent code named beside its own sub-status adds nothing (500 beside 500.19)
    ids = {i.match.id for i in items}
    items = [i for i in items if not any(other.startswith(i.match.id + ".") for other in ids)]
    return ThreadSummary(lang=lang, messages=len(messages), items=items)


def _one_log_line(text: str) -> bool:
    """A single log record quoted in chat ("backend IIS log: 2026-11-20 ... 500 19 13 15") counts as that record."""
    body = text.split(":", 1)[1] if ":" in text[:60] and not text[:4].isdigit() else text
    for line in body.strip().splitlines()[:3]:
        scanned = logs.scan([line.strip()])
        if any(r.status for r in scanned.records):
            return True
    return False


def _covered(match: Match, found: dict[str, ThreadItem], text: str) -> bool:
    """Skip the other-family reading of a number already listed (421 as HTTP when FTP 421 is there)."""
    family, code = match.id.split(":", 1)
    other = "ftp" if family == "http" else "http"
    return f"{other}:{code}" in found and match.score < 0.8
