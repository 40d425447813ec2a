"""Score the engine on labelled pastes (../shared/eval/dev.jsonl by default).

Prints top-1, top-3 and passive recall over positives, passive false positives over negatives,
and the same per family; `--show-misses` lists what went wrong, to fix the kind of text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def accepted(expect: list[str]) -> set[str]:
    """`404.0` accepts `404` (the label convention of dev.jsonl)."""
    out = set(expect)
    for eid in expect:
        if eid.endswith(".0"):
            out.add(eid[:-2])
    return out


def _answers(matches) -> list[str]:
    """Each answer's id; an entry that comes with a fixed HTTP status also counts as `http:S`."""
    return [m.id if not m.entry.status else f"{m.id}|http:{m.entry.status}" for m in matches]


def _hit(answer: str, ok: set[str]) -> bool:
    return any(part in ok for part in answer.split("|"))


def score(engine: Engine, rows: list[dict]) -> tuple[dict, list[str]]:
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    misses: list[str] = []
    for row in rows:
        ok = accepted(row["expect"])
        direct = _answers(engine.explain(row["text"], "direct", top=3).matches)
        passive = _answers(engine.explain(row["text"], "passive", top=3).matches)
        for key in ("all", row["family"]):
            s = stats[key]
            if ok:
                s["pos"] += 1
                s["top1"] += bool(direct[:1] and _hit(direct[0], ok))
                s["top3"] += any(_hit(a, ok) for a in direct[:3])
                s["passive"] += bool(passive[:1] and _hit(passive[0], ok))
            else:
                s["neg"] += 1
                s["fp"] += bool(passive)
        if ok and not (direct[:1] and _hit(direct[0], ok)):
            misses.append(f"{row['id']} {row['family']}: expect {row['expect']} got {direct}")
        if not ok and passive:
            misses.append(f"{row['id']} {row['family']}: passive FP {passive}")
    return stats, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--knowledge", action="append", default=[], help="extra knowledge directory")
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.file).read_text(encoding="utf-8").splitlines() if line.strip()]
    stats, misses = score(Engine.load(args.knowledge), rows)
    print(f"{'family':<11} {'n':>4} {'top1':>6} {'top3':>6} {'passive':>8} {'neg':>4} {'fp':>6}")
    for key in ["all", *sorted(k for k in stats if k != "all")]:
        s = stats[key]
        pos, neg = s["pos"] or 1, s["neg"] or 1
        print(
            f"{key:<11} {int(s['pos'] + s['neg']):>4} {s['top1'] / pos:>6.3f} {s['top3'] / pos:>6.3f} "
            f"{s['passive'] / pos:>8.3f} {int(s['neg']):>4} {s['fp'] / neg:>6.3f}"
        )
    if args.show_misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
