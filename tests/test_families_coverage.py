"""The curl, Chromium net, HTTP.sys HTTPERR and iisnode codes asked for are all in knowledge/, complete in both languages."""

from __future__ import annotations

import pytest

from bot.knowledge import LANGS
from bot.knowledge.loader import BUILTIN_DIR, load_entries

CURL = [1, 2, 3, 5, 6, 7, 8, 16, 18, 22, 23, 25, 26, 27, 28, 33, 35, 42, 47, 51, 52, 53, 54, 55, 56, 58, 59, 60, 61, 63]
CURL += [67, 77, 78, 80, 83, 90, 91, 92, 95, 96, 97]

NET = """
ERR_CONNECTION_REFUSED ERR_CONNECTION_RESET ERR_CONNECTION_CLOSED ERR_CONNECTION_TIMED_OUT ERR_TIMED_OUT
ERR_NAME_NOT_RESOLVED ERR_NAME_RESOLUTION_FAILED ERR_INTERNET_DISCONNECTED ERR_ADDRESS_UNREACHABLE ERR_EMPTY_RESPONSE
ERR_TOO_MANY_REDIRECTS ERR_SSL_PROTOCOL_ERROR ERR_SSL_VERSION_OR_CIPHER_MISMATCH ERR_CERT_AUTHORITY_INVALID
ERR_CERT_COMMON_NAME_INVALID ERR_CERT_DATE_INVALID ERR_CERT_REVOKED ERR_BAD_SSL_CLIENT_AUTH_CERT ERR_HTTP2_PROTOCOL_ERROR
ERR_QUIC_PROTOCOL_ERROR ERR_INCOMPLETE_CHUNKED_ENCODING ERR_CONTENT_LENGTH_MISMATCH ERR_RESPONSE_HEADERS_TOO_BIG
ERR_INVALID_RESPONSE ERR_UNSAFE_PORT ERR_BLOCKED_BY_CLIENT ERR_BLOCKED_BY_RESPONSE ERR_CACHE_MISS ERR_ABORTED ERR_FAILED
ERR_NETWORK_CHANGED ERR_PROXY_CONNECTION_FAILED ERR_TUNNEL_CONNECTION_FAILED ERR_CERT_WEAK_SIGNATURE_ALGORITHM
ERR_SSL_OBSOLETE_VERSION ERR_HTTP_RESPONSE_CODE_FAILURE ERR_INSECURE_RESPONSE ERR_UNKNOWN_URL_SCHEME ERR_FILE_NOT_FOUND
ERR_NETWORK_ACCESS_DENIED ERR_CLEARTEXT_NOT_PERMITTED ERR_SOCKET_NOT_CONNECTED ERR_CERT_INVALID 0
""".split()

HTTPERR = """
AppOffline AppPoolTimer AppShutdown BadRequest Client_Reset Connection_Abandoned_By_AppPool
Connection_Abandoned_By_ReqQueue Connection_Dropped Connection_Dropped_List_Full ConnLimit Connections_Refused Disabled
EntityTooLarge FieldLength Forbidden Header Hostname Internal Invalid_CR/LF LengthRequired N/A N/I Number Precondition
QueueFull RequestLength Timer_AppPool Timer_ConnectionIdle Timer_EntityBody Timer_HeaderWait Timer_MinBytesPerSecond
Timer_ReqQueue Timer_Response URL URL_Length Verb Version_N/S
""".split()

IISNODE = [f"500.{n}" for n in range(1000, 1019)] + [f"503.{n}" for n in range(1000, 1004)]

REQUIRED = (
    [f"curl:{n}" for n in CURL]
    + [f"net:{name}" for name in NET]
    + [f"httperr:{phrase}" for phrase in HTTPERR]
    + [f"http:{code}" for code in IISNODE]
)

# HTTP.sys answers these phrases with one fixed status; the timers and dropped connections send nothing.
HTTPERR_STATUS = {
    "AppOffline": "503",
    "AppPoolTimer": "503",
    "AppShutdown": "503",
    "Disabled": "503",
    "ConnLimit": "503",
    "QueueFull": "503",
    "N/A": "503",
    "BadRequest": "400",
    "Header": "400",
    "Hostname": "400",
    "Verb": "400",
    "URL": "400",
    "FieldLength": "400",
    "RequestLength": "400",
    "URL_Length": "414",
    "EntityTooLarge": "413",
    "LengthRequired": "411",
    "Internal": "500",
    "Version_N/S": "505",
}
NO_STATUS = [p for p in HTTPERR if p.startswith(("Timer_", "Connection", "Client_Reset"))]


@pytest.fixture(scope="module")
def entries():
    return load_entries([BUILTIN_DIR])


def test_the_lists_are_the_ones_asked_for() -> None:
    assert (len(CURL), len(NET), len(HTTPERR), len(IISNODE)) == (41, 44, 37, 23)
    assert len(set(REQUIRED)) == len(REQUIRED)


def test_every_required_id_is_known(entries) -> None:
    missing = [eid for eid in REQUIRED if eid not in entries]
    assert missing == [], f"{len(missing)} ids missing: {missing}"


@pytest.mark.parametrize("eid", REQUIRED)
def test_entry_is_complete_in_every_language(entries, eid: str) -> None:
    entry = entries.get(eid)
    assert entry is not None, f"{eid} missing"
    for m in entry.meanings:
        for lang in LANGS:
            assert m.title.get(lang), f"{eid}: no {lang} title"
            assert m.cause.get(lang), f"{eid}: no {lang} cause"
            assert m.fix.get(lang) and all(step.strip() for step in m.fix[lang]), f"{eid}: no {lang} fix"
        assert m.title["en"] != m.title["zh"], f"{eid}: zh title is the English one"
        assert m.links or entry.links, f"{eid}: no link to the vendor's documentation"


def test_iisnode_entries_come_from_iisnode(entries) -> None:
    wrong = [f"http:{c}" for c in IISNODE if entries[f"http:{c}"].default.source != "iisnode"]
    assert wrong == []


def test_httperr_status_only_where_http_sys_answers_one(entries) -> None:
    got = {p: entries[f"httperr:{p}"].status for p in HTTPERR}
    assert {p: s for p, s in got.items() if p in HTTPERR_STATUS} == HTTPERR_STATUS
    assert [p for p in NO_STATUS if got[p]] == []
    assert entries["curl:22"].status is None
