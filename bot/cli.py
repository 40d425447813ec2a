"""The `httpcode` command: explain codes and pasted errors in a terminal, check knowledge."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from importlib import metadata
from typing import TextIO

from bot.knowledge import KnowledgeBase, KnowledgeError

MAX_TEXT = 1_000_000  # a paste larger than this is cut; Slack's own limit is 40,000


def _engine(args: argparse.Namespace, err: TextIO):
    from bot.engine import Engine

    try:
        return Engine.load(args.knowledge)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return None


def _read_text(args: argparse.Namespace, stdin: TextIO) -> str:
    if not args.text or args.text == ["-"]:
        return stdin.read(MAX_TEXT)
    return " ".join(args.text)


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from bot.terminal import format_result

    engine = _engine(args, err)
    if engine is None:
        return 2
    if args.batch:
        return _batch(engine, args, out, stdin)
    if not args.text and stdin.isatty():
        print("httpcode explain: give a code or text, or pipe text in (see --help)", file=err)
        return 2
    text = _read_text(args, stdin)
    if args.log or _looks_like_log(text):
        from bot.triage import summarize_log

        summary = summarize_log(engine, text, lang=args.lang, progress=err if err.isatty() else None)
        if summary is not None:
            if args.json:
                json.dump(summary.to_json(), out, ensure_ascii=False)
                out.write("\n")
            else:
                print(summary.format(), file=out)
            return 0 if summary.counts else 1
    result = engine.explain(text, mode=args.mode, lang=args.lang, top=args.top)
    if args.json:
        json.dump(result.to_json(), out, ensure_ascii=False)
        out.write("\n")
    else:
        print(format_result(result, full=args.full), file=out)
    return 0 if result.matches else 1


def _looks_like_log(text: str) -> bool:
    from bot.triage import is_log

    return is_log(text)


def _batch(engine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    """JSON Lines in, one JSON line out per input, in order; a bad line gets {"error": ...}."""
    for n, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object with a string "text"')
            mode = item.get("mode", "direct")
            lang = item.get("lang")
            if lang not in (None, "en", "zh"):
                raise ValueError(f"lang must be en or zh, not {lang!r}")
            data = engine.explain(item["text"][:MAX_TEXT], mode=mode, lang=lang, top=args.top).to_json()
        except (ValueError, TypeError) as exc:
            data = {"error": f"line {n}: {exc}"}
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def _kb_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        kb = KnowledgeBase.load(args.knowledge)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        print(f"{len(exc.problems)} problem(s) in knowledge files", file=err)
        return 1
    counts = kb.counts()
    print(f"{'family':<11} {'entries':>7} {'en':>5} {'zh':>5} {'aliases':>8}", file=out)
    for family, row in counts.items():
        print(
            f"{family:<11} {row.get('entries', 0):>7} {row.get('en', 0):>5} {row.get('zh', 0):>5} {row.get('aliases', 0):>8}",
            file=out,
        )
    total = sum(r.get("entries", 0) for r in counts.values())
    print(f"{'total':<11} {total:>7}", file=out)
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
    parser.add_argument("--version", action="version", version=f"httpcode {_version()}")
    parser.add_argument("--knowledge", action="append", default=[], metavar="DIR", help="extra knowledge directory")
    sub = parser.add_subparsers(dest="command", required=True)
    explain = sub.add_parser("explain", help="explain a code or pasted error text")
    explain.add_argument(
        "text", nargs="*", help="a code (401.3, ftp 550, 0x80070021) or error text; - or nothing reads stdin"
    )
    explain.add_argument("--lang", choices=["en", "zh"], help="answer language (default: the language of the text)")
    explain.add_argument("--top", type=_positive, default=3, help="how many candidates to show (default 3)")
    explain.add_argument(
        "--mode", choices=["direct", "passive"], default="direct", help="passive: answer only when sure"
    )
    explain.add_argument("--json", action="store_true", help="print JSON")
    explain.add_argument(
        "--full", action="store_true", help="the whole answer: general cause, other causes, notes, links"
    )
    explain.add_argument("--batch", action="store_true", help="JSON Lines in ({text, mode, lang}), JSON Lines out")
    explain.add_argument("--log", action="store_true", help="treat the input as a log file and summarise it")
    explain.add_argument("--knowledge", action="append", default=argparse.SUPPRESS, metavar="DIR")
    explain.set_defaults(func=_explain)
    kb = sub.add_parser("kb", help="check or export the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="validate every knowledge file")
    check.set_defaults(func=_kb_check)
    export = kb_sub.add_parser("export", help="print every entry")
    export.add_argument("--json", action="store_true", required=True)
    export.set_defaults(func=_kb_export)
    for p in (check, export):
        p.add_argument("--knowledge", action="append", default=argparse.SUPPRESS, metavar="DIR")
    from bot.slack.server import add_serve_parser  # `httpcode serve`: the Slack app

    add_serve_parser(sub)
    return parser


def _version() -> str:
    """The installed distribution's version; a checkout that was never installed says so."""
    try:
        return metadata.version("httpcode-bot")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def main(
    argv: list[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; streams are injected so tests run the real CLI in-process."""
    inp, out, err = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv:  # `httpcode` alone: what it can do, not an error about a missing command
        parser.print_help(out)
        return 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    try:
        if args.command == "explain":
            return args.func(args, out, err, inp)
        return args.func(args, out, err)
    except BrokenPipeError:  # `httpcode explain ... | head`: the reader left; that is not an error
        return 0
