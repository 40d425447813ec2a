"""AWS Application/Classic Load Balancer access logs.

`type time elb client:port target:port request_time target_time response_time elb_status_code
target_status_code ...`: the record's status is what the load balancer sent; the target's
goes in `detail` (`-` when no target answered, as in most 502/503/504 from the ALB itself).

Examples (tests/test_logs.py checks each):

    https 2024-03-12T10:15:32.123456Z app/prod-alb/50dc6c495c0c9188 10.0.1.5:53422 10.0.2.7:8080 0.001 -1 -1 504 - 812 0 "GET https://api.example.com:443/r HTTP/1.1" "Mozilla/5.0"
    => alb 504

    h2 2024-03-12T10:15:33.5Z app/prod-alb/50dc6c495c0c9188 10.0.1.5:53423 10.0.2.7:8080 0.000 0.020 0.000 500 500 34 3 "GET https://api.example.com:443/x HTTP/2.0" "curl/8"
    => alb 500

Classic Load Balancer lines have no leading type, and `backend:port` where the ALB has `target:port`:

    2017-06-26T08:38:27.991796Z xxxxxxx 172.27.19.150:43326 172.27.19.217:80 0.00008 0.000626 0.000057 503 503 566 326 "POST http://internal-xxx.ap-northeast-1.elb.amazonaws.com:80/api/v1/hoge HTTP/1.0" "Xxxx/1.0.4 (iPad; iOS 10.3.2; Scale/2.00)" - -
    => alb 503

    2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 - -1 -1 -1 504 0 0 0 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -
    => alb 504
"""

from __future__ import annotations

import re

from bot.logs.base import LogRecord, status

LINE = re.compile(
    r"^(?:https?|h2|grpcs|ws|wss) (?P<time>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,20}Z) [^ ]{1,200} [^ ]{1,60} [^ ]{1,60} "
    r"-?[0-9.]{1,12} -?[0-9.]{1,12} -?[0-9.]{1,12} (?P<status>[0-9]{3}|-) (?P<target>[0-9]{3}|-) "
)

CLASSIC = re.compile(
    r"^(?P<time>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,20}Z) [^ ]{1,200} [^ ]{1,60} [^ ]{1,60} "
    r"-?[0-9.]{1,12} -?[0-9.]{1,12} -?[0-9.]{1,12} (?P<status>[0-9]{3}|-) (?P<target>[0-9]{1,3}|-) "
)


def parse(line: str) -> LogRecord | None:
    m = LINE.match(line) or CLASSIC.match(line)
    if m is None:
        return None
    rec = LogRecord("alb", status=status(m["status"]), time=m["time"])
    if m["target"] not in ("-", "0"):  # a Classic ELB writes 0 when no backend answered
        rec.detail["target_status"] = m["target"]
    return rec
