// The README's example runs as written (types stripped by TypeScript's transpiler) against the
// built package, resolved by name through the package's own "exports", as for a user.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

it('README example trains XOR on the wasm backend', () => {
  const js = ts.transpileModule(block, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', js], { cwd: root, encoding: 'utf8', env: { ...process.env, BACKPROP_THREADS: '2' } });
  expect(out.trim().split('\n')).toEqual(['wasm (simd128, 2 threads)', '1']);
});
