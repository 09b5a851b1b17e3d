// Builds and runs the C++ kernel tests (ctest) twice: a normal Release build, and a build
// with AddressSanitizer + UndefinedBehaviorSanitizer. Each gets its own folder under build/.
// Writes the counts to ../../test-results/native-ctest.json as
// { numPassedTests, numFailedTests } so the root summary counts them. Exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = resolve(here, '..');
const nativeDir = resolve(packageRoot, '../../native');
// `--outputFile=<path>` (relative to the package) names the report in package.json's test script,
// as vitest's does, so the root summary expects it and counts its absence as a failure.
const outputArg = process.argv.slice(2).find((a) => a.startsWith('--outputFile='));
const report = resolve(packageRoot, outputArg ? outputArg.slice('--outputFile='.length) : '../../test-results/native-ctest.json');

const variants = [
  { name: 'release', dir: join(packageRoot, 'build', 'ctest'), flags: ['-DCMAKE_BUILD_TYPE=Release'] },
  {
    name: 'asan+ubsan',
    dir: join(packageRoot, 'build', 'ctest-sanitize'),
    flags: ['-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DBACKPROP_SANITIZE=ON'],
  },
];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.error) console.error(`ctest.mjs: could not run ${command}: ${result.error.message}`);
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

let passed = 0;
let failed = 0;
for (const variant of variants) {
  console.log(`\n== C++ kernel tests (${variant.name}) ==`);
  const configured = run('cmake', ['-S', nativeDir, '-B', variant.dir, '-DBACKPROP_NATIVE_TESTS=ON', ...variant.flags]);
  const built = configured.ok && run('cmake', ['--build', variant.dir, '--parallel', '2']).ok;
  if (!built) {
    console.error(`ctest.mjs: the ${variant.name} build failed`);
    failed += 1;
    continue;
  }
  const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1' };
  const tested = run('ctest', ['--test-dir', variant.dir, '--output-on-failure'], { env });
  // "100% tests passed, 0 tests failed out of 6"
  const summary = /tests passed, (\d+) tests? failed out of (\d+)/.exec(tested.stdout);
  if (!summary) {
    console.error(`ctest.mjs: no ctest summary for ${variant.name}`);
    failed += 1;
    continue;
  }
  const bad = Number(summary[1]);
  const total = Number(summary[2]);
  passed += total - bad;
  failed += bad;
}

mkdirSync(dirname(report), { recursive: true });
writeFileSync(report, `${JSON.stringify({ numPassedTests: passed, numFailedTests: failed })}\n`);
console.log(`\nC++ kernel tests: ${passed} passed, ${failed} failed (${report})`);
process.exit(failed > 0 ? 1 : 0);
