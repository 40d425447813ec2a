"""Fixtures for the Slack tests: one fake Slack per module, the real app in each mode against it."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The helpers beside this file (fakeslack/, slack_runner.py) import by name in any --import-mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakeslack import FakeSlack
from postgres_fixture import postgres_server, postgres_url  # noqa: F401 - fixtures for the PostgreSQL tests
from redis_fixture import redis_server, redis_url  # noqa: F401 - fixtures for the Redis tests
from slack_runner import DRIVERS, HttpApp, SocketApp, assert_messages_valid

_channels = itertools.count(1)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack().start()
    yield slack
    slack.stop()


@pytest.fixture(scope="module", params=sorted(DRIVERS))
def running(request: pytest.FixtureRequest, fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory):
    """The app in one mode, shared by a module's tests (each test uses its own channels)."""
    app = DRIVERS[request.param](fake, tmp_path_factory.mktemp(request.param)).start()
    yield app
    app.stop()


@pytest.fixture
def slack(running: HttpApp | SocketApp, fake: FakeSlack) -> Iterator[HttpApp | SocketApp]:
    """The running app with a clean call record; afterwards, every message it sent must be valid Block Kit."""
    fake.reset()
    yield running
    assert_messages_valid(fake)


@pytest.fixture
def channel() -> str:
    """A channel id no other test uses (the app's store outlives a test)."""
    return f"C{next(_channels):06d}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).name.startswith("test_slack_e2e"):
            item.add_marker(pytest.mark.timeout(180))
