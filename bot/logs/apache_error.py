"""Apache httpd error logs: `[time] [module:level] [pid N] [client ip:port] AHnnnnn: message`.

The record has no status; its message (and the AH number) carries the cause. mod_proxy's
messages come with a fixed answer, so they imply it: the backend could not be reached
(AH00957, AH01114) -> 503; its answer could not be read (AH01102, AH00898) -> 502.

Examples (tests/test_logs.py checks each):

    [Wed Nov 27 10:00:00.123456 2024] [proxy:error] [pid 1234] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 (127.0.0.1) failed
    => apache-error implies:503

    [Wed Aug 01 13:46:44.652656 2018] [proxy_http:error] [pid 18590] (103)Software caused connection abort: [client 10.0.0.1:24591] AH01102: error reading status line from remote server 127.0.0.1:1111
    => apache-error implies:502

    [Wed Nov 27 10:00:01 2024] [core:error] [pid 77] [client 10.0.0.1:5000] AH00126: Invalid URI in request GET /%
    => apache-error
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

LINE = re.compile(r"^\[(?P<time>[^\]]{1,60})\] \[(?:[\w-]{1,30}:)?(?P<level>[a-z]{1,10}[0-9]?)\] ")


AH = re.compile(r"(?<![0-9A-Za-z])AH(?P<n>[0-9]{5}):")
IMPLIED = {"00957": "503", "01114": "503", "01102": "502", "00898": "502"}


def parse(line: str) -> LogRecord | None:
    m = LINE.match(line)
    if m is None:
        return None
    msg = line[m.end() : m.end() + 500]
    ah = AH.search(msg)
    return LogRecord("apache-error", time=m["time"], message=msg, implied=IMPLIED.get(ah["n"]) if ah else None)
