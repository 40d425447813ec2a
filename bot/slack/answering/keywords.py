"""The words `/httpcode` (or a mention) understands alone: help, quiet, listen (and triage, in a thread)."""

from __future__ import annotations

from bot.slack.answering.ask import Question
from bot.slack.deps import Deps
from bot.slack.render.blocks import Reply
from bot.slack.render.replies import help_reply, notice_reply
from bot.slack.render.texts import t


def keyword_reply(question: Question, deps: Deps, *, channel: str) -> Reply:
    """`quiet`/`listen` switch unprompted answers for the channel (remembered in the store); else help.

    `triage` reaches here only where there is no thread to read (`/httpcode triage`): say where it works.
    """
    lang = question.lang or deps.default_lang or "en"
    if question.keyword == "triage":
        return notice_reply(t(lang, "triage_in_thread"))
    if question.keyword in ("quiet", "listen"):
        deps.store.set_quiet(channel, question.keyword == "quiet")
        return notice_reply(t(lang, "quiet_on" if question.keyword == "quiet" else "listen_on"))
    return help_reply(lang)
