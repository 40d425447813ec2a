"""Settings: each missing or malformed variable is one line that names it."""

from __future__ import annotations

import io

import pytest

from bot.cli import main
from bot.slack.settings import DEFAULT_API_URL, Settings, SettingsError

BASE = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}


def test_http_mode_by_default_with_defaults():
    s = Settings.from_env(BASE)
    assert not s.socket_mode and s.port == 3000 and s.api_url == DEFAULT_API_URL and s.db == "httpcode.db"
    assert s.default_lang is None and s.log_level == "INFO"


def test_socket_mode_when_app_token_is_set_and_no_signing_secret_needed():
    s = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert s.socket_mode and s.app_token == "xapp-1"
    forced = Settings.from_env({**BASE, "SLACK_APP_TOKEN": "xapp-1"}, mode="http")
    assert not forced.socket_mode


@pytest.mark.parametrize(
    ("env", "mode", "name"),
    [
        ({"SLACK_SIGNING_SECRET": "s"}, None, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "http", "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "socket", "SLACK_APP_TOKEN"),
        ({**BASE, "SLACK_API_URL": "slack.test/api"}, None, "SLACK_API_URL"),
        ({**BASE, "PORT": "http"}, None, "PORT"),
        ({**BASE, "PORT": "70000"}, None, "PORT"),
        ({**BASE, "HTTPCODE_LANG": "fr"}, None, "HTTPCODE_LANG"),
        ({**BASE, "HTTPCODE_LOG_LEVEL": "loud"}, None, "HTTPCODE_LOG_LEVEL"),
        ({**BASE, "HTTPCODE_REDIS_URL": "http://:pw@host"}, None, "HTTPCODE_REDIS_URL"),
        ({**BASE, "HTTPCODE_DB": "redis://host:6379/0"}, None, "HTTPCODE_DB"),
        ({**BASE, "HEALTH_PORT": "health"}, None, "HEALTH_PORT"),
    ],
)
def test_each_problem_is_one_line_naming_the_variable(env, mode, name):
    with pytest.raises(SettingsError) as err:
        Settings.from_env(env, mode=mode)
    message = str(err.value)
    assert message.startswith(name) and "\n" not in message


def test_redis_url_is_read_and_never_echoed():
    s = Settings.from_env({**BASE, "HTTPCODE_REDIS_URL": " redis://:pw@r:6379/0 ", "HTTPCODE_DB": "/tmp/x.db"})
    assert s.redis_url == "redis://:pw@r:6379/0" and s.db == "/tmp/x.db"
    with pytest.raises(SettingsError) as err:
        Settings.from_env({**BASE, "HTTPCODE_REDIS_URL": "tcp://:hunter2@r"})
    assert "hunter2" not in str(err.value)


@pytest.mark.parametrize(
    ("env", "port"),
    [({}, None), ({"PORT": "8080"}, 8080), ({"HEALTH_PORT": "9090", "PORT": "8080"}, 9090), ({"HEALTH_PORT": "0"}, 0)],
)
def test_health_port_is_health_port_else_port_else_none(env, port):
    assert Settings.from_env({**BASE, **env}).health_port == port


def test_api_url_gets_its_trailing_slash_and_lang_is_read():
    s = Settings.from_env({**BASE, "SLACK_API_URL": "http://127.0.0.1:9/api", "HTTPCODE_LANG": "ZH", "PORT": "8080"})
    assert s.api_url == "http://127.0.0.1:9/api/" and s.default_lang == "zh" and s.port == 8080


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["serve"], {}, "httpcode serve: set SLACK_APP_TOKEN (xapp-..., Socket Mode"),
        (["serve", "--http"], {}, "httpcode serve: SLACK_BOT_TOKEN is not set"),
        (
            ["serve", "--http"],
            {"SLACK_BOT_TOKEN": "xoxb-x", "SLACK_APP_TOKEN": "xapp-y"},
            "SLACK_SIGNING_SECRET is not set",
        ),
        (["serve", "--socket"], {"SLACK_BOT_TOKEN": "xoxb-x"}, "SLACK_APP_TOKEN is not set"),
        (["serve", "--socket"], {"SLACK_BOT_TOKEN": "xoxp-x", "SLACK_APP_TOKEN": "xapp-y"}, "SLACK_BOT_TOKEN must be"),
    ],
)
def test_httpcode_serve_refuses_with_one_line(monkeypatch, argv, env, expected):
    for key in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, stdout=out, stderr=err) == 2
    assert expected in err.getvalue() and err.getvalue().count("\n") == 1


def test_httpcode_serve_says_why_it_cannot_start(monkeypatch):
    """Slack unreachable (auth.test fails): one line, exit 1, no traceback."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")  # nothing listens on port 9
    monkeypatch.setenv("HTTPCODE_DB", ":memory:")
    err = io.StringIO()
    assert main(["serve", "--http"], stdout=io.StringIO(), stderr=err) == 1
    assert err.getvalue().startswith("httpcode serve: cannot start: ") and err.getvalue().count("\n") == 1


def test_httpcode_serve_socket_with_a_wrong_app_token_is_one_line(monkeypatch):
    from fakeslack import FakeSlack
    from fakeslack.server import BOT_TOKEN

    fake = FakeSlack().start()
    try:
        monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
        monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-wrong")
        monkeypatch.setenv("SLACK_API_URL", fake.api_url)
        monkeypatch.setenv("HTTPCODE_DB", ":memory:")
        err = io.StringIO()
        assert main(["serve"], stdout=io.StringIO(), stderr=err) == 1
        assert fake.api_calls("apps.connections.open"), "it asked the fake, through SLACK_API_URL"
        assert err.getvalue() == (
            f"httpcode serve: cannot connect in Socket Mode: Slack said invalid_auth ({fake.api_url}apps.connections.open)\n"
        )
    finally:
        fake.stop()


OAUTH = {"SLACK_CLIENT_ID": "1111.2222", "SLACK_CLIENT_SECRET": "cs", "SLACK_SIGNING_SECRET": "s"}


def test_client_id_and_secret_without_a_bot_token_is_the_oauth_app():
    s = Settings.from_env(OAUTH)
    assert s.oauth and not s.bot_token and not s.socket_mode and s.client_id == "1111.2222"
    assert not Settings.from_env(BASE).oauth, "a bot token: one workspace, exactly as before"


@pytest.mark.parametrize(
    ("env", "mode", "name"),
    [
        ({**OAUTH, "SLACK_BOT_TOKEN": "xoxb-1"}, None, "SLACK_BOT_TOKEN and SLACK_CLIENT_ID"),
        ({"SLACK_CLIENT_ID": "1", "SLACK_SIGNING_SECRET": "s"}, None, "SLACK_CLIENT_SECRET"),
        (
            {"SLACK_CLIENT_SECRET": "1", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"},
            None,
            "SLACK_CLIENT_ID",
        ),
        ({**OAUTH, "SLACK_APP_TOKEN": "xapp-1"}, "socket", "SLACK_CLIENT_ID"),
        ({"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "cs"}, "http", "SLACK_SIGNING_SECRET"),
        ({"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "cs"}, None, "SLACK_SIGNING_SECRET"),
        ({**OAUTH, "HTTPCODE_DATABASE_URL": "localhost/db"}, None, "HTTPCODE_DATABASE_URL"),
        ({**BASE, "HTTPCODE_PASSIVE_DEFAULT": "maybe"}, None, "HTTPCODE_PASSIVE_DEFAULT"),
    ],
)
def test_each_oauth_problem_is_one_line_naming_the_variable(env, mode, name):
    with pytest.raises(SettingsError) as err:
        Settings.from_env(env, mode=mode)
    assert str(err.value).startswith(name) and "\n" not in str(err.value)


def test_database_url_gets_the_psycopg_driver_and_is_never_echoed():
    for given in ("postgres://u:pw@db/h", "postgresql://u:pw@db/h", "postgresql+psycopg://u:pw@db/h"):
        assert (
            Settings.from_env({**OAUTH, "HTTPCODE_DATABASE_URL": given}).database_url
            == "postgresql+psycopg://u:pw@db/h"
        )
    with pytest.raises(SettingsError) as err:
        Settings.from_env({**OAUTH, "HTTPCODE_DATABASE_URL": "hunter2@db"})
    assert "hunter2" not in str(err.value)


@pytest.mark.parametrize(("value", "listening"), [("", True), ("on", True), ("OFF", False), ("false", False)])
def test_passive_default(value, listening):
    assert Settings.from_env({**BASE, "HTTPCODE_PASSIVE_DEFAULT": value}).passive_default is listening


def test_database_url_without_the_postgres_extra_names_it(monkeypatch):
    import bot.slack.settings as settings_module

    monkeypatch.setattr(settings_module, "find_spec", lambda name: None)
    with pytest.raises(SettingsError) as err:
        Settings.from_env({**OAUTH, "HTTPCODE_DATABASE_URL": "postgresql://u:pw@db/h"})
    assert str(err.value).startswith("HTTPCODE_DATABASE_URL needs the postgres extra") and "pw" not in str(err.value)
