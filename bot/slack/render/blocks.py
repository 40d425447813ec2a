"""Block Kit building blocks, built with slack_sdk's models so Slack's limits are checked here.

Everything that could exceed a limit is trimmed on the way in (headers to 150 characters, sections
to 3,000, buttons to 75, messages to 50 blocks): an answer that is too long gets shorter, never
rejected.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.slack.render.mrkdwn import escape, plain, truncate

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_CONTEXT = 2000
MAX_BUTTONS = 25
MAX_FALLBACK = 3000


@dataclass(slots=True)
class Reply:
    """A message ready to send: blocks plus the `text` that notifications and old clients show.

    `text` is kept unescaped here; Slack reads the top-level `text` as mrkdwn, so it is escaped on the way out.
    """

    blocks: list[Block]
    text: str

    def to_kwargs(self) -> dict:
        """Keyword arguments for chat.postMessage, chat.update or a response_url (validates every block)."""
        return {"blocks": [b.to_dict() for b in self.blocks], "text": escape(truncate(self.text, MAX_FALLBACK))}


def header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=plain(truncate(text, MAX_HEADER)), emoji=False))


def section(mrkdwn: str, *, accessory: ButtonElement | None = None) -> SectionBlock:
    """A section of already-escaped mrkdwn; verbatim so Slack does not turn words into mentions or links."""
    return SectionBlock(text=MarkdownTextObject(text=truncate(mrkdwn, MAX_SECTION), verbatim=True), accessory=accessory)


def sections(title: str, lines: Sequence[str]) -> list[SectionBlock]:
    """`*title*` then lines, packed into as few sections as fit 3,000 characters each."""
    out: list[SectionBlock] = []
    current = f"*{title}*" if title else ""
    for line in lines:
        line = truncate(line, MAX_SECTION - 10)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_SECTION and current:
            out.append(section(current))
            candidate = line
        current = candidate
    if current:
        out.append(section(current))
    return out


def context(*mrkdwn: str) -> ContextBlock:
    elements = [MarkdownTextObject(text=truncate(m, MAX_CONTEXT), verbatim=True) for m in mrkdwn if m][:10]
    return ContextBlock(elements=elements)


def divider() -> DividerBlock:
    return DividerBlock()


def button(text: str, *, action_id: str, value: str, primary: bool = False) -> ButtonElement:
    if len(value) > MAX_BUTTON_VALUE:
        raise ValueError(f"button value is {len(value)} characters; Slack allows {MAX_BUTTON_VALUE}")
    return ButtonElement(
        text=PlainTextObject(text=plain(truncate(text, MAX_BUTTON_TEXT)), emoji=False),
        action_id=action_id,
        value=value,
        style="primary" if primary else None,
    )


def actions(buttons: Iterable[ButtonElement]) -> list[ActionsBlock]:
    """Zero or one actions block (none when there is nothing to press)."""
    elements = list(buttons)[:MAX_BUTTONS]
    return [ActionsBlock(elements=elements)] if elements else []


def fit(body: list[Block], footer: Sequence[Block] = (), *, note: str) -> list[Block]:
    """At most 50 blocks: the body is cut (saying so in `note`) so the footer (context, buttons) always stays."""
    if len(body) + len(footer) <= MAX_BLOCKS:
        return [*body, *footer]
    keep = MAX_BLOCKS - len(footer) - 1
    return [*body[:keep], context(note), *footer]


def combine(replies: Sequence[Reply], *, note: str) -> Reply:
    """Several replies as one message (a log's tally, then the answer to the text beside it), within 50 blocks."""
    if len(replies) == 1:
        return replies[0]
    blocks: list[Block] = []
    for i, reply in enumerate(replies):
        if i:
            blocks.append(divider())
        blocks += reply.blocks
    if len(blocks) > MAX_BLOCKS:
        blocks = [*blocks[: MAX_BLOCKS - 1], context(note)]
    return Reply(blocks=blocks, text="\n".join(r.text for r in replies))
