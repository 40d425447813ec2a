"""What the matcher returns: ranked matches for one text, ready to render anywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.knowledge.model import Entry, Meaning

if TYPE_CHECKING:
    from bot.diagnosis.cases import Diagnosis


@dataclass(slots=True)
class Match:
    """One candidate answer: an entry (and which of its meanings) with a 0..1 score."""

    entry: Entry
    score: float
    meaning_index: int = 0
    evidence: list[str] = field(default_factory=list)
    asked: str = ""  # the code as it appeared ("403.99"); differs from entry.code on fallback
    detail: dict[str, str] = field(default_factory=dict)  # e.g. {"win32": "13"} from a log line
    diagnosis: Diagnosis | None = None  # the case the paste shows (bot.diagnosis), with its evidence

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def meaning(self) -> Meaning:
        return self.entry.meanings[self.meaning_index]

    @property
    def fallback(self) -> bool:
        """True when the text named a sub-status we lack and this is its parent."""
        return bool(self.asked) and self.asked != self.entry.code

    def to_json(self, lang: str) -> dict:
        m = self.meaning
        data = {
            "id": self.id,
            "family": self.entry.family,
            "code": self.entry.code,
            "title": m.title[lang],
            "score": round(self.score, 3),
            "source": m.source,
            "component": m.component,
            "evidence": self.evidence,
            "diagnosis": self.diagnosis.to_json(lang) if self.diagnosis else None,
        }
        if self.entry.status:
            data["http_status"] = self.entry.status
        if self.fallback:
            data["asked"] = self.asked
            data["fallback"] = True
        if self.detail:
            data["detail"] = self.detail
        return data


@dataclass(slots=True)
class Result:
    """Everything the engine concluded about one text."""

    query: str
    lang: str
    mode: str
    matches: list[Match]
    suggestions: list[Match] = field(default_factory=list)  # nearest codes when nothing matched
    unknown: list[str] = field(default_factory=list)  # codes named in the text that we do not know
    products: list[str] = field(default_factory=list)  # the software the paste shows (bot.diagnosis.products)

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def certain(self) -> bool:
        """One clear answer: a single match, or the best well ahead of the next."""
        if not self.matches:
            return False
        if len(self.matches) == 1:
            return self.matches[0].score >= 0.8
        return self.matches[0].score >= 0.8 and self.matches[0].score - self.matches[1].score >= 0.15

    def to_json(self) -> dict:
        data: dict = {
            "query": self.query,
            "lang": self.lang,
            "mode": self.mode,
            "matches": [m.to_json(self.lang) for m in self.matches],
            "products": list(self.products),
        }
        if self.suggestions:
            data["suggestions"] = [m.to_json(self.lang) for m in self.suggestions]
        if self.unknown:
            data["unknown"] = self.unknown
        return data
