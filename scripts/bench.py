"""Latency of the engine: per query over the dev set, a 40,000-character paste, hostile shapes.

Prints median and p99 in milliseconds (wall clock, after a warm-up), plus load time and the
process's peak memory. Numbers, not pass/fail: compare runs on the same machine.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.triage import summarize_log  # noqa: E402
from scripts.adversarial import table  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def timed(fn, *args, **kwargs) -> float:
    t = time.perf_counter()
    fn(*args, **kwargs)
    return (time.perf_counter() - t) * 1000.0


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def big_paste(texts: list[str], size: int = 40_000, seed: int = 7) -> str:
    """Chat, pages and log lines mixed to Slack's message limit."""
    rng = random.Random(seed)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < size:
        parts.append(rng.choice(texts))
    return "\n".join(parts)[:size]


def main() -> int:
    t0 = time.perf_counter()
    engine = Engine.load()
    load_ms = (time.perf_counter() - t0) * 1000.0
    dev = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV  # the dev set, or any labelled JSONL file
    texts = [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    for text in texts:  # warm-up
        engine.explain(text, "direct")
    rows = []
    for mode in ("direct", "passive"):
        samples = [timed(engine.explain, t, mode) for _ in range(5) for t in texts]
        rows.append((f"dev set ({len(texts)} texts x5), {mode}", samples))
    paste = big_paste(texts)
    rows.append(("40,000-char paste, direct", [timed(engine.explain, paste, "direct") for _ in range(20)]))
    rows.append(("40,000-char paste, passive", [timed(engine.explain, paste, "passive") for _ in range(20)]))
    junk = ("500 " * 10_000)[:40_000]
    log = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    log += "sc-status sc-substatus sc-win32-status time-taken\n"
    log += "".join(
        f"2024-11-27 10:{i // 60 % 60:02d}:{i % 60:02d} 10.0.0.5 GET /p{i} - 443 - 10.0.0.{i % 250} UA "
        f"{(500, 404, 200, 401)[i % 4]} {(19, 0, 0, 2)[i % 4]} {(13, 2, 64, 5)[i % 4]} {i % 997}\n"
        for i in range(100_000)
    )
    rows.append(("40,000 chars of '500 500 ...'", [timed(engine.explain, junk, "passive") for _ in range(10)]))
    rows.append(("100,000-line IIS log summary", [timed(summarize_log, engine, log) for _ in range(3)]))
    print(
        f"knowledge load + index: {load_ms:.0f} ms, {len(engine.kb.entries)} entries, {len(engine.aliases.aliases)} aliases"
    )
    print(f"{'workload':<40} {'median ms':>10} {'p99 ms':>8} {'max ms':>8}")
    for name, samples in rows:
        print(f"{name:<40} {statistics.median(samples):>10.3f} {pct(samples, 0.99):>8.3f} {max(samples):>8.3f}")
    print(f"\n{'adversarial shape (ms: slower mode, median of 5)':<44} {'10k':>7} {'20k':>7} {'40k':>7}")
    worst = 0.0
    for name, values in table(engine, (10_000, 20_000, 40_000), repeat=5):
        worst = max(worst, values[-1])
        print(f"{name:<44} " + " ".join(f"{v:>7.1f}" for v in values))
    print(f"worst 40,000-character shape: {worst:.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
