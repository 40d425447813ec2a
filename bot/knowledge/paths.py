"""Where knowledge lives: the built-in directory, then HTTPCODE_KNOWLEDGE_PATH, then `--knowledge`.

Kept apart from the loader so that finding (and hashing) the files needs no YAML parser.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path


def _builtin_dir() -> Path:
    """The knowledge shipped with the package; a source checkout without an install reads knowledge/ directly."""
    try:
        return Path(os.fspath(files("bot.knowledge.builtin")))
    except (ModuleNotFoundError, TypeError):
        return Path(__file__).resolve().parent.parent.parent / "knowledge"


BUILTIN_DIR = _builtin_dir()


def knowledge_dirs(extra: Iterable[str] = ()) -> list[Path]:
    """The built-in directory, then HTTPCODE_KNOWLEDGE_PATH, then `--knowledge` directories."""
    dirs = [BUILTIN_DIR]
    env = os.environ.get("HTTPCODE_KNOWLEDGE_PATH", "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    dirs += [Path(p) for p in extra]
    return dirs


def knowledge_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
