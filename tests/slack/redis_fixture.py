"""A real `redis-server` for the tests: its own port and directory, no persistence, stopped afterwards.

Skipped with the reason when the binary is missing, unless HTTPCODE_REQUIRE_REDIS=1 (CI) makes that
a failure. The server can be stopped and started again on the same port, to test an outage.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

START_TIMEOUT = 10.0


class RedisServer:
    """One redis-server process on 127.0.0.1; `url` is what HTTPCODE_REDIS_URL gets."""

    def __init__(self, binary: str, workdir: Path, *, password: str = "") -> None:
        self.binary = binary
        self.workdir = workdir
        self.password = password
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        argv = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.workdir)]
        argv += ["--save", "", "--appendonly", "no", "--logfile", str(self.workdir / "redis.log")]
        if self.password:
            argv += ["--requirepass", self.password]
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                client.ping()
                client.close()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    log = self.workdir / "redis.log"
                    why = log.read_text() if log.exists() else ""
                    raise AssertionError(f"redis-server did not start:\n{why}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, decode_responses=True)


def redis_binary() -> str:
    """The redis-server path, or skip (fail under HTTPCODE_REQUIRE_REDIS=1) saying why."""
    found = shutil.which("redis-server")
    if found:
        return found
    reason = "redis-server is not installed (Debian: apt-get install redis-server)"
    if os.environ.get("HTTPCODE_REQUIRE_REDIS") == "1":
        pytest.fail(f"{reason}, and HTTPCODE_REQUIRE_REDIS=1 requires it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A redis-server shared by a module's tests (each test uses its own channels and keys)."""
    server = RedisServer(redis_binary(), tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The shared server's URL, emptied first."""
    with redis_server.client() as client:
        client.flushdb()
    return redis_server.url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
