"""Files on a message, read like a paste: a log gets its tally, a page or transcript the normal answer.

`read_attachments` downloads the text files of one message (at most `MAX_FILES`), splits them into
logs (summarised with `bot.triage.summarize_log`) and other text (explained with the message's own
text), and says in one line per file why one was skipped or could not be read. A failed download is
logged with the file id; nothing raises.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.logs import looks_like_log
from bot.slack.deps import Deps
from bot.slack.render.mrkdwn import code_span
from bot.slack.render.texts import t
from bot.slack.webapi.files import INFLATE_FACTOR, FileProblem, SlackFile, files_of, open_download, text_lines
from bot.triage import LogSummary, summarize_log

log = logging.getLogger("httpcode.slack")

MAX_FILES = 5  # per message: a dump of fifty files is not one question
SNIFF_LINES = 200  # lines read before deciding whether a file is a log
MAX_TEXT_LINES = 20_000  # a page or transcript longer than this is read from its start (the engine cuts too)


@dataclass(slots=True)
class ReadLog:
    name: str
    summary: LogSummary
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Attachments:
    """What a message's files held: logs, other text, and one line per file that was not read."""

    logs: list[ReadLog] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.logs or self.texts or self.problems)


def has_files(message: dict) -> bool:
    return bool(message.get("files"))


def read_attachments(deps: Deps, client: WebClient, message: dict, *, lang: str | None) -> Attachments:
    out = Attachments()
    files = files_of(message)
    for f in files[:MAX_FILES]:
        try:
            read_file(deps, client.token or "", f, lang, out)
        except FileProblem as problem:
            _log_problem(f, problem, message)
            out.problems.append(say_skipped(problem, f, deps, lang or deps.default_lang or "en"))
    return out


def read_file(deps: Deps, token: str, f: SlackFile, lang: str | None, out: Attachments) -> None:
    """Stream one file: a log is summarised line by line (memory bounded by its distinct groups, not its
    size); anything else is kept as text, at most the limit, for the engine to read like a paste."""
    state: dict = {}
    with open_download(f, token=token, max_bytes=deps.max_file_bytes) as stream:
        lines = text_lines(stream, max_chars=deps.max_file_bytes * INFLATE_FACTOR, state=state)
        head = list(itertools.islice(lines, SNIFF_LINES))
        if looks_like_log(head):
            summary = summarize_log(deps.engine, itertools.chain(head, lines), lang=lang)  # type: ignore[arg-type]
            if summary is not None:
                cut = (
                    [cut_note(f, deps.max_file_bytes * INFLATE_FACTOR, lang or summary.lang)]
                    if state.get("cut")
                    else []
                )
                out.logs.append(ReadLog(f.name, summary, cut))
                return
        text = "\n".join(itertools.chain(head, itertools.islice(lines, MAX_TEXT_LINES)))
        if len(text) > deps.max_file_bytes or next(lines, None) is not None or state.get("cut"):
            out.problems.append(
                cut_note(f, deps.max_file_bytes, lang or deps.default_lang or "en")
            )  # said, never silent
        out.texts.append(text[: deps.max_file_bytes])


def cut_note(f: SlackFile, limit: int, lang: str) -> str:
    """The one line saying a file was read only in part (its first `limit` characters)."""
    return t(lang, "file_cut", name=code_span(f.name), limit=_size(limit))


def say_skipped(problem: FileProblem, f: SlackFile, deps: Deps, lang: str) -> str:
    name = code_span(f.name)
    if problem.reason == "file_too_large":
        return t(lang, "file_too_large", name=name, size=_size(f.size or 0), limit=_size(deps.max_file_bytes))
    if problem.reason == "file_binary":
        return t(lang, "file_binary", name=name, why=problem.detail or "binary")
    return t(lang, "file_failed", name=name, why=problem.detail or "error")


def _log_problem(f: SlackFile, problem: FileProblem, message: dict) -> None:
    level = logging.WARNING if problem.reason == "file_failed" else logging.INFO
    log.log(
        level,
        "file %s on message %s in channel %s not read: %s (%s)",
        f.id or "?",
        message.get("ts", "?"),
        message.get("channel", "?"),
        problem.reason,
        problem.detail,
    )


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"
