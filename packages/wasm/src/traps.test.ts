/**
 * A trap inside the kernels (an out-of-bounds access: validated arguments never cause one, so it
 * is provoked here by handing the real kernel an address past the end of memory) must surface as
 * an Error naming the op, on the calling thread and when a pool worker traps, and leave the
 * backend working: correct results afterwards, the stack pointer restored, never a hang.
 */
import { describe, expect, it } from 'vitest';
import { loadKernels, WasmBackend, type KernelInstance } from '../dist/index.js';

/** The instance with bp_gemm redirected to read B at 2 GiB − 1 MiB, past the end of this memory, when m is 333. */
function withFaultyGemm(kernel: KernelInstance): KernelInstance {
  const real = kernel.exports['bp_gemm'] as (...a: number[]) => void;
  const exports = {
    ...kernel.exports,
    bp_gemm: (...a: number[]) => {
      if (a[2] === 333) a[7] = 0x7ff00000;
      real(...a);
    },
  };
  return { ...kernel, exports };
}

function product(m: number, n: number, k: number, a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j]! += a[i * k + p]! * b[p * n + j]!;
  return c;
}

function checkGemm(backend: WasmBackend): void {
  const m = 67, n = 45, k = 301;
  const a = Float32Array.from({ length: m * k }, (_, i) => ((i * 7) % 13) / 13 - 0.5);
  const b = Float32Array.from({ length: k * n }, (_, i) => ((i * 5) % 11) / 11 - 0.5);
  const c = new Float32Array(m * n);
  backend.gemm(false, false, m, n, k, 1, a, b, 0, c);
  const want = product(m, n, k, a, b);
  for (let i = 0; i < c.length; i++) expect(Math.abs(c[i]! - want[i]!)).toBeLessThan(1e-4);
}

describe('a trap in the WebAssembly kernels', () => {
  for (const threads of [1, 2]) {
    it(`becomes an Error naming the op and leaves the backend working (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      const kernel = await loadKernels({ threads });
      const backend = new WasmBackend(withFaultyGemm(kernel));
      expect(backend.info.threads).toBe(threads);
      const stackTop = kernel.exports.bp_stack_pointer();
      // Large enough that, with two threads, the pool's worker takes part (and traps too).
      const m = 333, n = 512, k = 512;
      const call = () => backend.gemm(false, false, m, n, k, 1, new Float32Array(m * k), new Float32Array(k * n), 0, new Float32Array(m * n));
      expect(call).toThrow(/^wasm backend: gemm trapped in the WebAssembly kernels: /);
      expect(kernel.exports.bp_stack_pointer()).toBe(stackTop);
      if (threads > 1) {
        expect(backend.info.threads).toBe(1);
        expect(backend.info.description).toBe('wasm (simd128, 1 thread: a kernel trapped (gemm))');
      }
      checkGemm(backend);
      // Again: a second trap is reported the same way, and the backend still computes.
      expect(call).toThrow(/gemm trapped/);
      checkGemm(backend);
    });
  }
});
