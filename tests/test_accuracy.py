"""Accuracy floors on labelled pastes: our own sets (tests/data), the blind sets, and the shared dev sample.

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
DEFAULT = {"top1": 0.95, "fp": 0.02, "passive": 0.8}
# Blind sets were written by someone who never saw the engine and scored once, untuned (logs/proxies:
# top-1 0.744). They are never re-labelled. Their floors apply to the rows whose expected ids the
# knowledge base holds (new families count once their knowledge is merged), plus a floor over all rows.
# The blind diagnosis set was written for cases, not recognition: its log lines without a code (Apache
# 2.2, nginx open()/auth lines) are found by wording only (top-1 0.903, passive 0.781 when it arrived).
FLOORS = {
    "blind_logs_proxies.jsonl": {"top1": 0.95, "fp": 0.02, "passive": 0.75, "known_only": True, "top1_all": 0.75},
    # recognition (issue 10): first scores 0.664 and 0.825; held to the targets for unseen text of these kinds
    "blind_words_clients.jsonl": {"top1": 0.97, "top3": 0.99, "fp": 0.01, "passive": 0.9, "answerable_only": True},
    "blind_ftp.jsonl": {"top1": 0.97, "top3": 0.99, "fp": 0.01, "passive": 0.9, "answerable_only": True},
    "blind_diagnosis.jsonl": {"top1": 0.90, "passive": 0.75},
    # every kind of paste (round 2): first score, untuned, top-1 0.952, top-3 0.976, passive 0.867, fp 0 of 26;
    # floors at what the tuning on kinds of text reached (1.000 / 1.000 / 1.000, fp 0)
    "blind_mixed_round2.jsonl": {"top1": 0.99, "top3": 0.99, "fp": 0.01, "passive": 0.98},
    # rounds 3-5 (every kind, more chat, pages and non-English text), each scored once before it was tuned on:
    # first scores 0.969 / 0.978 / 0.884, 0.935 / 0.949 / 0.908, 0.936 / 0.961 / 0.872 (top-1 / top-3 / passive),
    # fp 0 on each; floors a little under what tuning on their kinds reached
    "blind_mixed_round3.jsonl": {"top1": 0.98, "top3": 0.98, "fp": 0.01, "passive": 0.98},
    "blind_mixed_round4.jsonl": {"top1": 0.97, "top3": 0.975, "fp": 0.01, "passive": 0.955},
    "blind_mixed_round5.jsonl": {"top1": 0.96, "top3": 0.97, "fp": 0.01, "passive": 0.94},
    # round 6: first score 0.934 / 0.948 / 0.886 and 3 false positives of 29 (mail replies, a desktop Windows error)
    "blind_mixed_round6.jsonl": {"top1": 0.98, "top3": 0.99, "fp": 0.01, "passive": 0.96},
    # round 7: first score 0.952 / 0.971 / 0.904 and 2 false positives of 31 (a PostgreSQL [pid], nodemailer)
    "blind_mixed_round7.jsonl": {"top1": 0.97, "top3": 0.99, "fp": 0.01, "passive": 0.94},
    # round 8 (more chat, little IIS-log or Chinese): first score 0.956 / 0.956 / 0.906, fp 0 of 28
    "blind_mixed_round8.jsonl": {"top1": 0.98, "top3": 0.98, "fp": 0.01, "passive": 0.93},
    # round 9 (157 pastes, few FTP/IIS, several labels inferred from threads that show no code): first score
    # 0.885 / 0.900 / 0.831, fp 0 of 27
    "blind_mixed_round9.jsonl": {"top1": 0.95, "top3": 0.96, "fp": 0.01, "passive": 0.89},
    # rounds 10-13 (2026-12-02), written two at a time from disjoint corpora (GitHub issues and code; pages and
    # docs), each scored once on the engine as it stood when it arrived: 0.959 / 0.966 / 0.884 (177 pastes),
    # 0.947 / 0.956 / 0.893 (236), 0.982 / 0.995 / 0.936 (248), 0.969 / 0.969 / 0.938 with 2 of 26 false
    # positives (156)
    "blind_mixed_round10.jsonl": {"top1": 0.97, "top3": 0.98, "fp": 0.01, "passive": 0.96},
    "blind_mixed_round11.jsonl": {"top1": 0.97, "top3": 0.98, "fp": 0.01, "passive": 0.94},
    "blind_mixed_round12.jsonl": {"top1": 0.98, "top3": 0.99, "fp": 0.01, "passive": 0.96},
    "blind_mixed_round13.jsonl": {"top1": 0.98, "top3": 0.98, "fp": 0.01, "passive": 0.96},
    # rounds 14-15, the last pair, scored once on the engine after rounds 10-13: 0.965 / 0.982 / 0.904, fp 0 of
    # 31 (259 pastes) and 0.931 / 0.957 / 0.872, fp 2 of 36 (224); a few of their kinds were fixed after that
    "blind_mixed_round14.jsonl": {"top1": 0.965, "top3": 0.975, "fp": 0.01, "passive": 0.90},
    "blind_mixed_round15.jsonl": {"top1": 0.94, "top3": 0.95, "fp": 0.01, "passive": 0.88},
    # rounds 16-17 (issues/code; pages/docs), scored once on the engine after rounds 10-15: 0.937 / 0.942 / 0.855,
    # fp 1 of 33 (240 pastes) and 0.970 / 0.975 / 0.915, fp 2 of 40 (240); several rows of round 16 are labelled
    # from their threads (a Ray ID alone, "what does the error log say?") and stay unanswerable
    "blind_mixed_round16.jsonl": {"top1": 0.94, "top3": 0.94, "fp": 0.01, "passive": 0.91},
    "blind_mixed_round17.jsonl": {"top1": 0.98, "top3": 0.99, "fp": 0.01, "passive": 0.95},
    # rounds 18-19 (issues/code, chat-heavy; pages/docs), scored once on the engine after rounds 16-17 (round 19
    # before round 18's helper finished, round 18 after the round-19 kinds): 0.945 / 0.955 / 0.795, fp 0 of 40, and
    # 0.946 / 0.951 / 0.867, fp 0 of 37 (240 each)
    "blind_mixed_round18.jsonl": {"top1": 0.955, "top3": 0.955, "fp": 0.01, "passive": 0.89},
    "blind_mixed_round19.jsonl": {"top1": 0.96, "top3": 0.96, "fp": 0.01, "passive": 0.90},
    # rounds 20-21 (issues/code; pages/docs, 133 pastes), scored once on the engine after rounds 16-19: 0.905 / 0.923
    # / 0.817, fp 0 of 31 (200) and 0.973 / 0.982 / 0.920, fp 1 of 21 (133; a Japanese page about a band)
    "blind_mixed_round20.jsonl": {"top1": 0.94, "top3": 0.95, "fp": 0.01, "passive": 0.85},
    "blind_mixed_round21.jsonl": {"top1": 0.96, "top3": 0.97, "fp": 0.01, "passive": 0.91},
    # rounds 22-23 (issues/code; pages/docs), the last pair, scored once on the engine after rounds 16-21 (round 23
    # after round 22's GitHub rate-limit fix): 0.929 / 0.964 / 0.851, fp 0 of 32, and 0.964 / 0.982 / 0.886, fp 2 of
    # 34 (one, r23147, relabelled ftp:425 as r15061)
    "blind_mixed_round22.jsonl": {"top1": 0.93, "top3": 0.955, "fp": 0.01, "passive": 0.85},
    "blind_mixed_round23.jsonl": {"top1": 0.955, "top3": 0.975, "fp": 0.01, "passive": 0.88},
    # rounds 24 (GitHub issues and repositories' log fixtures) and 25 (pages), written side by side on 2026-12-02 and
    # scored once on the engine they met (d678641): 0.943 / 0.949 / 0.880, fp 2 of 40; 0.881 / 0.881 / 0.780, fp 0
    # of 26. Round 24 then had its mail-server log lines fixed (fp 0); round 25 is not tuned on yet.
    "blind_mixed_round24.jsonl": {"top1": 0.94, "top3": 0.945, "fp": 0.01, "passive": 0.87},
    "blind_mixed_round25.jsonl": {"top1": 0.875, "top3": 0.875, "fp": 0.01, "passive": 0.77},
}
RIGHT_CASE = 0.85


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _answerable(engine: Engine, row: dict) -> bool:
    """Some acceptable answer belongs to a family this knowledge base has entries for."""
    return not row["expect"] or any(engine.kb.codes_by_family.get(e.split(":", 1)[0]) for e in row["expect"])


def _known(engine: Engine, row: dict) -> bool:
    return all(eid in engine.kb.entries or eid.removesuffix(".0") in engine.kb.entries for eid in row["expect"])


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.parent.name + "/" + p.name)
def test_accuracy_floor(engine: Engine, path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not present")
    rows = _rows(path)
    floor = {**DEFAULT, **FLOORS.get(path.name, {})}
    if "top1_all" in floor:
        stats, misses = score(engine, rows)
        assert stats["all"]["top1"] / stats["all"]["pos"] >= floor["top1_all"], misses
    if floor.get("known_only"):
        rows = [r for r in rows if _known(engine, r)]
    if floor.get("answerable_only"):
        rows = [r for r in rows if _answerable(engine, r)]
    stats, misses = score(engine, rows)
    s = stats["all"]
    assert s["top1"] / s["pos"] >= floor["top1"], misses
    assert s["top3"] / s["pos"] >= floor.get("top3", 0.0), misses
    assert s["fp"] / max(1, s["neg"]) <= floor["fp"], misses
    assert s["passive"] / s["pos"] >= floor["passive"], misses
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
