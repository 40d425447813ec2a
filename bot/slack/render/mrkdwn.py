"""Slack's mrkdwn in both directions: escape what we echo, and read Slack's markup back to plain text.

Slack only treats `<...>` as control sequences (mentions, links, `<!channel>`), so escaping `&`, `<`
and `>` is what makes pasted text inert. Bare `@here`/`@channel` are also broken with a zero-width
space, so no client or `link_names` setting can turn them into a ping. Both also drop what cannot be
sent at all (lone surrogates from a JSON `\ud800`, control characters): they are not valid UTF-8.
"""

from __future__ import annotations

import re
import time

_BROADCAST = re.compile(r"@(?=(?:here|channel|everyone)\b)", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>]*)>")
_ZWSP = "\u200b"
_UNSENDABLE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape(text: str) -> str:
    """Make text safe to show in mrkdwn: no mention, link or broadcast can survive."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return plain(text)


def plain(text: str) -> str:
    """Plain-text fields (header, button, fallback `text`) are not parsed, but broadcasts still ping."""
    return _BROADCAST.sub("@" + _ZWSP, _sendable(text))


def _sendable(text: str) -> str:
    """Lone surrogates become U+FFFD and control characters (but tab and newline) go: Slack takes UTF-8 only."""
    return _UNSENDABLE.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", text)


def link(url: str, label: str = "") -> str:
    """`<url|label>` with the characters that would end the link percent-encoded."""
    safe = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return f"<{safe}|{escape(label).replace('|', '¦')}>" if label else f"<{safe}>"


def date(ts: str) -> str:
    """A message ts as Slack's date token: each reader sees it in their own time zone; UTC for old clients."""
    try:
        seconds = int(float(ts))
        fallback = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(seconds))
    except (ValueError, OverflowError, OSError):
        return escape(ts)
    return f"<!date^{seconds}^{{date_short_pretty}} {{time}}|{fallback}>"


def code_span(text: str) -> str:
    """Inline code for echoed text; backticks inside would end the span early."""
    return "`" + escape(text.replace("`", "'")) + "`"


def unformat(text: str) -> str:
    """Slack's message markup to the plain text a person pasted.

    `<@U1>` -> `@U1`, `<#C1|ops>` -> `#ops`, `<!here>` -> `@here`, `<http://x|x>` -> `http://x`,
    `&lt;` -> `<`. Pasted `<system.webServer>` arrives escaped, so it comes back intact.
    """

    def one(m: re.Match[str]) -> str:
        inner = m.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            name = target[1:].split("^", 1)[0]
            return "@" + (label or name).lstrip("@")
        if target.startswith("mailto:"):
            return label or target[7:]
        return target

    text = _ANGLE.sub(one, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def truncate(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """Cut to at most `limit` characters, at a line or word end when one is near."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ellipsis))]
    for sep in ("\n", " "):
        at = cut.rfind(sep)
        if at >= limit * 0.7:
            cut = cut[:at]
            break
    # never leave half an entity (`&am`) or half a link (`<http://…`)
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    return cut.rstrip() + ellipsis
