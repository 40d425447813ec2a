"""The app's Web API client: SLACK_API_URL, retries (429 after Retry-After, 5xx, connection errors),
and every call's outcome counted in the metrics and the request's trace.

Seen here rather than in each caller, so a Bolt call, a thread read and an answer are all counted,
and so no caller can forget.
"""

from __future__ import annotations

import logging
import random
import re
import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryHandler, RetryState
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.web import SlackResponse

from bot.slack.runtime import metrics, trace

log = logging.getLogger("httpcode.slack")

_URL = re.compile(r"https?://\S+")


class HideUrls(logging.Filter):
    """slack_sdk's webhook client logs the URL it posts to, and a response_url is a credential."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = _URL.sub("<response_url>", record.getMessage()), ()
        return True


webhook_log = logging.getLogger("httpcode.slack.webhook")  # the logger deliver.py gives WebhookClient
webhook_log.addFilter(HideUrls())

MAX_RETRY_AFTER = 30  # seconds; Slack asking for a longer wait means the answer is lost (and logged)
MESSAGE_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.update"})


class RateLimitRetry(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler (sleep Retry-After, then retry), which also logs and counts each 429.

    The sleep happens in the answer's worker thread, after the ack: a rate limit never delays an ack.
    """

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code == 429 and _retry_after(response) <= MAX_RETRY_AFTER

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        wait = _retry_after(response) if response is not None else 1
        method = method_of(request.url)
        metrics.SLACK_RATE_LIMITED.labels(method).inc()
        log.info("%s rate limited by Slack: retrying after %d s", method, wait)
        state.next_attempt_requested = True
        time.sleep(wait + random.random())
        state.increment_current_attempt()


RETRIED_STATUSES = frozenset({500, 502, 503, 504})


class ServerErrorRetry(ServerErrorRetryHandler):
    """slack_sdk's server-error handler (backoff with jitter), for the gateway errors too.

    slack_sdk retries only 500 and 503; a 502 or 504 from Slack's edge is just as passing, and an
    answer lost to one is an answer someone in an incident never sees.
    """

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code in RETRIED_STATUSES


def retry_handlers() -> list[RetryHandler]:
    """Connection errors (resets included), rate limits (honouring Retry-After) and 5xx, each retried twice."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitRetry(max_retry_count=2),
        ServerErrorRetry(max_retry_count=2),
    ]


class ObservedWebClient(WebClient):
    """A WebClient whose calls are counted: failures in the metrics, messages in the request's trace."""

    def api_call(self, api_method: str, **kwargs: Any) -> SlackResponse:  # type: ignore[override]
        try:
            response = super().api_call(api_method, **kwargs)
        except SlackApiError as exc:
            _failed(api_method, str(exc.response.get("error") or f"http_{exc.response.status_code}"))
            raise
        except (SlackClientError, OSError) as exc:
            _failed(api_method, type(exc).__name__)
            raise
        if api_method in MESSAGE_METHODS:
            trace.delivered(api_method)
        return response  # type: ignore[return-value]


def web_client(*, token: str | None, base_url: str) -> WebClient:
    """The one WebClient shape the app uses: our API base URL, retry handlers, observed calls."""
    return ObservedWebClient(token=token, base_url=base_url, retry_handlers=retry_handlers())


def method_of(url: str) -> str:
    """`chat.postMessage` for a Web API URL; `response_url` for anything else (never the URL: it is a secret)."""
    tail = url.rsplit("/", 1)[-1].split("?", 1)[0]
    return tail if "/api/" in url and "." in tail else "response_url"


def _failed(method: str, error: str) -> None:
    if method in MESSAGE_METHODS:
        trace.delivered(method, error=error)
    else:
        trace.failed(method, error)


def _retry_after(response: HttpResponse) -> int:
    for key, values in response.headers.items():
        if key.lower() == "retry-after":
            try:
                return max(0, int(values[0] if isinstance(values, list) else values))
            except (ValueError, IndexError):
                return 1
    return 1
