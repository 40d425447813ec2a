"""The `httpcode` command: explain codes and pasted errors in a terminal, check knowledge."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from bot.knowledge import KnowledgeBase, KnowledgeError


def _kb_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        kb = KnowledgeBase.load(args.knowledge)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        print(f"{len(exc.problems)} problem(s) in knowledge files", file=err)
        return 1
    counts = kb.counts()
    print(f"{'family':<8} {'entries':>7} {'en':>5} {'zh':>5} {'aliases':>8}", file=out)
    for family, row in counts.items():
        print(f"{family:<8} {row.get('entries', 0):>7} {row.get('en', 0):>5} {row.get('zh', 0):>5} {row.get('aliases', 0):>8}", file=out)
    total = sum(r.get("entries", 0) for r in counts.values())
    print(f"{'total':<8} {total:>7}", file=out)
    return 0


def _kb_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        kb = KnowledgeBase.load(args.knowledge)
    except KnowledgeError as exc:
        print(exc, file=err)
        return 1
    json.dump([e.to_json() for e in kb.entries.values()], out, ensure_ascii=False, indent=1)
    out.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="httpcode", description=__doc__)
    parser.add_argument("--knowledge", action="append", default=[], metavar="DIR", help="extra knowledge directory")
    sub = parser.add_subparsers(dest="command", required=True)
    kb = sub.add_parser("kb", help="check or export the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="validate every knowledge file")
    check.set_defaults(func=_kb_check)
    export = kb_sub.add_parser("export", help="print every entry")
    export.add_argument("--json", action="store_true", required=True)
    export.set_defaults(func=_kb_export)
    for p in (check, export):
        p.add_argument("--knowledge", action="append", default=argparse.SUPPRESS, metavar="DIR")
    return parser


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    return args.func(args, out, err)
