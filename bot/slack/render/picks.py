"""What a button remembers about an answer, so pressing it later shows the same answer.

Buttons on ephemeral messages come back without the message, so the value carries the match
itself (id, which meaning, score, the code as asked) rather than the query to re-run.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Protocol

from bot.result import Match


class Lookup(Protocol):
    def lookup(self, entry_id: str) -> Match | None: ...


@dataclass(frozen=True, slots=True)
class Pick:
    """One match, small enough for a button value."""

    id: str
    meaning: int = 0
    score: float = 1.0
    asked: str = ""

    @classmethod
    def of(cls, match: Match) -> Pick:
        return cls(match.id, match.meaning_index, round(match.score, 3), match.asked)

    def to_list(self) -> list:
        return [self.id, self.meaning, self.score, self.asked]

    @classmethod
    def from_list(cls, raw: list) -> Pick:
        return cls(str(raw[0]), int(raw[1]), float(raw[2]), str(raw[3]))


@dataclass(frozen=True, slots=True)
class ButtonValue:
    """A button's payload: the answer to show, its language, and the other candidates to keep offering.

    `thread` is the thread a private answer sits in, so sharing it posts there (a click on an
    ephemeral message comes without the message, so the value is where the thread is known).
    """

    lang: str
    pick: Pick
    others: tuple[Pick, ...] = ()
    thread: str = ""

    def encode(self) -> str:
        raw: dict = {"l": self.lang, "p": self.pick.to_list(), "o": [o.to_list() for o in self.others]}
        if self.thread:
            raw["t"] = self.thread
        return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def decode(cls, value: str) -> ButtonValue | None:
        """None for a value this version cannot read (an old message after an upgrade)."""
        try:
            raw = json.loads(value)
            others = tuple(Pick.from_list(o) for o in raw.get("o", ()))
            return cls(str(raw["l"]), Pick.from_list(raw["p"]), others, str(raw.get("t") or ""))
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            return None


def rehydrate(engine: Lookup, pick: Pick) -> Match | None:
    """The match a pick stands for, or None when the knowledge no longer has it."""
    match = engine.lookup(pick.id)
    if match is None:
        return None
    meaning = pick.meaning if 0 <= pick.meaning < len(match.entry.meanings) else 0
    return dataclasses.replace(match, meaning_index=meaning, score=pick.score, asked=pick.asked)


DETAILS_ACTION = "httpcode_details"  # a summary's Details button: the full answer for one code, privately
