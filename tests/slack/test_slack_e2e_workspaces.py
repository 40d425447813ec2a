"""End to end, many workspaces: the real app under gunicorn as a distributable app (SLACK_CLIENT_ID and
SLACK_CLIENT_SECRET, no bot token) against the fake Slack, with its installations in SQLite (HTTPCODE_DB)
and, for several instances, in PostgreSQL (HTTPCODE_DATABASE_URL).

Each workspace is installed the way a browser does it: GET /slack/install, Slack's authorize page,
back to /slack/oauth_redirect, which calls oauth.v2.access. HTTPCODE_PASSIVE_DEFAULT=off here.
"""

from __future__ import annotations

import itertools
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from fakeslack import FakeSlack
from fakeslack import payloads as p
from fakeslack.server import CLIENT_ID
from slack_runner import PASTE_500_19, HttpApp, OAuthApp, assert_messages_valid, no_answer
from sqlalchemy import create_engine, text

from bot.slack.install.scopes import BOT_SCOPES

ROOT = Path(__file__).resolve().parents[2]
_teams = itertools.count(1)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def oauth_app(request: pytest.FixtureRequest, fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory):
    env = {"HTTPCODE_PASSIVE_DEFAULT": "off"}
    if request.param == "postgres":
        env["HTTPCODE_DATABASE_URL"] = request.getfixturevalue("postgres_server").new_database()
    app = OAuthApp(fake, tmp_path_factory.mktemp(f"oauth-{request.param}"), env=env).start()
    app.backend = request.param
    yield app
    app.stop()


@pytest.fixture
def app(oauth_app: OAuthApp, fake: FakeSlack) -> Iterator[OAuthApp]:
    fake.reset()
    yield oauth_app
    assert_messages_valid(fake)


def new_team(fake: FakeSlack, **kwargs) -> str:
    team = f"T{next(_teams):03d}W"
    fake.add_workspace(team, **kwargs)
    return team


def install(app: HttpApp, fake: FakeSlack, team: str) -> dict:
    """The browser's part: the install page, Slack's Allow, the redirect back. Returns the authorize query."""
    fake.expect_install(team)
    start = app.get("/slack/install")
    assert start.status == 302, start.body
    location = start.headers["location"]
    assert location.startswith(fake.base + "/oauth/v2/authorize?"), "Slack's authorize page on SLACK_API_URL's host"
    cookie = start.headers["set-cookie"].split(";")[0]
    assert cookie.startswith("slack-app-oauth-state=")
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(location, timeout=10)
        raise AssertionError("the authorize page should redirect back")
    except urllib.error.HTTPError as exc:  # the 302, not followed
        assert exc.code == 302
        back = exc.headers["Location"]
    assert back.startswith(app.url + "/slack/oauth_redirect?code=")
    done = app.get(back[len(app.url) :], cookie=cookie)
    assert done.status == 200, done.body
    access = fake.wait_api("oauth.v2.access", code=parse_qs(urlsplit(back).query)["code"][0])
    assert access.headers["authorization"].startswith("Basic "), "client id and secret, as Slack asks"
    return query


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def mention(team: str, text: str, channel: str, **extra) -> dict:
    return p.app_mention(f"<@UBOT{team}> {text}", channel=channel, **extra)


def posted(call, *, team: str, **params: str) -> bool:  # type: ignore[no-untyped-def]
    """A chat.postMessage made with `team`'s token, with these params."""
    return (
        call.name == "chat.postMessage"
        and call.team == team
        and all(call.params.get(k) == v for k, v in params.items())
    )


def db_rows(app: OAuthApp, team: str) -> dict[str, int]:
    """How many rows the workspace has: its installation, its bot, its channel settings."""
    url = app.extra_env.get("HTTPCODE_DATABASE_URL") or f"sqlite:///{app.db}"
    settings = "httpcode_channel_mode" if app.backend == "postgres" else "channel_mode"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            count = lambda sql, **kw: conn.execute(text(sql), kw).scalar()  # noqa: E731
            return {
                "installations": count("SELECT count(*) FROM slack_installations WHERE team_id = :t", t=team),
                "bots": count("SELECT count(*) FROM slack_bots WHERE team_id = :t", t=team),
                "settings": count(f"SELECT count(*) FROM {settings} WHERE channel LIKE :p", p=f"-:{team}/%"),
            }
    finally:
        engine.dispose()


# ---- installing ----------------------------------------------------------------------------------


def test_install_url_carries_the_client_id_and_the_manifests_bot_scopes(app: OAuthApp, fake: FakeSlack):
    query = install(app, fake, new_team(fake))
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    assert query["client_id"] == CLIENT_ID
    assert query["scope"].split(",") == list(BOT_SCOPES) == manifest["oauth_config"]["scopes"]["bot"]
    assert query["state"] and not query.get("user_scope")


def test_a_second_workspace_is_answered_with_its_own_token(app: OAuthApp, fake: FakeSlack):
    first, second = new_team(fake), new_team(fake)
    install(app, fake, first)
    install(app, fake, second)
    for team in (first, second):
        channel = f"C{team}"
        fake.register_channel(channel, team, f"UBOT{team}")
        app.event(mention(team, "401.3", channel), team=team)
        post = fake.wait_api("chat.postMessage", channel=channel)
        assert post.team == team and post.headers["authorization"] == f"Bearer {fake.token_of(team)}"
        assert "HTTP 401.3" in post.texts()


def test_settings_and_dedupe_are_keyed_by_workspace(app: OAuthApp, fake: FakeSlack):
    one, two = new_team(fake), new_team(fake)
    install(app, fake, one)
    install(app, fake, two)
    # the same channel id and ts in two workspaces: two different messages, both answered
    event = p.app_mention("401.3", channel="CSAMEID")
    for team in (one, two):
        app.event({**event, "text": f"<@UBOT{team}> 401.3"}, team=team)
        fake.wait_for(lambda c, t=team: posted(c, team=t, thread_ts=event["ts"]), what=f"answer in {team}")
    assert len(fake.api_calls("chat.postMessage")) == 2
    # listening in one workspace's channel leaves the same channel id quiet in the other (default off)
    app.command("listen", channel="CSAMEID", name=f"listen-{one}", team=one)
    fake.wait_for(lambda c: c.name == "chat.postMessage" and c.team == one and "switched on" in c.texts())
    pasted = p.message(PASTE_500_19, channel="CSAMEID")
    app.event(pasted, team=two)
    no_answer(app, "CSAMEID", pasted["ts"], "the channel is quiet")
    app.event(pasted, team=one)
    fake.wait_for(lambda c: posted(c, team=one, thread_ts=pasted["ts"]), what="unprompted answer")


def test_a_workspace_that_never_installed_gets_nothing(app: OAuthApp, fake: FakeSlack):
    stranger = new_team(fake)
    app.event(mention(stranger, "401.3", "CSTRANGER"), team=stranger)
    app.wait_log(r"kind=event:app_mention channel=CSTRANGER")
    assert not fake.api_calls("chat.postMessage")


def test_new_channels_start_quiet_and_the_introduction_says_so(app: OAuthApp, fake: FakeSlack):
    team = new_team(fake)
    install(app, fake, team)
    channel = f"CQ{team}"
    app.event(p.member_joined_channel(f"UBOT{team}", channel=channel), team=team)
    intro = fake.wait_api("chat.postMessage", channel=channel)
    assert "only when asked" in intro.texts() and "`/httpcode listen`" in intro.texts()
    pasted = p.message(PASTE_500_19, channel=channel)
    app.event(pasted, team=team)
    no_answer(app, channel, pasted["ts"], "the channel is quiet")


# ---- token rotation ------------------------------------------------------------------------------


def test_rotating_tokens_are_refreshed_before_use(app: OAuthApp, fake: FakeSlack):
    team = new_team(fake, rotation=True)
    install(app, fake, team)
    issued = fake.token_of(team)
    channel = f"CR{team}"
    app.event(mention(team, "401.3", channel), team=team)
    post = fake.wait_api("chat.postMessage", channel=channel)
    refresh = [c for c in fake.api_calls("oauth.v2.access") if c.params.get("grant_type") == "refresh_token"]
    assert refresh, "the token expires within two hours, so Bolt refreshed it through oauth.v2.access"
    assert post.headers["authorization"] == f"Bearer {fake.token_of(team)}" != f"Bearer {issued}"
    assert post.team == team


# ---- leaving -------------------------------------------------------------------------------------


def test_uninstall_deletes_the_workspaces_installation_and_settings(app: OAuthApp, fake: FakeSlack):
    gone, kept = new_team(fake), new_team(fake)
    for team in (gone, kept):
        install(app, fake, team)
        app.command("listen", channel=f"CU{team}", name=f"u-{team}", team=team)
        fake.wait_for(lambda c, t=team: c.name == "chat.postMessage" and c.team == t and "switched on" in c.texts())
    assert db_rows(app, gone) == {"installations": 1, "bots": 1, "settings": 1}
    fake.uninstall(gone)
    app.event({"type": "app_uninstalled", "event_ts": p.new_ts()}, team=gone)
    app.wait_log(rf"uninstalled from workspace {gone}: its installation and settings are deleted")
    assert db_rows(app, gone) == {"installations": 0, "bots": 0, "settings": 0}
    assert db_rows(app, kept) == {"installations": 1, "bots": 1, "settings": 1}, "other workspaces keep theirs"
    asked_gone, asked_kept = mention(gone, "401.3", f"CU{gone}"), mention(kept, "401.3", f"CU{kept}")
    app.event(asked_gone, team=gone)
    app.event(asked_kept, team=kept)
    answer = fake.wait_api("chat.postMessage", channel=f"CU{kept}", thread_ts=asked_kept["ts"])
    assert answer.team == kept, "the workspace that stays is answered with its own token"
    app.wait_log(rf"request kind=event:app_mention channel=CU{gone} ")
    assert not [c for c in fake.api_calls("chat.postMessage") if c.params.get("thread_ts") == asked_gone["ts"]], (
        "the uninstalled workspace gets no answer"
    )


def test_revoking_the_bot_token_deletes_the_workspace_too(app: OAuthApp, fake: FakeSlack):
    team = new_team(fake)
    install(app, fake, team)
    app.command("listen", channel=f"CV{team}", name=f"v-{team}", team=team)
    fake.wait_for(lambda c: c.name == "chat.postMessage" and c.team == team)
    fake.uninstall(team)
    revoked = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [f"UBOT{team}"]}, "event_ts": p.new_ts()}
    app.event(revoked, team=team)
    app.wait_log(rf"bot token revoked in workspace {team}")
    assert db_rows(app, team) == {"installations": 0, "bots": 0, "settings": 0}


def test_no_secret_reaches_the_log(app: OAuthApp, fake: FakeSlack):
    """After installs, rotations and uninstalls (the module's tests before this one)."""
    from fakeslack.server import CLIENT_SECRET

    team = new_team(fake, rotation=True)
    install(app, fake, team)
    # the app's own lines; gunicorn's access log (on in these tests only) shows the one-time OAuth code
    log = "\n".join(line for line in app.log().splitlines() if '"GET /slack/oauth_redirect?' not in line)
    assert "request kind=" in log
    assert CLIENT_SECRET not in log and "xoxb-T" not in log and "xoxe-" not in log and "code-T" not in log
