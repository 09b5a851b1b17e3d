#!/usr/bin/env bash
# Installs everything backprop needs on a fresh machine: pnpm (the pinned version),
# the workspace's dependencies, and with --with-browser Debian's chromium for the
# web demo's browser tests. Then builds every package (including the native addon).
set -euo pipefail
cd "$(dirname "$0")/.."

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm -v 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm $want_pnpm"
  npm install -g "pnpm@$want_pnpm" >/dev/null
fi

if [ "${1:-}" = "--with-browser" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "setup: installing chromium (Debian package) for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium is missing; install it with: sudo apt-get install -y chromium" >&2
  fi
fi

if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
pnpm build
