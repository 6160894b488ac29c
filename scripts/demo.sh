#!/usr/bin/env bash
# Command 1 of the README: install, start a private Redis (with AOF) unless DISPATCH_REDIS_URL is
# given, load the example jurisdictions, a demo roster and demo keys, and run the service with a
# live AVL feed. Prints the demo API keys and a curl line. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

if [ -z "${DISPATCH_REDIS_URL:-}" ]; then
  port=${DISPATCH_DEMO_REDIS_PORT:-6390}
  mkdir -p .run/redis
  if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
    # The deployment's own Redis configuration (AOF, fsync always: docs/security.md).
    redis-server deploy/redis/redis.conf --port "$port" --bind 127.0.0.1 --dir "$PWD/.run/redis" \
      --daemonize yes --pidfile "$PWD/.run/redis/redis.pid" --logfile "$PWD/.run/redis/redis.log"
    for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    started_redis=$PWD/.run/redis/redis.pid
  fi
  export DISPATCH_REDIS_URL="redis://127.0.0.1:$port/0"
fi

cleanup() {
  if [ -n "${started_redis:-}" ] && [ -f "$started_redis" ]; then kill "$(cat "$started_redis")" 2>/dev/null || true; fi
}
trap cleanup EXIT
.venv/bin/dispatch-assist demo --serve "$@"
