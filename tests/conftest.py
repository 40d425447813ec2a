"""Shared fixtures: one engine for the whole run (loading knowledge takes ~0.2 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.load()


def top_id(engine: Engine, text: str, mode: str = "direct") -> str | None:
    result = engine.explain(text, mode)
    return result.matches[0].id if result.matches else None
