"""The product as users get it: the built wheel, installed into a fresh virtual environment, run outside the repo.

The rest of the suite imports `bot` from the checkout, so it cannot see a file missing from the package
(the knowledge base once was). This test builds the wheel and the sdist the way `pip install .` does,
installs the wheel into a new venv in a temporary directory and runs the installed `httpcode` there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.timeout(900)


def run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(bin directory of a fresh venv holding only the wheel and its dependencies, the dist directory)."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, ROOT, cwd=work)
    assert built.returncode == 0, built.stderr[-2000:]
    venv.create(work / "venv", with_pip=True, clear=True)
    bin_dir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
    (wheel,) = dist.glob("httpcode_bot-*.whl")
    installed = run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, cwd=work)
    assert installed.returncode == 0, installed.stderr[-2000:]
    return bin_dir, dist


def clean_env() -> dict[str, str]:
    """No PYTHONPATH, no knowledge path, no Slack settings: only what a new user's shell has."""
    drop = ("PYTHONPATH", "HTTPCODE_KNOWLEDGE_PATH", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")
    return {k: v for k, v in os.environ.items() if k not in drop}


def test_installed_wheel_explains_a_code_outside_the_repository(installed: tuple[Path, Path], tmp_path: Path) -> None:
    bin_dir, _ = installed
    out = run(bin_dir / "httpcode", "explain", "401.3", cwd=tmp_path, env=clean_env())
    assert out.returncode == 0, out.stderr
    assert "401.3" in out.stdout and "ACL" in out.stdout


def test_installed_wheel_checks_its_own_knowledge(installed: tuple[Path, Path], tmp_path: Path) -> None:
    bin_dir, _ = installed
    out = run(bin_dir / "httpcode", "kb", "check", cwd=tmp_path, env=clean_env())
    assert out.returncode == 0, out.stderr
    total = next(line for line in out.stdout.splitlines() if line.startswith("total"))
    assert int(total.split()[1]) > 300
    # and it read the packaged copy, not this checkout
    where = run(
        bin_dir / "python",
        "-c",
        "from bot.knowledge.loader import BUILTIN_DIR; print(BUILTIN_DIR)",
        cwd=tmp_path,
        env=clean_env(),
    )
    assert "site-packages" in where.stdout and str(ROOT) not in where.stdout


def test_installed_wheel_knows_its_version_and_prints_help(installed: tuple[Path, Path], tmp_path: Path) -> None:
    bin_dir, _ = installed
    version = run(bin_dir / "httpcode", "--version", cwd=tmp_path, env=clean_env())
    assert version.returncode == 0 and version.stdout.startswith("httpcode ")
    bare = run(bin_dir / "httpcode", cwd=tmp_path, env=clean_env())
    assert bare.returncode == 0 and "explain" in bare.stdout and "serve" in bare.stdout


def test_installed_serve_names_the_missing_setting(installed: tuple[Path, Path], tmp_path: Path) -> None:
    bin_dir, _ = installed
    out = run(bin_dir / "httpcode", "serve", cwd=tmp_path, env=clean_env())
    assert out.returncode == 2
    assert "SLACK_APP_TOKEN" in out.stderr and "Traceback" not in out.stderr


def test_sdist_carries_the_knowledge_base(tmp_path: Path) -> None:
    dist = tmp_path / "sdist"
    out = run(
        sys.executable,
        "-c",
        "import sys, setuptools.build_meta as b; print(b.build_sdist(sys.argv[1]))",
        dist,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    assert any(n.endswith("knowledge/http/iis-401.yml") for n in names)
    assert any(n.endswith("knowledge/README.md") for n in names)
