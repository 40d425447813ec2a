"""Thread summaries (the engine half of `@httpcode triage`): counts, first seen, one-line cause."""

from __future__ import annotations

import pytest

from bot.triage import first_sentence, summarize_thread

THREAD = [
    ("1712900000.000100", "U1", "Site down! HTTP Error 500.19 - Internal Server Error, Error Code 0x8007000d"),
    ("1712900060.000200", "U2", "ok, looking"),
    ("1712900120.000300", "U1", "restarted the pool, now 500.19 again"),
    ("1712900180.000400", "U3", "FTP upload: 550 Permission denied"),
]


def test_each_code_counted_with_where_it_was_first_seen(engine):
    summary = summarize_thread(engine, THREAD)
    got = {i.match.id: (i.count, i.first_ts, i.first_user) for i in summary.items}
    assert got["http:500.19"] == (2, "1712900000.000100", "U1")
    assert got["ftp:550"] == (1, "1712900180.000400", "U3")
    assert summary.items[0].match.id == "http:500.19", "most frequent first"
    assert summary.lang == "en" and summary.messages == 4


def test_chinese_thread_gets_chinese_lines(engine):
    zh = [
        ("1712900000.000100", "U1", "网站打不开，HTTP 错误 500.19 - 内部服务器错误"),
        ("1712900100.0001", "U2", "FTP 上传报 550"),
    ]
    summary = summarize_thread(engine, zh)
    assert summary.lang == "zh"
    item = summary.items[0]
    assert item.cause_line("zh").endswith("。") and item.first_step("zh")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("The XML is malformed, e.g. a missing tag. Then more.", "The XML is malformed, e.g. a missing tag."),
        ("A rule denies it (i.e. a deny rule. Or two). Next.", "A rule denies it (i.e. a deny rule. Or two)."),
        ("配置无效。其他原因。", "配置无效。"),
        ("Version 8.5 fails. Next.", "Version 8.5 fails."),
        ("No full stop here", "No full stop here"),
    ],
)
def test_cause_line_is_the_first_real_sentence(text, first):
    assert first_sentence(text) == first
