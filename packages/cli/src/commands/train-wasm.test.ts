import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

// The same seeded run on the WebAssembly backend and on the TypeScript one: the wasm kernels are
// the native addon's C++ compiled to WebAssembly, float32 like TS's Float32Array path, so the two
// agree to float32 rounding over a short run. --json names the backend and its threads.
const RUN = ['train', '--data', 'iris', '--layers', '8', '--activation', 'tanh', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '60', '--seed', '3', '--json'];

function summary(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

describe('backprop train --backend wasm', () => {
  it('trains on wasm, reports it with its ISA and threads, and matches the ts backend', async () => {
    const wasm = await runCli([...RUN, '--backend', 'wasm'], { env: { BACKPROP_THREADS: '2' } });
    expect(wasm.stderr).toBe('');
    expect(wasm.code).toBe(0);
    const w = summary(wasm.stdout);
    expect(w).toMatchObject({ backend: 'wasm', isa: 'simd128', threads: 2, epochs: 60 });
    const ts = summary((await runCli([...RUN, '--backend', 'ts'])).stdout);
    expect(ts['backend']).toBe('ts');
    expect(w['trainLoss'] as number).toBeCloseTo(ts['trainLoss'] as number, 4);
    expect(w['trainAccuracy']).toBe(ts['trainAccuracy']);
  });

  it('runs on one thread when BACKPROP_THREADS=1', async () => {
    const result = await runCli([...RUN, '--backend', 'wasm'], { env: { BACKPROP_THREADS: '1' } });
    expect(result.code).toBe(0);
    expect(summary(result.stdout)).toMatchObject({ backend: 'wasm', threads: 1 });
  });
});
