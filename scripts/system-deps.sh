#!/usr/bin/env bash
# The Debian packages a command needs. `system-deps.sh demo` (redis-server; gcc + libpcre2-dev for the
# native screening reader) or `system-deps.sh test` (everything the whole suite runs for real:
# redis-server and redis-sentinel, haproxy as the front door, prometheus + promtool, Debian's
# chromium with a font for the console's browser tests, gcc + libpcre2-dev, openssl for the TLS test).
# Missing packages are installed with apt-get when we are root (or have password-less sudo);
# otherwise it stops and names exactly what is missing. It never lets a test be skipped for want of
# a tool: a suite that silently skips its browser or Prometheus tests is not the whole suite.
set -euo pipefail

want=${1:-test}
missing=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || missing+=("$2"); }
need_file() { [ -e "$1" ] || missing+=("$2"); }

need_cmd redis-server redis-server
need_cmd gcc gcc
need_file /usr/include/pcre2.h libpcre2-dev
if [ "$want" = test ]; then
  need_cmd redis-sentinel redis-sentinel
  need_cmd haproxy haproxy
  need_cmd prometheus prometheus
  need_cmd promtool prometheus
  need_cmd chromium chromium
  need_file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
  need_cmd openssl openssl
fi
[ ${#missing[@]} -eq 0 ] && exit 0
# One name per package, in a stable order.
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

if [ "$(id -u)" = 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "install them as root:  apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" libc6-dev >/dev/null
# Packages may start system daemons (Redis on 6379, Prometheus on 9090, HAProxy); the tests start their
# own on free loopback ports, so stop those.
for daemon in redis-server redis-sentinel prometheus haproxy; do
  case " ${missing[*]} " in *" $daemon "*)
    ("${sudo[@]}" systemctl disable --now "$daemon" || "${sudo[@]}" service "$daemon" stop) >/dev/null 2>&1 || true;;
  esac
done
