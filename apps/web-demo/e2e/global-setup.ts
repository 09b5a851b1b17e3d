/**
 * Before the browser tests: make sure dist/ holds a build of the current sources (core and wasm dists included; turbo's
 * `test` depends on `build`, but a direct `vitest run` after an edit should not test a
 * stale site). Rebuilds with `vite build` when any source is newer than dist/index.html.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const entry of readdirSync(path)) t = Math.max(t, newest(join(path, entry)));
  return t;
}

export default function setup(): void {
  const built = join(root, 'dist', 'index.html');
  const require = createRequire(import.meta.url);
  const distOf = (name: string): string => join(dirname(require.resolve(`${name}/package.json`)), 'dist');
  const sources = Math.max(
    newest(join(root, 'src')),
    newest(join(root, 'index.html')),
    newest(join(root, 'vite.config.ts')),
    newest(distOf('@backprop/core')),
    newest(distOf('@backprop/wasm')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('[web-demo e2e] dist/ is missing or older than the sources: running vite build');
  execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would make vite bundle React's slow development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
