"""Matches built by hand, so Block Kit output can be tested without the knowledge base or the engine."""

from __future__ import annotations

from bot.knowledge.model import Entry, Meaning
from bot.result import Match, Result


def entry(
    code: str = "401.3",
    *,
    family: str = "http",
    title: str = "Unauthorized: ACL denies access",
    cause: str = "NTFS permissions deny the identity.",
    fix: tuple[str, ...] = ("Grant read access.", "Check deny rules."),
    links: tuple[str, ...] = ("https://learn.microsoft.com/iis",),
    notes: str = "",
    meanings: int = 1,
) -> Entry:
    def meaning(i: int) -> Meaning:
        suffix = f" ({i})" if i else ""
        return Meaning(
            component="default" if i == 0 else f"c{i}",
            source="iis",
            title={"en": title + suffix, "zh": "未授权" + suffix},
            cause={"en": cause, "zh": "原因。"},
            fix={"en": fix, "zh": ("第一步。",)},
        )

    return Entry(
        family=family,
        code=code,
        meanings=[meaning(i) for i in range(meanings)],
        links=links,
        notes={"en": notes, "zh": notes} if notes else {},
    )


def match(code: str = "401.3", score: float = 1.0, **kwargs) -> Match:
    return Match(entry=entry(code, **kwargs), score=score)


def result(query: str, matches: list[Match], *, lang: str = "en", **kwargs) -> Result:
    return Result(query=query, lang=lang, mode="direct", matches=matches, **kwargs)


class FakeEngine:
    """The two engine calls the Slack layer makes, over a fixed set of entries."""

    def __init__(self, *entries: Entry) -> None:
        self.entries = {e.id: e for e in entries}

    def lookup(self, entry_id: str) -> Match | None:
        e = self.entries.get(entry_id)
        return Match(entry=e, score=1.0) if e else None

    def explain(self, text: str, *, mode: str = "direct", lang: str | None = None, top: int = 3) -> Result:
        found = [Match(entry=e, score=1.0) for e in self.entries.values() if e.code in text]
        return Result(query=text, lang=lang or "en", mode=mode, matches=found[:top])
