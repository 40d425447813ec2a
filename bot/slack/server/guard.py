"""The front door of HTTP mode: what is not a well-formed, signed Slack request is refused before Bolt sees it.

Slack's payloads are small and always signed. Checking that here, cheaply and in this order, keeps
hostile traffic from costing memory or log lines:

1. the size, from Content-Length, before a byte is read (413); a chunked body is read only up to the limit;
2. the signature (slack_sdk's verifier, with the timestamp checked to be plain digits first) -> 401;
3. the shape: JSON must be an object, a form's `payload` an object, nested no deeper than Slack nests -> 400.

Nothing of a refused body is logged: one line says what was refused and how big it was.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

from slack_sdk.signature import SignatureVerifier

from bot.slack.runtime import metrics
from bot.slack.settings import DEFAULT_MAX_BODY_BYTES

log = logging.getLogger("httpcode.slack")

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]
MAX_DEPTH = 32  # Block Kit nests a few levels; thousands of brackets are an attack on the parser
_DIGITS = re.compile(r"[0-9]{1,12}")  # ASCII digits only: `int()` takes other scripts' digits and "1_0"
_REASONS = {400: "400 Bad Request", 401: "401 Unauthorized", 413: "413 Payload Too Large"}


class Refused(Exception):
    def __init__(self, status: int, why: str) -> None:
        super().__init__(why)
        self.status = status


class Guard:
    """WSGI middleware in front of Bolt's adapter on POST /slack/events."""

    def __init__(
        self,
        app: WsgiApp,
        *,
        signing_secret: str,
        max_body: int = DEFAULT_MAX_BODY_BYTES,
        path: str = "/slack/events",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.path = path
        self.max_body = max_body
        self.clock = clock
        self.verifier = SignatureVerifier(signing_secret)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != self.path:
            return self.app(environ, start_response)  # the install flow's GETs, and Bolt's own 404s
        try:
            body = self._read(environ)
            self._verify(environ, body)
            _check_shape(environ.get("CONTENT_TYPE", ""), body)
        except Refused as exc:
            outcome = "refused" if exc.status == 401 else f"http_{exc.status}"
            metrics.REQUESTS.labels("unverified", outcome).inc()  # nothing of an unverified body becomes a label
            log.info(
                "request kind=unverified channel=- retry=0 status=%d outcome=%s why=%r", exc.status, outcome, str(exc)
            )
            payload = json.dumps({"error": str(exc)}).encode()
            start_response(
                _REASONS[exc.status],
                [("Content-Type", "application/json"), ("Content-Length", str(len(payload))), ("Connection", "close")],
            )
            return [payload]
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)

    def _read(self, environ: dict) -> bytes:
        raw = (environ.get("CONTENT_LENGTH") or "").strip()
        stream = environ["wsgi.input"]
        if raw:
            if not _DIGITS.fullmatch(raw):
                raise Refused(400, "malformed Content-Length")
            length = int(raw)
            if length > self.max_body:
                raise Refused(413, f"body of {length} bytes is over the {self.max_body}-byte limit")
            return stream.read(length)
        body = stream.read(self.max_body + 1)  # chunked or unsized: never more than the limit
        if len(body) > self.max_body:
            raise Refused(413, f"body over the {self.max_body}-byte limit")
        return body

    def _verify(self, environ: dict, body: bytes) -> None:
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
        if not _DIGITS.fullmatch(timestamp) or not signature.startswith("v0="):
            raise Refused(401, "missing or malformed signature headers")
        if abs(self.clock() - int(timestamp)) > 300:
            raise Refused(401, "stale timestamp")
        if not self.verifier.is_valid(body=body, timestamp=timestamp, signature=signature):
            raise Refused(401, "bad signature")


def _check_shape(content_type: str, body: bytes) -> None:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "body is not UTF-8") from None
    if content_type.startswith("application/json"):
        _object(text, "JSON body")
        return
    try:
        form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text), max_num_fields=200)
    except ValueError:
        raise Refused(400, "malformed form body") from None
    if (
        "command" in form
        and not (form.get("response_url") or [""])[0].startswith("https://")
        and not (form.get("response_url") or [""])[0].startswith("http://")
    ):
        raise Refused(400, "slash command without a response_url")
    if "payload" in form:
        payload = _object(form["payload"][0], "payload")
        if not isinstance(payload.get("type"), str):
            raise Refused(400, "payload without a type")


def _object(text: str, what: str) -> dict:
    # the depth can be no more than the number of brackets: counted in C, the walk runs only when it could matter
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(text) > MAX_DEPTH:
        raise Refused(400, f"{what} nested too deeply")
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise Refused(400, f"{what} is not valid JSON") from None
    if not isinstance(value, dict):
        raise Refused(400, f"{what} is not a JSON object")
    if "type" in value and not isinstance(value["type"], str):
        raise Refused(400, f"{what} has a malformed type")
    if "event" in value and not isinstance(value["event"], dict):
        raise Refused(400, f"{what} has a malformed event")
    return value


def _depth(text: str) -> int:
    """The deepest bracket nesting, outside strings; linear in the text."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest
