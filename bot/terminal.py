"""Answers as terminal text: what `httpcode explain` prints."""

from __future__ import annotations

import textwrap

from bot.answer import code_label, render
from bot.result import Match, Result

WIDTH = 88
NOTHING = {
    "en": "No HTTP, IIS, FTP or Windows error code found in that text.",
    "zh": "未在文本中找到 HTTP、IIS、FTP 或 Windows 错误代码。",
}
UNKNOWN = {"en": "Unknown code: {codes}.", "zh": "未知代码：{codes}。"}
NEAREST = {"en": "Nearest: {items}", "zh": "最接近的：{items}"}
ALSO = {"en": "Other candidates:", "zh": "其他可能："}


def _width(text: str) -> int:
    """Chinese characters take two terminal columns; wrap them at half the width."""
    return WIDTH // 2 + 4 if any("\u4e00" <= ch <= "\u9fff" for ch in text[:200]) else WIDTH


def _wrap(text: str, indent: str = "  ") -> str:
    width = _width(text)
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent, break_long_words=width < WIDTH)


def format_match(match: Match, lang: str) -> str:
    a = render(match, lang)
    lines = [a.header, f"  [{a.context}]"]
    if a.fallback_note:
        lines.append(_wrap(a.fallback_note))
    if match.detail:
        lines.append("  " + ", ".join(f"{k} {v}" for k, v in match.detail.items()))
    lines += ["", f"{a.labels['cause']}:", _wrap(a.cause), "", f"{a.labels['fix']}:"]
    for i, step in enumerate(a.fix, 1):
        lines.append(
            textwrap.fill(step, WIDTH, initial_indent=f"  {i}. ", subsequent_indent="     ", break_long_words=False)
        )
    if a.notes:
        lines += ["", f"{a.labels['notes']}:", _wrap(a.notes)]
    if a.links:
        lines += ["", f"{a.labels['links']}:"] + [f"  {link}" for link in a.links]
    return "\n".join(lines)


def format_result(result: Result) -> str:
    lang = result.lang
    if not result.matches:
        parts = []
        parts.append(UNKNOWN[lang].format(codes=", ".join(result.unknown)) if result.unknown else NOTHING[lang])
        if result.suggestions:
            items = "; ".join(f"{code_label(m, lang)} {m.meaning.title[lang]}" for m in result.suggestions)
            parts.append(NEAREST[lang].format(items=items))
        return "\n".join(parts)
    out = [format_match(result.matches[0], lang)]
    rest = result.matches[1:]
    if rest:
        out += ["", ALSO[lang]]
        out += [f"  {code_label(m, lang)} · {m.meaning.title[lang]} ({round(m.score * 100)}%)" for m in rest]
    return "\n".join(out)
