"""Uploads and snippets, end to end against the fake Slack (which checks the bot token on every download).

An uploaded IIS log gets its tally with 500.19 explained; a snippet holding an IIS error page gets the
normal answer; a 50 MB file is refused by its size, unread; a download that fails is one clear line;
triage reads the thread's files with its messages and links each code to where it first appeared.
"""

from __future__ import annotations

import gzip
import time

from fakeslack import FakeSlack
from fakeslack import payloads as p
from fakeslack.server import BOT_USER_ID

W3C_HEADER = (
    "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2026-12-01 09:00:00\n"
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n"
)


def w3c_log(errors: int = 40, ok: int = 60) -> str:
    lines = [W3C_HEADER.rstrip("\n")]
    for i in range(ok):
        lines.append(
            f"2026-12-01 09:00:{i % 60:02d} 10.0.0.5 GET /index.html - 443 - 10.1.1.{i % 200} Mozilla/5.0 - 200 0 0 12"
        )
    for i in range(errors):
        lines.append(
            f"2026-12-01 09:01:{i % 60:02d} 10.0.0.5 GET /app/ - 443 - 10.1.1.{i % 200} Mozilla/5.0 - 500 19 13 3"
        )
    lines.append("2026-12-01 09:02:00 10.0.0.5 GET /missing - 443 - 10.1.1.9 Mozilla/5.0 - 404 0 2 1")
    return "\n".join(lines) + "\n"


IIS_PAGE = (
    "HTTP Error 500.19 - Internal Server Error\n"
    "The requested page cannot be accessed because the related configuration data for the page is invalid.\n"
    "Detailed Error Information:\nModule IIS Web Core\nNotification BeginRequest\nHandler Not yet determined\n"
    "Error Code 0x80070021\nConfig Error This configuration section cannot be used at this path.\n"
)


def upload(fake: FakeSlack, channel: str, text: str, *files: dict, mention: bool = False, **extra) -> dict:
    body = f"<@{BOT_USER_ID}> {text}".strip() if mention else text
    make = p.app_mention if mention else p.message
    return make(body, channel=channel, files=list(files), subtype=None if mention else "file_share", **extra)


def test_an_uploaded_iis_log_is_tallied_with_500_19_explained(slack, fake: FakeSlack, channel):
    f = fake.add_file("u_ex261201.log", w3c_log(), filetype="text", delay=4.0)
    event = upload(fake, channel, "", f)
    assert slack.event(event).seconds < 3, "acked before the (slow) download"
    post = fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"])
    text = post.texts()
    assert "u_ex261201.log" in text and "101 requests" in text
    assert "500 19 13" in text and "HTTP 500.19" in text
    assert any(c.kind == "file" and c.status == 200 for c in fake.calls), "downloaded with the bot token"


def test_a_gzipped_log_is_read_too(slack, fake: FakeSlack, channel):
    f = fake.add_file(
        "u_ex261201.log.gz", gzip.compress(w3c_log().encode()), mimetype="application/gzip", filetype="gzip"
    )
    event = upload(fake, channel, "what is this", f, mention=True)
    slack.event(event)
    text = fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"]).texts()
    assert "HTTP 500.19" in text and "101 requests" in text


def test_a_snippet_holding_an_iis_error_page_is_answered(slack, fake: FakeSlack, channel):
    f = fake.add_file("error.txt", IIS_PAGE, filetype="text", mode="snippet")
    event = upload(fake, channel, "prod is down, see snippet", f, mention=True)
    slack.event(event)
    text = fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"]).texts()
    assert "500.19" in text


def test_a_50_mb_file_is_refused_by_size_without_being_downloaded(slack, fake: FakeSlack, channel):
    f = fake.add_file("u_ex_big.log", generated=50 * 1024 * 1024)
    event = upload(fake, channel, "please look", f, mention=True)
    slack.event(event)
    text = fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"]).texts()
    assert "u_ex_big.log" in text and "50 MB" in text and "limit" in text
    assert fake.files[f["id"]].sent == 0


def test_a_file_whose_size_lies_stops_at_the_limit(slack, fake: FakeSlack, channel):
    f = fake.add_file("liar.log", generated=50 * 1024 * 1024, size=1000)
    event = upload(fake, channel, "and this one", f, mention=True)
    assert slack.event(event).seconds < 3, "the download happens after the ack"
    text = fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"], timeout=60).texts()
    assert "liar.log" in text
    time.sleep(0.5)
    assert fake.files[f["id"]].sent < 20 * 1024 * 1024, "the download stopped near the 10 MB limit"


def test_a_failed_download_is_one_clear_line(slack, fake: FakeSlack, channel):
    f = fake.add_file("gone.log", w3c_log(), status=404)
    event = upload(fake, channel, "", f, mention=True)
    slack.event(event)
    text = fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"]).texts()
    assert "could not read the file" in text and "gone.log" in text and "HTTP 404" in text
    slack.wait_log(rf"file {f['id']} on message {event['ts']} .*not read: file_failed")


def test_an_image_is_skipped_saying_why_when_asked(slack, fake: FakeSlack, channel):
    f = fake.add_file("screenshot.png", b"\x89PNG\r\n", mimetype="image/png", filetype="png")
    event = upload(fake, channel, "", f, mention=True)
    slack.event(event)
    text = fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"]).texts()
    assert "screenshot.png" in text and "not a text file" in text
    assert not [c for c in fake.calls if c.kind == "file"], "an image is never downloaded"


def test_an_unprompted_upload_without_errors_stays_silent(slack, fake: FakeSlack, channel):
    f = fake.add_file("u_ex_ok.log", w3c_log(errors=0).replace(" 404 0 2 1", " 200 0 0 1"))
    event = upload(fake, channel, "", f)
    slack.event(event)
    slack.wait_log(rf"request kind=event:message channel={channel} .*outcome=skipped")
    assert not fake.api_calls("chat.postMessage")


def test_triage_reads_files_and_messages_and_links_to_first_sightings(slack, fake: FakeSlack, channel):
    root = fake.seed_message(channel, p.new_ts(), "checkout is failing since 09:00")
    f = fake.add_file("u_ex261201.log", w3c_log(errors=25, ok=5))
    fake.seed_message(channel, p.new_ts(), "here is the log", thread_ts=root["ts"], files=[f])
    quoted = "backend IIS log: 2026-12-01 09:03:00 10.0.0.5 GET /app/ - 443 - 10.1.1.7 Mozilla/5.0 - 500 19 13 15"
    fake.seed_message(channel, p.new_ts(), quoted, thread_ts=root["ts"])
    fake.seed_message(channel, p.new_ts(), "and the FTP sync says 550 Permission denied", thread_ts=root["ts"])
    ask = p.app_mention(f"<@{BOT_USER_ID}> triage", channel=channel, thread_ts=root["ts"])
    slack.event(ask)
    post = fake.wait_api("chat.postMessage", channel=channel, thread_ts=root["ts"])
    text = post.texts()
    assert "HTTP 500.19" in text and "FTP 550" in text
    assert "26" in text, "25 log lines and the quoted log line count together"
    assert "https://fake.slack.test/archives/" in text, "each code links to where it first appeared"
    assert fake.api_calls("chat.getPermalink")
    refresh = [b for b in post.buttons() if b.get("action_id") == "httpcode_triage_refresh"]
    assert refresh, "the summary can be refreshed in place"
    fake.seed_message(channel, p.new_ts(), "now also 502.3 from ARR", thread_ts=root["ts"])
    summary_ts = [m for m in fake.messages[channel] if m.get("bot_id") and m.get("thread_ts") == root["ts"]][-1]["ts"]
    payload = p.block_actions(
        refresh[0], channel=channel, response_url=fake.response_url("refresh"), message_ts=summary_ts, ephemeral=False
    )
    slack.action(payload)
    update = fake.wait_api("chat.update", channel=channel, ts=summary_ts)
    assert "502.3" in update.texts() and "HTTP 500.19" in update.texts()


def test_the_shortcut_reads_a_file_only_message(slack, fake: FakeSlack, channel):
    f = fake.add_file("u_ex261201.log", w3c_log())
    message = fake.seed_message(channel, p.new_ts(), "", files=[f])
    slack.action(p.message_shortcut(message, channel=channel, response_url=fake.response_url("sc-file")))
    private = fake.wait_api("chat.postEphemeral", channel=channel)
    text = private.texts()
    assert private.params["user"] == "UALICE" and "u_ex261201.log" in text and "HTTP 500.19" in text


def test_triage_asked_with_a_file_attached_still_summarises_the_thread(slack, fake: FakeSlack, channel):
    root = fake.seed_message(channel, p.new_ts(), "FTP sync says 550 Permission denied")
    f = fake.add_file("u_ex261201.log", w3c_log(errors=3, ok=1))
    ask = p.app_mention(f"<@{BOT_USER_ID}> triage", channel=channel, thread_ts=root["ts"], files=[f])
    fake.seed_message(channel, ask["ts"], ask["text"], thread_ts=root["ts"], files=[f])
    slack.event(ask)
    post = fake.wait_api("chat.postMessage", channel=channel, thread_ts=root["ts"])
    assert post.texts().startswith("Triage") or "Triage:" in post.texts()
    assert "FTP 550" in post.texts()


def test_a_text_file_read_only_in_part_says_so(slack, fake: FakeSlack, channel):
    long_page = IIS_PAGE + "stack frame at Foo.Bar()\n" * 25_000  # past the lines a page is read for
    f = fake.add_file("trace.txt", long_page, filetype="text")
    event = upload(fake, channel, "", f, mention=True)
    slack.event(event)
    text = fake.wait_api("chat.postMessage", channel=channel, thread_ts=event["ts"]).texts()
    assert "500.19" in text and "Only the first" in text and "trace.txt" in text
