"""Summaries of many codes at once: a pasted log, or every message of a Slack thread.

For logs, requests are counted by status, sub-status and win32 value (`500 19 13` is 500.19 with
win32 13), the top groups are explained together and the rest listed compactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from bot import logs
from bot.answer import code_label, one_line
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
        return {
            "lang": self.lang,
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
            out.append(format_match(g.match, self.lang))
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


def label(match: Match, lang: str) -> str:
    return f"{code_label(match, lang)} · {match.meaning.title[lang]}"
