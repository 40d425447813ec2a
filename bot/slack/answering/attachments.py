"""Files on a message, read like a paste: a log gets its tally, a page or transcript the normal answer.

`read_attachments` downloads the text files of one message (at most `MAX_FILES`), splits them into
logs (summarised with `bot.triage.summarize_log`) and other text (explained with the message's own
text), and says in one line per file why one was skipped or could not be read. A failed download is
logged with the file id; nothing raises.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.slack.deps import Deps
from bot.slack.render.mrkdwn import code_span
from bot.slack.render.texts import t
from bot.slack.webapi.files import FileProblem, SlackFile, download, files_of
from bot.triage import LogSummary, is_log, summarize_log

log = logging.getLogger("httpcode.slack")

MAX_FILES = 5  # per message: a dump of fifty files is not one question


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
    names: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.logs or self.texts or self.problems)


def has_files(message: dict) -> bool:
    return bool(message.get("files"))


def read_attachments(deps: Deps, client: WebClient, message: dict, *, lang: str | None) -> Attachments:
    out = Attachments()
    files = files_of(message)
    for f in files[:MAX_FILES]:
        out.names.append(f.name)
        try:
            got = download(f, token=client.token or "", max_bytes=deps.max_file_bytes)
        except FileProblem as problem:
            _log_problem(f, problem, message)
            out.problems.append(_say(problem, f, deps, lang or deps.default_lang or "en"))
            continue
        text = got.text
        notes = [t(lang or "en", "file_cut", name=f.name, limit=_size(deps.max_file_bytes * 10))] if got.cut else []
        if is_log(text):
            summary = summarize_log(deps.engine, text, lang=lang)  # type: ignore[arg-type]
            if summary is not None:
                out.logs.append(ReadLog(f.name, summary, notes))
                continue
        out.texts.append(text)
    return out


def _say(problem: FileProblem, f: SlackFile, deps: Deps, lang: str) -> str:
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
