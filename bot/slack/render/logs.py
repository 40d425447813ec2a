"""A log file's answer: its tally by status, sub-status and win32 value, then the top errors explained.

Short enough for a thread: the counts as one preformatted table (at most `MAX_ROWS` rows), then for
each of the top errors its title, cause in one sentence, the first step and a Details button for the
full answer, privately.
"""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.answer import code_label
from bot.slack.render import blocks as bk
from bot.slack.render.blocks import Reply
from bot.slack.render.mrkdwn import escape, truncate
from bot.slack.render.picks import DETAILS_ACTION, ButtonValue, Pick
from bot.slack.render.texts import t
from bot.triage import TOP, LogSummary, first_sentence

MAX_ROWS = 12
LINE_CHARS = 300


def log_reply(summary: LogSummary, *, name: str, lang: str, thread: str = "", notes: list[str] | None = None) -> Reply:
    title = t(lang, "log_title", name=name, records=f"{summary.records:,}", lines=f"{summary.lines:,}")
    rows = []
    width = max((len(g.label) for g in summary.groups[:MAX_ROWS]), default=6)
    for g in summary.groups[:MAX_ROWS]:
        share = 100.0 * g.count / max(1, summary.records)
        title_text = g.match.meaning.title[lang] if g.match else ""
        rows.append(f"{g.label:<{width}}  {g.count:>8,}  {share:5.1f}%  {truncate(title_text, 60)}")
    if len(summary.groups) > MAX_ROWS:
        rest = sum(g.count for g in summary.groups[MAX_ROWS:])
        rows.append(f"{'…':<{width}}  {rest:>8,}  ({len(summary.groups) - MAX_ROWS} more groups)")
    table = "```\n" + escape("\n".join(rows)) + "\n```"
    blocks: list[Block] = [bk.section(f"*{escape(title)}*\n{table}")]
    errors = summary.errors()[:TOP]
    if errors:
        blocks.append(bk.section(f"*{t(lang, 'log_errors')}*"))
    else:
        blocks.append(bk.context(escape(t(lang, "log_none", name=name))))
    fallback = [title]
    for g in errors:
        match = g.match
        assert match is not None
        lines = [f"*{escape(code_label(match, lang))} · {escape(match.meaning.title[lang])}* ×{g.count:,}"]
        lines.append(escape(truncate(first_sentence(match.meaning.cause[lang]), LINE_CHARS)))
        steps = match.meaning.fix.get(lang) or ()
        if steps:
            lines.append(f"*{t(lang, 'first_step')}* {escape(truncate(steps[0], LINE_CHARS))}")
        if g.win32_match:
            lines.append(f"_{escape(code_label(g.win32_match, lang))}: {escape(g.win32_match.meaning.title[lang])}_")
        value = ButtonValue(lang, Pick.of(match), thread=thread).encode()
        blocks.append(
            bk.section("\n".join(lines), accessory=bk.button(t(lang, "details"), action_id=DETAILS_ACTION, value=value))
        )
        fallback.append(f"{code_label(match, lang)} ×{g.count}")
    tail = list(notes or [])
    if summary.malformed:
        tail.append(t(lang, "log_malformed", n=f"{summary.malformed:,}"))
    footer = [bk.context(*(escape(n) for n in tail))] if tail else []
    return Reply(blocks=bk.fit(blocks, footer, note=t(lang, "trimmed")), text="\n".join(fallback))
