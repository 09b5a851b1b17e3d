/**
 * Import directions (backend ← model/recurrent ← run, and ← interop; data knows no model): dependency-cruiser checks core's own files against the rules in
 * .dependency-cruiser.cjs. A second cruise runs the same rules over a small fixture that breaks
 * each rule once, so a rule that stopped matching (a renamed folder, a typo in a regex) fails
 * here instead of silently passing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configFile = join(packageDir, '.dependency-cruiser.cjs');

async function cruiseSrc(baseDir: string): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(configFile);
  const tsConfig = extractTSConfig(join(baseDir, 'tsconfig.json'));
  const result = await cruise(['src'], { ...options, baseDir }, undefined, { tsConfig });
  return result.output as ICruiseResult;
}

const describeViolation = (v: IViolation) =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

describe('import directions inside core', () => {
  it('core breaks none of the rules in .dependency-cruiser.cjs', async () => {
    const result = await cruiseSrc(packageDir);
    expect(result.summary.totalCruised).toBeGreaterThan(50);
    expect(result.summary.violations.map(describeViolation)).toEqual([]);
  }, 120_000);

  describe('each rule catches what it forbids (a fixture breaking every rule once)', () => {
    const root = mkdtempSync(join(tmpdir(), 'backprop-arch-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
      'package.json': JSON.stringify({ name: 'fixture', type: 'module' }),
      'src/index.ts': "export * from './run/train.js';\n",
      'src/util/rng.ts': "import type { Backend } from '../backend/backend.js';\nexport type R = Backend;\n",
      'src/backend/backend.ts': "import type { Model } from '../model/model.js';\nexport type Backend = { m?: Model };\n",
      'src/data/dataset.ts': "import type { Spec } from '../model/types.js';\nexport type Dataset = { s?: Spec };\n",
      'src/data/sequences/sine.ts': "import { readFileSync } from 'node:fs';\nexport const sine = readFileSync;\n",
      'src/data/csv.ts': "import { nativeBackend } from '@backprop/node-native';\nexport const csv = nativeBackend;\n",
      'src/data/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/data/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      'src/recurrent/layer.ts': "import { sine } from '../data/sequences/sine.js';\nexport const layer = sine;\n",
      'src/model/types.ts': "import { layer } from '../recurrent/layer.js';\nexport type Spec = typeof layer;\n",
      'src/model/model.ts': "import { train } from '../run/train.js';\nimport { check } from '../testing/check.js';\nexport class Model { t = train; c = check; }\n",
      'src/run/train.ts': "import { loadModel } from '../node/files.js';\nimport { toTorch } from '../interop/safetensors.js';\nexport const train = loadModel;\nexport const t = toTorch;\n",
      'src/interop/safetensors.ts': "import { Model } from '../model/model.js';\nexport const toTorch = Model;\n",
      'src/node/files.ts': 'export const loadModel = 1;\n',
      'src/testing/check.ts': 'export const check = 1;\n',
      'src/model/export-hook.ts': "import { toOnnx } from '../interop/onnx.js';\nexport const hook = toOnnx;\n",
      'src/interop/onnx.ts': 'export const toOnnx = 1;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }

    let cached: Promise<ICruiseResult> | undefined;
    const fixtureResult = () => (cached ??= cruiseSrc(root));

    it('every rule is broken by the fixture and reported', async () => {
      const config = (await import(configFile)) as { default: { forbidden: { name: string }[] } };
      const rules = config.default.forbidden.map((r) => r.name).sort();
      const result = await fixtureResult();
      const broken = [...new Set(result.summary.violations.map((v) => v.rule.name))].sort();
      expect(broken).toEqual(rules);
    }, 120_000);

    it('names the offending import', async () => {
      const result = await fixtureResult();
      const lines = result.summary.violations.map(describeViolation);
      expect(lines).toContain('data-knows-no-model: src/data/dataset.ts → src/model/types.ts');
      expect(lines).toContain('layers-know-no-data-sets: src/recurrent/layer.ts → src/data/sequences/sine.ts');
      expect(lines).toContain('backend-imports-nothing-above: src/backend/backend.ts → src/model/model.ts');
      expect(lines).toContain('only-index-imports-run: src/model/model.ts → src/run/train.ts');
      expect(lines).toContain('nothing-below-imports-interop: src/model/export-hook.ts → src/interop/onnx.ts');
      expect(lines).toContain('node-only-in-node: src/data/sequences/sine.ts → fs');
      expect(lines).toContain('nothing-below-imports-interop: src/run/train.ts → src/interop/safetensors.ts');
      expect(lines).not.toContain('nothing-below-imports-interop: src/interop/safetensors.ts → src/model/model.ts');
      expect(lines).toContain('core-imports-no-sibling-package: src/data/csv.ts → @backprop/node-native');
      expect(lines).not.toContain('only-index-imports-run: src/index.ts → src/run/train.ts');
    }, 120_000);
  });
});
