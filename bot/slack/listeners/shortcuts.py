"""Message shortcut "Explain this error": explains any message, privately, where it was posted."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.answering.ask import Question, neutral
from bot.slack.answering.attachments import has_files
from bot.slack.answering.threads import files_reply
from bot.slack.deps import deps_of
from bot.slack.render.replies import MAX_ALTERNATIVES, notice_reply, reply_for
from bot.slack.render.texts import t
from bot.slack.webapi.ephemeral import post_ephemeral
from bot.slack.webapi.history import message_text

EXPLAIN_MESSAGE = "explain_message"  # callback_id in manifest.yml


def register(app: App) -> None:
    app.message_shortcut(EXPLAIN_MESSAGE)(handle_explain_message)


def handle_explain_message(ack: Ack, body: dict, context: BoltContext, client: WebClient) -> None:
    """Answer only the person who used the shortcut, with Share; in the message's thread when it is a reply.

    The message's text is explained as written (a message saying `quiet` is not a command to us).
    """
    ack()
    deps = deps_of(context)
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id", "")
    user = (body.get("user") or {}).get("id", "")
    thread = message.get("thread_ts") or ""
    if thread == message.get("ts"):  # the root of a thread is answered where it shows, in the channel
        thread = ""
    text = message_text(message)
    if has_files(message):  # an uploaded log or a snippet: read like a paste, privately
        reply = files_reply(deps, client, message=message, question=Question(text=text, lang=None), share=True)
        if reply is None:
            reply = notice_reply(t(deps.default_lang or "en", "no_text"))
    elif not text:
        reply = notice_reply(t(deps.default_lang or "en", "no_text"))
    else:
        lang = deps.default_lang if deps.default_lang and neutral(text) else None
        result = deps.engine.explain(text, mode="direct", lang=lang, top=1 + MAX_ALTERNATIVES)
        reply = reply_for(result, buttons=True, share=True, thread=thread)
    post_ephemeral(
        client,
        reply,
        channel=channel,
        user=user,
        thread_ts=thread or None,
        response_url=body.get("response_url", ""),
        what=f"explanation of message {message.get('ts')} for {user}",
    )
