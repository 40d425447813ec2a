"""Reading what people type: keywords, forced language, the default language for bare codes."""

from __future__ import annotations

import pytest

from bot.slack.answering.ask import Question, parse
from bot.slack.listeners.events import without_mention


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        ("", None, Question("", "en", "help")),
        ("  help ", None, Question("", "en", "help")),
        ("help zh", None, Question("", "zh", "help")),
        ("zh", None, Question("", "zh", "help")),
        ("QUIET", "zh", Question("", "zh", "quiet")),
        ("listen", None, Question("", "en", "listen")),
        ("401.3 zh", None, Question("401.3", "zh")),
        ("HTTP 错误 401.3 en", None, Question("HTTP 错误 401.3", "en")),
        ("401.3", None, Question("401.3", None)),
        ("HTTP Error 401.3", "zh", Question("HTTP Error 401.3", "zh")),  # no language words: the default
        ("IIS 0x80070021", "zh", Question("IIS 0x80070021", "zh")),
        ("access is denied 401.3", "zh", Question("access is denied 401.3", None)),  # English words: detect
        ("访问被拒绝 401.3", "en", Question("访问被拒绝 401.3", None)),
        ("help me with 500", None, Question("help me with 500", None)),
        ("&lt;system.webServer&gt; 500.19", None, Question("<system.webServer> 500.19", None)),
    ],
)
def test_parse(raw, default, expected):
    assert parse(raw, default_lang=default) == expected


def test_without_mention_removes_only_the_bot():
    assert without_mention("<@UBOT> 401.3 <@UALICE>", "UBOT") == "401.3 <@UALICE>"
    assert without_mention("401.3 <@UBOT|httpcode>", "UBOT") == "401.3"
    assert without_mention("<@UBOT>", None) == "<@UBOT>"
