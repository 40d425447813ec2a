"""A compiled engine kept between runs: a pickle in the user's cache directory.

The key is a hash of every knowledge file's path and bytes, of the source of the modules that
build the engine's indexes, of the package version and of the Python version: editing a YAML file
or upgrading rebuilds it. A missing, broken, stale or unreadable cache is rebuilt silently; a
cache that cannot be written is skipped. `HTTPCODE_CACHE_DIR` moves it, `HTTPCODE_NO_CACHE=1`
turns it off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from bot import __version__
from bot.knowledge.paths import knowledge_files

T = TypeVar("T")
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Sources whose change changes what is built (the Slack layer and the CLI do not).
_SKIP = ("slack", "cli.py", "terminal.py", "answer.py", "__main__.py")


def cache_dir() -> Path | None:
    if os.environ.get("HTTPCODE_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("HTTPCODE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "httpcode"


def _sources() -> list[Path]:
    out = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR).as_posix()
        if not rel.startswith(_SKIP):
            out.append(path)
    return out


def key(directories: Iterable[Path], kind: str) -> str:
    h = hashlib.sha256()
    h.update(f"{kind}\0{__version__}\0{sys.version}\0".encode())
    for directory in directories:
        h.update(f"dir\0{directory}\0".encode())
        files = knowledge_files(directory) if directory.is_dir() else []
        for path in [*files]:
            h.update(f"{path.relative_to(directory).as_posix()}\0".encode())
            h.update(path.read_bytes())
    for path in _sources():  # the code: by size and modification time (an edit or an install changes them)
        st = path.stat()
        h.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:32]


def cached(directories: list[Path], kind: str, build: Callable[[], T], expect: type) -> T:
    """The object `build()` makes, from the cache when its key matches; errors in `build` propagate."""
    where = cache_dir()
    if where is None:
        return build()
    try:
        path = where / f"{kind}-{key(directories, kind)}.pickle"
    except OSError:
        return build()
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        gc.disable()  # many small objects: collecting while they are made only costs time
        try:
            obj = pickle.loads(data)
        finally:
            gc.enable()
        if isinstance(obj, expect):
            return obj
    except Exception:  # a broken cache is rebuilt, whatever broke it
        pass
    obj = build()
    try:
        import tempfile

        where.mkdir(parents=True, exist_ok=True)
        for old in where.glob(f"{kind}-*.pickle"):  # one current cache per kind
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # no cache this time (read-only home, unpicklable object)
        with contextlib.suppress(OSError, NameError):
            os.unlink(tmp)  # type: ignore[possibly-undefined]
    return obj
