"""`/httpcode`: ack at once, then answer privately through the response_url."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext

from bot.slack.answering.ask import parse
from bot.slack.answering.keywords import keyword_reply
from bot.slack.deps import deps_of
from bot.slack.render.replies import MAX_ALTERNATIVES, reply_for
from bot.slack.webapi import deliver

COMMAND = re.compile(r"^/httpcode")  # also /httpcode-dev and the like for a staging app


def register(app: App) -> None:
    app.command(COMMAND)(handle_httpcode)


def handle_httpcode(ack: Ack, command: dict, context: BoltContext) -> None:
    ack()
    deps = deps_of(context)
    channel = command.get("channel_id", "")
    question = parse(command.get("text", ""), default_lang=deps.default_lang)
    if question.keyword:
        reply = keyword_reply(question, deps, channel=channel)
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
