"""Starting up: a missing or misplaced setting, an unreachable Slack, a refused token: one line, a non-zero exit."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from slack_runner import GUNICORN, GUNICORN_APP, ROOT, SIGNING_SECRET, app_env


def serve(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "serve", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bare_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """This machine's environment without any Slack or httpcode setting, plus the checkout on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HTTPCODE_"))}
    return {**env, "PYTHONPATH": str(ROOT), "HTTPCODE_DB": str(tmp_path / "db.sqlite"), **extra}


@pytest.mark.parametrize(
    ("extra", "args", "names", "not_named"),
    [
        ({}, (), "SLACK_APP_TOKEN", None),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, ("--socket",), "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, (), "SLACK_APP_TOKEN must be", None),
        ({"SLACK_BOT_TOKEN": "xapp-1", "SLACK_APP_TOKEN": "xapp-2"}, (), "SLACK_BOT_TOKEN must be", None),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, ("--http",), "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"),
    ],
)
def test_a_missing_or_misplaced_setting_is_named_for_the_mode_meant(
    tmp_path: Path, extra: dict, args: tuple, names: str, not_named: str | None
) -> None:
    out = serve(bare_env(tmp_path, **extra), *args)
    assert out.returncode == 2
    assert names in out.stderr and len(out.stderr.strip().splitlines()) == 1
    if not_named:
        assert not_named not in out.stderr
    assert "xoxb-1" not in out.stderr and "xapp-2" not in out.stderr, "a token is never echoed"


def test_an_unreachable_slack_is_one_line_without_retry_noise(tmp_path: Path) -> None:
    env = bare_env(
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=f"http://127.0.0.1:{closed_port()}/api/",
    )
    out = serve(env, "--http", "--port", "0")
    assert out.returncode == 1
    lines = [line for line in (out.stdout + out.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot start" in lines[0], lines
    assert "retry" not in out.stderr.lower()


def test_a_refused_token_under_gunicorn_is_one_line(fake: FakeSlack, tmp_path: Path) -> None:
    fake.fail("auth.test", status=200, error="invalid_auth", times=5)
    env = app_env(fake, tmp_path / "db.sqlite", SLACK_SIGNING_SECRET=SIGNING_SECRET)
    out = subprocess.run(
        [*GUNICORN, GUNICORN_APP], cwd=ROOT, env=env, capture_output=True, text=True, timeout=90, check=False
    )
    text = out.stdout + out.stderr
    assert out.returncode != 0
    assert "httpcode: cannot start:" in text and "invalid_auth" in text and "Traceback" not in text
    fake.reset()
