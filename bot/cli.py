"""The `httpcode` command: explain codes and pasted errors in a terminal, check knowledge."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from bot.knowledge import KnowledgeBase, KnowledgeError

MAX_TEXT = 1_000_000  # characters of one text that are explained (a log is read whole, as a stream)
HEAD = 65_536  # characters read first to decide whether stdin is a log
BATCH_LINE = 8 * MAX_TEXT  # characters of one --batch line (JSON escapes make a text longer)


def _engine(args: argparse.Namespace, err: TextIO):
    from bot.engine import Engine

    try:
        return Engine.load(args.knowledge)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return None


def _lines(stream: TextIO, head: str = "") -> Iterator[str]:
    """Lines of a text stream after `head`, each cut at logs.MAX_LINE (the rest of a longer line is skipped)."""
    from bot.logs import MAX_LINE

    pending = head
    while True:
        chunk = stream.readline(MAX_LINE)
        if not chunk:
            break
        if pending:
            chunk, pending = pending + chunk, ""
        if chunk.endswith("\n"):
            yield chunk
            continue
        yield chunk  # cut at MAX_LINE: skip to the line's end
        while chunk and not chunk.endswith("\n"):
            chunk = stream.readline(MAX_LINE)
    if pending:
        yield pending


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
    from_stdin = not args.text or args.text == ["-"]
    text = stdin.read(HEAD) if from_stdin else " ".join(args.text)
    more = from_stdin and len(text) == HEAD
    if args.log or ("\n" in text and _looks_like_log(text)):
        from bot.triage import summarize_log

        if more:  # a log is read whole, line by line: the last partial line of the head joins the rest
            cut = text.rfind("\n") + 1
            lines = _chain(text[:cut].splitlines(keepends=True), _lines(stdin, text[cut:]))
        else:
            lines = io.StringIO(text)
        summary = summarize_log(engine, lines, lang=args.lang, progress=err if err.isatty() else None)
        if summary is not None:
            _dump(summary.to_json(), out) if args.json else print(summary.format(), file=out)
            return 0 if summary.groups else 1
        if more:
            print("httpcode explain: --log given, but no line is a log record", file=err)
            return 1
    truncated = 0
    if more:
        text += stdin.read(MAX_TEXT - len(text))
        extra = _count_rest(stdin) if len(text) >= MAX_TEXT else 0
        if extra:
            truncated = len(text) + extra
            print(
                f"httpcode explain: the input has {truncated:,} characters; this answer reads the first "
                f"{MAX_TEXT:,} (a log of any size is read whole: pass --log)",
                file=err,
            )
    result = engine.explain(text, mode=args.mode, lang=args.lang, top=args.top)
    if args.json:
        data = result.to_json()
        if truncated:
            data["truncated"] = {"chars": truncated, "read": MAX_TEXT}
        _dump(data, out)
    else:
        print(format_result(result, full=args.full), file=out)
    return 0 if result.matches else 1


def _chain(first: Iterable[str], rest: Iterable[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _count_rest(stream: TextIO) -> int:
    n = 0
    while chunk := stream.read(1 << 20):
        n += len(chunk)
    return n


def _looks_like_log(text: str) -> bool:
    from bot.triage import is_log

    return is_log(text)


def _dump(data: dict, out: TextIO) -> None:
    """One JSON document on one line, always valid UTF-8 (escapes whatever cannot be encoded)."""
    line = json.dumps(data, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(data, ensure_ascii=True)
    out.write(line + "\n")


def _bad_text(text: str) -> str | None:
    if "\x00" in text:
        return "text holds a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"text holds a lone surrogate ({text[exc.start]!r}) or bytes that are not UTF-8"
    return None


def _batch_item(engine, args: argparse.Namespace, line: str, n: int) -> dict:
    if not line.strip():
        return {"error": f"line {n}: empty line"}
    bad = _bad_text(line)
    if bad:  # bytes that were not UTF-8 on the input itself
        return {"error": f"line {n}: {bad.replace('text holds', 'the line holds')}"}
    try:
        item = json.loads(line)
    except ValueError as exc:
        return {"error": f"line {n}: not JSON ({exc})"}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"error": f'line {n}: expected an object with a string "text"'}
    text = item["text"]
    bad = _bad_text(text)
    if bad:
        return {"error": f"line {n}: {bad}"}
    mode = item.get("mode", "direct")
    lang = item.get("lang")
    if lang not in (None, "en", "zh"):
        return {"error": f"line {n}: lang must be en or zh, not {lang!r}"}
    if mode not in ("direct", "passive"):
        return {"error": f"line {n}: mode must be direct or passive, not {mode!r}"}
    if "\n" in text and _looks_like_log(text):
        from bot.triage import summarize_log

        summary = summarize_log(engine, text, lang=lang)
        if summary is not None:
            return summary.to_json()
    data = engine.explain(text[:MAX_TEXT], mode=mode, lang=lang, top=args.top).to_json()
    if len(text) > MAX_TEXT:
        data["truncated"] = {"chars": len(text), "read": MAX_TEXT}
    return data


def _batch(engine, args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    """JSON Lines in, exactly one JSON line out per input line, in order; a bad line gets {"error": ...}."""
    n = 0
    while True:
        line = stdin.readline(BATCH_LINE)
        if not line:
            break
        n += 1
        if not line.endswith("\n") and len(line) >= BATCH_LINE:
            while (rest := stdin.readline(BATCH_LINE)) and not rest.endswith("\n"):
                pass
            data = {"error": f"line {n}: longer than {BATCH_LINE:,} characters"}
        else:
            try:
                data = _batch_item(engine, args, line, n)
            except Exception as exc:  # one bad line must not end the batch
                data = {"error": f"line {n}: {type(exc).__name__}: {exc}"}
        _dump(data, out)
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


def build_parser(serve: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="httpcode", description=__doc__)
    parser.add_argument("--version", action=_Version, help="print the version and exit")
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
    if serve:
        from bot.slack.server import add_serve_parser  # `httpcode serve`: the Slack app

        add_serve_parser(sub)
    else:
        sub.add_parser("serve", help="run the Slack app (see httpcode serve --help)")
    return parser


class _Version(argparse.Action):
    """`--version`, looked up only when asked (reading the installed metadata costs every start-up)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"httpcode {_version()}")  # stdout, as argparse's own version action does
        parser.exit()


def _version() -> str:
    """The installed distribution's version; a checkout that was never installed says so."""
    from importlib import metadata

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
    argv = sys.argv[1:] if argv is None else argv
    out, err = stdout or _utf8(sys.stdout), stderr or _utf8(sys.stderr)
    parser = build_parser(serve="serve" in argv)
    if not argv:  # `httpcode` alone: what it can do, not an error about a missing command
        parser.print_help(out)
        return 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    inp = stdin or _stdin(surrogates=args.command == "explain" and getattr(args, "batch", False))
    try:
        if args.command == "explain":
            return args.func(args, out, err, inp)
        return args.func(args, out, err)
    except BrokenPipeError:  # `httpcode explain ... | head`: the reader left; that is not an error
        return 0


def _utf8(stream: TextIO) -> TextIO:
    """The process's own stream, writing UTF-8 whatever the locale; what cannot be encoded is replaced."""
    if hasattr(stream, "reconfigure"):
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change stays as it is
            stream.reconfigure(encoding="utf-8", errors="replace")
    return stream


def _stdin(*, surrogates: bool) -> TextIO:
    """sys.stdin as UTF-8 text; gzip is inflated. Bytes that are not UTF-8 become U+FFFD, or for --batch
    lone surrogates, so that line gets an error instead of a guess."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # pragma: no cover - replaced by a text stream
        return sys.stdin
    raw = buffer
    if hasattr(buffer, "peek") and buffer.peek(2)[:2] == b"\x1f\x8b":
        import gzip

        raw = gzip.GzipFile(fileobj=buffer)
    text = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape" if surrogates else "replace")
    text.isatty = sys.stdin.isatty  # type: ignore[method-assign]
    return text
