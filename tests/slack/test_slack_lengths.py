"""Length limits over many real results, for every answer kind: text shown before More.

Unprompted answers show at most 900 characters, asked-for ones 1,500 (command reply, thread answer,
message shortcut, triage Details); the full answer behind More is only bounded by Slack's limits.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from slack_sdk.models.blocks import Block

from bot.engine import Engine
from bot.slack.render.picks import ButtonValue, Pick, rehydrate
from bot.slack.render.replies import (
    DIRECT_CHARS,
    MAX_SEVERAL,
    MORE_ACTION,
    UNPROMPTED_CHARS,
    answer_reply,
    codes_named,
    reply_for,
    several_reply,
    visible_chars,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load([ROOT / "tests" / "knowledge_cases"])


def _texts() -> list[str]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        rows += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[::2]  # every other paste of every set: ~330 texts, each kind, both languages


def _valid(reply) -> list[dict]:
    blocks = reply.to_kwargs()["blocks"]
    for raw in blocks:
        Block.parse(raw).validate_json()
    return blocks


def _more_values(blocks: list[dict]) -> list[str]:
    out = []
    for b in blocks:
        for el in [*(b.get("elements") or []), b.get("accessory") or {}]:
            if isinstance(el, dict) and el.get("action_id") == MORE_ACTION:
                out.append(el["value"])
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_answer_kind_stays_within_its_limit(engine: Engine, lang: str) -> None:
    checked = 0
    for text in _texts():
        direct = engine.explain(text, mode="direct", lang=lang, top=MAX_SEVERAL)
        if direct.matches:
            kinds = {
                "command reply": reply_for(direct, buttons=True, share=True),
                "thread answer": reply_for(direct, buttons=True, several=True, thread="1.1"),
                "shortcut": reply_for(direct, buttons=True, share=True, thread="1.2"),
                "triage details": answer_reply(direct.matches[0], lang, share=True, thread="1.3"),
            }
            for kind, reply in kinds.items():
                blocks = _valid(reply)
                assert visible_chars(blocks) <= DIRECT_CHARS, f"{kind}: {text[:80]!r}"
                for value in _more_values(blocks):  # More opens the full answer of the same match
                    match = rehydrate(engine, ButtonValue.decode(value).pick)
                    assert match is not None
                    _valid(answer_reply(match, lang, share=True, full=True))
            checked += 1
        passive = engine.explain(text, mode="passive", lang=lang, top=MAX_SEVERAL)
        if passive.matches:
            one = _valid(answer_reply(passive.matches[0], lang, unprompted=True, thread="1.4"))
            assert visible_chars(one) <= UNPROMPTED_CHARS, f"unprompted: {text[:80]!r}"
            named = codes_named(passive) or passive.matches
            many = _valid(several_reply(named, lang, unprompted=True, thread="1.5"))
            assert visible_chars(many) <= UNPROMPTED_CHARS, f"unprompted, several: {text[:80]!r}"
    assert checked > 200


def test_the_button_remembers_the_case_and_evidence_and_fits_slacks_limit(engine: Engine) -> None:
    page = "HTTP Error 500.19 - Internal Server Error\nError Code 0x80070021\n" + "x" * 3000
    match = engine.explain(page).matches[0]
    assert match.diagnosis is not None
    value = ButtonValue("en", Pick.of(match), others=tuple(Pick.of(match) for _ in range(6))).encode()
    assert len(value) <= 2000
    again = rehydrate(engine, ButtonValue.decode(value).pick)
    assert again.diagnosis.case.id == match.diagnosis.case.id
    assert all(piece in page for piece in again.diagnosis.evidence)
