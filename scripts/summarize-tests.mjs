// Sums the test reports under test-results/ into one line: `N passed, N failed`.
// Each report is a vitest JSON report (numPassedTests / numFailedTests); the native
// package writes its ctest results in the same two keys.
//
// A report only exists when its test command got far enough to write it, so summing what
// is there is not enough: a package that crashed before writing would count as 0 failed.
// Hence every report a workspace package's test script names (--outputFile=...) must be
// there, and `--exit-status N` (the test run's exit status, from scripts/test.sh) counts
// as a failure when it is non-zero and no report counts one (e.g. vitest's unhandled errors).
//
// Usage, from the repository root: node scripts/summarize-tests.mjs [--exit-status N]
// Its own tests: node --test scripts/summarize-tests.test.mjs
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

const dir = resolve('test-results');
let passed = 0;
let failed = 0;
const problem = (message) => {
  console.error(`summarize-tests: ${message}`);
  failed += 1;
};

const exitStatus = parseExitStatus(process.argv.slice(2));

/** Workspace package folders from pnpm-workspace.yaml (entries `dir/*` or `dir`). */
function workspacePackages() {
  const yaml = readFileSync('pnpm-workspace.yaml', 'utf8');
  const block = /^packages:\s*\n((?:[ \t]+-.*\n?)+)/m.exec(yaml);
  const patterns = block ? [...block[1].matchAll(/-\s*['"]?([^'"\s#]+)/g)].map((m) => m[1]) : [];
  const folders = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) folders.push(join(parent, entry.name));
      }
    } else if (!pattern.includes('*')) {
      folders.push(pattern);
    } else {
      throw new Error(`pnpm-workspace.yaml: cannot read the package pattern '${pattern}'`);
    }
  }
  return folders.filter((folder) => existsSync(join(folder, 'package.json')));
}

/** Report file name -> package name, for each report named by a package's `test` script. */
function expectedReports() {
  const expected = new Map();
  for (const folder of workspacePackages()) {
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const script = pkg.scripts?.test ?? '';
    for (const match of script.matchAll(/--outputFile[= ]['"]?([^'"\s;&|]+\.json)/g)) {
      const file = resolve(folder, match[1]);
      if (dirname(file) === dir) expected.set(basename(file), pkg.name ?? folder);
    }
  }
  return expected;
}

function parseExitStatus(args) {
  if (args.length === 0) return 0;
  const value = Number(args[1]);
  if (args.length !== 2 || args[0] !== '--exit-status' || !Number.isInteger(value)) {
    console.error('usage: node scripts/summarize-tests.mjs [--exit-status N]');
    process.exit(2);
  }
  return value;
}

const isCount = (value) => Number.isInteger(value) && value >= 0;

let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  files = [];
}
try {
  for (const [file, owner] of expectedReports()) {
    if (!files.includes(file)) problem(`${owner} wrote no report (${relative('.', join(dir, file))}): its tests did not run, or stopped before writing it`);
  }
} catch (error) {
  problem(`could not list the workspace's expected reports: ${error.message}`);
}
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    problem(`unreadable report ${file}: ${error.message}`);
    continue;
  }
  if (!isCount(report?.numPassedTests) || !isCount(report?.numFailedTests)) {
    problem(`report ${file} has no numPassedTests / numFailedTests counts`);
    continue;
  }
  passed += report.numPassedTests;
  let own = report.numFailedTests;
  // A suite that failed to load counts as a failure even when no test in it ran.
  own += (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  failed += own;
  // vitest says success: false without a failed test when it found no test files.
  if (report.success === false && own === 0) problem(`report ${file} says the run did not succeed`);
}
if (files.length === 0 && failed === 0) problem('no test reports were written');
if (exitStatus !== 0 && failed === 0) problem(`the test run exited with status ${exitStatus}, but no report counts a failure (see the output above)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
