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
MORE_HINT = {
    "en": "(--full: the general cause, other causes, notes and links)",
    "zh": "（加 --full 查看一般原因、其他原因、备注和参考链接）",
}


def _width(text: str) -> int:
    """Chinese characters take two terminal columns; wrap them at half the width."""
    return WIDTH // 2 + 4 if any("\u4e00" <= ch <= "\u9fff" for ch in text[:200]) else WIDTH


def _wrap(text: str, indent: str = "  ") -> str:
    width = _width(text)
    rest = " " * len(indent) if indent.strip() else indent
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=rest, break_long_words=width < WIDTH)


def format_match(match: Match, lang: str, full: bool = False) -> str:
    """The short answer (the case, its evidence and steps; or cause and steps); `full` adds everything else."""
    a = render(match, lang)
    lines = [a.header, f"  [{a.context}]"]
    if a.fallback_note:
        lines.append(_wrap(a.fallback_note))
    if match.detail:
        lines.append("  " + ", ".join(f"{k} {v}" for k, v in match.detail.items()))
    if a.diagnosed:
        lines += ["", a.labels["seen"]] + [_wrap(q, indent="  > ") for q in a.evidence]
        if full:
            lines += ["", f"{a.labels['why']}:", _wrap(a.case_cause)]
        lines += ["", f"{a.labels['fix']}:", *_steps(a.case_fix)]
    else:
        lines += ["", f"{a.labels['cause']}:", _wrap(a.cause), "", f"{a.labels['fix']}:", *_steps(a.fix)]
    hidden = bool(a.diagnosed or a.other_cases or a.notes or a.links)
    if not full:
        if hidden:
            lines += ["", MORE_HINT[lang]]
        return "\n".join(lines)
    if a.diagnosed:
        lines += ["", f"{a.labels['general']}: {a.general_header}", _wrap(a.cause)]
        lines += ["", f"{a.labels['general_fix']}:", *_steps(a.fix)]
    if a.other_cases:
        lines += ["", f"{a.labels['other_cases']}:"] + [_wrap(title, indent="  - ") for title in a.other_cases]
    if a.notes:
        lines += ["", f"{a.labels['notes']}:", _wrap(a.notes)]
    if a.links:
        lines += ["", f"{a.labels['links']}:"] + [f"  {label}: {url}" for url, label in a.links]
    return "\n".join(lines)


def _steps(steps: list[str]) -> list[str]:
    return [
        textwrap.fill(step, WIDTH, initial_indent=f"  {i}. ", subsequent_indent="     ", break_long_words=False)
        for i, step in enumerate(steps, 1)
    ]


def format_result(result: Result, full: bool = False) -> str:
    lang = result.lang
    if not result.matches:
        parts = []
        parts.append(UNKNOWN[lang].format(codes=", ".join(result.unknown)) if result.unknown else NOTHING[lang])
        if result.suggestions:
            items = "; ".join(f"{code_label(m, lang)} {m.meaning.title[lang]}" for m in result.suggestions)
            parts.append(NEAREST[lang].format(items=items))
        return "\n".join(parts)
    out = [format_match(result.matches[0], lang, full)]
    rest = result.matches[1:]
    if rest:
        out += ["", ALSO[lang]]
        out += [f"  {code_label(m, lang)} · {m.meaning.title[lang]} ({round(m.score * 100)}%)" for m in rest]
    return "\n".join(out)
