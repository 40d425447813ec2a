"""Prometheus metrics of the Slack app, served at `/metrics`.

One gunicorn worker (with threads) is the default and needs nothing more. With several workers, set
`PROMETHEUS_MULTIPROC_DIR` to an empty directory before start (`httpcode serve --workers N` does it
for you): each worker then writes its numbers there and `/metrics` adds them up across workers.
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess as _multiprocess

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("httpcode_requests", "Requests from Slack, by kind and outcome.", ["kind", "outcome"])
MATCHES = Counter("httpcode_matches", "Codes the engine matched, by family.", ["family"])
ACK_SECONDS = Histogram(
    "httpcode_ack_seconds",
    "Time from receiving a request to acking it (Slack allows 3 s).",
    ["kind"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 3.0),
)
REQUEST_SECONDS = Histogram(
    "httpcode_request_seconds",
    "Time from receiving a request to its answer sent, or to deciding on no answer.",
    ["kind"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
SLACK_API_ERRORS = Counter(
    "httpcode_slack_api_errors",
    "Slack calls (Web API and response_url) that failed after retries, by method and error.",
    ["method", "error"],
)
SLACK_RATE_LIMITED = Counter(
    "httpcode_slack_rate_limited", "429 answers from Slack, each retried after Retry-After.", ["method"]
)

NOT_HELPFUL = Counter(
    "httpcode_not_helpful",
    "Unprompted answers removed with their Not helpful button, by code (where the bot is wrong).",
    ["code"],
)


def exposition() -> tuple[bytes, str]:
    """The text format and its content type; summed over workers in multiprocess mode."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        _multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
