"""What every listener needs besides Bolt's own arguments, carried in Bolt's `context`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from slack_bolt import BoltContext

from bot.result import Match, Result
from bot.slack.settings import DEFAULT_MAX_FILE_BYTES
from bot.slack.stores.workspace import WorkspaceStore

CONTEXT_KEY = "httpcode"


class Explainer(Protocol):
    """The part of `bot.engine.Engine` the Slack layer uses."""

    def explain(self, text: str, *, mode: str = "direct", lang: str | None = None, top: int = 3) -> Result: ...

    def lookup(self, entry_id: str) -> Match | None: ...


@dataclass(frozen=True, slots=True)
class Deps:
    """One workspace's view: the engine, that workspace's settings and claims, the default language."""

    engine: Explainer
    store: WorkspaceStore
    default_lang: str | None = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES  # HTTPCODE_MAX_FILE_BYTES: larger uploads are skipped, saying so


def deps_of(context: BoltContext) -> Deps:
    return context[CONTEXT_KEY]


def own_ids(context: BoltContext) -> frozenset[str]:
    """The ids our own messages carry (bot user id, bot id): what a thread summary leaves out."""
    return frozenset(i for i in (context.bot_user_id, context.bot_id) if i)
