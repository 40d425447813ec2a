"""What to say for a result, as Block Kit: one answer, several codes, nothing found, or help.

The listeners choose the surface (private command reply, thread reply, unprompted reply); this
module only turns engine output into `Reply` objects, so every shape is testable without Slack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from slack_sdk.models.blocks import Block, ButtonElement

from bot.answer import Answer, code_label, one_line, render
from bot.result import Match, Result
from bot.slack.render import blocks as bk
from bot.slack.render.blocks import Reply
from bot.slack.render.mrkdwn import code_span, escape, link, truncate
from bot.slack.render.picks import ButtonValue, Pick
from bot.slack.render.texts import t

SHARE_ACTION = "httpcode_share"
NOT_HELPFUL_ACTION = "httpcode_not_helpful"  # on unprompted answers: removes the answer, counted by code
PICK_ACTION_PREFIX = "httpcode_pick_"  # + index; "Did you mean" and "nearest code" buttons
PICK_ACTION = re.compile(r"^httpcode_pick_\d+$")
MAX_ALTERNATIVES = 3
MAX_SEVERAL = 8
SEVERAL_STEPS = 3
SEVERAL_MIN = 0.5  # a second code must be at least this likely to be listed
MAX_QUERY_ECHO = 200
USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")


def help_reply(lang: str) -> Reply:
    """Usage, with the examples in a code block each reader can copy from."""
    return Reply(
        blocks=[
            bk.header(t(lang, "help_title")),
            bk.section(t(lang, "help_ask")),
            bk.section(f"```{t(lang, 'help_examples')}```"),
            bk.section(t(lang, "help_body")),
        ],
        text=t(lang, "help_title"),
    )


def notice_reply(text: str) -> Reply:
    """A one-sentence message of our own (already mrkdwn)."""
    return Reply(blocks=[bk.section(text)], text=text)


def answer_reply(
    match: Match,
    lang: str,
    *,
    alternatives: Sequence[Match] = (),
    share: bool = False,
    shared_by: str = "",
    changed_by: str = "",
    unprompted: bool = False,
    thread: str = "",
) -> Reply:
    """One full answer: header, cause, numbered fix steps, links, context line, and its buttons.

    `thread`: the thread a private answer is shown in, so its buttons keep answering there.
    """
    answer = render(match, lang)
    blocks: list[Block] = [bk.header(answer.header)]
    if answer.fallback_note:
        blocks.append(bk.context(escape(answer.fallback_note)))
    blocks += bk.sections(answer.labels["cause"], [escape(answer.cause)])
    steps = [f"{i}. {escape(step)}" for i, step in enumerate(answer.fix, 1)]
    blocks += bk.sections(answer.labels["fix"], steps)
    if answer.links:
        blocks += bk.sections(answer.labels["links"], [f"• {_link(u)}" for u in answer.links])
    if answer.notes:
        blocks += bk.sections(answer.labels["notes"], [escape(answer.notes)])
    line = [escape(answer.context)]
    if shared_by:
        line.insert(0, t(lang, "shared_by", user=f"<@{shared_by}>" if USER_ID.fullmatch(shared_by) else "?"))
    if changed_by:
        line.insert(0, t(lang, "changed_by", user=f"<@{changed_by}>" if USER_ID.fullmatch(changed_by) else "?"))
    if unprompted:
        line.append(t(lang, "unprompted"))
    buttons = [not_helpful_button([match], lang)] if unprompted else []
    if share:
        value = ButtonValue(lang, Pick.of(match), thread=thread).encode()
        buttons.append(bk.button(t(lang, "share"), action_id=SHARE_ACTION, value=value, primary=True))
    buttons += _pick_buttons(alternatives, lang, prefix=t(lang, "did_you_mean"), keep=(match,), thread=thread)
    footer = [bk.context(*line), *bk.actions(buttons)]
    return Reply(blocks=bk.fit(blocks, footer, note=t(lang, "trimmed")), text=_fallback(answer))


def several_reply(matches: Sequence[Match], lang: str, *, unprompted: bool = False) -> Reply:
    """One compact answer covering each code in a paste, most relevant first: title, cause, first steps."""
    shown = list(matches[:MAX_SEVERAL])
    blocks: list[Block] = [bk.section(t(lang, "several", n=str(len(matches))))]
    texts = []
    for match in shown:
        answer = render(match, lang)
        steps = [f"{i}. {escape(step)}" for i, step in enumerate(answer.fix[:SEVERAL_STEPS], 1)]
        if len(answer.fix) > SEVERAL_STEPS:
            steps.append("…")
        body = [f"*{escape(answer.header)}*", escape(truncate(answer.cause, 500)), f"*{answer.labels['fix']}*", *steps]
        blocks += [bk.divider(), *bk.sections("", body), bk.context(escape(answer.context))]
        texts.append(one_line(match, lang))
    tail = []
    if len(matches) > len(shown):
        tail.append(t(lang, "more", n=str(len(matches) - len(shown))))
    if unprompted:
        tail.append(t(lang, "unprompted"))
    footer = [bk.context(*tail)] if tail else []
    if unprompted:
        footer += bk.actions([not_helpful_button(shown, lang)])
    return Reply(blocks=bk.fit(blocks, footer, note=t(lang, "trimmed")), text="\n".join(texts))


def not_helpful_button(matches: Sequence[Match], lang: str) -> ButtonElement:
    """Removes an unprompted answer; its value names the codes, so `/metrics` counts where the bot was wrong."""
    value = ",".join(m.id for m in matches)[:1900]
    return bk.button(t(lang, "not_helpful"), action_id=NOT_HELPFUL_ACTION, value=value)


def not_found_reply(query: str, result: Result, *, thread: str = "") -> Reply:
    """Say that nothing matched, name the codes we do not know, and offer the nearest ones."""
    lang = result.lang
    shown = code_span(truncate(" ".join(query.split()), MAX_QUERY_ECHO))
    lines = [t(lang, "not_found", query=shown)]
    if result.unknown:
        lines.append(t(lang, "unknown_codes", codes=", ".join(code_span(c) for c in result.unknown[:10])))
    suggestions = list(result.suggestions[:MAX_ALTERNATIVES])
    if suggestions:
        lines.append(t(lang, "nearest"))
        lines += [f"• {escape(one_line(m, lang))}" for m in suggestions]
    else:
        lines.append(t(lang, "try_help"))
    blocks: list[Block] = bk.sections("", lines)
    blocks += bk.actions(_pick_buttons(suggestions, lang, prefix="", thread=thread))
    return Reply(blocks=blocks, text=t(lang, "not_found", query=f'"{truncate(query, MAX_QUERY_ECHO)}"'))


def reply_for(result: Result, *, buttons: bool, share: bool = False, several: bool = False, thread: str = "") -> Reply:
    """The reply to a direct question: the best answer (with alternatives when unsure), or not found.

    With `several`, a paste that names more than one code gets one compact answer covering each.
    """
    if not result.matches:
        return not_found_reply(result.query, result, thread=thread)
    if several:
        named = codes_named(result)
        if len(named) > 1:  # the best match comes first whether or not it is written as such
            return several_reply(named, result.lang)
    best = result.matches[0]
    alternatives = [] if (result.certain or not buttons) else result.matches[1 : 1 + MAX_ALTERNATIVES]
    return answer_reply(best, result.lang, alternatives=alternatives, share=share, thread=thread)


def codes_named(result: Result) -> list[Match]:
    """The best match, then each other error code written in the text, most relevant first.

    A paste with `500.19` and `0x80070021` names two codes. These are not more codes: another
    reading of the same number (`421` as HTTP and as FTP), the parent of a sub-status already
    listed (`500` beside `500.19`), success replies in a transcript (`230`, `200`), weak guesses.
    """
    if not result.matches:
        return []
    out = [result.matches[0]]
    for match in result.matches[1:]:
        token = _token(match)
        if (
            match.score < SEVERAL_MIN
            or not _is_error(match)
            or any(_token(m) == token or _same_status(m, match) for m in out)
            or not _written(token, result.query)
        ):
            continue
        out.append(match)
    return out


def _token(match: Match) -> str:
    return (match.asked or match.entry.code).lower()


def _same_status(a: Match, b: Match) -> bool:
    """`http:500` beside `http:500.19` (two levels of detail), or `ftp:500` (another reading of the number)."""
    families = {a.entry.family, b.entry.family}
    return families <= {"http", "ftp"} and a.entry.code.split(".")[0] == b.entry.code.split(".")[0]


def _is_error(match: Match) -> bool:
    """4xx/5xx (and FTP's 6xx); Windows and HRESULT values beside a status are its detail, so they count."""
    if match.entry.family in ("http", "ftp"):
        return match.entry.code[:1] in "456" and not match.entry.code.startswith("sub.")
    return True


def _written(token: str, text: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(token)}(?![\w]|\.\d)", text, re.IGNORECASE) is not None


def _pick_buttons(
    matches: Sequence[Match], lang: str, *, prefix: str, keep: Sequence[Match] = (), thread: str = ""
) -> list:
    """One button per candidate; pressing it shows that answer and keeps offering the rest."""
    group = [*keep, *matches]
    out = []
    for i, match in enumerate(matches):
        others = tuple(Pick.of(m) for m in group if m is not match)
        value = ButtonValue(lang, Pick.of(match), others, thread).encode()
        label = f"{prefix}: {_label(match, lang)}" if prefix else _label(match, lang)
        out.append(bk.button(label, action_id=f"{PICK_ACTION_PREFIX}{i}", value=value))
    return out


def _label(match: Match, lang: str) -> str:
    return f"{code_label(match, lang)} · {match.meaning.title[lang]}"


def _link(url: str) -> str:
    shown = re.sub(r"^https?://(www\.)?", "", url)
    return link(url, truncate(shown, 80))


def _fallback(answer: Answer) -> str:
    return f"{answer.header}: {answer.cause}"
