"""Adversarial paste shapes: text built to make a pattern backtrack or a loop go quadratic.

`shapes(n)` yields (name, text of about n characters) for every shape; `python scripts/adversarial.py`
prints the slowest explain() per shape at 10k/20k/40k characters. tests/test_properties.py runs
the same generator (bounded sizes) and fails on super-linear growth; scripts/bench.py prints the
worst case per shape.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (name, head, unit repeated, tail): the unit fills the text to n characters.
_SHAPES: list[tuple[str, str, str, str]] = [
    ("spaces after a code", "500", " ", "x"),
    ("tabs after a code", "HTTP 500", "\t", "x"),
    ("newlines after a code", "500", "\n", "x"),
    ("mixed blanks", "ftp 550", " \t\u3000\u00a0", "zh"),
    ("dots after a code", "500", ".", "x"),
    ("dotted digits", "", "1.", ""),
    ("digit run", "", "5", ""),
    ("codes and spaces", "", "500 ", ""),
    ("sub-status run", "", "500.19.", ""),
    ("dashes", "500", "-", "1"),
    ("colons", "", "500:", ""),
    ("repeated page line", "", "HTTP Error 500.19 - Internal Server Error\n", ""),
    ("repeated ftp replies", "Status: Connecting\n", "Response: 550 Permission denied\n", ""),
    ("repeated log line", "", "2024-05-01 10:00:00 10.0.0.5 GET /a - 80 - 10.0.0.9 - - 500 19 13 15\n", ""),
    ("slack mentions", "", "<@U123>", ""),
    ("slack links", "", "<http://x.test|y>", ""),
    ("unclosed angle brackets", "", "<", "500"),
    ("unclosed tag", "<a href=", "x", ""),
    ("entities", "", "&lt;&amp;", ""),
    ("chinese", "", "错误响应请求", "500"),
    ("chinese labels and numbers", "", "响应: 1024 请求 ", ""),
    ("brackets", "", "[", "403]"),
    ("parentheses", "", "(", "401) Unauthorized"),
    ("quotes", "", "\"'", "550"),
    ("curl prefixes", "", "curl: (", "7)"),
    ("net prefixes", "", "net::ERR_", "X"),
    ("hex prefixes", "", "0x", "80070005"),
    ("heroku codes", "heroku ", "code=H12 ", ""),
    ("envoy flags", "", '" 503 UH ', ""),
    ("reason lines", "", "Forbidden\n", ""),
    ("ftp function prefixes", "ftp ", "ftp_put(): ", "Login incorrect"),
    ("status zero", "xhr ", "status: 0 ", ""),
    ("letters", "", "a", "500"),
    ("words without spaces", "", "error", "500"),
    ("cloudflare words", "cloudflare ray id ", "error ", "1020"),
    ("timestamps", "", "10:00:01 ", "550 x"),
    ("bracket prefixes", "", "[x] ", "550 x"),
]


def shapes(n: int) -> Iterator[tuple[str, str]]:
    for name, head, unit, tail in _SHAPES:
        body = unit * max(1, (n - len(head) - len(tail)) // len(unit))
        yield name, (head + body + tail)[: max(n, len(head) + len(tail))]


def worst_ms(engine, text: str, repeat: int = 3) -> float:
    """The slower mode's median of `repeat` runs, in milliseconds (a shared machine's spikes are not the text's)."""
    worst = 0.0
    for mode in ("direct", "passive"):
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            engine.explain(text, mode)
            runs.append((time.perf_counter() - t) * 1000.0)
        worst = max(worst, sorted(runs)[len(runs) // 2])
    return worst


def table(engine, sizes: tuple[int, ...] = (10_000, 20_000, 40_000), repeat: int = 3) -> list[tuple[str, list[float]]]:
    rows: dict[str, list[float]] = {}
    for n in sizes:
        for name, text in shapes(n):
            rows.setdefault(name, []).append(worst_ms(engine, text, repeat))
    return list(rows.items())


def main() -> int:
    from bot.engine import Engine

    engine = Engine.load()
    sizes = (10_000, 20_000, 40_000)
    print(f"{'shape':<30} " + " ".join(f"{n // 1000:>6}k" for n in sizes) + "   (ms, slower mode, median of 5)")
    for name, values in table(engine, sizes, repeat=5):
        print(f"{name:<30} " + " ".join(f"{v:>7.1f}" for v in values))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def patterns() -> list[tuple[str, object]]:
    """Every compiled pattern of the modules that read pasted text, by dotted name."""
    import importlib
    import re

    names = ["bot.text", "bot.context", "bot.engine", "bot.fuzzy", "bot.logs"]
    import bot.recognize as rec

    names += [f"bot.recognize.{m}" for m in rec.__all_readers__]
    out = []
    for mod_name in names:
        mod = importlib.import_module(mod_name)
        for attr, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                out.append((f"{mod_name}.{attr}", value))
            elif isinstance(value, (list, tuple)):
                for i, item in enumerate(value):
                    pat = item[0] if isinstance(item, tuple) and item else item
                    pat = (
                        item[1]
                        if isinstance(item, tuple) and len(item) > 1 and isinstance(item[1], re.Pattern)
                        else pat
                    )
                    if isinstance(pat, re.Pattern):
                        out.append((f"{mod_name}.{attr}[{i}]", pat))
    return out


def pattern_ms(pattern, text: str) -> float:
    t = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return (time.perf_counter() - t) * 1000.0


def slowest_patterns(n: int = 40_000, top: int = 10) -> list[tuple[float, str, str]]:
    """The patterns that take longest over any shape of n characters: (ms, pattern, shape)."""
    texts = list(shapes(n))
    rows = []
    for pname, pattern in patterns():
        ms, shape = max((pattern_ms(pattern, text), name) for name, text in texts)
        rows.append((ms, pname, shape))
    return sorted(rows, reverse=True)[:top]
