"""Time and memory to answer an uploaded log, the way the Slack app does it: download, read, summarise, render.

A local HTTP server plays Slack's file host and serves a generated IIS W3C log of the given size
(10 MB by default); the script times the app's own path (`read_file`: streamed download, log
detection, streaming summary) plus `log_reply`, and reports the process's peak RSS growth.
Numbers, not pass/fail.

    .venv/bin/python scripts/bench_upload.py [--mb 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.slack.answering.attachments import Attachments, read_file  # noqa: E402
from bot.slack.deps import Deps  # noqa: E402
from bot.slack.render.logs import log_reply  # noqa: E402
from bot.slack.webapi.files import SlackFile  # noqa: E402

HEADER = (
    "#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip cs-method cs-uri-stem "
    "cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n"
)


def make_log(size: int) -> bytes:
    rows = [
        "2026-12-01 09:00:{s:02d} 10.0.0.5 GET /api/orders/{i} - 443 - 10.1.{a}.{b} Mozilla/5.0 - 200 0 0 {t}",
        "2026-12-01 09:01:{s:02d} 10.0.0.5 POST /app/login - 443 - 10.1.{a}.{b} Mozilla/5.0 - 500 19 13 {t}",
        "2026-12-01 09:02:{s:02d} 10.0.0.5 GET /static/{i}.js - 443 - 10.1.{a}.{b} Mozilla/5.0 - 404 0 2 {t}",
        "2026-12-01 09:03:{s:02d} 10.0.0.5 GET /api/slow - 443 - 10.1.{a}.{b} Mozilla/5.0 - 503 0 64 {t}",
    ]
    out = [HEADER]
    n = len(HEADER)
    i = 0
    while n < size:
        line = rows[i % 7 % 4].format(s=i % 60, i=i, a=i % 250, b=i % 199, t=i % 900) + "\n"
        out.append(line)
        n += len(line)
        i += 1
    return "".join(out).encode()[:size]


def serve(body: bytes) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    body = make_log(size)
    engine = Engine.load()
    deps = Deps(engine=engine, store=None, max_file_bytes=size + 1)  # type: ignore[arg-type]
    server = serve(body)
    f = SlackFile(
        "F1", "u_ex261201.log", "text/plain", "text", len(body), "hosted", f"http://127.0.0.1:{server.server_port}/f"
    )
    before = rss_mib()
    times = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        out = Attachments()
        read_file(deps, "xoxb-bench", f, None, out)
        summary = out.logs[0].summary
        reply = log_reply(summary, name=f.name, lang="en")
        times.append(time.perf_counter() - start)
    server.shutdown()
    print(f"upload of {len(body) / 1048576:.1f} MB ({summary.records:,} records, {len(reply.blocks)} blocks)")
    print(f"  answer time: median {statistics.median(times):.2f} s, max {max(times):.2f} s over {args.rounds} rounds")
    print(f"  peak RSS: {rss_mib():.0f} MiB ({rss_mib() - before:.0f} MiB above the loaded engine)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
