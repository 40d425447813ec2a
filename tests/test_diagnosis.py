"""Diagnosis: products recognised from what pastes show, cases chosen only on evidence quoted verbatim."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.diagnosis.cases import _Paste, diagnose
from bot.diagnosis.products import SIGNATURES, _search_lines, recognise
from bot.engine import Engine
from bot.knowledge.model import PRODUCTS, Case, Condition

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "knowledge_cases"
DATA = HERE / "data"


@pytest.fixture(scope="module")
def diag_engine() -> Engine:
    return Engine.load([CASES_DIR])


# ---- products ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", SIGNATURES, ids=lambda s: f"{s.product}:{s.example[:30]}")
def test_every_signature_reads_its_real_example(sig) -> None:
    assert sig.product in PRODUCTS
    assert sig.pattern.search(sig.example), f"{sig.pattern.pattern!r} does not read {sig.example!r}"
    assert sig.pattern.pattern.isascii(), "patterns are ASCII (escapes for other characters)"


@pytest.mark.parametrize(
    ("text", "products"),
    [
        ("HTTP/1.1 502 Bad Gateway\nServer: awselb/2.0\nContent-Type: text/html", ["aws-alb"]),
        ("HTTP/2 520\ndate: Tue\nserver: cloudflare\ncf-ray: 84a1b2c3d4e5f6a7-FRA", ["cloudflare"]),
        ("< HTTP/1.1 403 Forbidden\n< x-amz-cf-id: abc==\n< x-cache: Error from cloudfront", ["aws-cloudfront"]),
        ("HTTP/1.1 503 Service Unavailable\nserver: envoy\n\nupstream connect error or disconnect/reset", ["envoy"]),
        ("220 Microsoft FTP Service\nUSER a\n331 Password required", ["iis-ftp"]),
        ("220 (vsFTPd 3.0.3)\n530 Login incorrect.", ["vsftpd"]),
        ("220 ProFTPD 1.3.6 Server (Debian)", ["proftpd"]),
        ("220-FileZilla Server 1.8.1\n220 Please visit", ["filezilla-server"]),
        ("we have 500 users and a meeting at 3", []),
    ],
)
def test_products_seen_in_pastes(text: str, products: list[str]) -> None:
    assert [s.product for s in recognise(text)] == products
    for seen in recognise(text):
        assert len(text[seen.start : seen.end]) >= 3


def test_the_literal_prefilter_never_hides_a_match() -> None:
    texts = [sig.example for sig in SIGNATURES] + [row["text"] for row in _rows()]
    for sig in SIGNATURES:
        assert sig.needles or sig.product in ("nginx", "ingress-nginx", "aws-elb", "curl"), sig.pattern.pattern
        for text in texts:
            full = sig.pattern.search(text)
            if full:
                assert not sig.needles or any(n in text.lower() for n in sig.needles), (sig.product, text[:80])
            if sig.needles:
                by_line = _search_lines(sig, text, text.lower())
                assert (by_line and by_line.span()) == (full and full.span()), (sig.product, text[:80])


def test_recognition_is_linear_on_hostile_input() -> None:
    import time

    hostile = ("Server: " + "a" * 50 + "\n") * 2000 + "<center>" * 5000 + "x-envoy-" * 5000
    start = time.perf_counter()
    recognise(hostile)
    assert time.perf_counter() - start < 1.0


# ---- case semantics ------------------------------------------------------------------------------


def case(cid: str, *when: Condition) -> Case:
    return Case(id=cid, when=when, title={"en": cid, "zh": cid}, cause={"en": ".", "zh": "。"}, fix={"en": ("a",)})


PAGE = "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.24.0\n\nconnect() failed (111: Connection refused) while connecting to upstream"


def test_and_across_kinds_or_within_and_most_specific_wins() -> None:
    broad = case("broad", Condition(products=("nginx",)))
    phrase = case("phrase", Condition(phrases=("no such phrase here", "Connection refused) while connecting")))
    both = case("both", Condition(products=("nginx", "apache"), phrases=("connect() failed (111: *) while",)))
    wrong = case("wrong", Condition(products=("apache",), phrases=("connection refused",)))
    paste = _Paste(PAGE)
    assert diagnose((broad, phrase, both, wrong), paste).case.id == "both", "more kinds beat fewer"
    assert diagnose((broad, phrase), paste).case.id == "phrase", "text evidence beats a product alone"
    assert diagnose((broad,), _Paste(PAGE.split("\n\n")[0])).case.id == "broad"
    assert diagnose((broad,), paste) is None, "the product alone does not hold where nginx logs its reason"
    assert diagnose((wrong,), paste) is None, "every kind must be seen"
    tie = case("tie", Condition(phrases=("while connecting to upstream",)))
    assert diagnose((phrase, tie), paste).case.id == "phrase", "ties go to the first case"


def test_wildcards_stay_on_one_line_and_whitespace_case_quotes_are_loose() -> None:
    text = 'Handler "PageHandlerFactory-Integrated" has a bad\n   module "ManagedPipelineHandler" in its module list'
    hit = case("m", Condition(phrases=('HANDLER "*" has a bad module "ManagedPipelineHandler"',)))
    broken = text.replace("PageHandler", "PageHandler\n")
    assert diagnose((hit,), _Paste(broken)) is None, "`*` does not cross a line"
    one_line = text.replace("\n   ", " ")
    d = diagnose((hit,), _Paste(one_line))
    assert d and d.evidence[0] in one_line
    loose = case("l", Condition(phrases=("has a bad module “ManagedPipelineHandler” in its",)))
    d = diagnose((loose,), _Paste(text))
    assert d and d.evidence == ['has a bad\n   module "ManagedPipelineHandler" in its']


def test_codes_are_other_ids_in_the_same_paste_quoted_as_written() -> None:
    text = "HTTP Error 500.19 - Internal Server Error\nError Code    0x80070021\n"
    locked = case("locked", Condition(codes=("hresult:0x80070021",)))
    as_win32 = case("w", Condition(codes=("win32:33",)))
    assert diagnose((locked,), _Paste(text)).evidence == ["0x80070021"]
    assert diagnose((as_win32,), _Paste(text)).evidence == ["0x80070021"], "0x8007xxxx is also its win32 value"
    assert diagnose((locked,), _Paste(text), own="hresult:0x80070021") is None, "a code is not evidence for itself"
    assert diagnose((locked,), _Paste("HTTP Error 500.19 - Internal Server Error")) is None


def test_entities_and_tags_in_the_paste_are_quoted_verbatim() -> None:
    text = "<p>Locking is either by default (overrideModeDefault=&quot;Deny&quot;), or set</p>"
    c = case("c", Condition(phrases=('Locking is either by default (overrideModeDefault="Deny")',)))
    d = diagnose((c,), _Paste(text))
    assert d and d.evidence == ["Locking is either by default (overrideModeDefault=&quot;Deny&quot;)"]


# ---- through the engine ----------------------------------------------------------------------------


def test_engine_attaches_diagnosis_and_products(diag_engine: Engine) -> None:
    page = (
        "<html><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.18.0 (Ubuntu)</center></body></html>"
    )
    result = diag_engine.explain(page, mode="passive")
    assert result.products == ["nginx"]
    data = result.to_json()
    assert data["products"] == ["nginx"]
    d = data["matches"][0]["diagnosis"]
    assert d["case"] == "nginx-front" and d["evidence"] == ["nginx/1.18.0 (Ubuntu)"] and d["fix"]
    plain = diag_engine.explain("HTTP/1.1 502 Bad Gateway")
    assert plain.to_json()["matches"][0]["diagnosis"] is None, "no evidence, no case: the general answer stands"
    assert diag_engine.explain("502").to_json()["products"] == []


def test_a_windows_value_about_another_status_is_left_out(diag_engine: Engine) -> None:
    page = (
        "HTTP Error 404.3 - Not Found\nThe page you are requesting cannot be served because of the extension "
        "configuration.\nError Code 0x80070032"
    )
    ids = [m.id for m in diag_engine.explain(page).matches]
    assert ids[0] == "http:404.3" and "hresult:0x80070032" not in ids, "0x80070032's knowledge is about 500.19"
    locked = "HTTP Error 500.19 - Internal Server Error\nError Code 0x80070021"
    result = diag_engine.explain(locked)
    assert result.matches[0].diagnosis.case.id == "locked-section"
    assert "hresult:0x80070021" not in [m.id for m in result.matches], "the case explains it in 500.19's sense"


def _rows() -> list[dict]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def test_every_evidence_is_a_verbatim_piece_of_the_input_over_all_labelled_sets(diag_engine: Engine) -> None:
    rows = _rows()
    assert len(rows) > 600
    diagnosed = 0
    for row in rows:
        for mode in ("direct", "passive"):
            for m in diag_engine.explain(row["text"], mode=mode, top=5).matches:
                if m.diagnosis is None:
                    continue
                diagnosed += 1
                assert m.diagnosis.evidence, f"{row.get('id')}: a case without evidence"
                for piece in m.diagnosis.evidence:
                    assert len(piece) >= 3 and piece in row["text"], f"{row.get('id')}: {piece!r} not in the paste"
    assert diagnosed > 0


def test_no_case_in_the_base_has_an_empty_condition() -> None:
    for entry in Engine.load([CASES_DIR]).kb.entries.values():
        for meaning in entry.meanings:
            for c in meaning.cases:
                assert c.when and all(w.products or w.phrases or w.codes for w in c.when), f"{entry.id}/{c.id}"
                for w in c.when:
                    assert all(re.fullmatch(r"[a-z0-9.-]+", p) for p in w.products)


# ---- terminal and JSON ------------------------------------------------------------------------------


def _cli(*argv: str, stdin: str = "") -> tuple[int, str]:
    import io

    from bot.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(["--knowledge", str(CASES_DIR), *argv], stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue()


NGINX_PAGE = (
    "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n"
    "<hr><center>nginx/1.18.0 (Ubuntu)</center>\n</body>\n</html>\n"
)


def test_terminal_leads_with_the_case_and_full_shows_the_rest() -> None:
    code, short = _cli("explain", stdin=NGINX_PAGE)
    assert code == 0
    lines = short.splitlines()
    assert lines[0] == "HTTP 502 · nginx could not get a valid answer from the upstream (test)"
    assert lines[1] == "  [nginx · sure]"
    assert "Seen in your paste:\n  > nginx/1.18.0 (Ubuntu)" in short
    assert "In general" not in short and "Links:" not in short and "--full" in short
    _, full = _cli("explain", "--full", stdin=NGINX_PAGE)
    assert "In general: HTTP 502 · Bad Gateway" in full and "Other causes of this code:" in full
    assert "  RFC 9110 §15.6.3: https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3" in full


def test_json_and_batch_carry_diagnosis_and_products() -> None:
    _, out = _cli("explain", "--json", stdin=NGINX_PAGE)
    data = json.loads(out)
    assert data["products"] == ["nginx"]
    assert data["matches"][0]["diagnosis"]["case"] == "nginx-front"
    batch = json.dumps({"text": NGINX_PAGE, "lang": "zh"}) + "\n" + json.dumps({"text": "HTTP/1.1 404"}) + "\n"
    _, out = _cli("explain", "--batch", stdin=batch)
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["matches"][0]["diagnosis"]["title"] == "nginx 没有从上游拿到有效响应（测试）", (
        "in the answer's language"
    )
    assert second["matches"][0]["diagnosis"] is None and second["products"] == []
