// Sums the test reports under test-results/ into one line: `N passed, N failed`.
// Each report is a vitest JSON report (numPassedTests / numFailedTests); the native
// package writes its ctest results in the same two keys.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test-results';
let passed = 0;
let failed = 0;
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  files = [];
}
for (const file of files) {
  try {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    // A suite that failed to load counts as a failure even when no test in it ran.
    failed += (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  } catch (error) {
    console.error(`summarize-tests: unreadable report ${file}: ${error.message}`);
    failed += 1;
  }
}
if (files.length === 0) {
  console.error('summarize-tests: no test reports were written');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
