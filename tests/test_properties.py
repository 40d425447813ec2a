"""Invariants over generated text: extraction and matching never crash, stay ordered and bounded."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.extract import find_mentions
from bot.text import clean, detect_lang

PIECES = [
    "HTTP Error 500.19",
    "404",
    "403.14",
    "<!here>",
    "<@U123>",
    "<http://x.test|y>",
    "550 Permission denied",
    "Response: 530",
    "0x80070021",
    "2024-01-01 00:00:00 1.2.3.4 GET / - 80 - 5.6.7.8 UA - 500 19 13 1\n",
    "错误",
    "مرحبا",
    "\u202e",
    "😀",
    "\ud800",
    "\x00",
    "ftp",
    "smtp 550 5.1.1",
    "&lt;b&gt;",
    "\n",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=40).map(" ".join),
)
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@given(texts)
def test_clean_and_lang_never_fail(text: str) -> None:
    cleaned = clean(text)
    assert "\x00" not in cleaned
    assert detect_lang(cleaned) in ("en", "zh")


@given(texts)
def test_mentions_are_inside_the_text(text: str) -> None:
    cleaned = clean(text)
    for m in find_mentions(cleaned):
        assert 0 <= m.start <= m.end <= len(cleaned)
        assert 0.0 < m.strength <= 1.0


@given(texts, st.sampled_from(["direct", "passive"]), st.sampled_from([None, "en", "zh"]))
def test_explain_invariants(engine: Engine, text: str, mode: str, lang: str | None) -> None:
    result = engine.explain(text, mode=mode, lang=lang, top=5)
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert len({m.id for m in result.matches}) == len(result.matches)
    assert result.lang in ("en", "zh") and (lang is None or result.lang == lang)
    if mode == "passive":
        assert all(s >= 0.8 for s in scores)
    for m in result.matches:
        assert m.meaning.title[result.lang]
    result.to_json()


@given(st.sampled_from(PIECES), st.integers(min_value=500, max_value=4000))
def test_repeated_patterns_stay_fast(engine: Engine, piece: str, times: int) -> None:
    text = (piece + " ") * times
    text = text[:40_000]
    start = time.perf_counter()
    engine.explain(text, "passive")
    # Generous bound (shared CI machine): catches super-linear blow-ups, not milliseconds.
    assert time.perf_counter() - start < 5.0
