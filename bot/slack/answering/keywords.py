"""The words `/httpcode` (or a mention) understands alone: help, quiet, listen (and triage, in a thread)."""

from __future__ import annotations

from bot.slack.answering.ask import Question
from bot.slack.deps import Deps
from bot.slack.render import blocks as bk
from bot.slack.render.blocks import Reply
from bot.slack.render.replies import USER_ID, help_reply, notice_reply
from bot.slack.render.texts import t

SWITCHES = ("quiet", "listen")


class Announcement(Reply):
    """A public notice naming who did something: the mention stays a mention in the notification text too."""

    def to_kwargs(self) -> dict:
        return {"blocks": [b.to_dict() for b in self.blocks], "text": self.text}


def keyword_reply(question: Question, deps: Deps, *, channel: str, user: str = "") -> Reply:
    """`quiet`/`listen` switch unprompted answers for the channel (remembered in the store) and say who did
    it, for the whole channel to read (`announcement`); else help.

    `triage` reaches here only where there is no thread to read (`/httpcode triage`): say where it works.
    """
    lang = question.lang or deps.default_lang or "en"
    if question.keyword == "triage":
        return notice_reply(t(lang, "triage_in_thread"))
    if question.keyword in SWITCHES:
        deps.store.set_quiet(channel, question.keyword == "quiet")
        return announcement(lang, question.keyword, user)
    return help_reply(lang)


def announcement(lang: str, keyword: str, user: str) -> Reply:
    who = f"<@{user}>" if USER_ID.fullmatch(user) else "?"
    text = t(lang, "quiet_announce" if keyword == "quiet" else "listen_announce", user=who)
    return Announcement(blocks=[bk.section(text)], text=text)  # our own sentence: nothing to escape


def private_confirmation(lang: str, keyword: str) -> Reply:
    """What the person who switched sees when the channel cannot be told (the bot is not in it)."""
    return notice_reply(t(lang, "quiet_on" if keyword == "quiet" else "listen_on"))
