"""Accuracy floors on labelled pastes: our own sets (tests/data) and the shared dev sample.

Recognition (top-1, passive) on every set; diagnosis (the case chosen for the expected code) on every
set whose rows carry `case` labels: tests/data/diagnosis.jsonl and tests/data/blind_diagnosis.jsonl
(written blind by a helper who never saw the engine; first score, untuned: right case 0.835).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine import Engine
from scripts.eval import score, score_diagnosis

HERE = Path(__file__).resolve().parent
SETS = [*sorted((HERE / "data").glob("*.jsonl")), HERE.parent.parent / "shared" / "eval" / "dev.jsonl"]
# (top-1, passive recall) where a set was written for diagnosis, not recognition: the blind diagnosis
# set's log lines without a code (Apache 2.2, nginx open()/auth lines) are found by wording only, and
# recognition measured 0.903 / 0.781 on it when it arrived.
RECOGNITION = {"blind_diagnosis.jsonl": (0.90, 0.75)}
RIGHT_CASE = 0.85


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.parent.name + "/" + p.name)
def test_accuracy_floor(engine: Engine, path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not present")
    rows = _rows(path)
    stats, misses = score(engine, rows)
    s = stats["all"]
    top1, passive = RECOGNITION.get(path.name, (0.95, 0.8))
    assert s["top1"] / s["pos"] >= top1, misses
    assert s["fp"] / max(1, s["neg"]) <= 0.02, misses
    assert s["passive"] / s["pos"] >= passive, misses
    diag, diag_misses = score_diagnosis(engine, rows)
    assert diag["unfounded"] == 0, diag_misses  # never a case without its evidence in the text


DIAGNOSIS_SETS = [p for p in SETS if p.exists() and any("case" in row for row in _rows(p))]


def test_both_diagnosis_sets_are_scored() -> None:
    assert {p.name for p in DIAGNOSIS_SETS} >= {"diagnosis.jsonl", "blind_diagnosis.jsonl"}


@pytest.mark.parametrize("path", DIAGNOSIS_SETS, ids=lambda p: p.name)
def test_diagnosis_floor(engine: Engine, path: Path) -> None:
    diag, misses = score_diagnosis(engine, _rows(path))
    assert diag["labelled"] and diag["expected_none"], "a diagnosis set has rows of both kinds"
    assert diag["right"] / diag["labelled"] >= RIGHT_CASE, misses
    assert diag["spurious"] == 0, misses  # no case where none fits
    assert diag["unfounded"] == 0, misses  # no case without its evidence in the text
