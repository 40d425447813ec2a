"""Every code in the reference tables and the seed is in knowledge/, complete in both languages."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from bot.knowledge import LANGS
from bot.knowledge.loader import BUILTIN_DIR, load_entries

REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"
pytestmark = pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"reference tables not found at {REFERENCE}")


def rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def entries():
    return load_entries([BUILTIN_DIR])


def expected_ids() -> Counter[str]:
    """id -> how many meanings the tables give it (a code listed twice has two owners)."""
    want: Counter[str] = Counter()
    for r in rows("http_codes.tsv"):
        want[f"http:{r['code']}"] += 1
    for r in rows("iis_substatus.tsv"):
        want[f"http:{r['code']}"] += 1
    for r in rows("ftp_codes.tsv"):
        want[f"ftp:{r['code']}"] += 1
    for r in rows("vendor_codes.tsv"):
        if re.fullmatch(r"\d{3}", r["code"]):  # `1xxx (family…)` and `498 (not used)` are notes, not codes
            want[f"http:{r['code']}"] += 0
    for r in rows("win32_status.tsv"):
        value = r["value"].lower()
        want[f"hresult:{value}" if value.startswith("0x") else f"win32:{value}"] += 1
    return want


def test_every_reference_code_is_known(entries) -> None:
    missing = sorted(eid for eid in expected_ids() if eid not in entries)
    assert missing == [], f"{len(missing)} codes missing: {missing[:20]}"


def test_codes_with_two_owners_have_two_meanings(entries) -> None:
    http_rows = Counter(f"http:{r['code']}" for r in rows("iis_substatus.tsv"))
    http_rows.update(f"http:{r['code']}" for r in rows("http_codes.tsv"))
    shared = [eid for eid, n in http_rows.items() if n > 1]
    assert shared, "the tables list codes with two owners (500.0, 502.5, 499...)"
    thin = [eid for eid in shared if len(entries[eid].meanings) < 2]
    assert thin == [], f"one meaning only: {thin}"


def test_every_entry_has_cause_and_fix_in_every_language(entries) -> None:
    bad = []
    for eid, entry in entries.items():
        for m in entry.meanings:
            for lang in LANGS:
                if not (m.title.get(lang) and m.cause.get(lang) and m.fix.get(lang)):
                    bad.append(f"{eid} {m.component} {lang}")
            if m.title["en"] == m.title["zh"]:
                bad.append(f"{eid} {m.component}: zh title is the English one")
    assert bad == []


def _fold(text: str) -> str:
    return re.sub(r"[\s。.：:，,（）()]+", "", text).lower()


def test_seed_chinese_wording_is_kept(entries) -> None:
    """Each Chinese title the seed uses is the entry's title or an alias (kept where the seed is wrong)."""
    missing = []
    for r in rows("seed_titles_zh.tsv"):
        if r["protocol"] not in ("HTTP", "FTP"):
            continue  # the stray `900 - 1600 - 2000 - 3500` line (NOTES.md): not a code
        family = "http" if r["protocol"] == "HTTP" else "ftp"
        entry = entries.get(f"{family}:{r['code']}")
        if entry is None:
            missing.append(f"{family}:{r['code']} (no entry)")
            continue
        texts = {_fold(m.title["zh"]) for m in entry.meanings}
        texts |= {_fold(a) for a, _ in entry.all_aliases()}
        wording = _fold(r["seed_zh_title"])
        if not any(wording == t or (len(wording) > 6 and wording in t) for t in texts):
            missing.append(f"{family}:{r['code']} {r['seed_zh_title']!r}")
    assert missing == [], missing
