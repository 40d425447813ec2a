"""`/httpcode`: ack at once, then answer privately through the response_url.

`/httpcode quiet` and `listen` are announced in the channel, naming who switched; only where the bot
cannot post (it is not in the channel) does the person get a private confirmation instead.
"""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.answering.ask import parse
from bot.slack.answering.keywords import SWITCHES, keyword_reply, private_confirmation
from bot.slack.deps import deps_of
from bot.slack.render.replies import MAX_ALTERNATIVES, reply_for
from bot.slack.webapi import deliver

COMMAND = re.compile(r"^/httpcode")  # also /httpcode-dev and the like for a staging app


def register(app: App) -> None:
    app.command(COMMAND)(handle_httpcode)


def handle_httpcode(ack: Ack, command: dict, context: BoltContext, client: WebClient) -> None:
    ack()
    deps = deps_of(context)
    channel = command.get("channel_id", "")
    user = command.get("user_id", "")
    question = parse(command.get("text", ""), default_lang=deps.default_lang)
    if question.keyword in SWITCHES:
        reply = keyword_reply(question, deps, channel=channel, user=user)
        what = f"/httpcode {question.keyword} announcement by {user}"
        if deliver.post(client, reply, channel=channel, thread_ts=None, what=what):
            return
        reply = private_confirmation(question.lang or deps.default_lang or "en", question.keyword)
    elif question.keyword:
        reply = keyword_reply(question, deps, channel=channel, user=user)
    else:
        result = deps.engine.explain(question.text, mode="direct", lang=question.lang, top=1 + MAX_ALTERNATIVES)
        reply = reply_for(result, buttons=True, share=True)
    deliver.respond(
        command["response_url"],
        reply,
        what=f"/httpcode answer to {question.text[:60]!r}",
        where=channel,
        response_type="ephemeral",
    )
