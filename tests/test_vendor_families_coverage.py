"""The Cloudflare 1xxx, Heroku and Envoy response-flag families are complete, in both languages.

Every id below must exist with an en and zh title, cause and fix, at least one alias and one link; an entry
that names the HTTP status it always comes with must name an http entry of the base, and the statuses we
verified are pinned here so an edit cannot drop or change them silently.
"""

from __future__ import annotations

import re

import pytest

from bot.knowledge import LANGS
from bot.knowledge.loader import BUILTIN_DIR, load_entries

# Cloudflare "Troubleshooting Cloudflare 1XXX errors" and the Workers error page. 1038 is not listed by
# Cloudflare's current documentation (1035-1037, 1040, 1041 are the rewrite errors), so it has no entry.
CLOUDFLARE = (
    "1000 1001 1002 1003 1004 1005 1006 1007 1008 1009 1010 1011 1012 1013 1014 1015 1016 1018 1019 1020 "
    "1023 1025 1027 1033 1034 1035 1036 1037 1040 1041 1042 1101 1102 1104 1106 1200"
).split()
# Heroku Dev Center "Heroku Error Codes" (H16 is kept as a tombstone: Heroku no longer emits it).
HEROKU = (
    [f"H{n}" for n in range(10, 29)]
    + "H31 H80 H81 H82 H83 H99".split()
    + "R10 R12 R13 R14 R15 R16 R17 R99".split()
    + [f"L{n}" for n in range(10, 16)]
)
# Envoy access logging, %RESPONSE_FLAGS% (short names).
ENVOY = (
    "UH UF UO NR URX NC DT DC LH UT LR UR UC DI FI RL UAEX RLSE IH SI DPE UPE UMSDR RFCF NFCF OM DF DO DR UDO"
).split()

REQUIRED = [f"cloudflare:{c}" for c in CLOUDFLARE] + [f"heroku:{c}" for c in HEROKU] + [f"envoy:{c}" for c in ENVOY]

# The HTTP status each entry always comes with (docs or the vendor's own log examples); absent = none fixed.
STATUS = {
    "cloudflare:1000": "403",
    "cloudflare:1003": "403",
    "cloudflare:1005": "403",
    "cloudflare:1006": "403",
    "cloudflare:1007": "403",
    "cloudflare:1008": "403",
    "cloudflare:1009": "403",
    "cloudflare:1010": "403",
    "cloudflare:1011": "403",
    "cloudflare:1012": "403",
    "cloudflare:1014": "403",
    "cloudflare:1015": "429",
    "cloudflare:1016": "530",
    "cloudflare:1018": "409",
    "cloudflare:1020": "403",
    "cloudflare:1023": "503",
    "cloudflare:1033": "530",
    "cloudflare:1034": "403",
    "cloudflare:1101": "500",
    "cloudflare:1102": "503",
    "cloudflare:1106": "403",
    **{f"heroku:H{n}": "503" for n in (10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22, 23, 80, 81, 82, 99)},
    "heroku:H25": "502",
    "heroku:H27": "499",
    "heroku:H28": "499",
    "heroku:H31": "421",
    **{f"envoy:{f}": "503" for f in ("UH", "UF", "UO", "LH", "LR", "UR", "UC", "DO", "UDO")},
    "envoy:NR": "404",
    "envoy:UT": "504",
    "envoy:RL": "429",
    "envoy:IH": "400",
    "envoy:SI": "408",
}

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def entries():
    return load_entries([BUILTIN_DIR])


def test_every_required_id_exists(entries) -> None:
    missing = [eid for eid in REQUIRED if eid not in entries]
    assert missing == [], f"{len(missing)} ids missing: {missing}"


@pytest.mark.parametrize("eid", REQUIRED)
def test_entry_is_complete_in_both_languages(entries, eid: str) -> None:
    entry = entries.get(eid)
    if entry is None:
        pytest.fail(f"{eid} missing")
    for m in entry.meanings:
        for lang in LANGS:
            assert m.title.get(lang), f"{eid}: no {lang} title"
            assert m.cause.get(lang), f"{eid}: no {lang} cause"
            assert m.fix.get(lang), f"{eid}: no {lang} fix"
        assert m.title["en"] != m.title["zh"], f"{eid}: zh title is the English one"
        assert CJK.search(m.title["zh"]) and CJK.search(m.cause["zh"]), f"{eid}: zh text is not Chinese"
        assert len(m.fix["en"]) == len(m.fix["zh"]), f"{eid}: en and zh fix have different step counts"
        assert m.links or entry.links, f"{eid}: no link to the vendor's documentation"
    assert entry.all_aliases(), f"{eid}: no alias"


@pytest.mark.parametrize("eid", REQUIRED)
def test_status_is_pinned_and_known(entries, eid: str) -> None:
    entry = entries.get(eid)
    if entry is None:
        pytest.fail(f"{eid} missing")
    assert entry.status == STATUS.get(eid), f"{eid}: status {entry.status!r}, expected {STATUS.get(eid)!r}"
    if entry.status:
        assert f"http:{entry.status}" in entries, f"{eid}: http:{entry.status} is not an entry of the base"


def test_pinned_statuses_belong_to_required_ids() -> None:
    assert set(STATUS) <= set(REQUIRED)
