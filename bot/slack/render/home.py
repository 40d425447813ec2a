"""What the app says about itself: its App Home tab, and the introduction it posts when added to a channel."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.slack.render import blocks as bk
from bot.slack.render.blocks import Reply
from bot.slack.render.texts import t

MAX_CHANNELS = 40  # channels listed by name on the Home tab; the rest are counted


def home_view(
    lang: str, *, passive_default: bool, quiet: Sequence[str] | None, member_of_any: bool, error: str = ""
) -> View:
    """The Home tab for one person: what httpcode does, three examples to copy, how it behaves unprompted,
    and the channels of theirs where it is quiet (`quiet` None: their channels could not be read)."""
    blocks: list[Block] = [
        bk.header("httpcode"),
        bk.section(t(lang, "home_what")),
        bk.divider(),
        bk.section(t(lang, "home_try")),
        bk.section(f"```{t(lang, 'home_examples')}```"),
        bk.context(t(lang, "home_try_note")),
        bk.divider(),
        bk.section(
            f"{t(lang, 'home_manners_title')}\n{t(lang, 'home_listening' if passive_default else 'home_starts_quiet')}"
        ),
        bk.section(f"{t(lang, 'home_quiet_title')}\n{_quiet_lines(lang, quiet, member_of_any, error)}"),
        bk.context(t(lang, "home_footer")),
    ]
    return View(type="home", blocks=blocks)


def _quiet_lines(lang: str, quiet: Sequence[str] | None, member_of_any: bool, error: str) -> str:
    if quiet is None:
        return t(lang, "home_channels_unreadable", error=f"`{error}`" if error else "?")
    if not member_of_any:
        return t(lang, "home_no_channels")
    if not quiet:
        return t(lang, "home_quiet_none")
    shown = " ".join(f"<#{c}>" for c in quiet[:MAX_CHANNELS])
    if len(quiet) > MAX_CHANNELS:
        shown += " " + t(lang, "home_quiet_more", n=str(len(quiet) - MAX_CHANNELS))
    return shown


def intro_reply(lang: str, *, listening: bool) -> Reply:
    """Posted once when the bot is added to a channel: what it answers, its manners there, how to change them."""
    first, second = t(lang, "intro"), t(lang, "intro_listening" if listening else "intro_quiet")
    return Reply(blocks=[bk.section(f"{first}\n{second}")], text=f"{first} {second}")
