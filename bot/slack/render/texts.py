"""Every sentence the Slack app says itself, in each language it answers in."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "share": "Share in channel",
        "more_button": "More",
        "did_you_mean": "Did you mean",
        "shared_by": "Shared by {user}",
        "not_found": "Nothing I know matches {query}.",
        "unknown_codes": "Not in my knowledge base: {codes}.",
        "nearest": "Nearest codes I know:",
        "try_help": "Try `/httpcode help` for examples.",
        "several": "{n} codes in this text, most relevant first:",
        "more": "…and {n} more. Ask about one with `/httpcode &lt;code&gt;`.",
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
        "file_cut": "Only the first {limit} of {name} were read; the rest is not in this answer.",
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
        "help_ask": (
            "*Ask privately:* `/httpcode` followed by a code or a pasted error; add `zh` or `en` at the end to choose "
            "the language of the answer. Try one of these:"
        ),
        "help_examples": (
            "/httpcode 401.3\n"
            "/httpcode 500.19 0x8007000d\n"
            "/httpcode HTTP Error 503. The service is unavailable.\n"
            "/httpcode 550 zh"
        ),
        "help_body": (
            "*Ask in a channel or thread:* mention `@httpcode` with the error, or `@httpcode` alone in a thread to "
            "explain its first message. Direct messages to me work too.\n"
            "*On call:* `@httpcode triage` in a thread lists every code in it: how often, first seen, cause and first step. "
            "On any message, *More actions* (⋮) → *Explain this error* answers privately.\n"
            "*Unprompted answers:* when an error is pasted in a channel I am in, I answer in its thread if I am sure, "
            "with a *Not helpful* button that removes the answer. "
            "`/httpcode quiet` turns that off for the channel, `/httpcode listen` turns it back on."
        ),
        # ---- onboarding and manners (App Home, joining a channel, announcements, Not helpful)
        "changed_by": "Changed by {user}",
        "not_helpful": "Not helpful",
        "quiet_announce": (
            "{user} switched off my unprompted answers in this channel: I answer here only when asked "
            "(`@httpcode`, `/httpcode`). `/httpcode listen` switches them back on."
        ),
        "listen_announce": (
            "{user} switched on my unprompted answers in this channel: when an error is pasted here and I am sure "
            "what it is, I answer in its thread, once per code. `/httpcode quiet` switches them off."
        ),
        "intro": (
            "Hi, I'm httpcode. I explain HTTP status codes, IIS sub-statuses, FTP replies and Windows error values: "
            "`/httpcode 500.19` answers only you, `@httpcode` with a pasted error answers in its thread."
        ),
        "intro_listening": (
            "When someone pastes an error here I answer in its thread without being asked, but only when I am sure "
            "what it is. `/httpcode quiet` turns that off for this channel."
        ),
        "intro_quiet": "In this channel I answer only when asked. `/httpcode listen` lets me answer pasted errors unprompted when I am sure.",
        "home_what": (
            "I explain what an error code means, why it happens and how to fix it: every HTTP status code, IIS "
            "sub-statuses (401.3, 500.19, 502.5…), FTP replies, IIS log `sc-win32-status` values and HRESULTs, "
            "in English and Chinese. Paste a whole error page, a curl transcript or log lines: I find the code."
        ),
        "home_try": "*Try these* (in any channel, or here in *Messages*):",
        "home_examples": "/httpcode 401.3\n/httpcode HTTP Error 500.19 - Internal Server Error 0x8007000d\n@httpcode triage",
        "home_try_note": "`@httpcode triage` works as a reply in an incident thread: one summary of every code in it.",
        "home_manners_title": "*Unprompted answers*",
        "home_listening": (
            "In channels I have been added to, I answer a pasted error in its thread without being asked, only when I "
            "am sure, and once per code per thread. Each such answer has a *Not helpful* button that removes it. "
            "Anyone in the channel can switch this off with `/httpcode quiet`; I say who did."
        ),
        "home_starts_quiet": (
            "In channels I have been added to, I answer only when asked until someone runs `/httpcode listen` there; "
            "then I answer pasted errors in their thread, only when I am sure, once per code per thread."
        ),
        "home_quiet_title": "*Your channels where I am quiet*",
        "home_quiet_none": "None: in every channel of yours that I am in, I answer pasted errors unprompted.",
        "home_no_channels": "I am not in any of your channels yet: `/invite @httpcode` in one.",
        "home_quiet_more": "…and {n} more.",
        "home_channels_unreadable": "I could not read your channels ({error}).",
        "home_footer": "`/httpcode help` shows everything. I keep no message text: only each channel's setting and which codes I answered where.",
    },
    "zh": {
        "share": "分享到频道",
        "more_button": "更多",
        "did_you_mean": "你是不是要找",
        "shared_by": "由 {user} 分享",
        "not_found": "没有找到与 {query} 匹配的代码。",
        "unknown_codes": "知识库中没有：{codes}。",
        "nearest": "最接近的已知代码：",
        "try_help": "发送 `/httpcode help` 查看示例。",
        "several": "这段文本中有 {n} 个代码，按相关度排列：",
        "more": "……还有 {n} 个。用 `/httpcode &lt;代码&gt;` 单独查询。",
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
        "file_cut": "{name} 只读取了前 {limit}，其余部分不在本回答中。",
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
        "help_ask": "*私下查询：* `/httpcode` 后面跟代码或贴上错误文本；末尾加 `en` 或 `zh` 可指定回答语言。可以直接复制下面的例子试试：",
        "help_examples": (
            "/httpcode 401.3\n/httpcode 500.19 0x8007000d\n/httpcode HTTP 错误 503。服务不可用。\n/httpcode 550 en"
        ),
        "help_body": (
            "*在频道或消息串中查询：* `@httpcode` 加上错误文本；在消息串中只发 `@httpcode` 会解释该串的第一条消息。"
            "也可以直接私信我。\n"
            "*值班排查：* 在消息串中发 `@httpcode 总结`，列出其中每个代码的次数、首次出现时间、原因和第一步。"
            "在任意消息的 *更多操作*（⋮）中选 *Explain this error*，私下解释该消息。\n"
            "*自动回答：* 在我所在的频道中贴出错误时，若我有把握，会在其消息串中回答，并附 *没有帮助* 按钮，点了即删除该回答。"
            "`/httpcode quiet` 关闭本频道的自动回答，`/httpcode listen` 重新开启。"
        ),
        # ---- 引导与频道礼仪（App Home、加入频道、设置变更通知、没有帮助）
        "changed_by": "由 {user} 切换",
        "not_helpful": "没有帮助",
        "quiet_announce": "{user} 关闭了本频道的自动回答：今后我只在被询问时回答（`@httpcode`、`/httpcode`）。`/httpcode listen` 可重新开启。",
        "listen_announce": (
            "{user} 开启了本频道的自动回答：有人贴出错误且我有把握时，我会在该消息串中回答，每个代码只答一次。"
            "`/httpcode quiet` 可关闭。"
        ),
        "intro": (
            "大家好，我是 httpcode，负责解释 HTTP 状态码、IIS 子状态码、FTP 应答码和 Windows 错误值："
            "`/httpcode 500.19` 只回复你本人；`@httpcode` 加上贴出的错误，我会在消息串中回答。"
        ),
        "intro_listening": "有人在本频道贴出错误时，只要我有把握，就会主动在该消息串中回答。`/httpcode quiet` 可在本频道关闭。",
        "intro_quiet": "在本频道我只在被询问时回答。`/httpcode listen` 开启后，贴出的错误我有把握时会主动回答。",
        "home_what": (
            "我负责解释错误代码的含义、原因和处理步骤：所有 HTTP 状态码、IIS 子状态码（401.3、500.19、502.5 等）、"
            "FTP 应答码、IIS 日志里的 `sc-win32-status` 值和 HRESULT，中英文均可。"
            "整页错误、curl 输出或日志行直接贴进来即可，我会从中找出代码。"
        ),
        "home_try": "*试试这些*（任意频道都可以，也可以在这里的 *消息* 标签页）：",
        "home_examples": "/httpcode 401.3\n/httpcode HTTP 错误 500.19 - 内部服务器错误 0x8007000d\n@httpcode 总结",
        "home_try_note": "`@httpcode 总结` 要在故障消息串里回复：我会把其中所有代码汇总成一条消息。",
        "home_manners_title": "*自动回答*",
        "home_listening": (
            "在我已加入的频道中，有人贴出错误时，只要我有把握，就会主动在该消息串中回答，每个消息串每个代码只答一次。"
            "每条自动回答都带 *没有帮助* 按钮，点了即删除。频道里任何人都可以用 `/httpcode quiet` 关闭，我会注明是谁关的。"
        ),
        "home_starts_quiet": (
            "在我已加入的频道中，默认只在被询问时回答；有人在该频道执行 `/httpcode listen` 后，"
            "贴出的错误我有把握时会在消息串中回答，每个代码只答一次。"
        ),
        "home_quiet_title": "*你所在的频道中，我保持安静的有*",
        "home_quiet_none": "没有：在你所在且我也加入了的频道里，贴出的错误我都会自动回答。",
        "home_no_channels": "我还没有加入你所在的任何频道：在频道里执行 `/invite @httpcode` 即可。",
        "home_quiet_more": "……还有 {n} 个。",
        "home_channels_unreadable": "无法读取你的频道列表（{error}）。",
        "home_footer": "`/httpcode help` 查看全部用法。我不保存任何消息内容，只记录各频道的设置和在哪里回答过哪些代码。",
    },
}


def t(lang: str, key: str, **values: str) -> str:
    """The sentence `key` in `lang` (English when the language lacks it)."""
    template = TEXTS.get(lang, TEXTS["en"]).get(key) or TEXTS["en"][key]
    return template.format(**values) if values else template
