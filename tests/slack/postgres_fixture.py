"""A real PostgreSQL server for the tests: initdb in a temporary directory, its own port, stopped afterwards.

Skipped with the reason when the server binaries (Debian: `apt-get install postgresql`) or the driver
(the `postgres` extra) are missing, unless HTTPCODE_REQUIRE_POSTGRES=1 (CI) makes that a failure. As
root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

START_TIMEOUT = 30.0
USER = "httpcode"
_databases = itertools.count(1)


def _require(reason: str) -> None:
    if os.environ.get("HTTPCODE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{reason}, and HTTPCODE_REQUIRE_POSTGRES=1 requires it")
    pytest.skip(reason)


def postgres_bindir() -> Path:
    """The directory with initdb and pg_ctl, or skip (fail under HTTPCODE_REQUIRE_POSTGRES=1) saying why."""
    try:
        import psycopg  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError as exc:
        _require(f"the PostgreSQL driver is not installed ({exc.name}; pip install -e '.[postgres]')")
    found = shutil.which("initdb")
    candidates = [found] if found else sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not candidates:
        _require("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    return Path(candidates[0]).parent


class PostgresServer:
    """One throwaway cluster on 127.0.0.1 (trust authentication, no fsync: test data only)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="httpcode-pg-"))
        self.data = self.dir / "data"
        self._as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self._as, *argv], capture_output=True, text=True, timeout=120, cwd=self.dir)

    def start(self) -> PostgresServer:
        init = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", USER, "-A", "trust", "--no-sync")
        if init.returncode:
            raise AssertionError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        started = self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w",
            "-t", str(int(START_TIMEOUT)), "start",
        )  # fmt: skip
        if started.returncode:
            log = (self.dir / "log").read_text() if (self.dir / "log").exists() else ""
            raise AssertionError(f"PostgreSQL did not start:\n{started.stderr}\n{log}")
        return self

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        name = f"httpcode_{os.getpid()}_{next(_databases)}"
        deadline = time.monotonic() + 10
        while True:
            try:
                with psycopg.connect(
                    f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres", autocommit=True
                ) as c:
                    c.execute(f'CREATE DATABASE "{name}"')
                return self.url(name)
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer(postgres_bindir()).start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a new, empty database on the shared server."""
    return postgres_server.new_database()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
