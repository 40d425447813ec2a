"""Heroku logs (`heroku logs --tail`, log drains): router lines and dyno errors.

Router lines are key=value: `at=error code=H12 desc="Request timeout" ... status=503`; the code
becomes `heroku:H12` and the status is the one sent. Dyno lines name runtime and logging errors:
`Error R14 (Memory quota exceeded)`, with no HTTP status.

Examples (tests/test_logs.py checks each):

    2024-03-12T10:15:32.123456+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" host=app.herokuapp.com request_id=ab12 fwd="1.2.3.4" dyno=web.1 connect=0ms service=30000ms status=503 bytes=0 protocol=https
    => heroku 503 heroku:H12

    2015-04-06T22:43:49.907728+00:00 heroku[router]: at=info method=POST path="/inv" host=x.gob.mx request_id=dcf9 fwd="189.1.1.1" dyno=web.1 connect=1ms service=54ms status=200 bytes=6694
    => heroku 200

    2025-01-02T00:51:32.761835+00:00 heroku[web.1]: Error R14 (Memory quota exceeded)
    => heroku heroku:R14
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord

LINE = re.compile(r"(?:^|[ \t])(?:heroku|app)\[(?P<proc>[A-Za-z0-9_.-]{1,40})\]:? (?P<msg>.{0,4000})")
ROUTER_CODE = re.compile(r"(?:^| )code=(?P<code>[HL][0-9]{1,2})(?![0-9A-Za-z])")
ROUTER_STATUS = re.compile(r"(?:^| )status=(?P<status>[1-5][0-9][0-9])(?![0-9])")
DYNO_ERROR = re.compile(r"(?:^|[ \t])Error (?P<code>[HRL][0-9]{1,2}) \(")
TIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,20}(?:Z|[+-][0-9]{2}:[0-9]{2})")


def parse(line: str) -> LogRecord | None:
    if "[" not in line or ("heroku[" not in line and "app[" not in line):
        return None
    m = LINE.search(line)
    if m is None:
        return None
    msg = m["msg"]
    time = TIME.match(line)
    rec = LogRecord("heroku", time=time.group(0) if time else None, quoted=m.start() > 40 and time is None)
    if m["proc"] == "router" or "at=" in msg[:20]:
        code = ROUTER_CODE.search(msg)
        st = ROUTER_STATUS.search(msg)
        rec.status = st["status"] if st else None
        rec.codes = (f"heroku:{code['code']}",) if code else ()
    else:
        err = DYNO_ERROR.search(msg)
        if err is None:
            return None
        rec.codes = (f"heroku:{err['code']}",)
    return rec if rec.status or rec.codes else None
