"""Score the engine on labelled pastes (../shared/eval/dev.jsonl by default).

Prints top-1, top-3 and passive recall over positives, passive false positives over negatives,
and the same per family; `--show-misses` lists what went wrong, to fix the kind of text.

Rows labelled with `"case"` (a case id, or null for "no case should be given") are also scored for
diagnosis: the share whose expected match carries the right case, and over every row the share of
pastes where a case was given with evidence that is not in the text (must be 0).
`--knowledge DIR` adds a team directory, as the CLI does.
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
    out = set(expect) | {e.lower() for e in expect if e.startswith("hresult:")}  # hex digits in either case
    for eid in expect:
        if eid.endswith(".0"):
            out.add(eid[:-2])
    return out


def _as_expected(match, ok: set[str]) -> str:
    """An entry that comes with a fixed HTTP status also counts as that status (cloudflare:1020 where http:403
    is expected: ../shared/eval/README.md)."""
    status = getattr(match.entry, "status", None)
    if match.id not in ok and status and f"http:{status}" in ok:
        return f"http:{status}"
    return match.id


def score(engine: Engine, rows: list[dict]) -> tuple[dict, list[str]]:
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    misses: list[str] = []
    for row in rows:
        ok = accepted(row["expect"])
        direct = [_as_expected(m, ok) for m in engine.explain(row["text"], "direct", top=3).matches]
        passive = [_as_expected(m, ok) for m in engine.explain(row["text"], "passive", top=3).matches]
        for key in ("all", row["family"]):
            s = stats[key]
            if ok:
                s["pos"] += 1
                s["top1"] += bool(direct[:1] and direct[0] in ok)
                s["top3"] += bool(set(direct[:3]) & ok)
                s["passive"] += bool(passive[:1] and passive[0] in ok)
            else:
                s["neg"] += 1
                s["fp"] += bool(passive)
        if ok and not (direct[:1] and direct[0] in ok):
            misses.append(f"{row['id']} {row['family']}: expect {row['expect']} got {direct}")
        if not ok and passive:
            misses.append(f"{row['id']} {row['family']}: passive FP {passive}")
    return stats, misses


def score_diagnosis(engine: Engine, rows: list[dict]) -> tuple[dict, list[str]]:
    """Right case on labelled rows; cases given without their evidence in the text, on every row."""
    out = {"labelled": 0, "right": 0, "expected_none": 0, "spurious": 0, "rows": 0, "unfounded": 0, "given": 0}
    misses: list[str] = []
    for row in rows:
        text = row["text"]
        result = engine.explain(text, "direct", top=3)
        out["rows"] += 1
        given = [m for m in result.matches if m.diagnosis is not None]
        out["given"] += bool(given)
        if any(not m.diagnosis.evidence or any(q not in text for q in m.diagnosis.evidence) for m in given):
            out["unfounded"] += 1
            misses.append(f"{row['id']}: case given without its evidence in the text")
        if "case" not in row:
            continue
        ok = accepted(row["expect"])
        target = next((m for m in result.matches if m.id in ok), None)
        got = target.diagnosis.case.id if target is not None and target.diagnosis else None
        if row["case"] is None:
            out["expected_none"] += 1
            out["spurious"] += got is not None
            if got is not None:
                misses.append(f"{row['id']}: expect no case, got {got}")
            continue
        out["labelled"] += 1
        out["right"] += got == row["case"]
        if got != row["case"]:
            top = result.matches[0].id if result.matches else None
            misses.append(
                f"{row['id']}: expect {row['expect'][0]}/{row['case']}, got {target and target.id}/{got} (top {top})"
            )
    return out, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--knowledge", action="append", default=[], metavar="DIR", help="extra knowledge directory")
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.file).read_text(encoding="utf-8").splitlines() if line.strip()]
    engine = Engine.load(args.knowledge)
    stats, misses = score(engine, rows)
    print(f"{'family':<11} {'n':>4} {'top1':>6} {'top3':>6} {'passive':>8} {'neg':>4} {'fp':>6}")
    for key in ["all", *sorted(k for k in stats if k != "all")]:
        s = stats[key]
        pos, neg = s["pos"] or 1, s["neg"] or 1
        print(
            f"{key:<11} {int(s['pos'] + s['neg']):>4} {s['top1'] / pos:>6.3f} {s['top3'] / pos:>6.3f} "
            f"{s['passive'] / pos:>8.3f} {int(s['neg']):>4} {s['fp'] / neg:>6.3f}"
        )
    diag, diag_misses = score_diagnosis(engine, rows)
    if diag["labelled"] or diag["expected_none"]:
        print(
            f"\ndiagnosis: right case {diag['right'] / max(1, diag['labelled']):.3f} ({diag['right']} of {diag['labelled']})"
            f" · case where none fits {diag['spurious'] / max(1, diag['expected_none']):.3f}"
            f" ({diag['spurious']} of {diag['expected_none']})"
        )
    print(
        f"case without its evidence in the text: {diag['unfounded'] / max(1, diag['rows']):.3f}"
        f" ({diag['unfounded']} of {diag['rows']} pastes; a case was given on {diag['given']})"
    )
    if args.show_misses:
        print("\n".join(misses + diag_misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
