#!/usr/bin/env bash
# Runs every package's tests (after building), then prints one line `N passed, N failed`
# summed over all suites (vitest JSON reports and the native ctest report).
# No `set -e`: every step runs and its status is kept, so the summary always comes last and
# counts a failed step even when that step wrote no report.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results
status=0
pnpm exec turbo run build || status=$?
if [ $status -eq 0 ]; then
  pnpm exec turbo run test --concurrency=1 --continue || status=$?
else
  echo "test.sh: the build failed (status $status), so no tests ran" >&2
fi
# The summary's own checks (crafted report folders), so a broken count cannot pass silently.
node --test scripts/summarize-tests.test.mjs >test-results/summarize-self-test.log 2>&1 || {
  echo "test.sh: scripts/summarize-tests.test.mjs failed:" >&2
  cat test-results/summarize-self-test.log >&2
  [ $status -ne 0 ] || status=1
}
node scripts/summarize-tests.mjs --exit-status "$status" || { s=$?; [ $status -ne 0 ] || status=$s; }
exit $status
