"""Running the app: `httpcode serve`, the WSGI app for gunicorn, /healthz and /metrics.

The gunicorn entry point stays `bot.slack.server:create_wsgi_app()`; the imports are deferred so that
the plumbing modules can import `bot.slack.server.health` without building the app.
"""

from __future__ import annotations

from typing import Any


def create_wsgi_app(*args: Any, **kwargs: Any) -> Any:
    """The gunicorn entry point (`'bot.slack.server:create_wsgi_app()'`)."""
    from bot.slack.server.run import create_wsgi_app as create

    return create(*args, **kwargs)


def add_serve_parser(*args: Any, **kwargs: Any) -> Any:
    """`httpcode serve`'s arguments, for the CLI."""
    from bot.slack.server.run import add_serve_parser as add

    return add(*args, **kwargs)
