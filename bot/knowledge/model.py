"""The knowledge model: what one code means, in every language we answer in."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS: tuple[str, ...] = ("en", "zh")
FAMILIES: tuple[str, ...] = ("http", "ftp", "win32", "hresult")


@dataclass(frozen=True, slots=True)
class Meaning:
    """One meaning of a code; most codes have one, some depend on the component."""

    component: str
    source: str
    title: dict[str, str]
    cause: dict[str, str]
    fix: dict[str, tuple[str, ...]]
    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    clues: tuple[str, ...] = ()


@dataclass(slots=True)
class Entry:
    """A code of one family, with its meanings (the first is the default)."""

    family: str
    code: str
    meanings: list[Meaning]
    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)
    origin: str = ""

    @property
    def id(self) -> str:
        return f"{self.family}:{self.code}"

    @property
    def default(self) -> Meaning:
        return self.meanings[0]

    @property
    def parent_code(self) -> str | None:
        """`403` for `403.14`; None for a base code."""
        if self.family == "http" and "." in self.code:
            return self.code.split(".", 1)[0]
        return None

    def all_aliases(self) -> list[tuple[str, int]]:
        """Every alias with the index of the meaning it belongs to (-1: the entry as a whole)."""
        out = [(a, -1) for a in self.aliases]
        for i, m in enumerate(self.meanings):
            out.extend((a, i) for a in m.aliases)
        return out

    def to_json(self) -> dict:
        m = self.default
        data: dict = {
            "id": self.id,
            "family": self.family,
            "code": self.code,
            "source": m.source,
            "title": dict(m.title),
            "cause": dict(m.cause),
            "fix": {k: list(v) for k, v in m.fix.items()},
            "aliases": list(dict.fromkeys([*self.aliases, *m.aliases])),
            "links": list(dict.fromkeys([*m.links, *self.links])),
        }
        if len(self.meanings) > 1:
            data["meanings"] = [
                {
                    "component": x.component,
                    "source": x.source,
                    "clues": list(x.clues),
                    "title": dict(x.title),
                    "cause": dict(x.cause),
                    "fix": {k: list(v) for k, v in x.fix.items()},
                    "aliases": list(x.aliases),
                    "links": list(x.links),
                }
                for x in self.meanings
            ]
        if self.see_also:
            data["see_also"] = list(self.see_also)
        if self.notes:
            data["notes"] = dict(self.notes)
        return data
