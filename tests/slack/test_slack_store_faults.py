"""The store under faults: SQLite locked mid-run degrades to memory (answers go out once each); a corrupt
file at start is one clear line and a non-zero exit, in `httpcode serve` and under gunicorn alike."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from fakeslack import FakeSlack
from fakeslack import payloads as p
from fakeslack.server import BOT_USER_ID
from slack_runner import GUNICORN, GUNICORN_APP, ROOT, SIGNING_SECRET, HttpApp, app_env

from bot.slack.stores.sqlite_store import SQLiteStore


class Locker:
    """Another process's `BEGIN EXCLUSIVE` on the same file, held until released."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
        self.conn.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.close()


def test_a_locked_file_degrades_to_memory_and_recovers(tmp_path: Path, caplog) -> None:
    db = tmp_path / "s.db"
    store = SQLiteStore(str(db))
    store.close()
    store = SQLiteStore(str(db))
    assert store.state() == "ok"
    # WAL lets readers through; an exclusive lock in rollback mode blocks everything
    store._conn.execute("PRAGMA journal_mode=DELETE")
    locker = Locker(db)
    try:
        assert store.first_delivery("ev1") is True, "the claim is made in memory"
        assert store.first_delivery("ev1") is False, "and it holds while the file is locked"
        assert store.state() == "degraded"
        store.set_quiet("C1", True)
        assert store.is_quiet("C1") is True
    finally:
        locker.release()
    assert store.first_delivery("ev2") is True
    assert store.state() == "ok"
    assert store.first_delivery("ev1") is False, "a claim made in memory still counts once the file is back"
    assert "keeping claims in memory" in caplog.text and "working again" in caplog.text


def test_answers_go_out_while_another_process_holds_the_database(fake: FakeSlack, tmp_path: Path) -> None:
    app = HttpApp(fake, tmp_path).start()
    try:
        fake.reset()
        db = tmp_path / "httpcode.db"
        locker = Locker(db)
        release = threading.Timer(8.0, locker.release)
        release.start()
        mentions = [p.app_mention(f"<@{BOT_USER_ID}> 401.3", channel="CLOCK") for _ in range(3)]
        for mention in mentions:
            assert app.event(mention).status == 200
        for mention in mentions:
            fake.wait_api("chat.postMessage", channel="CLOCK", thread_ts=mention["ts"], timeout=30)
        with urllib.request.urlopen(app.url + "/healthz", timeout=5) as resp:
            report = json.loads(resp.read())
        assert resp.status == 200 and report["store"] in ("degraded", "ok")
        release.join()
        assert "keeping claims in memory" in app.log() and "Traceback" not in app.log()
    finally:
        app.stop()


@pytest.fixture
def corrupt_db(tmp_path: Path) -> Path:
    db = tmp_path / "httpcode.db"
    db.write_bytes(b"this is not a SQLite database" * 100)
    return db


def test_serve_with_a_corrupt_database_is_one_line(fake: FakeSlack, tmp_path: Path, corrupt_db: Path) -> None:
    env = app_env(fake, corrupt_db, SLACK_SIGNING_SECRET=SIGNING_SECRET)
    out = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--http", "--port", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 1
    assert "cannot start" in out.stderr and "not a database" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_gunicorn_with_a_corrupt_database_is_one_line(fake: FakeSlack, tmp_path: Path, corrupt_db: Path) -> None:
    env = app_env(fake, corrupt_db, SLACK_SIGNING_SECRET=SIGNING_SECRET)
    start = time.monotonic()
    out = subprocess.run(
        [*GUNICORN, GUNICORN_APP], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode != 0 and time.monotonic() - start < 60
    text = out.stdout + out.stderr
    assert "httpcode: cannot start:" in text and "not a database" in text
    assert "Traceback" not in text
