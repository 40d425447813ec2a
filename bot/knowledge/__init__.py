"""Knowledge: the entries httpcode knows, loaded from YAML and checked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from bot.knowledge.errors import KnowledgeError, Problem
from bot.knowledge.model import FAMILIES, LANGS, Entry, Meaning

__all__ = [
    "FAMILIES",
    "LANGS",
    "Entry",
    "KnowledgeBase",
    "KnowledgeError",
    "Meaning",
    "Problem",
]


class KnowledgeBase:
    """All entries by id, with the lookups the matcher needs."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.entries = entries
        self.codes_by_family: dict[str, set[str]] = {f: set() for f in FAMILIES}
        for entry in entries.values():
            self.codes_by_family[entry.family].add(entry.code)

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> KnowledgeBase:
        from bot.knowledge.loader import load_entries  # YAML only when no cache holds the entries
        from bot.knowledge.paths import knowledge_dirs

        return cls(load_entries(knowledge_dirs([str(p) for p in extra])))

    def get(self, family: str, code: str) -> Entry | None:
        return self.entries.get(f"{family}:{code}")

    def has(self, family: str, code: str) -> bool:
        return code in self.codes_by_family.get(family, ())

    def counts(self) -> dict[str, dict[str, int]]:
        """Entries per family, and per family how many have each language complete."""
        out: dict[str, dict[str, int]] = {}
        for family in FAMILIES:
            of_family = [e for e in self.entries.values() if e.family == family]
            row: Counter[str] = Counter(entries=len(of_family))
            for entry in of_family:
                for lang in LANGS:
                    if all(m.title.get(lang) and m.cause.get(lang) and m.fix.get(lang) for m in entry.meanings):
                        row[lang] += 1
                row["aliases"] += len(entry.all_aliases())
            out[family] = dict(row)
        return out
