// Every ```ts block of packages/core/README.md typechecks under strict TypeScript against the
// published types and runs as written, so that a new user's first programs work. The blocks
// import '@backprop/core' by name: written inside this package, that resolves through the
// package's own "exports" (self-reference) to the built dist/, as for a user who installed it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const NATIVE_IMPORT = "import '@backprop/node-native';";

describe('packages/core/README.md examples', () => {
  const dir = join(packageRoot, `.package-readme-${process.pid}`);
  const cwd = mkdtempSync(join(tmpdir(), 'backprop-core-readme-'));
  mkdirSync(dir, { recursive: true });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it('has the examples this test expects', () => {
    expect(blocks.length).toBe(9);
    expect(blocks.filter((b) => b.includes(NATIVE_IMPORT))).toHaveLength(1);
  });

  it('typecheck with strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess', () => {
    const files = blocks.map((block, i) => {
      const file = join(dir, `block-${i}.ts`);
      writeFileSync(file, block);
      return file;
    });
    // @backprop/node-native is not a dependency of core; its import is a side effect only.
    const stub = join(dir, 'node-native.d.ts');
    writeFileSync(stub, "declare module '@backprop/node-native' {}\n");
    const program = ts.createProgram([...files, stub], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(packageRoot, 'node_modules/@types')],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file ? d.file.fileName.slice(dir.length + 1) : ''}${where ? `:${where.line + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  });

  it('run as written (in order, in one folder) and print what their comments say', () => {
    writeFileSync(join(cwd, 'flowers.csv'), 'sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n6.3,3.3,6.0,2.5,virginica\n');
    const outputs = blocks.map((block, i) => {
      // Without the native package in reach, the backends example runs on 'ts' through 'auto'.
      const js = ts.transpileModule(block.replace(NATIVE_IMPORT, ''), {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
      }).outputText;
      const script = join(dir, `block-${i}.mjs`);
      writeFileSync(script, js);
      return execFileSync(process.execPath, [script], { cwd, encoding: 'utf8' });
    });
    const [xor, regression, files, backends, csv, sequences, images, gradcheck, run] = outputs as [string, string, string, string, string, string, string, string, string];
    const numbers = (text: string): number[] => [...text.replace(/Float(32|64)Array\(\d+\)/g, '').matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));
    // XOR: predictions near 0, 1, 1, 0, then accuracy 1.
    const p = numbers(xor);
    expect(p.at(-1), xor).toBe(1);
    expect(p.slice(0, 4).map(Math.round), xor).toEqual([0, 1, 1, 0]);
    // Regression: prediction at 0.5 close to 3·0.25 − 1.
    expect(Math.abs((numbers(regression).at(-1) ?? NaN) + 0.25), regression).toBeLessThan(0.05);
    expect(files, files).toMatch(/\[ 'x' \]/);
    expect(backends.trim(), backends).toBe('ts ts');
    expect(csv, csv).toMatch(/^classification \[ 'setosa', 'versicolor', 'virginica' \]/);
    expect(numbers(sequences)[0], sequences).toBeLessThan(0.83 / 10);
    // The CNN: each layer's output shape, then its training accuracy.
    const [shapes, cnnAccuracy] = images.trim().split('\n');
    expect(shapes, images).toBe('4×8×8 → 4×4×4 → 4×4×4 → 64 → 2');
    expect(Number(cnnAccuracy), images).toBe(1);
    expect(numbers(gradcheck)[0], gradcheck).toBeLessThan(1e-8);
    // train(config): the defaults it decided, the split, the test accuracy, and a refusal naming its keys.
    const [decided, accuracy, refusal] = run.trim().split('\n');
    expect(decided, run).toBe('binary-cross-entropy sigmoid 160 40');
    expect(Number(accuracy), run).toBeGreaterThanOrEqual(0.9);
    expect(refusal, run).toBe('layers model | layers does not apply to model lstm; its size is set with units');
  });
});
