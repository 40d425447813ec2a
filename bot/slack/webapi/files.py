"""Files people upload or paste as snippets: which ones are text, and downloading them safely.

A file is read when it is text (`text/*`, a snippet, `.log` `.txt` `.csv` `.json` `.xml` or no
extension) or gzip of text, and no larger than the limit (`HTTPCODE_MAX_FILE_BYTES`, 10 MB). The
download streams from `url_private_download` with the bot token and stops at the limit, so a file
whose size Slack misreported still costs no more than the limit; a gzip file is inflated as it
arrives (`bot.logs.open_text`), up to `INFLATE_FACTOR` times the limit, and the rest is reported as
cut, never silently. A log is summarised as it streams: memory stays bounded whatever its size.
"""

from __future__ import annotations

import contextlib
import io
import logging
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("httpcode.slack")

INFLATE_FACTOR = 10  # a 10 MB gzip of a log holds about 100 MB of text; more is cut and said so
TIMEOUT = 20.0  # seconds without a byte before a download is given up
CHUNK = 64 * 1024
TEXT_EXTENSIONS = frozenset(
    {"log", "txt", "text", "csv", "tsv", "json", "jsonl", "ndjson", "xml", "out", "err", "trace"}
)
TEXT_FILETYPES = frozenset(
    {"text", "log", "csv", "tsv", "json", "xml", "html", "shell", "python", "javascript", "yaml"}
)
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip", "gzip"})


@dataclass(frozen=True, slots=True)
class SlackFile:
    """The fields of a Slack file object that decide whether and how it is read."""

    id: str
    name: str
    mimetype: str
    filetype: str
    size: int
    mode: str
    url: str

    @classmethod
    def of(cls, raw: dict) -> SlackFile:
        return cls(
            id=str(raw.get("id") or ""),
            name=str(raw.get("name") or raw.get("title") or raw.get("id") or "file"),
            mimetype=str(raw.get("mimetype") or "").lower(),
            filetype=str(raw.get("filetype") or "").lower(),
            size=int(raw.get("size") or 0) if str(raw.get("size") or "0").isdigit() else 0,
            mode=str(raw.get("mode") or ""),
            url=str(raw.get("url_private_download") or raw.get("url_private") or ""),
        )

    @property
    def extension(self) -> str:
        base = self.name.rsplit("/", 1)[-1].lower()
        if base.endswith(".gz"):
            base = base[:-3]
        return base.rsplit(".", 1)[1] if "." in base else ""

    @property
    def gzip(self) -> bool:
        return self.mimetype in GZIP_TYPES or self.filetype in GZIP_TYPES or self.name.lower().endswith(".gz")


class FileProblem(Exception):
    """Why a file was not read: `reason` is a key of texts.py (`file_binary`, `file_too_large`, `file_failed`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


def files_of(message: dict) -> list[SlackFile]:
    return [SlackFile.of(f) for f in message.get("files") or [] if isinstance(f, dict)]


def check_readable(f: SlackFile, *, max_bytes: int) -> None:
    """Raise FileProblem for a file that is not read at all: not text, gone, external, or over the limit."""
    if f.mode in ("tombstone", "hidden_by_limit") or not f.url:
        raise FileProblem("file_failed", "deleted or not available to the app")
    if f.mode == "external":
        raise FileProblem("file_binary", "an external file (Google Drive, Dropbox...)")
    is_text = (
        f.mode == "snippet"
        or f.mimetype.startswith("text/")
        or f.mimetype in ("application/json", "application/xml", "application/x-ndjson")
        or f.filetype in TEXT_FILETYPES
        or f.extension in TEXT_EXTENSIONS
        or (not f.extension and not f.mimetype.startswith(("image/", "video/", "audio/", "application/")))
    )
    if not is_text and not f.gzip:
        raise FileProblem("file_binary", f.mimetype or f.filetype or "binary")
    if f.size > max_bytes:
        raise FileProblem("file_too_large", f"{f.size} bytes")


@dataclass(frozen=True, slots=True)
class Downloaded:
    text: str
    cut: bool  # the text went past INFLATE_FACTOR x the limit (gzip) and was cut there


class LimitedStream(io.RawIOBase):
    """A download read as a binary stream that refuses to go past `max_bytes` on the wire."""

    def __init__(self, response: Any, max_bytes: int) -> None:
        self.response = response
        self.max_bytes = max_bytes
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.response.read(min(len(buffer), CHUNK))
        except TimeoutError:
            raise FileProblem("file_failed", "timed out") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise FileProblem("file_failed", type(exc).__name__) from None
        self.bytes_read += len(data)
        if self.bytes_read > self.max_bytes:
            raise FileProblem("file_too_large", f"more than {self.max_bytes} bytes")
        buffer[: len(data)] = data
        return len(data)


@contextlib.contextmanager
def open_download(f: SlackFile, *, token: str, max_bytes: int, timeout: float = TIMEOUT) -> Iterator[LimitedStream]:
    """The file as a stream of bytes (gzip still compressed); FileProblem when it cannot or must not be read."""
    check_readable(f, max_bytes=max_bytes)
    request = urllib.request.Request(f.url, headers={"Authorization": f"Bearer {token}"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise FileProblem("file_failed", f"HTTP {exc.code}") from None
    except TimeoutError:
        raise FileProblem("file_failed", "timed out") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FileProblem("file_failed", type(exc).__name__) from None
    with response:
        length = response.headers.get("Content-Length")
        if length and length.isascii() and length.isdigit() and int(length) > max_bytes:
            raise FileProblem("file_too_large", f"{length} bytes")
        ctype = (response.headers.get("Content-Type") or "").lower()
        if ctype.startswith("text/html") and f.mimetype and not f.mimetype.startswith("text/html"):
            raise FileProblem("file_failed", "Slack answered with a login page (the token lacks files:read?)")
        yield LimitedStream(response, max_bytes)


def text_lines(stream: LimitedStream, *, max_chars: int, state: dict) -> Iterator[str]:
    """The file's lines (gzip inflated, UTF-8), at most `max_chars` characters in all; `state["cut"]` says if cut.

    A file whose first bytes hold NULs is not text: FileProblem("file_binary").
    """
    from bot.logs import open_text

    total = 0
    for i, line in enumerate(open_text(stream)):
        if i < 50 and "\x00" in line:
            raise FileProblem("file_binary", "binary content")
        total += len(line) + 1
        if total > max_chars:
            state["cut"] = True
            return
        yield line


def download(f: SlackFile, *, token: str, max_bytes: int, timeout: float = TIMEOUT) -> Downloaded:
    """The whole text of a file (for a thread's triage, which reads each file as one message)."""
    state: dict = {}
    with open_download(f, token=token, max_bytes=max_bytes, timeout=timeout) as stream:
        text = "\n".join(text_lines(stream, max_chars=max_bytes * INFLATE_FACTOR, state=state))
        return Downloaded(text=text, cut=bool(state.get("cut")))
