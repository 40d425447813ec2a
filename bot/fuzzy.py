"""Match text that names no code against every title and alias, in both languages.

A token index (English words, Chinese character pairs) narrows thousands of aliases to the few
that share rare words with the text; rapidfuzz then scores only those, on the part of the text
where their words occur. That keeps a 40,000-character paste in milliseconds.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz

from bot.knowledge.model import Entry
from bot.text import clean, fold

_WORD = re.compile(
    r"[a-z0-9]+(?:'[a-z]+)?|[\u0400-\u04ff]+|[\u3400-\u4dbf\u4e00-\u9fff]+"
)  # Latin, Cyrillic words; Han runs
STOPWORDS = frozenset(
    "the a an to of is are was be been for and or in on at this that it its by as with from your you".split()
)
MIN_COVERAGE = 0.6


class Alias(NamedTuple):
    """One matchable text of an entry (a tuple: thousands of them load quickly from the cache)."""

    entry_id: str
    meaning: int  # -1: the entry as a whole
    text: str  # folded
    tokens: tuple[str, ...]
    pattern: str | None  # for aliases with `*`: a regular expression, compiled on first use
    is_title: bool
    shared: bool = False  # the same words belong to another code too (IIS prints one sentence on 401 and 403)


@dataclass(frozen=True, slots=True)
class AliasHit:
    entry_id: str
    meaning: int
    score: float  # 0..1 confidence that the text is about this entry
    alias: str


def tokens(folded: str) -> list[str]:
    """Words for English, overlapping character pairs for Chinese."""
    out: list[str] = []
    for w in _WORD.findall(folded):
        if w[0] >= "\u3400":
            out.extend(w[i : i + 2] for i in range(max(1, len(w) - 1)))
        elif w not in STOPWORDS and (len(w) > 1 or w.isdigit()):
            out.append(w)
    return out


_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_DROPPED = STOPWORDS | frozenset("abcdefghijklmnopqrstuvwxyz")  # stopwords and single letters are never tokens


def token_set(folded: str) -> set[str]:
    """The distinct tokens of a text: each distinct word is looked at once (a long paste repeats most)."""
    if folded.isascii():  # the common case in set operations only (no Chinese pairs to make)
        out = set(_ASCII_WORD.findall(folded))
        out -= _DROPPED
        return out
    out = set()
    for w in set(_WORD.findall(folded)):
        if w[0] >= "\u3400":
            out.update(w[i : i + 2] for i in range(max(1, len(w) - 1)))
        elif w not in STOPWORDS and (len(w) > 1 or w.isdigit()):
            out.add(w)
    return out


def _family_code(entry_id: str) -> str:
    """`http:404.0` and `http:404` are one code for sharing purposes (IIS's .0 is the plain code)."""
    return entry_id[:-2] if entry_id.endswith(".0") else entry_id


def _pattern(folded: str) -> str | None:
    if "*" not in folded:
        return None
    parts = [re.escape(p.strip()) for p in folded.split("*")]
    return r"[^\n]{0,120}?".join(p for p in parts)


# Compiled when a text first reaches the alias, not when the index is built or read from the cache.
_compiled = functools.lru_cache(maxsize=None)(re.compile)


class AliasIndex:
    """Every alias and title of a knowledge base, indexed by token."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.aliases: list[Alias] = []
        for entry in entries.values():
            seen: set[str] = set()
            texts: list[tuple[str, int, bool]] = []
            for i, m in enumerate(entry.meanings):
                texts += [(m.title["en"], i, True), (m.title["zh"], i, True)]
            texts += [(a, i, False) for a, i in entry.all_aliases()]
            for raw, meaning, is_title in texts:
                folded = fold(clean(raw)).strip(" .。!")
                if len(folded) < 3 or folded in seen:
                    continue
                seen.add(folded)
                toks = tuple(dict.fromkeys(tokens(folded.replace("*", " "))))
                # One word ("Found", "Timeout.") is never evidence alone; it still confirms a code
                # printed next to it (the engine's phrase check), but it is not indexed here.
                if len(toks) > 1 or (toks and len(toks[0]) >= 4 and toks[0][0] >= "\u3400"):
                    self.aliases.append(Alias(entry.id, meaning, folded, toks, _pattern(folded), is_title))
        owners: dict[str, set[str]] = defaultdict(set)
        for alias in self.aliases:
            owners[alias.text].add(_family_code(alias.entry_id))
        self.aliases = [
            Alias(a.entry_id, a.meaning, a.text, a.tokens, a.pattern, a.is_title, shared=len(owners[a.text]) > 1)
            for a in self.aliases
        ]
        df: dict[str, int] = defaultdict(int)
        for alias in self.aliases:
            for tok in alias.tokens:
                df[tok] += 1
        n = len(self.aliases) or 1
        self.idf = {tok: math.log(1 + n / count) for tok, count in df.items()}
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.weight: list[float] = []
        for idx, alias in enumerate(self.aliases):
            for tok in alias.tokens:
                self.postings[tok].append(idx)
            self.weight.append(math.fsum(self.idf[t] for t in alias.tokens))
        # Per alias, what `search` checks first: the covered weight it needs, and its specificity.
        self.need = [
            w * (0.999 if len(a.tokens) <= 4 else MIN_COVERAGE) for a, w in zip(self.aliases, self.weight, strict=True)
        ]
        self.spec = [self._specificity(w, a) for a, w in zip(self.aliases, self.weight, strict=True)]
        # Anchors: an alias's rarest tokens, as many as it takes that the text cannot reach the alias's
        # need without one of them. Only aliases with an anchor in the text are candidates, so common
        # words ("error", "server") cost nothing unless they are some alias's rarest.
        self.anchors: dict[str, list[int]] = defaultdict(list)
        for idx, alias in enumerate(self.aliases):
            rest = self.weight[idx]
            for tok in sorted(alias.tokens, key=lambda t: -self.idf[t]):
                self.anchors[tok].append(idx)
                rest -= self.idf[tok]
                if rest < self.need[idx] * 0.999999:
                    break
        self.anchor_keys = frozenset(self.anchors)

    def search(self, folded_text: str, *, limit: int = 10, min_score: float = 0.3) -> list[AliasHit]:
        """Best alias hits for a folded text, best first, at most one per (entry, meaning)."""
        idf = self.idf
        anchors = self.anchors
        text_tokens = token_set(folded_text)
        candidates: set[int] = set()
        for found in map(anchors.__getitem__, text_tokens.intersection(self.anchor_keys)):
            candidates.update(found)
        # Upper bound of each candidate's score (ratio <= 1); verify the most promising first and
        # stop once the remaining ones cannot beat what we have.
        bounds: list[tuple[float, int, float]] = []
        need, spec, weight, aliases = self.need, self.spec, self.weight, self.aliases
        for idx in candidates:
            toks = aliases[idx].tokens
            if len(toks) <= 4:  # short aliases need every token
                if not text_tokens.issuperset(toks):
                    continue
                got = weight[idx]
            else:
                # fsum is exact: the same in any set order (string hashes are salted per process)
                got = math.fsum(map(idf.__getitem__, text_tokens.intersection(toks)))
                if got < need[idx]:
                    continue
            coverage = got / weight[idx]
            bound = coverage * spec[idx]
            if bound >= min_score:
                bounds.append((bound, idx, coverage))
        bounds.sort(reverse=True)
        best: dict[tuple[str, int], AliasHit] = {}
        for bound, idx, _coverage in bounds:
            if len(best) >= limit and bound <= sorted(h.score for h in best.values())[-limit]:
                break
            alias = self.aliases[idx]
            ratio = self._ratio(alias, folded_text)
            if ratio < (0.9 if len(alias.tokens) <= 4 else 0.7):
                continue
            score = ratio * bound
            if score < min_score:
                continue
            key = (alias.entry_id, alias.meaning)
            if key not in best or best[key].score < score:
                best[key] = AliasHit(alias.entry_id, alias.meaning, score, alias.text)
        hits = sorted(best.values(), key=lambda h: -h.score)
        # "Found" inside "Not Found": a phrase contained in a longer matched phrase is not evidence.
        hits = [
            h
            for h in hits
            if not any(
                o.entry_id != h.entry_id and o.score >= h.score * 0.8 and h.alias in o.alias and h.alias != o.alias
                for o in hits
            )
        ]
        return hits[:limit]

    @staticmethod
    def _specificity(weight: float, alias: Alias) -> float:
        """Long distinctive sentences are proof; a two-word reason phrase is only a hint."""
        spec = 0.45 + 0.5 * min(1.0, weight / 24.0)
        return spec * (0.9 if alias.is_title else 1.0) * (0.75 if alias.shared else 1.0)

    def _ratio(self, alias: Alias, text: str) -> float:
        if alias.pattern is not None and _compiled(alias.pattern).search(text):
            return 1.0
        needle = alias.text.replace("*", " ")
        if len(text) <= 4 * len(needle) + 200:
            return fuzz.partial_ratio(needle, text) / 100.0
        # Long text: look only around the alias's rarest word.
        rare = max(alias.tokens, key=lambda t: self.idf.get(t, 0.0))
        best = 0.0
        start = 0
        for _ in range(5):
            pos = text.find(rare, start)
            if pos < 0:
                break
            lo = max(0, pos - len(needle))
            window = text[lo : pos + len(needle) + len(rare)]
            best = max(best, fuzz.partial_ratio(needle, window) / 100.0)
            start = pos + 1
        return best
