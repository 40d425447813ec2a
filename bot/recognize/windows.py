"""Windows values: HRESULTs (`0x80070021` on IIS pages) and Win32 error numbers (`socket error # 10054`).

On an IIS page the HRESULT is the detail of the HTTP status the page shows; the engine ranks it
below that status.

Examples (tests/test_recognize.py runs each through the engine):

    Error Code 0x80070021
    => hresult:0x80070021

Python's OSError on Windows names the Win32 error (a pip install in a system folder):

    ERROR: Could not install packages due to an OSError: [WinError 5] Access is denied: 'C:\\Program Files\\Python39\\Scripts\\f2py.exe'
    => win32:5

    HTTP Error 500.19 - Internal Server Error
    Error Code 0x8007000d
    => http:500.19
"""

from __future__ import annotations

import re

from bot.recognize.base import LABELLED, Mention

# "error 10054", "socket error # 10054", "sc-win32-status 64", "win32 status 13", "系统错误 5"
# Python's OSError on Windows: "[WinError 5] Access is denied", "[WinError 10061] No connection could be made"
_WIN32_KEYWORDS = ("winerror", "error", "win32", "system error", "系统错误", "错误代码")
_WIN32_EXPLICIT = ("winerror", "win32", "system error", "系统错误")
_WIN32_AFTER = re.compile(
    r"(?:[ _-]?(?:status|error|code))?[ \t]{0,3}[:=#]?[ \t]{0,3}(?P<num>[0-9]{1,10})(?![0-9.])", re.I
)
_HRESULT = re.compile(r"(?<![0-9A-Za-z_])0x(?P<hex>[0-9a-fA-F]{8})(?![0-9a-fA-F])")


def read(text: str, found: list[Mention], taken: set[int]) -> None:
    for m in _HRESULT.finditer(text):
        value = m.group("hex").lower()
        if value == "00000000":
            continue
        found.append(Mention(f"0x{value}", LABELLED, "hresult", m.start(), m.end(), "hresult"))
    lower = text.lower()
    read_at: set[int] = set()  # "winerror 10061" is also "error 10061": one mention
    for keyword in _WIN32_KEYWORDS:  # find() is a C scan; most pastes have few of these words
        pos = lower.find(keyword)
        while pos >= 0:
            m = _WIN32_AFTER.match(text, pos + len(keyword))
            at = m.start("num") if m else -1
            if m and (len(m.group("num")) >= 4 or keyword in _WIN32_EXPLICIT) and at not in taken and at not in read_at:
                read_at.add(at)
                found.append(Mention(str(int(m.group("num"))), LABELLED, "win32", m.start("num"), m.end(), "win32"))
            pos = lower.find(keyword, pos + len(keyword))
