// Checks scripts/summarize-tests.mjs against crafted workspaces and report folders: the line
// must never say `0 failed` when a package's report is missing or broken, or the run failed.
// Run: node --test scripts/summarize-tests.test.mjs (scripts/test.sh runs it before the summary).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./summarize-tests.mjs', import.meta.url));
const roots = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A workspace with packages/core and apps/demo (each naming a report) and packages/lib (no tests). */
function workspace(reports) {
  const root = mkdtempSync(join(tmpdir(), 'summarize-'));
  roots.push(root);
  writeFileSync(join(root, 'pnpm-workspace.yaml'), "packages:\n  - packages/*\n  - 'apps/*'\ncatalog:\n  vitest: 4.1.12\n");
  const pkg = (folder, name, test) => {
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, 'package.json'), JSON.stringify({ name, scripts: test ? { test } : {} }));
  };
  pkg('packages/core', '@x/core', 'vitest run --reporter=json --outputFile=../../test-results/core.json');
  pkg('apps/demo', '@x/demo', 'vitest run --outputFile=../../test-results/demo.json; status=$?; node scripts/more.mjs && exit $status');
  pkg('packages/lib', '@x/lib', undefined);
  mkdirSync(join(root, 'test-results'));
  for (const [file, content] of Object.entries(reports)) {
    writeFileSync(join(root, 'test-results', file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

function summarize(root, ...args) {
  const run = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { line: run.stdout.trim(), stderr: run.stderr, status: run.status };
}

const ok = (passed) => ({ numPassedTests: passed, numFailedTests: 0, success: true, testResults: [] });

test('all reports present and passing: the sum, exit 0', () => {
  const root = workspace({ 'core.json': ok(5), 'demo.json': ok(3), 'native-ctest.json': { numPassedTests: 12, numFailedTests: 0 } });
  assert.deepEqual(summarize(root), { line: '20 passed, 0 failed', stderr: '', status: 0 });
});

test('failed tests and suites that failed to load are counted', () => {
  const root = workspace({
    'core.json': {
      numPassedTests: 4,
      numFailedTests: 2,
      success: false,
      testResults: [{ status: 'failed', assertionResults: [] }, { status: 'failed', assertionResults: [{}] }],
    },
    'demo.json': ok(1),
    'native-ctest.json': { numPassedTests: 5, numFailedTests: 1 },
  });
  const result = summarize(root);
  assert.equal(result.line, '10 passed, 4 failed');
  assert.equal(result.status, 1);
});

test("a package whose report is missing is a failure that names the package", () => {
  const result = summarize(workspace({ 'core.json': ok(5) }));
  assert.equal(result.line, '5 passed, 1 failed');
  assert.match(result.stderr, /@x\/demo wrote no report \(test-results\/demo\.json\)/);
  assert.equal(result.status, 1);
});

test('an unreadable report, or one without counts, is a failure', () => {
  const result = summarize(workspace({ 'core.json': '{"numPassedTests": 3,', 'demo.json': { success: true } }));
  assert.equal(result.line, '0 passed, 2 failed');
  assert.match(result.stderr, /unreadable report core\.json/);
  assert.match(result.stderr, /report demo\.json has no numPassedTests/);
});

test('success: false without a failed test (no test files found) is a failure', () => {
  const result = summarize(workspace({ 'core.json': ok(5), 'demo.json': { ...ok(0), success: false } }));
  assert.equal(result.line, '5 passed, 1 failed');
  assert.match(result.stderr, /demo\.json says the run did not succeed/);
});

test('a failed run with clean reports (e.g. unhandled errors) is one failure', () => {
  const root = workspace({ 'core.json': ok(5), 'demo.json': ok(3) });
  const result = summarize(root, '--exit-status', '1');
  assert.equal(result.line, '8 passed, 1 failed');
  assert.match(result.stderr, /exited with status 1/);
  assert.equal(result.status, 1);
});

test('a failed run whose reports count failures adds nothing more', () => {
  const root = workspace({ 'core.json': ok(5), 'demo.json': { numPassedTests: 1, numFailedTests: 2, success: false } });
  assert.equal(summarize(root, '--exit-status', '1').line, '6 passed, 2 failed');
});

test('no reports at all (the build failed) is never 0 failed', () => {
  const result = summarize(workspace({}), '--exit-status', '2');
  assert.equal(result.line, '0 passed, 2 failed');
  assert.match(result.stderr, /@x\/core wrote no report/);
});

test('no reports and none expected is still a failure', () => {
  const root = workspace({});
  rmSync(join(root, 'packages'), { recursive: true });
  rmSync(join(root, 'apps'), { recursive: true });
  const result = summarize(root);
  assert.equal(result.line, '0 passed, 1 failed');
  assert.match(result.stderr, /no test reports were written/);
});

test('a bad argument is a usage error', () => {
  const result = summarize(workspace({ 'core.json': ok(1), 'demo.json': ok(1) }), '--exit-status', 'x');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /usage:/);
});
