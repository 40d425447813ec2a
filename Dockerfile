# httpcode: the Slack app in a small image. Build: `docker build -t httpcode .` (or podman/buildah).
# Run:   docker run -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_APP_TOKEN=xapp-... httpcode        (Socket Mode)
#        docker run -p 3000:3000 -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_SIGNING_SECRET=... httpcode   (HTTP mode)

# BASE: any Debian-like image with Python 3.11+, pip and useradd (scripts/container_check.sh builds one
# locally with debootstrap when no registry is reachable).
ARG BASE=python:3.11-slim

# 1. Build the wheel from the project's own files (the knowledge base ships inside it).
FROM ${BASE} AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip wheel --no-cache-dir --no-deps -w /dist .

# 2. Install only the wheel and its dependencies; run as an unprivileged user.
FROM ${BASE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PORT=3000 HTTPCODE_DB=/data/httpcode.db
COPY --from=build /dist/*.whl /tmp/
# the postgres extra too: one image serves a single workspace or, with HTTPCODE_DATABASE_URL, many (OAuth)
RUN pip install --no-cache-dir "$(ls /tmp/*.whl)[postgres]" && rm /tmp/*.whl \
    && useradd --system --uid 10001 --home-dir /data --create-home httpcode
USER httpcode
WORKDIR /data
VOLUME ["/data"]
EXPOSE 3000
# /healthz answers in both modes (Socket Mode serves it on PORT beside the WebSocket).
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=2)"]
# Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode (gunicorn with Bolt's WSGI adapter).
CMD ["httpcode", "serve"]
