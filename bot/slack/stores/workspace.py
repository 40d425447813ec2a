"""One workspace's view of the store: channel settings and claims keyed by team (and enterprise) id.

With a single token there is one workspace and the keys are the channel ids as they always were (so
an upgrade keeps every channel's setting). Installed in many workspaces (OAuth), each key starts with
the workspace's prefix, `E123:T456/` (`-` for no enterprise), and uninstalling deletes that prefix.
An org-wide install (Enterprise Grid) is one workspace keyed by its enterprise: `E123:*/`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.slack.stores.sqlite_store import Store


def workspace_prefix(enterprise_id: str | None, team_id: str | None, *, org_install: bool = False) -> str:
    """The key prefix of one installation: `-:T123/`, `E1:T123/`, or `E1:*/` for an org-wide install."""
    team = "*" if org_install else (team_id or "-")
    return f"{enterprise_id or '-'}:{team}/"


@dataclass(frozen=True, slots=True)
class WorkspaceStore:
    """The `Store` methods listeners call, for one workspace; `passive_default` decides for unswitched channels."""

    base: Store
    prefix: str = ""
    passive_default: bool = True

    def is_quiet(self, channel: str) -> bool:
        return self.base.is_quiet(self.prefix + channel, default=not self.passive_default)

    def set_quiet(self, channel: str, quiet: bool) -> None:
        self.base.set_quiet(self.prefix + channel, quiet)

    def first_delivery(self, key: str) -> bool:
        return self.base.first_delivery(self.prefix + key)

    def claim_code(self, channel: str, thread_ts: str, code_id: str) -> bool:
        return self.base.claim_code(self.prefix + channel, thread_ts, code_id)

    def state(self) -> str:
        """The shared store's state, for /healthz: "ok", "degraded" or "unavailable"."""
        return self.base.state()

    def forget(self) -> None:
        """Delete this workspace's settings and claims (only ever for a prefixed, OAuth-installed workspace)."""
        if self.prefix:
            self.base.forget_workspace(self.prefix)
