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
MORE_ACTION = "httpcode_more"  # the full answer, privately, to whoever pressed it
UNPROMPTED_CHARS = 900  # text an unprompted answer shows before More
DIRECT_CHARS = 1500  # text an asked-for answer shows before More
MAX_QUOTE = 200  # one piece of evidence as shown
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
    full: bool = False,
) -> Reply:
    """One answer and its buttons. Short unless `full`: with a diagnosis the case, its evidence and its steps,
    else the cause and steps; at most 900 characters unprompted, 1,500 asked; the rest is behind More.

    `thread`: the thread a private answer is shown in, so its buttons keep answering there.
    """
    answer = render(match, lang)
    line = [escape(answer.context)]
    if shared_by:
        line.insert(0, t(lang, "shared_by", user=f"<@{shared_by}>" if USER_ID.fullmatch(shared_by) else "?"))
    if changed_by:
        line.insert(0, t(lang, "changed_by", user=f"<@{changed_by}>" if USER_ID.fullmatch(changed_by) else "?"))
    if unprompted:
        line.append(t(lang, "unprompted"))
    head: list[Block] = [bk.header(answer.header)]
    if answer.fallback_note:
        head.append(bk.context(escape(answer.fallback_note)))
    parts = _full_parts(answer) if full else _short_parts(answer)
    budget = None
    if not full:
        budget = (UNPROMPTED_CHARS if unprompted else DIRECT_CHARS) - visible_chars([*head, bk.context(*line)])
    body, cut = _pack(parts, budget)
    hidden = not full and (cut or answer.diagnosed or bool(answer.other_cases or answer.notes or answer.links))
    buttons = []
    value = ButtonValue(lang, Pick.of(match), thread=thread, full=full).encode()
    if share:
        buttons.append(bk.button(t(lang, "share"), action_id=SHARE_ACTION, value=value, primary=True))
    if hidden:
        buttons.append(bk.button(t(lang, "more_button"), action_id=MORE_ACTION, value=value))
    buttons += _pick_buttons(alternatives, lang, prefix=t(lang, "did_you_mean"), keep=(match,), thread=thread)
    if unprompted:
        buttons.append(not_helpful_button([match], lang))
    footer = [bk.context(*line), *bk.actions(buttons)]
    return Reply(blocks=bk.fit([*head, *body], footer, note=t(lang, "trimmed")), text=_fallback(answer))


def _short_parts(a: Answer) -> list[tuple[str, list[str]]]:
    steps = [f"{i}. {escape(step)}" for i, step in enumerate(a.short_fix, 1)]
    if a.diagnosed:
        return [(a.labels["seen"], [_quote(q) for q in a.evidence]), (a.labels["fix"], steps)]
    return [(a.labels["cause"], [escape(a.cause)]), (a.labels["fix"], steps)]


def _full_parts(a: Answer) -> list[tuple[str, list[str]]]:
    parts = []
    if a.diagnosed:
        parts += [
            (a.labels["seen"], [_quote(q) for q in a.evidence]),
            (a.labels["why"], [escape(a.case_cause)]),
            (a.labels["fix"], [f"{i}. {escape(step)}" for i, step in enumerate(a.case_fix, 1)]),
            (f"{a.labels['general']}: {escape(a.general_header)}", [escape(a.cause)]),
            (a.labels["general_fix"], [f"{i}. {escape(step)}" for i, step in enumerate(a.fix, 1)]),
        ]
    else:
        parts += [
            (a.labels["cause"], [escape(a.cause)]),
            (a.labels["fix"], [f"{i}. {escape(step)}" for i, step in enumerate(a.fix, 1)]),
        ]
    if a.other_cases:
        parts.append((a.labels["other_cases"], [f"• {escape(title)}" for title in a.other_cases]))
    if a.notes:
        parts.append((a.labels["notes"], [escape(a.notes)]))
    if a.links:
        parts.append((a.labels["links"], [f"• {link(url, label)}" for url, label in a.links]))
    return parts


def _quote(piece: str) -> str:
    """A piece of the paste, verbatim and inert: a quoted code span."""
    return "> " + code_span(truncate(" ".join(piece.split()), MAX_QUOTE))


def _pack(parts: list[tuple[str, list[str]]], budget: int | None) -> tuple[list[Block], bool]:
    """Sections for the parts, within `budget` characters of text (None: no limit); True when something was cut."""
    if budget is None:
        return [b for title, lines in parts for b in bk.sections(title, lines)], False
    out: list[Block] = []
    left = budget
    for title, lines in parts:
        text = f"*{title}*" if title else ""
        cut = False
        for line in lines:
            candidate = f"{text}\n{line}" if text else line
            if len(candidate) <= left:
                text = candidate
                continue
            room = left - len(text) - 1
            if room >= 80:
                text += "\n" + truncate(line, room)
            cut = True
            break
        if text and (text != f"*{title}*" or not cut) and len(text) <= left:
            out.append(bk.section(text))
            left -= len(text)
        if cut or left <= 0:
            return out, True
    return out, False


def visible_chars(blocks: Sequence[Block | dict]) -> int:
    """The characters of text a message shows: header, sections and context lines (not buttons)."""
    total = 0
    for block in blocks:
        b = block if isinstance(block, dict) else block.to_dict()
        if b["type"] in ("header", "section") and b.get("text"):
            total += len(b["text"]["text"])
        elif b["type"] == "context":
            total += sum(len(e.get("text", "")) for e in b.get("elements", ()))
    return total


def several_reply(matches: Sequence[Match], lang: str, *, unprompted: bool = False, thread: str = "") -> Reply:
    """One compact answer covering each code in a paste, most relevant first: the case or title, first steps,
    and a More button on each; within the same length limits as one answer."""
    shown = list(matches[:MAX_SEVERAL])
    intro = bk.section(t(lang, "several", n=str(len(matches))))
    texts = []
    tail = []
    if unprompted:
        tail.append(t(lang, "unprompted"))
    left = (UNPROMPTED_CHARS if unprompted else DIRECT_CHARS) - visible_chars([intro]) - len(t(lang, "more", n="99"))
    left -= sum(len(x) for x in tail)
    blocks: list[Block] = [intro]
    listed = 0
    for match in shown:
        answer = render(match, lang)
        steps = [f"{i}. {escape(step)}" for i, step in enumerate(answer.short_fix[:SEVERAL_STEPS], 1)]
        if len(answer.short_fix) > SEVERAL_STEPS:
            steps.append("…")
        lines = [f"*{escape(answer.header)}*"]
        if answer.diagnosed:
            lines += [f"*{answer.labels['seen']}* " + code_span(truncate(" ".join(answer.evidence[0].split()), 120))]
        else:
            lines.append(escape(truncate(answer.cause, 300)))
        lines += [f"*{answer.labels['fix']}*", *steps]
        context = escape(answer.context)
        room = left - len(context)
        if room < 120:
            break
        text = "\n".join(lines)
        if len(text) > room:
            text = truncate(text, room)
        value = ButtonValue(lang, Pick.of(match), thread=thread).encode()
        more = bk.button(t(lang, "more_button"), action_id=MORE_ACTION, value=value)
        blocks += [bk.divider(), bk.section(text, accessory=more), bk.context(context)]
        left -= len(text) + len(context)
        listed += 1
        texts.append(one_line(match, lang))
    if len(matches) > listed:
        tail.insert(0, t(lang, "more", n=str(len(matches) - listed)))
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
            return several_reply(named, result.lang, thread=thread)
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


def _fallback(answer: Answer) -> str:
    return f"{answer.header}: {answer.case_cause or answer.cause}"
