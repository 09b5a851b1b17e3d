/**
 * The package's front door: what `@backprop/core` exports at run time, and that the package as
 * published (its "exports" map and "files") still serves every entry point.
 *
 * The built entry is imported by name from a child process: written inside this package, Node
 * resolves '@backprop/core' through the package's own "exports" (self-reference) to dist/, as
 * for a user who installed it. Needs `pnpm build` first (turbo's test task depends on it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  name: string;
  main: string;
  types: string;
  files: string[];
  exports: Record<string, string | { types: string; default: string }>;
};

/** The hard limit on runtime exports of '@backprop/core': the entry is a short list of what users need, each name documented. */
const MAX_RUNTIME_EXPORTS = 60;

/** Names that exist only for our own tests, benchmarks or internals: never public again. */
const INTERNAL = [
  'W4', 'w4Spec', 'benchW4', 'runRecurrentBackendChecks', 'runBackendConformance', 'RowBuffer', 'allocFloat',
  'ElmanCore', 'LstmCore', 'GruCore', 'RecurrentCore', 'RecurrentLayer', 'TimeDistributedDense', 'crc32',
  'gunzipBytes', 'isGzip', 'isDecimalNumber', 'accumulateConfusion', 'accumulateBinaryConfusion', 'emptyConfusion',
  'countCorrect', 'countCorrectBinary', 'argmaxAt', 'createLayer', 'createOptimizer', 'resolveOptimizerConfig',
  'scheduledLr', 'checkSchedule', 'initialise', 'toBatchMajor', 'toTimeMajor', 'TsBackend',
];

/** Runs `code` as an ES module in Node from the package folder and returns what it prints, parsed. */
function runInPackage(code: string): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: packageRoot, encoding: 'utf8' });
  return JSON.parse(out);
}

describe('runtime exports of @backprop/core', () => {
  it(`the source entry exports at most ${MAX_RUNTIME_EXPORTS} values, none of them internal`, async () => {
    const names = Object.keys(await import('./index.js'));
    expect(names.length).toBeLessThanOrEqual(MAX_RUNTIME_EXPORTS);
    expect(names.filter((n) => INTERNAL.includes(n))).toEqual([]);
  });

  it('the built entry, imported by name, exports the same values', async () => {
    const built = runInPackage("const m = await import('@backprop/core'); console.log(JSON.stringify(Object.keys(m)));") as string[];
    expect(built.length).toBeLessThanOrEqual(MAX_RUNTIME_EXPORTS);
    expect(built.sort()).toEqual(Object.keys(await import('./index.js')).sort());
  });
});

describe('the published package', () => {
  const entries = Object.entries(pkg.exports);

  it('has the entry points users import, each with types and code under "files"', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './assets/*', './backend-kit', './interop', './node', './package.json', './testing']);
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.main).toBe('./dist/index.js');
    expect(pkg.types).toBe('./dist/index.d.ts');
    for (const [key, target] of entries) {
      if (key === './assets/*' || key === './package.json') continue;
      expect(typeof target, key).toBe('object');
      const { types, default: code } = target as { types: string; default: string };
      for (const file of [types, code]) {
        expect(file.startsWith('./dist/'), `${key} → ${file}`).toBe(true);
        expect(existsSync(join(packageRoot, file)), `${key} → ${file} is built`).toBe(true);
      }
    }
  });

  it('packs every file the exports map names (npm pack --dry-run)', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageRoot, encoding: 'utf8' });
    const packed = new Set((JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((f) => f.path));
    const named = [pkg.main, pkg.types, 'package.json', 'dist/assets/mnist-10k.bin.gz'];
    for (const target of Object.values(pkg.exports)) {
      if (typeof target === 'object') named.push(target.types, target.default);
    }
    for (const file of named) expect(packed.has(file.replace(/^\.\//, '')), file).toBe(true);
    expect([...packed].some((f) => f.endsWith('.test.js') || f.includes('__tests__'))).toBe(false);
  });

  it('every entry point loads by name; internals are not reachable by path', () => {
    const result = runInPackage(`
      const [core, node, testing, interop, kit] = await Promise.all(['@backprop/core', '@backprop/core/node', '@backprop/core/testing', '@backprop/core/interop', '@backprop/core/backend-kit'].map((s) => import(s)));
      const { default: manifest } = await import('@backprop/core/package.json', { with: { type: 'json' } });
      let internal = 'reachable';
      try { await import('@backprop/core/dist/model/buffers.js'); } catch (e) { internal = e.code; }
      console.log(JSON.stringify({
        core: typeof core.Model.create,
        node: [typeof node.loadModel, typeof node.saveModel, typeof node.loadCsv, typeof node.loadMnist, typeof node.writeFileAtomic],
        testing: [typeof testing.runBackendConformance, typeof testing.runRecurrentBackendChecks, typeof testing.refGemm],
        interop: [typeof interop.exportSafetensors, typeof interop.importSafetensors],
        kit: typeof kit.createOpChecks,
        asset: import.meta.resolve('@backprop/core/assets/mnist-10k.bin.gz'),
        name: manifest.name,
        internal,
      }));`) as Record<string, unknown>;
    expect(result).toEqual({
      core: 'function',
      node: ['function', 'function', 'function', 'function', 'function'],
      testing: ['function', 'function', 'function'],
      interop: ['function', 'function'],
      kit: 'function',
      asset: expect.stringMatching(/\/dist\/assets\/mnist-10k\.bin\.gz$/) as unknown,
      name: '@backprop/core',
      internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
    expect(existsSync(fileURLToPath(result.asset as string))).toBe(true);
  });
});
