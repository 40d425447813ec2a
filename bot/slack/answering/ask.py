"""Reading a question typed to the bot: its words, a trailing `en`/`zh`, and which language to answer in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.model import LANGS
from bot.slack.render.mrkdwn import unformat

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}")
# words that say nothing about the asker's language: "HTTP 401.3", "IIS error 500.19", "Win32 13"
_NEUTRAL = {"http", "https", "iis", "ftp", "err", "error", "hresult", "win", "status", "code", "sc", "substatus", "sub"}
KEYWORDS = ("help", "quiet", "listen")
TRIAGE_WORDS = ("triage", "summary", "总结")  # summarise the thread; `总结` also asks for Chinese


@dataclass(frozen=True, slots=True)
class Question:
    """What to explain, and the language asked for (None: let the engine detect it)."""

    text: str
    lang: str | None
    keyword: str = ""  # "help", "quiet", "listen" or "triage" when the whole question is that word


def parse(raw: str, *, default_lang: str | None = None) -> Question:
    """`401.3 zh` forces Chinese; `help`, `quiet`, `listen`, `triage` are keywords; Slack markup is undone.

    `triage` (also `summary`, `总结`) keeps `lang` None unless forced or `总结`: the thread's language decides.
    """
    text = unformat(raw).strip()
    words = text.split()
    lang = None
    if words and words[-1].lower() in LANGS:
        lang = words[-1].lower()
        text = text[: text.rfind(words[-1])].rstrip()
        words = words[:-1]
    if len(words) == 1 and words[0].lower() in TRIAGE_WORDS:
        return Question(text="", lang=lang or ("zh" if words[0] == "总结" else None), keyword="triage")
    if len(words) <= 1 and (not words or words[0].lower() in KEYWORDS):
        keyword = words[0].lower() if words else "help"
        return Question(text="", lang=lang or default_lang or "en", keyword=keyword)
    if lang is None and default_lang and neutral(text):
        lang = default_lang
    return Question(text=text, lang=lang)


def neutral(text: str) -> bool:
    """True when the text has no words that show a language (only codes and words like HTTP)."""
    if _CJK.search(text):
        return False
    return all(w.lower() in _NEUTRAL for w in _WORD.findall(re.sub(r"0x[0-9a-fA-F]+", " ", text)))
