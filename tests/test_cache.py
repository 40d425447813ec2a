"""The compiled engine cache: reused while current, rebuilt silently when stale or broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine

EXTRA = """\
entries:
  - family: http
    code: "500"
    aliases: ["a stand-in alias for the cache test"]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("HTTPCODE_CACHE_DIR", str(d))
    monkeypatch.delenv("HTTPCODE_NO_CACHE", raising=False)
    return d


def test_cache_is_written_then_read(cache_dir: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "extra.yml").write_text(EXTRA, encoding="utf-8")
    first = Engine.load([kb])
    (pickle,) = cache_dir.glob("engine-*.pickle")
    second = Engine.load([kb])
    assert second.kb.entries.keys() == first.kb.entries.keys()
    assert second.explain("a stand-in alias for the cache test").matches[0].id == "http:500"
    assert list(cache_dir.glob("engine-*.pickle")) == [pickle]


def test_changed_knowledge_file_rebuilds(cache_dir: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "extra.yml").write_text(EXTRA, encoding="utf-8")
    Engine.load([kb])
    (before,) = cache_dir.glob("engine-*.pickle")
    (kb / "extra.yml").write_text(EXTRA.replace("stand-in alias", "replacement alias"), encoding="utf-8")
    engine = Engine.load([kb])
    (after,) = cache_dir.glob("engine-*.pickle")
    assert after != before
    assert engine.explain("a replacement alias for the cache test").matches[0].id == "http:500"


def test_broken_cache_is_rebuilt_silently(cache_dir: Path) -> None:
    Engine.load()
    (pickle,) = cache_dir.glob("engine-*.pickle")
    pickle.write_bytes(b"not a pickle at all")
    engine = Engine.load()
    assert engine.explain("401.3").matches[0].id == "http:401.3"
    assert pickle.read_bytes()[:1] == b"\x80"  # written again


def test_no_cache_and_unwritable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("HTTPCODE_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert Engine.load().explain("404").matches[0].id == "http:404"
    monkeypatch.setenv("HTTPCODE_NO_CACHE", "1")
    assert Engine.load().explain("404").matches[0].id == "http:404"
