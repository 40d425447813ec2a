#!/usr/bin/env bash
# Build the Dockerfile with podman and run the image for real; exit 0 when every check passes, 1 if not.
# CI does not run this (it needs podman and, without a registry, root + debootstrap).
#
#   scripts/container_check.sh                 # BASE=python:3.11-slim, pulled if a registry answers
#   BASE=localhost/httpcode-base:bookworm scripts/container_check.sh
#
# When python:3.11-slim cannot be pulled, a Debian bookworm base (python3 3.11, pip, venv) is made with
# debootstrap from the Debian mirror and imported as localhost/httpcode-base:bookworm (kept for next time).
# When crun refuses to start containers (root without CAP_SYS_RESOURCE: "setrlimit RLIMIT_NOFILE:
# Operation not permitted"; or "cgroups in hybrid mode not supported"), podman is given a small runtime
# shim that drops the rlimits from the OCI config and hides the cgroup2 mount of a hybrid host.
# The host's pip configuration (index, find-links, CA bundle) is mounted read-only into the build.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
IMAGE=${IMAGE:-localhost/httpcode:check}
BASE=${BASE:-python:3.11-slim}
LOCAL_BASE=localhost/httpcode-base:bookworm
work=$(mktemp -d)
runtime=()
cid=""
api_pid=""
failures=0

cleanup() {
	if [ -n "$cid" ]; then  # before the shim goes: podman needs the runtime that started the container
		podman "${runtime[@]}" rm -f "$cid" >/dev/null 2>&1 ||
			{ sleep 2 && podman "${runtime[@]}" rm -f "$cid" >/dev/null 2>&1; } ||
			echo "left behind: container $cid (podman rm -f --runtime <crun shim> $cid)"
	fi
	[ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

say() { printf '== %s\n' "$*"; }
ok() { printf 'ok   %s\n' "$*"; }
fail() {
	printf 'FAIL %s\n' "$*"
	failures=$((failures + 1))
}
die() {
	printf 'FAIL %s\n' "$*"
	exit 1
}

command -v podman >/dev/null || die "podman is not installed"

# 1. A base image: the real one if a registry answers, else a local Debian bookworm one.
if podman image exists "$BASE" || podman pull -q "$BASE" >/dev/null 2>&1; then
	ok "base image $BASE"
elif [ "$BASE" != python:3.11-slim ]; then
	die "base image $BASE is neither local nor pullable"
elif podman image exists "$LOCAL_BASE"; then
	BASE=$LOCAL_BASE
	ok "no registry: using the local base $BASE"
else
	say "no registry: making $LOCAL_BASE with debootstrap (a few minutes)"
	[ "$(id -u)" = 0 ] || die "debootstrap needs root"
	command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
	rootfs=$work/rootfs
	debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
		bookworm "$rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 ||
		die "debootstrap failed: $(tail -1 "$work/debootstrap.log")"
	# Like python:3.11-slim: `python` on PATH, and pip may install into the system interpreter.
	ln -sf python3 "$rootfs/usr/bin/python"
	rm -f "$rootfs"/usr/lib/python3.*/EXTERNALLY-MANAGED
	chroot "$rootfs" apt-get clean
	rm -rf "$rootfs"/var/lib/apt/lists/*
	tar -C "$rootfs" -c . | podman import -q --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' - "$LOCAL_BASE" >/dev/null ||
		die "podman import of the debootstrap rootfs failed"
	rm -rf "$rootfs"
	BASE=$LOCAL_BASE
	ok "made $BASE"
fi

# 2. An OCI runtime that starts containers here: crun as is, else crun behind the shim.
if podman run --rm "$BASE" true >"$work/probe.log" 2>&1; then
	ok "podman runs containers with its default runtime"
else
	say "default runtime failed: $(tail -1 "$work/probe.log")"
	mkdir -p "$work/bin"
	# Named crun so that podman accepts it with --cgroups=disabled too.
	cat >"$work/bin/crun" <<'SHIM'
#!/bin/sh
# create/run: <bundle>/config.json has process.rlimits; exec: --process <file> has rlimits at the top.
unlimit() {
	python3 -c 'import json, sys
p, key = sys.argv[1:]
c = json.load(open(p))
(c[key] if key else c).pop("rlimits", None)
json.dump(c, open(p, "w"))' "$@"
}
prev=""
for a in "$@"; do
	case "$prev" in
	--bundle | -b) [ -f "$a/config.json" ] && unlimit "$a/config.json" process ;;
	--process | -p) [ -f "$a" ] && unlimit "$a" "" ;;
	esac
	case "$a" in
	--bundle=*) [ -f "${a#--bundle=}/config.json" ] && unlimit "${a#--bundle=}/config.json" process ;;
	--process=*) [ -f "${a#--process=}" ] && unlimit "${a#--process=}" "" ;;
	esac
	prev="$a"
done
exec unshare -m --propagation private sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec REAL_CRUN "$@"' crun "$@"
SHIM
	real_crun=$(command -v crun) || die "crun is not installed"
	sed -i "s|REAL_CRUN|$real_crun|" "$work/bin/crun"
	chmod +x "$work/bin/crun"
	runtime=(--runtime "$work/bin/crun")
	podman "${runtime[@]}" run --rm "$BASE" true >"$work/probe.log" 2>&1 ||
		die "no runtime can start a container: $(tail -1 "$work/probe.log")"
	ok "podman runs containers through the crun shim"
fi

# 3. Build. RUN steps see the host's pip configuration, read-only.
volumes=()
add_volume() { [ -e "$1" ] && volumes+=(-v "$1:${2:-$1}:ro"); }
add_volume /etc/pip.conf
add_volume /etc/xdg/pip
add_volume "$HOME/.config/pip" /root/.config/pip
add_volume /etc/ssl/certs/ca-certificates.crt
# Local indexes and find-links directories named in the pip configuration (an index's files sit beside simple/).
for dir in $(pip config list 2>/dev/null | grep -oE "(file://)?/[^ ']+" | sed -e 's|^file://||' -e 's|/simple/*$||' | sort -u); do
	case "$dir" in /etc/* | "$HOME"/*) ;; *) [ -d "$dir" ] && add_volume "$dir" ;; esac
done
say "podman build --build-arg BASE=$BASE -t $IMAGE ."
if podman "${runtime[@]}" build -q --format docker --build-arg "BASE=$BASE" "${volumes[@]}" -t "$IMAGE" . >"$work/build.log" 2>&1; then
	ok "image $IMAGE built"
else
	tail -20 "$work/build.log"
	die "podman build failed"
fi

# 4. The CLI inside the image.
# --no-healthcheck: one-shot runs need no health timers (podman would ask systemd for them).
run() { podman "${runtime[@]}" run --rm --no-healthcheck "$IMAGE" "$@" 2>>"$work/run.log"; }
out=$(run httpcode --version 2>&1) && [[ $out == "httpcode "* ]] && ok "$out" || fail "httpcode --version: $out"
out=$(run httpcode explain 401.3 2>&1) && [[ $out == *"401.3"* ]] && ok "httpcode explain 401.3" || fail "httpcode explain 401.3: $out"
out=$(run httpcode kb check 2>&1) && ok "httpcode kb check ($(tail -1 <<<"$out" | tr -s ' '))" || fail "httpcode kb check: $out"
out=$(run id -u 2>&1) && [ "$out" = 10001 ] && ok "runs as uid 10001" || fail "runs as uid $out, not 10001"

# 5. `httpcode serve` in HTTP mode against a fake Slack Web API on the host (auth.test at start).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
api_port=$(free_port)
port=$(free_port)
python3 - "$api_port" >"$work/api.log" 2>&1 <<'API' &
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

class Slack(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"ok": True, "url": "https://example.slack.com/", "team": "T", "user": "httpcode",
                           "team_id": "T0000000001", "user_id": "U0000000001", "bot_id": "B0000000001"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

HTTPServer(("127.0.0.1", int(sys.argv[1])), Slack).serve_forever()
API
api_pid=$!
secret=container-check-secret
cid=$(podman "${runtime[@]}" run -d --network host -e PORT="$port" -e SLACK_BOT_TOKEN=xoxb-container-check \
	-e SLACK_SIGNING_SECRET="$secret" -e SLACK_API_URL="http://127.0.0.1:$api_port/api/" "$IMAGE" 2>>"$work/run.log") ||
	die "podman run -d: $(tail -1 "$work/run.log")"
healthy=""
for _ in $(seq 1 60); do
	if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
		healthy=1
		break
	fi
	sleep 0.5
done
if [ -n "$healthy" ]; then
	ok "httpcode serve answers GET /healthz on port $port"
else
	fail "no /healthz within 30 s; container log:"
	podman logs "$cid" 2>&1 | tail -20
fi
if [ -n "$healthy" ]; then
	body='{"type":"url_verification","token":"x","challenge":"container-check"}'
	ts=$(date +%s)
	sig=v0=$(printf 'v0:%s:%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
	out=$(curl -sS -X POST "http://127.0.0.1:$port/slack/events" -H 'Content-Type: application/json' \
		-H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" -d "$body" 2>&1)
	[[ $out == *container-check* ]] && ok "signed url_verification answered" || fail "url_verification: $out"
	out=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/slack/events" \
		-H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: v0=bad" -d "$body")
	[ "$out" = 401 ] && ok "badly signed request refused (401)" || fail "badly signed request got $out"
	# Without systemd podman schedules no health timers; run the image's HEALTHCHECK once by hand.
	out=$(podman "${runtime[@]}" healthcheck run "$cid" 2>&1) && ok "HEALTHCHECK passes" || fail "HEALTHCHECK: $out"
fi

if [ "$failures" -eq 0 ]; then
	say "container check passed"
	exit 0
fi
say "container check: $failures failure(s)"
exit 1
