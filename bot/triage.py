"""Summaries of many codes at once: a pasted or uploaded log, or every message of a Slack thread.

For logs, records are counted by kind, status, sub-status, win32 value and the codes the line
names (`500 19 13` is 500.19 with win32 13; an HTTPERR `503 1 AppOffline` is 503 with
httperr:AppOffline), the top groups are explained together and the rest listed compactly.

Streaming API (the CLI and the Slack app's file uploads use it):

    from bot.logs import open_text, looks_like_log
    from bot.triage import summarize_log

    lines = open_text(upload_stream)          # bytes in, text lines out; gzip sniffed; UTF-8 decoded incrementally
    summary = summarize_log(engine, lines)    # or a str; None when no line is a log record
    summary.to_json()                         # {"matches": [...], "groups": [...], "records": n, "lines": n, ...}

`summarize_log` reads line by line: memory is bounded by the number of distinct groups (at most
`MAX_GROUPS`; records of kinds past that are counted in `other_records` and said so), never by the
number of lines; time grows linearly with the lines (about 3 µs a line). To decide whether a text is
a log at all (a page or a transcript gets the normal answer instead) use `is_log(text)` or
`bot.logs.looks_like_log(lines)`, which reads only the first 200 lines.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from bot import logs
from bot.answer import one_line
from bot.engine import Engine
from bot.result import Match
from bot.text import detect_lang

TOP = 3
PROGRESS_EVERY = 100_000
MAX_GROUPS = 5_000  # distinct (kind, status, sub-status, win32, codes) groups kept; the rest are counted
LANG_SAMPLE = 2_000  # characters of the first lines that decide the answer language


def is_log(text: str) -> bool:
    """Mostly log lines (or a W3C #Fields header with at least one record)."""
    return logs.looks_like_log(io.StringIO(text[:200_000]))


@dataclass(slots=True)
class Group:
    """Records that share kind, status, sub-status, win32 value and named codes."""

    kind: str
    status: str | None
    substatus: str | None
    win32: str | None
    count: int
    first_line: int
    codes: tuple[str, ...] = ()
    match: Match | None = None
    win32_match: Match | None = None
    code_matches: list[Match] = field(default_factory=list)

    @property
    def label(self) -> str:
        parts = [self.status] if self.status else []
        if self.substatus is not None and self.status:
            parts.append(self.substatus)
        if self.win32 is not None:
            parts.append(self.win32)
        parts += [c.split(":", 1)[1] for c in self.codes]
        return " ".join(parts)


@dataclass(slots=True)
class LogSummary:
    lang: str
    lines: int
    records: int
    malformed: int
    groups: list[Group] = field(default_factory=list)
    other_records: int = 0  # records in groups past MAX_GROUPS
    other_groups: int = 0

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for g in self.groups:
            out[g.label] = out.get(g.label, 0) + g.count
        return out

    def errors(self) -> list[Group]:
        """The groups that are errors and that the knowledge explains, most frequent first (the order of `groups`)."""
        return [g for g in self.groups if g.match and _is_error(g)]

    def matches(self) -> list[Match]:
        """One match per id, errors first and most frequent first: what `"matches"` in JSON holds."""
        seen: dict[str, Match] = {}
        for g in sorted(self.groups, key=lambda g: not _is_error(g)):
            for m in (g.match, *g.code_matches, g.win32_match):
                if m is not None and m.id not in seen:
                    seen[m.id] = m
        return list(seen.values())

    def to_json(self) -> dict:
        return {
            "query": "",
            "lang": self.lang,
            "mode": "log",
            "matches": [m.to_json(self.lang) for m in self.matches()],
            "lines": self.lines,
            "records": self.records,
            "malformed": self.malformed,
            "other_records": self.other_records,
            "other_groups": self.other_groups,
            "groups": [
                {
                    "status": g.status,
                    "substatus": g.substatus,
                    "win32": g.win32,
                    "codes": list(g.codes),
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
            f"{self.records} 条记录（共 {self.lines} 行，跳过 {self.malformed} 行格式错误）"
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
        if self.other_groups:
            out.append(
                f"  另有 {self.other_records} 条记录属于其他 {self.other_groups}+ 类（只列出前 {MAX_GROUPS} 类）"
                if zh
                else f"  and {self.other_records} more requests of {self.other_groups}+ other kinds "
                f"(only the first {MAX_GROUPS} kinds are listed)"
            )
        errors = self.errors()[:TOP]
        for g in errors:
            out += ["", "─" * 60, f"{g.label} × {g.count}"]
            out.append(format_match(g.match, self.lang, full=True))
            for extra in [*g.code_matches[1:], g.win32_match]:
                if extra is not None and extra is not g.match:
                    out += ["", one_line(extra, self.lang)]
                    out.append("  " + extra.meaning.cause[self.lang])
        return "\n".join(out)


def _is_error(g: Group) -> bool:
    return (g.status is not None and g.status[:1] in "456") or bool(g.codes) or g.win32 not in (None, "0")


def _lines_of(source: str | Iterable[str]) -> Iterable[str]:
    return io.StringIO(source) if isinstance(source, str) else source


def _progress(lines: Iterable[str], stream: TextIO | None) -> Iterator[str]:
    i = 0
    for i, line in enumerate(lines, 1):
        if stream is not None and i % PROGRESS_EVERY == 0:
            stream.write(f"\r  read {i:,} lines")
            stream.flush()
        yield line
    if stream is not None and i >= PROGRESS_EVERY:
        stream.write("\n")


class _Sampler:
    """Passes lines through, keeping the first characters for language detection."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = lines
        self.parts: list[str] = []
        self.size = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            if self.size < LANG_SAMPLE:
                self.parts.append(line[:LANG_SAMPLE])
                self.size += len(self.parts[-1])
            yield line

    @property
    def text(self) -> str:
        return "\n".join(self.parts)[:LANG_SAMPLE]


def summarize_log(
    engine: Engine,
    source: str | Iterable[str],
    *,
    lang: str | None = None,
    progress: TextIO | None = None,
    max_groups: int = MAX_GROUPS,
) -> LogSummary | None:
    """Count and explain a log read line by line; None when no line is a log record with a code."""
    sampler = _Sampler(_progress(_lines_of(source), progress))
    stats = logs.LogScan(records=[])
    counter: dict[tuple, list] = {}  # key -> [count, first line, record]
    records = other_records = 0
    other_keys: set[tuple] = set()
    for r in logs.iter_records(sampler, stats):
        if not logs.counts(r):
            continue
        records += 1
        key = r.key
        slot = counter.get(key)
        if slot is not None:
            slot[0] += 1
        elif len(counter) < max_groups:
            counter[key] = [1, r.line_no, r]
        else:
            other_records += 1
            if len(other_keys) < 10 * max_groups:  # the count of other kinds is itself bounded
                other_keys.add(key)
    if not records:
        return None
    lang = lang or detect_lang(sampler.text)
    summary = LogSummary(
        lang=lang,
        lines=stats.lines,
        records=records,
        malformed=stats.malformed,
        other_records=other_records,
        other_groups=len(other_keys),
    )
    ordered = sorted(counter.values(), key=lambda v: (-_err_rank(v[2]), -v[0], v[2].status or ""))
    for count, first, r in ordered:
        g = Group(r.kind, r.status, r.substatus, r.win32, count, first, r.codes)
        g.code_matches = [m for m in (engine.lookup(c) for c in r.codes) if m is not None]
        status_match = _lookup_status(engine, r.kind, r.status, r.substatus) if r.status else None
        g.match = (g.code_matches[0] if g.code_matches else None) or status_match
        if status_match is not None and status_match is not g.match:
            g.code_matches.append(status_match)
        if r.win32 and r.win32 != "0":
            g.win32_match = engine.lookup(f"win32:{r.win32}")
        summary.groups.append(g)
    return summary


def _err_rank(r: logs.LogRecord) -> int:
    return int(bool(r.codes) or (r.status is not None and r.status[:1] in "456"))


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
            for g in summary.errors():
                add(g.match, g.count, ts, user, lines=True)
            for g in summary.groups:
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
    """A single log record quoted in chat ("backend IIS log: 2026-11-20 ... 500 19 13 15") counts as that record.

    `bot.logs` already reads a record quoted after words on its line; only the first lines are looked at.
    """
    return any(logs.counts(r) for r in logs.iter_records(text.splitlines()[:3]))


def _covered(match: Match, found: dict[str, ThreadItem], text: str) -> bool:
    """Skip the other-family reading of a number already listed (421 as HTTP when FTP 421 is there)."""
    family, code = match.id.split(":", 1)
    other = "ftp" if family == "http" else "http"
    return f"{other}:{code}" in found and match.score < 0.8
