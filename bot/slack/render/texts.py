"""Every sentence the Slack app says itself, in each language it answers in."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "share": "Share in channel",
        "did_you_mean": "Did you mean",
        "shared_by": "Shared by {user}",
        "not_found": "Nothing I know matches {query}.",
        "unknown_codes": "Not in my knowledge base: {codes}.",
        "nearest": "Nearest codes I know:",
        "try_help": "Try `/httpcode help` for examples.",
        "several": "{n} codes in this text, most relevant first:",
        "more": "…and {n} more. Ask about one with `/httpcode <code>`.",
        "trimmed": "Answer trimmed to fit Slack's limits.",
        "unprompted": "Unprompted answer. `/httpcode quiet` turns these off in this channel.",
        "quiet_on": "OK: I will stay quiet in this channel and answer only when asked (`@httpcode`, `/httpcode`). `/httpcode listen` undoes this.",
        "listen_on": "OK: I will answer error codes pasted in this channel, at most once per code per thread. `/httpcode quiet` undoes this.",
        "expired": "That answer is no longer available; ask again with `/httpcode`.",
        "triage_title": "Triage: {codes} in {messages}",
        "codes": "{n} codes",
        "one_code": "1 code",
        "messages": "{n} messages",
        "one_message": "1 message",
        "triage_seen": "×{n} · first {first} · last {last}",
        "first_step": "First step:",
        "file_binary": "I skipped {name}: it is not a text file ({why}). Paste the error text or upload the log as text.",
        "file_too_large": "I skipped {name}: it is {size}, over my {limit} limit. Upload the part around the errors, or run `httpcode explain --log` on it.",
        "file_failed": "I could not read the file {name} ({why}).",
        "file_cut": "Only the first {limit} of {name} (inflated) were read.",
        "log_title": "{name}: {records} requests in {lines} lines",
        "log_malformed": "{n} lines were not log records and were skipped.",
        "log_errors": "Top errors",
        "log_none": "No error statuses in {name}: every request succeeded or redirected.",
        "triage_seen_in": "×{n} in {where} · first {first} · last {last}",
        "triage_lines": "{n} log lines",
        "triage_files": "Files read: {files}.",
        "refresh": "Refresh",
        "refreshed_by": "Refreshed {when} by {user}",
        "details": "Details",
        "triage_hint": "Most frequent first. *Details* shows a code's full answer, only to you.",
        "triage_more": "…and {n} more: {codes}",
        "triage_capped": "This thread is long: only its first {n} messages were read.",
        "triage_partial": "Slack stopped answering after {n} ({error}); this covers those.",
        "triage_none": "No error codes in this thread ({messages} read).",
        "triage_unreadable": "I could not read this thread ({error}).",
        "no_text": "That message has no text I can read.",
        "triage_in_thread": "Triage summarises a thread: reply in the thread with `@httpcode triage` and I will list every code in it.",
        "help_title": "httpcode: what an HTTP, IIS, FTP or Windows error code means",
        "help_body": (
            "*Ask privately:* `/httpcode <code or pasted error>`\n"
            "• `/httpcode 401.3`\n"
            "• `/httpcode 500.19 0x8007000d`\n"
            "• `/httpcode HTTP Error 503. The service is unavailable.`\n"
            "• `/httpcode 550 zh` (answer in Chinese; `en` for English)\n"
            "*Ask in a channel or thread:* `@httpcode <text>`, or `@httpcode` alone in a thread to explain its first message. "
            "Direct messages to me work too.\n"
            "*On call:* `@httpcode triage` in a thread lists every code in it: how often, first seen, cause and first step. "
            "On any message, *More actions* (⋮) → *Explain this error* answers privately.\n"
            "*Unprompted answers:* when an error is pasted in a channel I am in, I answer in its thread if I am sure. "
            "`/httpcode quiet` turns that off for the channel, `/httpcode listen` turns it back on."
        ),
    },
    "zh": {
        "share": "分享到频道",
        "did_you_mean": "你是不是要找",
        "shared_by": "由 {user} 分享",
        "not_found": "没有找到与 {query} 匹配的代码。",
        "unknown_codes": "知识库中没有：{codes}。",
        "nearest": "最接近的已知代码：",
        "try_help": "发送 `/httpcode help` 查看示例。",
        "several": "这段文本中有 {n} 个代码，按相关度排列：",
        "more": "……还有 {n} 个。用 `/httpcode <代码>` 单独查询。",
        "trimmed": "回答过长，已按 Slack 的限制截断。",
        "unprompted": "自动回答。`/httpcode quiet` 可在本频道关闭。",
        "quiet_on": "好的：本频道内我只在被询问时回答（`@httpcode`、`/httpcode`）。`/httpcode listen` 可恢复。",
        "listen_on": "好的：本频道中贴出的错误代码我会在其消息串中回答，每个消息串每个代码最多一次。`/httpcode quiet` 可关闭。",
        "expired": "该回答已失效，请用 `/httpcode` 重新查询。",
        "triage_title": "排查总结：{messages}中有 {codes}",
        "codes": "{n} 个代码",
        "one_code": "1 个代码",
        "messages": "{n} 条消息",
        "one_message": "1 条消息",
        "triage_seen": "×{n} · 首次 {first} · 最近 {last}",
        "first_step": "第一步：",
        "file_binary": "已跳过 {name}：它不是文本文件（{why}）。请直接粘贴错误文本，或以文本形式上传日志。",
        "file_too_large": "已跳过 {name}：文件大小 {size}，超过 {limit} 的上限。请上传报错前后的片段，或在本地运行 `httpcode explain --log`。",
        "file_failed": "无法读取文件 {name}（{why}）。",
        "file_cut": "{name} 解压后只读取了前 {limit}。",
        "log_title": "{name}：{lines} 行中共 {records} 条请求",
        "log_malformed": "{n} 行不是日志记录，已跳过。",
        "log_errors": "主要错误",
        "log_none": "{name} 中没有错误状态码：所有请求都成功或被重定向。",
        "triage_seen_in": "×{n}，见于 {where} · 首次 {first} · 最近 {last}",
        "triage_lines": "{n} 行日志",
        "triage_files": "已读取的文件：{files}。",
        "refresh": "刷新",
        "refreshed_by": "{user} 于 {when} 刷新",
        "details": "详情",
        "triage_hint": "按出现次数排列。点 *详情* 查看某个代码的完整回答（仅你可见）。",
        "triage_more": "……还有 {n} 个：{codes}",
        "triage_capped": "消息串太长：只读取了前 {n} 条消息。",
        "triage_partial": "读取 {n}后 Slack 返回错误（{error}），以上只涵盖这些消息。",
        "triage_none": "这个消息串中没有错误代码（已读取 {messages}）。",
        "triage_unreadable": "无法读取这个消息串（{error}）。",
        "no_text": "该消息没有我能读取的文字。",
        "triage_in_thread": "总结只对消息串有效：在要总结的消息串里回复 `@httpcode 总结`，我会列出其中的每个代码。",
        "help_title": "httpcode：HTTP、IIS、FTP 与 Windows 错误代码的含义",
        "help_body": (
            "*私下查询：* `/httpcode <代码或错误文本>`\n"
            "• `/httpcode 401.3`\n"
            "• `/httpcode 500.19 0x8007000d`\n"
            "• `/httpcode HTTP 错误 503。服务不可用。`\n"
            "• `/httpcode 550 en`（用英文回答；`zh` 为中文）\n"
            "*在频道或消息串中查询：* `@httpcode <文本>`；在消息串中只发 `@httpcode` 会解释该串的第一条消息。"
            "也可以直接私信我。\n"
            "*值班排查：* 在消息串中发 `@httpcode 总结`，列出其中每个代码的次数、首次出现时间、原因和第一步。"
            "在任意消息的 *更多操作*（⋮）中选 *Explain this error*，私下解释该消息。\n"
            "*自动回答：* 在我所在的频道中贴出错误时，若我有把握，会在其消息串中回答。"
            "`/httpcode quiet` 关闭本频道的自动回答，`/httpcode listen` 重新开启。"
        ),
    },
}


def t(lang: str, key: str, **values: str) -> str:
    """The sentence `key` in `lang` (English when the language lacks it)."""
    template = TEXTS.get(lang, TEXTS["en"]).get(key) or TEXTS["en"][key]
    return template.format(**values) if values else template
