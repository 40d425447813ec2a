"""IIS Failed Request Tracing (FREB) files: `fr000001.xml`.

The `<failedRequest ... statusCode="500.19" ...>` element names the status and sub-status the
request ended with; `<Data Name="ErrorCode">` in a MODULE_SET_RESPONSE_ERROR_STATUS event names
the HRESULT behind it (as text with the value in parentheses, or as a decimal number).

Examples (tests/test_logs.py checks each):

    <failedRequest url="http://localhost:80/app/" siteId="1" appPoolId="DefaultAppPool" processId="4242" verb="GET" authenticationType="NOT_AVAILABLE" activityId="{00000000-0000-0000-3F00-0080000000FA}" failureReason="STATUS_CODE" statusCode="500.19" triggerStatusCode="500.19" timeTaken="15" xmlns:freb="http://schemas.microsoft.com/win/2006/06/iis/freb">
    => freb 500.19

    <Data Name="ErrorCode">Cannot read configuration file due to insufficient permissions (0x80070005)</Data>
    => freb hresult:0x80070005

    <Data Name="ErrorCode">2147942413</Data>
    => freb hresult:0x8007000d
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, num, status

REQUEST = re.compile(r'<failedRequest [^>]{0,4000}?statusCode="(?P<status>[0-9]{3})(?:\.(?P<sub>[0-9]{1,4}))?"')
ERROR_CODE = re.compile(r'<Data Name="ErrorCode">(?P<value>[^<]{0,500})</Data>')
HEX = re.compile(r"\(0x(?P<hex>[0-9a-fA-F]{8})\)")


def parse(line: str) -> LogRecord | None:
    if "<" not in line:
        return None
    m = REQUEST.search(line)
    if m is not None:
        return LogRecord("freb", status=status(m["status"]), substatus=num(m["sub"], 5))
    m = ERROR_CODE.search(line)
    if m is None:
        return None
    value = m["value"].strip()
    h = HEX.search(value)
    if h:
        code = h["hex"].lower()
    elif num(value) is not None and 0x80000000 <= int(value) <= 0xFFFFFFFF:
        code = f"{int(value):08x}"
    else:
        return None
    return LogRecord("freb", codes=(f"hresult:0x{code}",)) if code != "00000000" else None
