"""What a button remembers about an answer, so pressing it later shows the same answer.

Buttons on ephemeral messages come back without the message, so the value carries the match
itself (id, which meaning, score, the code as asked) rather than the query to re-run.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Protocol

from bot.diagnosis.cases import Diagnosis
from bot.result import Match


class Lookup(Protocol):
    def lookup(self, entry_id: str) -> Match | None: ...


MAX_VALUE = 2000  # Slack's limit on a button value
QUOTE_CHARS = 100  # each piece of evidence a button remembers (a prefix is still verbatim)


@dataclass(frozen=True, slots=True)
class Pick:
    """One match, small enough for a button value; with the diagnosed case and (a prefix of) its evidence."""

    id: str
    meaning: int = 0
    score: float = 1.0
    asked: str = ""
    case: str = ""
    evidence: tuple[str, ...] = ()

    @classmethod
    def of(cls, match: Match) -> Pick:
        d = match.diagnosis
        if d is None:
            return cls(match.id, match.meaning_index, round(match.score, 3), match.asked)
        quotes = tuple(q[:QUOTE_CHARS] for q in d.evidence[:3])
        return cls(match.id, match.meaning_index, round(match.score, 3), match.asked, d.case.id, quotes)

    def to_list(self) -> list:
        base = [self.id, self.meaning, self.score, self.asked]
        return [*base, self.case, list(self.evidence)] if self.case else base

    @classmethod
    def from_list(cls, raw: list) -> Pick:
        case = str(raw[4]) if len(raw) > 4 else ""
        evidence = tuple(str(q) for q in raw[5]) if len(raw) > 5 and isinstance(raw[5], list) else ()
        return cls(str(raw[0]), int(raw[1]), float(raw[2]), str(raw[3]), case, evidence)

    def lean(self) -> Pick:
        """The same pick without its evidence (a value that would not fit Slack's limit)."""
        return dataclasses.replace(self, evidence=self.evidence[:1] and (self.evidence[0][:40],))


@dataclass(frozen=True, slots=True)
class ButtonValue:
    """A button's payload: the answer to show, its language, and the other candidates to keep offering.

    `thread` is the thread a private answer sits in, so sharing it posts there (a click on an
    ephemeral message comes without the message, so the value is where the thread is known).
    `full`: the button sits on a full answer (More was pressed), so Share posts the full answer.
    """

    lang: str
    pick: Pick
    others: tuple[Pick, ...] = ()
    thread: str = ""
    full: bool = False

    def encode(self) -> str:
        value = self._encode(self.pick, tuple(o.lean() for o in self.others))
        if len(value) > MAX_VALUE:
            value = self._encode(self.pick.lean(), tuple(dataclasses.replace(o, case="") for o in self.others))
        return value

    def _encode(self, pick: Pick, others: tuple[Pick, ...]) -> str:
        raw: dict = {"l": self.lang, "p": pick.to_list(), "o": [o.to_list() for o in others]}
        if self.thread:
            raw["t"] = self.thread
        if self.full:
            raw["f"] = 1
        return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def decode(cls, value: str) -> ButtonValue | None:
        """None for a value this version cannot read (an old message after an upgrade)."""
        try:
            raw = json.loads(value)
            others = tuple(Pick.from_list(o) for o in raw.get("o", ()))
            return cls(str(raw["l"]), Pick.from_list(raw["p"]), others, str(raw.get("t") or ""), bool(raw.get("f")))
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            return None


def rehydrate(engine: Lookup, pick: Pick) -> Match | None:
    """The match a pick stands for, or None when the knowledge no longer has it; the case too, if it still exists."""
    match = engine.lookup(pick.id)
    if match is None:
        return None
    meaning = pick.meaning if 0 <= pick.meaning < len(match.entry.meanings) else 0
    match = dataclasses.replace(match, meaning_index=meaning, score=pick.score, asked=pick.asked)
    case = next((c for c in match.meaning.cases if c.id == pick.case), None) if pick.case else None
    if case is not None and pick.evidence:
        match.diagnosis = Diagnosis(case=case, evidence=list(pick.evidence))
    return match


DETAILS_ACTION = "httpcode_details"  # a summary's Details button: the full answer for one code, privately
