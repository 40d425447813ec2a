"""Cases, new families and `status`: the loader takes them whole or names the file, line and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError
from bot.knowledge.loader import BUILTIN_DIR, load_entries

ENTRY = """\
entries:
  - family: http
    code: "798"
    source: custom
    title: {en: Our proxy failed, zh: 我们的代理出错}
    cause: {en: The proxy could not reach the app., zh: 代理连不上应用。}
    fix:
      en: [Check the app.]
      zh: [检查应用。]
    cases:
      - id: app-down
        when:
          - {products: [nginx], phrases: ["connect() failed (111: Connection refused)"]}
          - {codes: [win32:10061]}
        title: {en: "nginx: the app refused the connection", zh: nginx：应用拒绝了连接}
        cause: {en: Nothing listens on the upstream port., zh: 上游端口上没有进程在监听。}
        fix:
          en: [Start the app., Check the port in proxy_pass.]
          zh: [启动应用。, 核对 proxy_pass 中的端口。]
"""


def load(tmp_path: Path, text: str) -> dict:
    d = tmp_path / "team"
    d.mkdir(exist_ok=True)
    (d / "team.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_entries([BUILTIN_DIR, d])


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(KnowledgeError) as exc:
        load(tmp_path, text)
    return [str(p) for p in exc.value.problems]


def test_a_case_loads_with_its_alternative_conditions(tmp_path: Path) -> None:
    entry = load(tmp_path, ENTRY)["http:798"]
    (case,) = entry.default.cases
    assert case.id == "app-down"
    assert case.when[0].products == ("nginx",) and case.when[1].codes == ("win32:10061",)
    assert case.when[0].specificity > (0, 1)
    assert entry.to_json()["cases"][0]["id"] == "app-down"


def test_unknown_product_names_file_line_and_field(tmp_path: Path) -> None:
    (msg,) = problems(tmp_path, ENTRY.replace("products: [nginx]", "products: [ngnix]"))
    assert "team.yml:" in msg and "cases[app-down].when[0].products" in msg and "unknown product 'ngnix'" in msg


def test_unknown_field_in_a_case_is_refused(tmp_path: Path) -> None:
    text = ENTRY.replace("      - id: app-down\n", "      - id: app-down\n        severity: high\n")
    (msg,) = problems(tmp_path, text)
    assert "severity: unknown field in case" in msg


def test_a_case_missing_a_language_is_refused(tmp_path: Path) -> None:
    text = ENTRY.replace(
        'title: {en: "nginx: the app refused the connection", zh: nginx：应用拒绝了连接}', "title: {en: x}"
    )
    assert any("cases[app-down].title: missing language 'zh'" in m for m in problems(tmp_path, text))


def test_an_empty_condition_and_a_bad_code_are_refused(tmp_path: Path) -> None:
    text = ENTRY.replace("- {codes: [win32:10061]}", "- {codes: [win32:abc]}").replace(
        '          - {products: [nginx], phrases: ["connect() failed (111: Connection refused)"]}\n', "          - {}\n"
    )
    msgs = problems(tmp_path, text)
    assert any("empty condition" in m for m in msgs) and any("win32:abc" in m for m in msgs)


def test_a_stray_space_between_chinese_characters_is_refused(tmp_path: Path) -> None:
    (msg,) = problems(tmp_path, ENTRY.replace("代理连不上应用。", "代理连不上 应用。"))
    assert "cause.zh: stray space between Chinese characters" in msg


def test_new_families_keep_their_case_and_status_must_exist(tmp_path: Path) -> None:
    text = """\
    entries:
      - family: cloudflare
        code: "1999"
        source: cloudflare
        status: "403"
        title: {en: Blocked, zh: 被拦截}
        cause: {en: A rule blocked it., zh: 规则拦截了请求。}
        fix: {en: [Check the rule.], zh: [检查规则。]}
      - family: net
        code: ERR_SOMETHING_ODD
        source: chromium
        status: "799"
        title: {en: Odd, zh: 奇怪}
        cause: {en: Odd., zh: 奇怪。}
        fix: {en: [Look.], zh: [看看。]}
    """
    (msg,) = problems(tmp_path, text)
    assert "status" in msg and "net:ERR_SOMETHING_ODD" in msg and "http:799" in msg
    entries = load(tmp_path, text.replace('status: "799"', 'status: "502"'))
    assert entries["cloudflare:1999"].status == "403"
    assert entries["net:ERR_SOMETHING_ODD"].to_json()["http_status"] == "502"


def test_a_team_case_extends_a_builtin_entry_first(tmp_path: Path) -> None:
    text = """\
    entries:
      - family: http
        code: "502"
        cases:
          - id: our-mesh
            when: {phrases: ["mesh-gw says no"]}
            title: {en: Our mesh gateway, zh: 我们的网格网关}
            cause: {en: The mesh gateway lost its upstream., zh: 网格网关丢了上游。}
            fix: {en: [Page the mesh team., Check the mesh dashboard.], zh: [呼叫网格团队。, 查看网格面板。]}
    """
    entry = load(tmp_path, text)["http:502"]
    assert entry.default.cases[0].id == "our-mesh"
