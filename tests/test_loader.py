"""The loader refuses broken knowledge with file, line and field, and merges team directories."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, KnowledgeError
from bot.knowledge.loader import BUILTIN_DIR, load_entries

GOOD = """\
entries:
  - family: http
    code: "799"
    source: custom
    title: {en: Our gateway refused, zh: 我们的网关拒绝}
    cause: {en: The internal gateway said no., zh: 内部网关拒绝了请求。}
    fix:
      en: [Check the gateway dashboard.]
      zh: [查看网关面板。]
    aliases: ["gateway said no"]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    d = tmp_path / name
    d.mkdir()
    (d / "team.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return d


def problems(*dirs: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as exc:
        load_entries(dirs)
    return [str(p) for p in exc.value.problems]


def test_builtin_knowledge_loads() -> None:
    entries = load_entries([BUILTIN_DIR])
    assert "http:401.3" in entries
    assert entries["http:401.3"].default.title["zh"]


def test_unknown_field_names_file_line_and_field(tmp_path: Path) -> None:
    d = write(tmp_path, "k", GOOD.replace("    aliases:", "    severity: high\n    aliases:"))
    (msg,) = problems(d)
    assert "team.yml:10: severity: unknown field" in msg


def test_missing_language(tmp_path: Path) -> None:
    d = write(
        tmp_path,
        "k",
        GOOD.replace("title: {en: Our gateway refused, zh: 我们的网关拒绝}", "title: {en: Our gateway refused}"),
    )
    (msg,) = problems(d)
    assert "team.yml:5: title: missing language 'zh'" in msg


def test_duplicate_id_in_one_directory(tmp_path: Path) -> None:
    d = write(tmp_path, "k", GOOD + GOOD.split("entries:\n", 1)[1])
    (msg,) = problems(d)
    assert "duplicate id http:799" in msg and "team.yml:11: code" in msg


def test_malformed_code(tmp_path: Path) -> None:
    d = write(tmp_path, "k", GOOD.replace('code: "799"', 'code: "79x"'))
    (msg,) = problems(d)
    assert "team.yml:3: code: malformed http code '79x'" in msg


def test_invalid_yaml_reports_line(tmp_path: Path) -> None:
    d = write(tmp_path, "k", GOOD.replace("    source: custom", "    source: [custom"))
    (msg,) = problems(d)
    assert "team.yml:" in msg and "not valid YAML" in msg


def test_new_code_from_team_directory(tmp_path: Path) -> None:
    d = write(tmp_path, "k", GOOD)
    kb = KnowledgeBase(load_entries([BUILTIN_DIR, d]))
    assert kb.get("http", "799").default.title["en"] == "Our gateway refused"


def test_team_directory_extends_builtin_entry(tmp_path: Path) -> None:
    d = write(
        tmp_path,
        "k",
        """\
        entries:
          - family: http
            code: "502.3"
            notes: "Our ARR farm: check the pool dashboard first."
            links: [https://wiki.example/runbooks/arr-502]
            aliases: ["arr farm backend timeout"]
        """,
    )
    builtin = load_entries([BUILTIN_DIR])["http:502.3"]
    merged = load_entries([BUILTIN_DIR, d])["http:502.3"]
    assert merged.notes["en"].startswith("Our ARR farm")
    assert merged.links[0] == "https://wiki.example/runbooks/arr-502"
    assert "arr farm backend timeout" in merged.aliases
    assert merged.default.title == builtin.default.title  # not given, so kept


def test_partial_entry_for_unknown_code_is_refused(tmp_path: Path) -> None:
    d = write(tmp_path, "k", 'entries:\n  - family: http\n    code: "798"\n    notes: x\n')
    (msg,) = problems(BUILTIN_DIR, d)
    assert "not a built-in code" in msg


def test_env_path_adds_directories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = write(tmp_path, "k", GOOD)
    monkeypatch.setenv("HTTPCODE_KNOWLEDGE_PATH", str(d))
    assert KnowledgeBase.load().has("http", "799")
