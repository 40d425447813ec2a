"""Files people upload or paste as snippets: which ones are text, and downloading them safely.

A file is read when it is text (`text/*`, a snippet, `.log` `.txt` `.csv` `.json` `.xml` or no
extension) or gzip of text, and no larger than the limit (`HTTPCODE_MAX_FILE_BYTES`, 10 MB). The
download streams from `url_private_download` with the bot token and stops at the limit, so a file
whose size Slack misreported still costs no more than the limit; a gzip file is inflated as it
arrives, up to `INFLATE_FACTOR` times the limit, and the rest is reported as cut, never silently.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass

log = logging.getLogger("httpcode.slack")

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
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
    bytes_read: int
    cut: bool  # the inflated text went past INFLATE_FACTOR x the limit and was cut there


def download(f: SlackFile, *, token: str, max_bytes: int, timeout: float = TIMEOUT) -> Downloaded:
    """The file's text; FileProblem when it is over the limit (by header or by bytes), not text, or fails."""
    check_readable(f, max_bytes=max_bytes)
    request = urllib.request.Request(f.url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FileProblem("file_too_large", f"{length} bytes")
            ctype = (response.headers.get("Content-Type") or "").lower()
            if ctype.startswith("text/html") and f.mimetype and not f.mimetype.startswith("text/html"):
                raise FileProblem("file_failed", "Slack answered with a login page (the token lacks files:read?)")
            return _read(response, f, max_bytes)
    except FileProblem:
        raise
    except urllib.error.HTTPError as exc:
        raise FileProblem("file_failed", f"HTTP {exc.code}") from None
    except TimeoutError:
        raise FileProblem("file_failed", "timed out") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FileProblem("file_failed", type(exc).__name__) from None


def _read(response, f: SlackFile, max_bytes: int) -> Downloaded:
    raw_read = 0
    first = response.read(CHUNK)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if first[:2] == b"\x1f\x8b" else None
    if inflater is None and b"\x00" in first[:4096] and not first.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem("file_binary", "binary content")
    cap = max_bytes * INFLATE_FACTOR if inflater else max_bytes
    parts: list[bytes] = []
    kept = 0
    cut = False
    chunk = first
    while chunk:
        raw_read += len(chunk)
        if raw_read > max_bytes:
            raise FileProblem("file_too_large", f"more than {max_bytes} bytes")
        data = inflater.decompress(chunk, cap - kept + 1) if inflater else chunk
        if kept + len(data) > cap:
            data, cut = data[: cap - kept], True
        parts.append(data)
        kept += len(data)
        if cut:
            break
        chunk = response.read(CHUNK)
    blob = b"".join(parts)
    return Downloaded(text=_decode(blob), bytes_read=raw_read, cut=cut)


def _decode(blob: bytes) -> str:
    """UTF-8 (with or without BOM) as most logs are; UTF-16 where a BOM says so (Windows tools write it)."""
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        return blob.decode("utf-16", errors="replace")
    return blob.decode("utf-8-sig", errors="replace")
