"""Load test of HTTP mode: httpcode beside bare Bolt apps that only ack, same server, same requests.

Every app runs under the production gunicorn command (`-w 1 --threads 8`) on 127.0.0.1 with its Web
API pointed at a local fake in its own process (no network). The client sends the same signed slash
commands and message events, carrying real pastes (tests/data/pastes.jsonl), from C concurrent
keep-alive connections, and measures throughput and ack latency. Two baselines: Bolt's defaults
(listeners run on its thread pool, commands acked from there) and `process_before_response=True`
(acked in the request's thread); "vs bare" is against the faster of the two.

Rounds alternate the apps (a shared machine drifts); throughput is the median round, latency
percentiles pool all rounds. For httpcode it also counts the answers the fake received during the
run and after it, and when the last one arrived: answers wait while acks are pending (backlog.py).

    .venv/bin/python scripts/load.py                      # 3 rounds x 3,000 requests, 20 clients
    .venv/bin/python scripts/load.py --requests 500 --clients 5 --rounds 1
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PASTES = ROOT / "tests" / "data" / "pastes.jsonl"
SECRET = "load-signing-secret"
TOKEN = "xoxb-load-token"
BOT_USER = "UBOT"
GUNICORN = ["-m", "gunicorn", "-b", "127.0.0.1:0", "-w", "1", "--threads", "8"]
BARE = "bare Bolt app (defaults)"
BARE_PBR = "bare Bolt app (process_before_response)"
APPS = {
    BARE: "scripts.load:bare_wsgi_app()",
    BARE_PBR: "scripts.load:bare_wsgi_app(process_before_response=True)",
    "httpcode": "bot.slack.server:create_wsgi_app()",
}
QUIET = 2.0  # seconds without a new answer: the app's backlog is empty
MIX = (("command", 0.4), ("message", 0.4), ("mention", 0.2))


# ---- the bare app (gunicorn imports this) -------------------------------------------------------


def bare_wsgi_app(*, process_before_response: bool = False) -> Callable:
    """A Bolt app with httpcode's listeners that acks every request and does nothing else."""
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk import WebClient

    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = App(
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        client=client,
        process_before_response=process_before_response,
    )
    app.command(re.compile(r"^/httpcode"))(lambda ack: ack())
    app.event("app_mention")(lambda: None)
    app.event("message")(lambda: None)
    return SlackRequestHandler(app, path="/slack/events")


# ---- the fake Web API -----------------------------------------------------------------------------


class FakeApi(ThreadingHTTPServer):
    """`ok: true` to every Web API call and response_url post; counts what the app sent."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ApiHandler)
        self.sent = 0
        self.last = 0.0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ApiHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeApi

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/stats":
            with self.server.lock:
                body = {"sent": self.server.sent, "idle": time.monotonic() - self.server.last}
        elif self.path.endswith("/auth.test"):
            body = {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T1", "user": "httpcode"}
        else:
            body = {"ok": True, "ts": "1.1", "channel": "C1"}
            with self.server.lock:
                self.server.sent += 1
                self.server.last = time.monotonic()
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST


def serve_fake_api() -> None:
    """Run the fake in this process (its own CPU budget, apart from the client), printing its URL."""
    api = FakeApi()
    print(api.url, flush=True)
    api.serve_forever()


class FakeApiProcess:
    """The fake Web API in a child process; `stats()` is (messages received, seconds since the last)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--fake-api"], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        self.url = self.proc.stdout.readline().strip()

    def stats(self) -> tuple[int, float]:
        with urllib.request.urlopen(self.url + "/stats", timeout=5) as resp:
            data = json.loads(resp.read())
        return data["sent"], data["idle"]

    def wait_idle(self, quiet: float, timeout: float) -> int:
        """Messages received once none has arrived for `quiet` seconds, counting from now (or at `timeout`)."""
        start = time.monotonic()
        while True:
            sent, idle = self.stats()
            now = time.monotonic()
            if min(idle, now - start) >= quiet or now - start > timeout:
                return sent
            time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


# ---- requests -------------------------------------------------------------------------------------


def pastes() -> list[str]:
    return [json.loads(line)["text"] for line in PASTES.read_text(encoding="utf-8").splitlines() if line.strip()]


def signed(body: str, content_type: str, *, host: str) -> bytes:
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    data = body.encode()
    head = (
        f"POST /slack/events HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(data)}\r\nX-Slack-Request-Timestamp: {ts}\r\nX-Slack-Signature: {sig}\r\n\r\n"
    )
    return head.encode() + data


def build_requests(n: int, *, host: str, response_url: str, seed: int = 1) -> list[tuple[str, bytes]]:
    """`n` signed requests (kind, raw HTTP), each a distinct delivery: unique ts, event_id, trigger_id."""
    rng = random.Random(seed)
    texts = pastes()
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    out = []
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        text = rng.choice(texts)
        ts = f"{1700000000 + i}.{i:06d}"
        channel = f"C{i % 50:05d}"
        if kind == "command":
            fields = {
                "command": "/httpcode", "text": text, "channel_id": channel, "user_id": "UALICE", "team_id": "T1",
                "response_url": response_url, "trigger_id": f"{i}.t", "api_app_id": "A1",
            }  # fmt: skip
            out.append((kind, signed(urlencode(fields), "application/x-www-form-urlencoded", host=host)))
            continue
        event = {"type": "message", "channel": channel, "user": "UALICE", "text": text, "ts": ts, "event_ts": ts}
        if kind == "mention":
            event = {**event, "type": "app_mention", "text": f"<@{BOT_USER}> {text}"}
        else:
            event["channel_type"] = "channel"
        body = {
            "type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event": event, "event_id": f"Ev{i:09d}",
            "event_time": int(time.time()), "authorizations": [{"user_id": BOT_USER, "is_bot": True, "team_id": "T1"}],
        }  # fmt: skip
        out.append((kind, signed(json.dumps(body), "application/json", host=host)))
    return out


# ---- the client -------------------------------------------------------------------------------------


@dataclass
class Run:
    latencies: list[float]
    seconds: float
    errors: int


@dataclass
class Result:
    """One app over all rounds."""

    rates: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    during: list[int] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    lags: list[float] = field(default_factory=list)
    problems: int = 0

    def add(self, run: Run, during: int, answers: int, lag: float, problems: int) -> None:
        self.rates.append(len(run.latencies) / run.seconds)
        self.latencies += run.latencies
        self.errors += run.errors
        self.during.append(during)
        self.answers.append(answers)
        self.lags.append(lag)
        self.problems += problems


async def _one_client(host: str, port: int, work: Iterable[tuple[str, bytes]], lat: list[float], errs: list[int]):
    reader, writer = await asyncio.open_connection(host, port)
    for _kind, raw in work:
        start = time.perf_counter()
        writer.write(raw)
        status = int((await reader.readline()).split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
        lat.append(time.perf_counter() - start)
        if status != 200:
            errs.append(status)
    writer.close()


async def _drive(port: int, requests: list[tuple[str, bytes]], clients: int) -> Run:
    shared = iter(requests)  # clients take the next request as they finish one (closed loop)
    lat: list[float] = []
    errs: list[int] = []
    start = time.perf_counter()
    await asyncio.gather(*(_one_client("127.0.0.1", port, shared, lat, errs) for _ in range(clients)))
    return Run(lat, time.perf_counter() - start, len(errs))


def drive(port: int, requests: list[tuple[str, bytes]], clients: int, timeout: float) -> Run:
    return asyncio.run(asyncio.wait_for(_drive(port, requests, clients), timeout))


# ---- orchestration ----------------------------------------------------------------------------------


def start_app(target: str, env: dict[str, str], log: Path) -> tuple[subprocess.Popen, int]:
    out = log.open("wb")
    proc = subprocess.Popen([sys.executable, *GUNICORN, target], cwd=ROOT, env=env, stdout=out, stderr=out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text(errors="replace"))
        if found:
            return proc, int(found.group(1))
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.kill()
    raise SystemExit(f"{target} did not start:\n{log.read_text(errors='replace')[-2000:]}")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="measured requests per app and round (3000)")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured requests first (200)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent connections (20)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each running every app once (3)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds allowed per run and per drain (120)")
    args = parser.parse_args(argv)

    results = {name: Result() for name in APPS}
    fake = FakeApiProcess()
    try:
        with tempfile.TemporaryDirectory(prefix="httpcode-load-") as tmp:
            for round_ in range(args.rounds):
                names = list(APPS)
                names = names[round_ % len(names) :] + names[: round_ % len(names)]  # rotate the order
                for name in names:
                    workdir = Path(tmp) / f"{round_}-{len(os.listdir(tmp))}"
                    results[name].add(*measure(APPS[name], fake, workdir, args))
    finally:
        fake.stop()
    print(table(results, args))
    return 0


def table(results: dict[str, Result], args: argparse.Namespace) -> str:
    best_bare = max(statistics.median(results[n].rates) for n in (BARE, BARE_PBR))
    mix = ", ".join(f"{k} {w:.0%}" for k, w in MIX)
    lines = [
        f"{args.rounds} rounds x {args.requests} signed requests per app ({mix}) after {args.warmup} warm-up, "
        f"{args.clients} concurrent clients, `gunicorn -w 1 --threads 8`, 127.0.0.1, {os.cpu_count()} CPUs",
        "",
        "| app | requests/s | rounds, min-max | vs bare | ack p50 ms | ack p99 ms | non-200 | answers during run | answers after run "
        "| last answer, s after run | warnings logged |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        rate = statistics.median(r.rates)
        during, answers = statistics.median(r.during), statistics.median(r.answers)
        lines.append(
            f"| {name} | {rate:.0f} | {min(r.rates):.0f}-{max(r.rates):.0f} | {rate / best_bare:.2f} | {pct(r.latencies, 0.5) * 1000:.1f} | "
            f"{pct(r.latencies, 0.99) * 1000:.1f} | {r.errors} | {during:.0f} | {answers - during:.0f} | "
            f"{statistics.median(r.lags):.1f} | {r.problems} |"
        )
    return "\n".join(lines)


def measure(
    target: str, fake: FakeApiProcess, workdir: Path, args: argparse.Namespace
) -> tuple[Run, int, int, float, int]:
    """One app: warm up, drive the measured requests, then wait for its answers to stop arriving."""
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HTTPCODE_", "PROMETHEUS_"))}
    env.update(
        SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.url + "/api/",
        HTTPCODE_DB=str(workdir / "httpcode.db"), PYTHONPATH=str(ROOT),
    )  # fmt: skip
    proc, port = start_app(target, env, workdir / "app.log")
    try:
        reqs = build_requests(
            args.warmup + args.requests, host=f"127.0.0.1:{port}", response_url=fake.url + "/response/x"
        )
        drive(port, reqs[: args.warmup], args.clients, args.timeout)
        before = fake.wait_idle(QUIET, args.timeout)
        run = drive(port, reqs[args.warmup :], args.clients, args.timeout)
        done = time.monotonic()
        during = fake.stats()[0] - before
        answers = fake.wait_idle(QUIET, args.timeout) - before
        idle = fake.stats()[1]
        lag = max(0.0, time.monotonic() - idle - done) if answers else 0.0
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    log = (workdir / "app.log").read_text(errors="replace")
    problems = len(re.findall(r" (?:WARNING|ERROR|CRITICAL) ", log))
    return run, during, answers, lag, problems


if __name__ == "__main__":
    if sys.argv[1:] == ["--fake-api"]:
        serve_fake_api()
    raise SystemExit(main())
