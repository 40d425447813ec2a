"""The container image's steps, checked without a container runtime (CI has none; `scripts/container_check.sh` builds and runs the image for real with podman).

The Dockerfile builds the wheel from the files it COPYs, so a test copies exactly those into an empty
directory and builds the wheel there: a file the build needs but the image lacks fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def build_stage_copies() -> list[str]:
    build = DOCKERFILE.split("\nFROM ", 2)[1]  # the first stage, up to the second FROM
    sources: list[str] = []
    for line in build.splitlines():
        if line.startswith("COPY ") and "--from" not in line:
            sources += line.split()[1:-1]
    return sources


@pytest.mark.timeout(600)
def test_the_build_stage_copies_everything_the_wheel_needs(tmp_path: Path) -> None:
    context = tmp_path / "context"
    context.mkdir()
    for src in build_stage_copies():
        path = ROOT / src
        if path.is_dir():
            shutil.copytree(path, context / src, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, context / src)
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "dist"), str(context)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/knowledge/builtin/http/iis-401.yml" in names
    assert "bot/cli.py" in names


def test_the_image_runs_unprivileged_with_a_health_check_and_the_serve_command() -> None:
    final = DOCKERFILE.rsplit("\nFROM ", 1)[1]
    user = re.search(r"^USER (\S+)", final, re.M)
    assert user and user.group(1) not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*/healthz", final, re.M)
    assert re.search(r'^CMD \["httpcode", "serve"\]', final, re.M)
    assert 'pip install --no-cache-dir "$(ls /tmp/*.whl)[postgres]"' in final  # from the wheel, not the source


def test_compose_runs_several_instances_on_one_redis() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"httpcode", "redis"} <= set(services)
    app = services["httpcode"]
    assert "redis://redis:" in app["environment"]["HTTPCODE_REDIS_URL"]
    assert compose["services"]["postgres"]["profiles"] == ["oauth"], "OAuth installs get a shared database"
    assert app["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "ports" not in app  # scaled instances must not fight over one host port
