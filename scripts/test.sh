#!/usr/bin/env bash
# Runs every package's tests (after building), then prints one line `N passed, N failed`
# summed over all suites (vitest JSON reports and the native ctest report).
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results
status=0
pnpm exec turbo run build || status=$?
if [ $status -eq 0 ]; then
  pnpm exec turbo run test --concurrency=1 --continue || status=$?
fi
node scripts/summarize-tests.mjs || status=$?
exit $status
