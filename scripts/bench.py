"""Latency of the engine: per query over the dev set, a 40,000-character paste, hostile shapes.

Prints mean, median and p99 in milliseconds (wall clock, after a warm-up), plus load time and the
process's peak memory; how the cost grows with paste size and with log lines; a 1,000,000-line
IIS log summarised through the CLI (a child process: time and peak RSS) and through the engine's
streaming API (time, and peak traced memory); and the start-up ratio of `httpcode explain 401.3`
to `python -c "import rapidfuzz, yaml"` (best of N runs each, the same interpreter).
Numbers, not pass/fail: compare runs on the same machine. `--quick` skips the 1M-line log.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.logs import open_text  # noqa: E402
from bot.triage import summarize_log  # noqa: E402
from scripts.adversarial import table  # noqa: E402

# The shared dev set beside the checkout (or beside the worktrees' parent, for a git worktree).
DEV = next(
    (p for p in (ROOT.parent / "shared/eval/dev.jsonl", ROOT.parent.parent / "shared/eval/dev.jsonl") if p.exists()),
    ROOT.parent / "shared/eval/dev.jsonl",
)


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


IIS_HEADER = (
    "#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip cs-method cs-uri-stem "
    "cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n"
)


def iis_lines(n: int):
    for i in range(n):
        status, sub, win32 = ((500, 19, 13), (404, 0, 2), (200, 0, 0), (401, 2, 5), (503, 0, 0))[i % 5]
        yield (
            f"2024-11-27 10:{i // 60 % 60:02d}:{i % 60:02d}.{i % 1000:03d} 10.0.0.5 GET /p{i} - 443 - "
            f"10.0.0.{i % 250} Mozilla/5.0 - {status} {sub} {win32} {i % 997}\n"
        )


def write_log(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(IIS_HEADER)
        fh.writelines(iis_lines(n))


def start_up_ratio(runs: int = 15) -> tuple[float, float]:
    """Best of `runs` wall times (ms) of each command, alternating, so both see the same machine load."""

    def once(cmd: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return (time.perf_counter() - t) * 1000.0

    base_cmd = [sys.executable, "-c", "import rapidfuzz, yaml"]
    ours = [sys.executable, "-m", "bot", "explain", "401.3"]
    once(ours)  # fills the compiled cache
    base, mine = [], []
    for _ in range(runs):
        base.append(once(base_cmd))
        mine.append(once(ours))
    return min(base), min(mine)


def one_million(engine: Engine, n: int = 1_000_000) -> list[str]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "iis.log"
        write_log(path, n)
        size = path.stat().st_size / 2**20
        # The child reports its own peak (VmHWM of its address space): RUSAGE_CHILDREN would count the
        # memory of this process that the child had before exec.
        child = (
            "import sys\nfrom bot.cli import main\nrc = main(['explain', '--json'])\n"
            "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')]\n"
            "sys.stderr.write(hwm[0] if hwm else 'VmHWM: 0 kB')\nsys.exit(rc)"
        )
        t = time.perf_counter()
        with open(path, "rb") as fh:
            proc = subprocess.run([sys.executable, "-c", child], stdin=fh, capture_output=True, check=False)
        cli_s = time.perf_counter() - t
        cli_rss = int(proc.stderr.split()[-2]) / 1024
        data = json.loads(proc.stdout)
        out.append(
            f"{n:,}-line IIS log ({size:.0f} MiB), CLI: {cli_s:.1f} s, child peak RSS {cli_rss:.0f} MiB, "
            f"{data['records']:,} records in {data['lines']:,} lines, {len(data['matches'])} matches"
        )
        t = time.perf_counter()
        with open(path, "rb") as fh:
            summary = summarize_log(engine, open_text(fh))
        api_s = time.perf_counter() - t
        tracemalloc.start()
        with open(path, "rb") as fh:
            summarize_log(engine, open_text(fh))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert summary is not None and summary.records == n
        out.append(
            f"{n:,}-line IIS log, engine summarize_log(open_text(file)): {api_s:.1f} s "
            f"({api_s / n * 1e6:.1f} us/line), peak traced memory {peak / 2**20:.1f} MiB"
        )
    return out


def growth(engine: Engine, texts: list[str]) -> list[str]:
    """How the cost grows: explain on pastes of growing size, the summary on logs of growing length."""
    out = []
    for size in (5_000, 10_000, 20_000, 40_000):
        paste = big_paste(texts, size)
        ms = statistics.median(timed(engine.explain, paste, "direct") for _ in range(5))
        out.append(f"explain, {size:>6,}-char paste: {ms:7.2f} ms ({ms / size * 1000:.2f} us/char)")
    for n in (10_000, 100_000):
        lines = [IIS_HEADER, *iis_lines(n)]
        ms = statistics.median(timed(summarize_log, engine, lines) for _ in range(3))
        out.append(f"summarize_log, {n:>7,} lines: {ms:8.1f} ms ({ms / n * 1000:.2f} us/line)")
    return out


def main() -> int:
    quick = "--quick" in sys.argv
    t0 = time.perf_counter()
    engine = Engine.load()
    load_ms = (time.perf_counter() - t0) * 1000.0
    files = [a for a in sys.argv[1:] if not a.startswith("--")]
    dev = Path(files[0]) if files else DEV  # the dev set, or any labelled JSONL file
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
    log = IIS_HEADER + "".join(iis_lines(100_000))
    rows.append(("40,000 chars of '500 500 ...'", [timed(engine.explain, junk, "passive") for _ in range(10)]))
    rows.append(("100,000-line IIS log summary", [timed(summarize_log, engine, log) for _ in range(3)]))
    print(
        f"knowledge load + index (cache: {'off' if os.environ.get('HTTPCODE_NO_CACHE') else 'on'}): {load_ms:.0f} ms, "
        f"{len(engine.kb.entries)} entries, {len(engine.aliases.aliases)} aliases"
    )
    print(f"{'workload':<40} {'mean ms':>8} {'median ms':>10} {'p99 ms':>8} {'max ms':>8}")
    for name, samples in rows:
        print(
            f"{name:<40} {statistics.mean(samples):>8.3f} {statistics.median(samples):>10.3f} "
            f"{pct(samples, 0.99):>8.3f} {max(samples):>8.3f}"
        )
    print("\ngrowth:")
    for line in growth(engine, texts):
        print("  " + line)
    print(f"\n{'adversarial shape (ms: slower mode, median of 5)':<44} {'10k':>7} {'20k':>7} {'40k':>7}")
    worst = 0.0
    for name, values in table(engine, (10_000, 20_000, 40_000), repeat=5):
        worst = max(worst, values[-1])
        print(f"{name:<44} " + " ".join(f"{v:>7.1f}" for v in values))
    print(f"worst 40,000-character shape: {worst:.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process): {peak:.0f} MiB")
    if not quick:
        print()
        for line in one_million(engine):
            print(line)
    print()
    for compiled in (False, True):
        if compiled:  # as `pip install` leaves it: bytecode written (PYTHONDONTWRITEBYTECODE stops Python doing it)
            import compileall

            compileall.compile_dir(str(ROOT / "bot"), quiet=1)
        base, ours = start_up_ratio()
        print(
            f"start-up ({'bytecode compiled' if compiled else 'as the checkout is'}): python -c 'import rapidfuzz, "
            f"yaml' {base:.0f} ms; httpcode explain 401.3 {ours:.0f} ms; ratio {ours / base:.2f} (best of 15 each)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
