"""End to end, in both modes: answers that lead with the case the paste shows, within the length limits,
and More showing the rest privately to whoever pressed it.

The cases come from tests/slack/knowledge (a team directory: its cases come before built-in ones).
"""

from __future__ import annotations

from fakeslack import BOT_USER_ID, FakeSlack
from fakeslack import payloads as p

from bot.slack.render.replies import DIRECT_CHARS, UNPROMPTED_CHARS, visible_chars

NGINX_502 = (
    "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n"
    "<hr><center>nginx/1.18.0 (Ubuntu)</center>\n</body>\n</html>"
)
IIS_500_19 = (
    "HTTP Error 500.19 - Internal Server Error\n"
    "The requested page cannot be accessed because the related configuration data for the page is invalid.\n"
    "Detailed Error Information:\nModule IIS Web Core\nNotification BeginRequest\nHandler Not yet determined\n"
    "Error Code 0x80070021\n"
    "Config Error This configuration section cannot be used at this path. This happens when the section is "
    'locked at a parent level. Locking is either by default (overrideModeDefault="Deny"), or set explicitly '
    'by a location tag with overrideMode="Deny" or the legacy allowOverride="false".\n'
    "Config File \\\\?\\C:\\inetpub\\wwwroot\\web.config"
)
IIS_FTP_530 = (
    "Status:\tConnecting to 192.0.2.7:21...\n"
    "Status:\tConnection established, waiting for welcome message...\n"
    "Response:\t220 Microsoft FTP Service\n"
    "Command:\tUSER deploy\n"
    "Response:\t331 Password required\n"
    "Command:\tPASS ********\n"
    "Response:\t530 User cannot log in, home directory inaccessible.\n"
    "Error:\tCritical error: Could not connect to server"
)


def as_slack_sends(text: str) -> str:
    """Slack escapes `&`, `<` and `>` in message text (a pasted page arrives as `&lt;center&gt;`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def header_of(call) -> str:
    return next(b["text"]["text"] for b in call.blocks if b["type"] == "header")


def button(call, action_id: str) -> dict:
    return next(b for b in call.buttons() if b["action_id"] == action_id)


def test_nginx_502_page_unprompted_is_short_and_more_shows_the_rest_privately(slack, fake: FakeSlack, channel):
    posted = p.message(as_slack_sends(NGINX_502), channel=channel)
    slack.event(posted)
    answer = fake.wait_api("chat.postMessage", channel=channel)
    assert answer.params["thread_ts"] == posted["ts"]
    assert header_of(answer) == "HTTP 502 · nginx could not get a valid answer from the upstream (test)"
    text = answer.texts()
    assert "*Seen in your paste:*\n> `nginx/1.18.0 (Ubuntu)`" in text
    assert "1. Read the nginx error log" in text
    assert visible_chars(answer.blocks) <= UNPROMPTED_CHARS
    assert "In general" not in text and "*Links*" not in text, "the rest is behind More"
    more = button(answer, "httpcode_more")
    click = p.block_actions(
        more,
        channel=channel,
        response_url=fake.response_url("more-502"),
        message_ts=fake.messages[channel][-1]["ts"],
        ephemeral=False,
        user="UBOB",
    )
    assert slack.action(click).status == 200
    private = fake.wait_api("chat.postEphemeral", channel=channel)
    assert private.params["user"] == "UBOB" and private.params["thread_ts"] == posted["ts"]
    full = private.texts()
    assert header_of(private) == header_of(answer)
    assert "*Seen in your paste:*" in full and "In general: HTTP 502 · Bad Gateway" in full
    assert "nginx: the upstream refused the connection (test)" in full, "the other cases are named"
    assert "*Links*\n• <https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3|RFC 9110 §15.6.3>" in full
    assert [b["action_id"] for b in private.buttons()] == ["httpcode_share"]
    assert len(fake.api_calls("chat.postMessage")) == 1, "nothing more was posted in the channel"


def test_500_19_page_with_0x80070021_is_led_by_the_locked_section_case(slack, fake: FakeSlack, channel):
    slack.command(as_slack_sends(IIS_500_19), channel=channel, name="locked")
    answer = fake.wait_response("locked")
    assert header_of(answer).startswith("HTTP 500.19 · IIS 500.19: the section is locked at a parent level")
    text = answer.texts()
    assert "> `0x80070021`" in text and "> `This configuration section cannot be used at this path`" in text
    assert "1. Unlock it: `appcmd unlock config" in text
    assert visible_chars(answer.blocks) <= DIRECT_CHARS
    assert "HRESULT 0x80070021" not in text, "the HRESULT is explained in 500.19's sense, not on its own"
    context = [e["text"] for b in answer.blocks if b["type"] == "context" for e in b["elements"]]
    assert "IIS · sure" in context
    # More on a private answer replaces it with the full one, still private
    click = p.block_actions(
        button(answer, "httpcode_more"),
        channel=channel,
        response_url=fake.response_url("locked"),
        message_ts="",
        ephemeral=True,
    )
    slack.action(click)
    full = fake.wait_response("locked", index=1)
    assert full.params["replace_original"] is True and full.params.get("response_type", "ephemeral") == "ephemeral"
    assert "In general: HTTP 500.19 · Configuration data is invalid (test)" in full.texts()
    assert "|Microsoft: HTTP 500.19>" in full.texts()


def test_iis_ftp_530_transcript_is_led_by_the_home_directory_case(slack, fake: FakeSlack, channel):
    event = p.app_mention(f"<@{BOT_USER_ID}> {as_slack_sends(IIS_FTP_530)}", channel=channel)
    slack.event(event)
    answer = fake.wait_api("chat.postMessage", channel=channel)
    assert header_of(answer) == "FTP 530 · IIS FTP: the user's home directory is missing or unreadable (test)"
    assert "> `530 User cannot log in, home directory inaccessible`" in answer.texts() or (
        "> `User cannot log in, home directory inaccessible`" in answer.texts()
    )
    assert visible_chars(answer.blocks) <= DIRECT_CHARS
