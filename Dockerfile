# dispatch-assist: one uvicorn worker per container, `dispatch-assist serve` (scale with replicas, not workers).
# Build from the repository root:  docker build -t dispatch-assist .
# Checked in CI with hadolint (tests/integration/test_deploy_files.py); CI has no Docker engine to build it.

# --- build: a virtualenv with the service, its native screening reader, and its dependencies (wheels) ---
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
# The native screening reader (service/screening/csrc/) needs a compiler and PCRE2's headers. Versions are
# left to bookworm's security updates rather than pinned (a pin breaks the build at each update).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev libpcre2-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY service ./service
COPY api ./api
COPY loadtests ./loadtests
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir . \
    && /opt/venv/bin/python -m compileall -q /opt/venv

# --- runtime: the virtualenv, the example policies, a non-root user ---
# (PCRE2's runtime library, libpcre2-8-0, is part of the base image: Debian's grep needs it.)
FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 dispatch \
    && useradd --system --uid 10001 --gid dispatch --home-dir /app --shell /usr/sbin/nologin dispatch
COPY --from=build /opt/venv /opt/venv
COPY deploy/policies /app/policies
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DISPATCH_HOST=0.0.0.0 \
    DISPATCH_PORT=8000 \
    DISPATCH_POLICY_DIR=/app/policies \
    DISPATCH_CACHE_DIR=/app/cache
# The compiled screening vocabulary, built once here so that a container is ready within a second of
# starting (service/screening/cache.py); policies with their own terms add theirs on first start.
RUN python -m service.screening.cache && chown -R dispatch:dispatch /app/cache
USER 10001:10001
EXPOSE 8000
# Liveness only (the process answers); readiness (/readyz: Redis and policies) is the orchestrator's job.
HEALTHCHECK --interval=10s --timeout=2s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('DISPATCH_PORT', '8000') + '/healthz', timeout=1)"]
CMD ["dispatch-assist", "serve"]
