"""The real CLI, run in-process with injected streams, and once as a subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from bot.cli import main


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_explain_a_code() -> None:
    code, out, _ = run("explain", "401.3")
    assert code == 0
    assert out.startswith("HTTP 401.3")
    assert "\n  1. " in out  # numbered fix steps


def test_explain_in_chinese() -> None:
    code, out, _ = run("explain", "--lang", "zh", "401.3")
    assert code == 0 and "原因" in out and "解决方法" in out


def test_explain_reads_stdin() -> None:
    code, out, _ = run("explain", "-", stdin="HTTP Error 500.19 - Internal Server Error\n")
    assert code == 0 and out.startswith("HTTP 500.19")


def test_nothing_matched_exits_1_with_suggestions() -> None:
    code, out, _ = run("explain", "HTTP", "532")
    assert code == 1
    assert "Unknown code: 532" in out and "Nearest:" in out


def test_plain_chat_exits_1() -> None:
    code, out, _ = run("explain", "lunch", "at", "noon?")
    assert code == 1 and "No HTTP" in out


def test_usage_errors_exit_2() -> None:
    assert run("explain", "--top", "0", "500")[0] == 2
    assert run("nonsense")[0] == 2
    assert run("explain", "--lang", "fr", "500")[0] == 2


def test_no_text_on_a_terminal_is_a_usage_error() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["explain"], stdin=Tty(), stdout=out, stderr=err) == 2
    assert "give a code or text" in err.getvalue()


def test_json_shape() -> None:
    code, out, _ = run("explain", "--json", "--top", "2", "500")
    data = json.loads(out)
    assert code == 0
    assert data["query"] == "500" and data["lang"] == "en"
    assert len(data["matches"]) == 2
    first = data["matches"][0]
    assert {"id", "family", "code", "title", "score"} <= set(first)
    assert first["id"] == "http:500" and first["family"] == "http" and first["code"] == "500"


def test_batch_keeps_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"text": "HTTP Error 404.0 - Not Found", "mode": "direct"}),
        "{not json",
        json.dumps({"text": "we have 500 users", "mode": "passive"}),
        json.dumps({"nope": 1}),
        json.dumps({"text": "550 Permission denied", "mode": "passive", "lang": "zh"}),
    ]
    code, out, _ = run("explain", "--batch", stdin="\n".join(lines) + "\n")
    results = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(results) == 5
    assert results[0]["matches"][0]["id"] in ("http:404.0", "http:404")
    assert "error" in results[1]
    assert results[2]["matches"] == []
    assert "error" in results[3]
    assert results[4]["matches"][0]["id"] == "ftp:550" and results[4]["lang"] == "zh"


def test_kb_check_counts_families_and_languages() -> None:
    code, out, _ = run("kb", "check")
    assert code == 0
    for family in ("http", "ftp", "win32", "hresult"):
        assert family in out


def test_kb_check_names_a_broken_file(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text('entries:\n  - family: http\n    code: "4o4"\n', encoding="utf-8")
    code, _, err = run("kb", "check", "--knowledge", str(tmp_path))
    assert code == 1
    assert "bad.yml:3: code: malformed http code '4o4'" in err


def test_kb_export_json() -> None:
    code, out, _ = run("kb", "export", "--json")
    data = json.loads(out)
    assert code == 0
    ids = {e["id"] for e in data}
    assert {"http:401.3", "ftp:550", "win32:13", "hresult:0x80070021"} <= ids
    entry = next(e for e in data if e["id"] == "http:401.3")
    assert set(entry) >= {"id", "family", "code", "source", "title", "cause", "fix", "aliases", "links"}
    assert set(entry["title"]) == {"en", "zh"}


def test_console_script_runs_as_a_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "explain", "--json", "ftp 550"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["matches"][0]["id"] == "ftp:550"
