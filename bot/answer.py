"""A rendered answer, independent of where it is shown (terminal, Slack, JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.result import Match

FAMILY_LABELS = {
    "http": "HTTP",
    "ftp": "FTP",
    "win32": "Win32",
    "hresult": "HRESULT",
    "curl": "curl",
    "net": "net::",
    "httperr": "HTTPERR",
    "cloudflare": "Cloudflare",
    "heroku": "Heroku",
    "envoy": "Envoy",
}
LABELS = {
    "en": {
        "cause": "Cause",
        "fix": "Fix",
        "links": "Links",
        "notes": "Notes",
        "fallback": "{asked} is not a code I know; showing its parent {code}.",
        "confidence": "confidence",
        "also": "Also",
        "ftp_sub": "IIS FTP sub-status {n}",
    },
    "zh": {
        "cause": "原因",
        "fix": "解决方法",
        "links": "参考",
        "notes": "备注",
        "fallback": "未收录 {asked}，显示其上级代码 {code}。",
        "confidence": "置信度",
        "also": "另见",
        "ftp_sub": "IIS FTP 子状态 {n}",
    },
}


def code_label(match: Match, lang: str = "en") -> str:
    """`HTTP 401.3`, `FTP 550`, `Win32 13`, `HRESULT 0x80070021`, `IIS FTP sub-status 4`."""
    entry = match.entry
    if entry.family == "ftp" and entry.code.startswith("sub."):
        return LABELS[lang]["ftp_sub"].format(n=entry.code[4:])
    return f"{FAMILY_LABELS[entry.family]} {entry.code}"


@dataclass(slots=True)
class Answer:
    """One match rendered in one language."""

    id: str
    header: str
    title: str
    cause: str
    fix: list[str]
    links: list[str]
    notes: str
    context: str
    fallback_note: str
    lang: str
    score: float
    labels: dict[str, str] = field(default_factory=dict)


def render(match: Match, lang: str) -> Answer:
    """Pick the meaning and language; say when we fell back to a parent code."""
    m = match.meaning
    entry = match.entry
    labels = LABELS[lang]
    fallback = labels["fallback"].format(asked=match.asked, code=entry.code) if match.fallback else ""
    parts = [f"{entry.id}", m.source]
    if len(entry.meanings) > 1:
        parts.append(m.component)
    parts.append(f"{labels['confidence']} {round(match.score * 100)}%")
    parts.append(lang)
    return Answer(
        id=entry.id,
        header=f"{code_label(match, lang)} · {m.title[lang]}",
        title=m.title[lang],
        cause=m.cause[lang],
        fix=list(m.fix[lang]),
        links=list(dict.fromkeys([*m.links, *entry.links])),
        notes=entry.notes.get(lang, ""),
        context=" · ".join(parts),
        fallback_note=fallback,
        lang=lang,
        score=match.score,
        labels=labels,
    )


def one_line(match: Match, lang: str) -> str:
    """`HTTP 500.19 · Configuration data is invalid: first fix step` for compact lists."""
    m = match.meaning
    first = m.fix[lang][0] if m.fix.get(lang) else ""
    return f"{code_label(match, lang)} · {m.title[lang]}" + (f": {first}" if first else "")
