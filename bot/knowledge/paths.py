"""Where knowledge lives: the built-in directory, then HTTPCODE_KNOWLEDGE_PATH, then `--knowledge`.

Kept apart from the loader so that finding (and hashing) the files needs no YAML parser.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def _builtin_dir() -> Path:
    """The knowledge shipped with the package; a source checkout without an install reads knowledge/ directly.

    The two plain directories are tried first (importlib.resources costs milliseconds at every start).
    """
    shipped = Path(__file__).resolve().parent / "builtin"
    if shipped.is_dir():  # an installed wheel
        return shipped
    checkout = Path(__file__).resolve().parent.parent.parent / "knowledge"
    if checkout.is_dir():  # a source checkout, installed editable or not
        return checkout
    try:
        from importlib.resources import files

        return Path(os.fspath(files("bot.knowledge.builtin")))
    except (ModuleNotFoundError, TypeError):
        return checkout


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
