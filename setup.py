"""Packages: every `bot*` package, plus knowledge/ shipped as `bot.knowledge.builtin` (package data).

Everything else about the build is in pyproject.toml; only this mapping needs code, because
setuptools' automatic discovery cannot add a package that lives outside `bot/`.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["bot", "bot.*"]), "bot.knowledge.builtin"],
    package_dir={"bot.knowledge.builtin": "knowledge"},
)
