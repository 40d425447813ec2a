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


# ---- the JSON contract: "matches" everywhere, shaped as for one text ------------------------------

IIS_LOG = (
    "#Fields: date time s-ip cs-method cs-uri-stem s-port c-ip cs(User-Agent) sc-status sc-substatus "
    "sc-win32-status time-taken\n"
    "2025-02-03 10:00:01 10.0.0.5 GET /a 443 10.0.0.9 UA 500 19 13 15\n"
    "2025-02-03 10:00:02 10.0.0.5 GET /a 443 10.0.0.9 UA 500 19 13 12\n"
    "2025-02-03 10:00:03 10.0.0.5 GET / 443 10.0.0.9 UA 200 0 0 3\n"
)
MATCH_KEYS = {"id", "family", "code", "title", "score", "source", "component", "evidence"}


def test_log_json_carries_matches_beside_groups() -> None:
    code, out, _ = run("explain", "--json", stdin=IIS_LOG)
    data = json.loads(out)
    assert code == 0
    assert data["matches"][0]["id"] == "http:500.19" and set(data["matches"][0]) >= MATCH_KEYS
    assert "win32:13" in [m["id"] for m in data["matches"]]
    assert data["groups"][0]["count"] == 2 and data["records"] == 3 and data["lines"] == 4


def test_text_json_and_log_json_share_the_match_shape() -> None:
    _, text_out, _ = run("explain", "--json", "HTTP Error 500.19")
    _, log_out, _ = run("explain", "--json", stdin=IIS_LOG)
    assert set(json.loads(text_out)["matches"][0]) == set(json.loads(log_out)["matches"][0])


def test_batch_log_line_has_matches_and_groups() -> None:
    code, out, _ = run("explain", "--batch", stdin=json.dumps({"text": IIS_LOG}) + "\n")
    (data,) = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and data["matches"][0]["id"] == "http:500.19" and data["groups"]


# ---- --batch: every input line gets exactly one output line ------------------------------------

BAD_LINES = {
    "broken JSON": "{not json",
    "not an object": "[1, 2]",
    "no text": json.dumps({"nope": 1}),
    "non-string text": json.dumps({"text": 404}),
    "lone surrogate": '{"text": "\\ud800 500"}',
    "NUL": json.dumps({"text": "500\u0000"}),
    "bad lang": json.dumps({"text": "500", "lang": "fr"}),
    "bad mode": json.dumps({"text": "500", "mode": "loud"}),
    "empty line": "",
}


def test_batch_answers_every_bad_line_class_and_goes_on() -> None:
    good = json.dumps({"text": "404"})
    lines = [good]
    for bad in BAD_LINES.values():
        lines += [bad, good]
    code, out, _ = run("explain", "--batch", stdin="\n".join(lines) + "\n")
    results = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(results) == len(lines)
    for i, name in enumerate(BAD_LINES):
        assert "error" in results[2 * i + 1], name
        assert results[2 * i + 2]["matches"][0]["id"] == "http:404", name
    out.encode("utf-8")  # every output line is valid UTF-8


def test_batch_as_a_process_with_bad_bytes_and_surrogates() -> None:
    payload = b'{"text":"500"}\n{"text":"\\ud800"}\n{"text":"404"}\n\xff\xfe{"text":"x"}\n{"text":"\xe4\xb8\xad 503"}\n'
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "explain", "--batch"], input=payload, capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode("utf-8").splitlines()  # strict: fails on anything that is not UTF-8
    assert len(lines) == 5
    data = [json.loads(x) for x in lines]
    assert data[0]["matches"][0]["id"] == "http:500" and data[2]["matches"][0]["id"] == "http:404"
    assert "error" in data[1] and "error" in data[3]
    assert data[4]["matches"][0]["id"] == "http:503"


# ---- input handling: streams, limits said out loud ----------------------------------------------


def test_a_log_is_read_whole_across_the_first_chunk(monkeypatch) -> None:
    import bot.cli

    monkeypatch.setattr(bot.cli, "HEAD", 300)  # the first read ends inside a line
    body = "".join(
        f"2025-02-03 10:00:{i % 60:02d} 10.0.0.5 GET /p{i} 443 10.0.0.9 UA 404 0 2 {i}\n" for i in range(500)
    )
    code, out, _ = run("explain", "--json", stdin=IIS_LOG.splitlines(keepends=True)[0] + body)
    data = json.loads(out)
    assert code == 0 and data["records"] == 500 and data["lines"] == 501 and data["malformed"] == 0


def test_text_past_the_limit_is_said(monkeypatch) -> None:
    import bot.cli

    monkeypatch.setattr(bot.cli, "HEAD", 100)
    monkeypatch.setattr(bot.cli, "MAX_TEXT", 1_000)
    text = "the site says HTTP Error 503 and nothing else. " * 200
    code, out, err = run("explain", "--json", stdin=text)
    data = json.loads(out)
    assert code == 0 and data["truncated"] == {"chars": len(text), "read": 1_000}
    assert "reads the first 1,000" in err


def test_long_line_in_a_log_is_cut_not_fatal() -> None:
    text = IIS_LOG + "2025-02-03 10:00:09 " + "x" * 200_000 + "\n" + IIS_LOG.splitlines(keepends=True)[1]
    code, out, _ = run("explain", "--json", "--log", stdin=text)
    data = json.loads(out)
    assert code == 0 and data["records"] == 4 and data["malformed"] == 1


def test_gzip_log_on_stdin_as_a_process() -> None:
    import gzip

    proc = subprocess.run(
        [sys.executable, "-m", "bot", "explain", "--json"],
        input=gzip.compress(IIS_LOG.encode()),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["matches"][0]["id"] == "http:500.19"


def test_log_flag_on_text_that_is_no_log_answers_the_text() -> None:
    code, out, _ = run("explain", "--log", stdin="HTTP Error 404.0 - Not Found\n")
    assert code == 0 and out.startswith("HTTP 404")
