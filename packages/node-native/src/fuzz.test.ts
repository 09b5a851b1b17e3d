import { describe, expect, it } from 'vitest';
import { Rng } from '@backprop/core';
import { loadAddon, type NativeAddon } from './addon.js';

// Every binding called with wrong arguments, thousands of times: the process must survive,
// and every rejection must be a TypeError (wrong type / argument count) or a RangeError
// (bad size, NaN or ±Infinity scalar, short array, partial overlap) whose message starts with the function's name.

const addon = loadAddon();

type Kind = 'bool' | 'size' | 'number' | 'floats' | 'floats?' | 'activation';
interface Param {
  kind: Kind;
  /** The valid value used when other arguments are mutated. */
  value: () => unknown;
}

const f32 = (n: number) => () => Float32Array.from({ length: n }, (_, i) => 0.25 + (i % 7) * 0.1);
const size = (v: number): Param => ({ kind: 'size', value: () => v });
const num = (v: number): Param => ({ kind: 'number', value: () => v });
const bool = (v: boolean): Param => ({ kind: 'bool', value: () => v });
const floats = (n: number): Param => ({ kind: 'floats', value: f32(n) });

// A valid call of every binding: 2×3 by 3×4 matrices, vectors of 6.
const SIGNATURES: Record<string, Param[]> = {
  gemm: [bool(false), bool(true), size(2), size(4), size(3), num(1), floats(6), floats(12), num(0), floats(8)],
  addRowVector: [size(2), size(3), floats(6), floats(3)],
  sumRows: [size(2), size(3), floats(6), num(0), floats(3)],
  activation: [{ kind: 'activation', value: () => 'tanh' }, size(6), floats(6), floats(6), num(0.1)],
  activationBackward: [{ kind: 'activation', value: () => 'sigmoid' }, size(6), floats(6), floats(6), floats(6), num(0.1)],
  activationBackwardFromInput: [{ kind: 'activation', value: () => 'gelu' }, size(6), floats(6), floats(6), floats(6), num(0.1)],
  softmax: [size(2), size(3), floats(6), floats(6)],
  softmaxBackward: [size(2), size(3), floats(6), floats(6), floats(6)],
  softmaxCrossEntropy: [size(2), size(3), floats(6), floats(6), num(0.5), floats(6)],
  mse: [size(6), floats(6), floats(6), num(1), floats(6)],
  sigmoidBinaryCrossEntropy: [size(6), floats(6), floats(6), num(1), floats(6)],
  l1Loss: [size(6), floats(6), floats(6), num(1), floats(6)],
  huber: [size(6), floats(6), floats(6), num(1), num(1), floats(6)],
  multiMargin: [size(2), size(3), floats(6), floats(6), num(1), num(0.5), floats(6)],
  add: [size(6), floats(6), floats(6), floats(6)],
  sub: [size(6), floats(6), floats(6), floats(6)],
  mul: [size(6), floats(6), floats(6), floats(6)],
  mulAdd: [size(6), floats(6), floats(6), floats(6)],
  axpy: [size(6), num(2), floats(6), floats(6)],
  scale: [size(6), num(2), floats(6)],
  sumSquares: [size(6), floats(6)],
  l1Gradient: [size(6), num(0.01), floats(6), floats(6)],
  sgdStep: [size(6), floats(6), floats(6), { kind: 'floats?', value: f32(6) }, num(0.1), num(0.9), bool(true), num(0.01)],
  adamStep: [size(6), floats(6), floats(6), floats(6), floats(6), num(0.01), num(0.9), num(0.999), num(1e-8), num(0), bool(false), num(3)],
  rmspropStep: [size(6), floats(6), floats(6), floats(6), { kind: 'floats?', value: f32(6) }, { kind: 'floats?', value: f32(6) }, num(0.01), num(0.99), num(1e-8), num(0), num(0.9), bool(true)],
  adagradStep: [size(6), floats(6), floats(6), floats(6), num(0.01), num(0), num(1e-10), num(0), num(3)],
  adamaxStep: [size(6), floats(6), floats(6), floats(6), floats(6), num(0.002), num(0.9), num(0.999), num(1e-8), num(0), num(3)],
  nadamStep: [size(6), floats(6), floats(6), floats(6), floats(6), num(0.002), num(0.9), num(0.999), num(1e-8), num(0), num(0.004), num(0.5), num(3)],
};

const detached = (): Float32Array => {
  const buffer = new ArrayBuffer(24);
  const view = new Float32Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
};

/** Values of the wrong JS type for an argument of this kind: each must give a TypeError. */
function wrongTypes(kind: Kind): unknown[] {
  const common = [undefined, {}, [], () => 0, Symbol('s'), 10n, new ArrayBuffer(24), new DataView(new ArrayBuffer(24))];
  switch (kind) {
    case 'bool':
      return [...common, null, 0, 1, 'true', new Float32Array(6)];
    case 'size':
    case 'number':
      return [...common, null, true, '3', new Float32Array(6), new Number(3)];
    case 'floats':
      return [...common, null, 1, 'x', true, [1, 2, 3, 4, 5, 6], new Float64Array(6), new Int32Array(6), new Uint8Array(24), new Float32Array(6).buffer];
    case 'floats?':
      return [...common.filter((v) => v !== undefined), 1, 'x', true, [1, 2, 3, 4, 5, 6], new Float64Array(6), new Int32Array(6)];
    case 'activation':
      return [...common, null, 0, 3, true, new Float32Array(6)];
  }
}

/** Values of the right type but out of range: each must give a RangeError. */
function badValues(kind: Kind): unknown[] {
  switch (kind) {
    case 'size':
      return [-1, -0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 60, 1e300, 1000, 2 ** 31];
    case 'floats':
    case 'floats?':
      return [new Float32Array(0), new Float32Array(1), new Float32Array(20).subarray(18), detached()];
    case 'number':
      return [NaN, Infinity, -Infinity];
    case 'activation':
      return ['', 'Tanh', 'softmax', 'relu ', 'leaky-relu-x', 'sigmoid\0', 'x'.repeat(1000)];
    default:
      return [];
  }
}

/** A label for a value in failure messages (String() throws on detached arrays and symbols). */
function label(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
  try {
    return typeof value === 'symbol' ? value.toString() : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function call(fn: string, args: unknown[]): unknown {
  return (addon as unknown as Record<string, (...a: unknown[]) => unknown>)[fn]!(...args);
}

/** Calls and returns the error class thrown, or 'ok'. Any other error class fails the test. */
function outcome(fn: string, args: unknown[]): 'ok' | 'TypeError' | 'RangeError' {
  try {
    call(fn, args);
    return 'ok';
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) {
      expect(error.message.startsWith(`${fn}: `), `message of ${fn}: ${error.message}`).toBe(true);
      return error instanceof TypeError ? 'TypeError' : 'RangeError';
    }
    throw new Error(`${fn} threw ${String(error)}, not a TypeError/RangeError`);
  }
}

describe('fuzz: every binding with wrong arguments', () => {
  it('has a signature for every exported op', () => {
    const exported = Object.keys(addon).filter((k) => k !== 'info' && k !== 'configure').sort();
    expect(exported).toEqual(Object.keys(SIGNATURES).sort());
  });

  it('accepts the valid calls', () => {
    for (const [fn, params] of Object.entries(SIGNATURES)) expect(outcome(fn, params.map((p) => p.value())), fn).toBe('ok');
  });

  it('throws TypeError for a wrong argument count', () => {
    for (const [fn, params] of Object.entries(SIGNATURES)) {
      const valid = params.map((p) => p.value());
      for (const count of [0, 1, params.length - 1, params.length + 1, params.length + 5]) {
        const args = count <= valid.length ? valid.slice(0, count) : [...valid, ...Array.from({ length: count - valid.length }, () => 1)];
        expect(outcome(fn, args), `${fn} with ${count} arguments`).toBe('TypeError');
      }
    }
  });

  it('throws TypeError for each argument of the wrong type, naming it', () => {
    let calls = 0;
    for (const [fn, params] of Object.entries(SIGNATURES)) {
      params.forEach((param, index) => {
        for (const bad of wrongTypes(param.kind)) {
          const args = params.map((p) => p.value());
          args[index] = bad;
          expect(outcome(fn, args), `${fn} argument ${index} = ${label(bad)}`).toBe('TypeError');
          calls++;
        }
      });
    }
    expect(calls).toBeGreaterThan(1000);
  });

  it('throws RangeError for bad sizes, non-finite scalars, short or detached arrays and unknown kinds', () => {
    let calls = 0;
    for (const [fn, params] of Object.entries(SIGNATURES)) {
      params.forEach((param, index) => {
        for (const bad of badValues(param.kind)) {
          const args = params.map((p) => p.value());
          args[index] = bad;
          expect(outcome(fn, args), `${fn} argument ${index} = ${label(bad)}`).toBe('RangeError');
          calls++;
        }
      });
    }
    expect(calls).toBeGreaterThan(300);
  });

  it('throws RangeError for overlaps the op cannot handle', () => {
    const buf = new Float32Array(64);
    expect(outcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(2)])).toBe('RangeError');
    expect(outcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(10)])).toBe('RangeError');
    expect(outcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(12)])).toBe('ok');
    expect(outcome('add', [6, buf, buf.subarray(8), buf.subarray(1)])).toBe('RangeError');
    expect(outcome('add', [6, buf, buf.subarray(8), buf])).toBe('ok'); // in place: allowed
    expect(outcome('mulAdd', [6, buf, buf.subarray(8), buf])).toBe('RangeError');
    expect(outcome('addRowVector', [2, 3, buf, buf.subarray(3)])).toBe('RangeError');
    expect(outcome('softmax', [2, 3, buf, buf.subarray(1)])).toBe('RangeError');
    expect(outcome('sgdStep', [6, buf, buf.subarray(2), null, 0.1, 0, false, 0])).toBe('RangeError');
    expect(outcome('l1Gradient', [6, 0.1, buf, buf.subarray(3)])).toBe('RangeError');
    expect(outcome('l1Gradient', [6, 0.1, buf, buf])).toBe('ok'); // in place: allowed
  });

  it('survives 5000 random multi-argument mutations and still computes correctly', () => {
    const rng = new Rng(2024);
    const names = Object.keys(SIGNATURES);
    const counts = { ok: 0, TypeError: 0, RangeError: 0 };
    for (let trial = 0; trial < 5000; trial++) {
      const fn = names[rng.int(names.length)]!;
      const params = SIGNATURES[fn]!;
      const args = params.map((p) => p.value());
      const mutations = 1 + rng.int(3);
      for (let j = 0; j < mutations; j++) {
        const index = rng.int(params.length);
        const pool = [...wrongTypes(params[index]!.kind), ...badValues(params[index]!.kind), 0, -1, NaN, 2 ** 40, 7];
        args[index] = pool[rng.int(pool.length)];
      }
      if (rng.next() < 0.1) args.length = rng.int(args.length + 3);
      counts[outcome(fn, args)]++;
    }
    expect(counts.TypeError).toBeGreaterThan(1000);
    expect(counts.RangeError).toBeGreaterThan(300);
    // The addon still works after all that.
    const a = Float32Array.of(1, 2, 3, 4, 5, 6);
    const b = Float32Array.of(1, 0, 0, 1, 1, 1);
    const c = new Float32Array(4).fill(NaN);
    addon.gemm(false, false, 2, 2, 3, 1, a, b, 0, c);
    expect(Array.from(c)).toEqual([4, 5, 10, 11]);
  });

  it('accepts zero sizes with empty or detached arrays (no data pointer at all)', () => {
    // A zero-length or detached array has no memory behind it: with every size 0 each op must
    // return without touching it, and the loss/norm ops return 0.
    for (const empty of [() => new Float32Array(0), detached]) {
      for (const [fn, params] of Object.entries(SIGNATURES)) {
        const args = params.map((p) => (p.kind === 'size' ? 0 : p.kind === 'floats' || p.kind === 'floats?' ? empty() : p.value()));
        expect(outcome(fn, args), `${fn} with zero sizes`).toBe('ok');
        const result = call(fn, args);
        if (result !== undefined) expect(result, fn).toBe(0);
      }
    }
    // gemm with k = 0 reads neither A nor B (which may be empty) and only scales C.
    const c = Float32Array.of(1, 2, 3, 4);
    addon.gemm(false, true, 2, 2, 0, 1, new Float32Array(0), detached(), 0.5, c);
    expect(Array.from(c)).toEqual([0.5, 1, 1.5, 2]);
  });

  it('gives the same results on SharedArrayBuffer and length-tracking resizable buffers', () => {
    type Make = (n: number) => Float32Array;
    const shared: Make = (n) => new Float32Array(new SharedArrayBuffer(4 * n));
    const ResizableBuffer = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer;
    const resizable: Make = (n) => new Float32Array(new ResizableBuffer(4 * n, { maxByteLength: 8 * n + 8 }));
    for (const make of [shared, resizable]) {
      for (const [fn, params] of Object.entries(SIGNATURES)) {
        const plain = params.map((p) => p.value());
        const other = plain.map((v) => {
          if (!(v instanceof Float32Array)) return v;
          const copy = make(v.length);
          copy.set(v);
          return copy;
        });
        const want = call(fn, plain);
        const got = call(fn, other);
        expect(got, fn).toEqual(want);
        plain.forEach((v, i) => v instanceof Float32Array && expect(Array.from(other[i] as Float32Array), `${fn} argument ${i}`).toEqual(Array.from(v)));
      }
    }
  });

  it('refuses a view left out of bounds by shrinking its resizable buffer', () => {
    const ResizableBuffer = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer & { resize(bytes: number): void };
    const buffer = new ResizableBuffer(64, { maxByteLength: 128 });
    const view = new Float32Array(buffer, 16, 6); // elements 4..9
    const tracking = new Float32Array(buffer); // follows the buffer's length
    buffer.resize(20); // view now out of bounds, tracking has 5 elements
    expect(outcome('add', [6, view, view, view])).toBe('RangeError');
    expect(outcome('add', [6, tracking, tracking, tracking])).toBe('RangeError');
    expect(outcome('add', [5, tracking, tracking, tracking])).toBe('ok');
    expect(() => addon.sumSquares(6, tracking)).toThrow(/^sumSquares: x has 5 elements but needs 6 \(n\)$/);
  });

  it('refuses sizes whose products overflow instead of wrapping them', () => {
    // 2^32·2^32 wraps to 0 in 64-bit arithmetic: without the check every length test would pass.
    const big = 2 ** 32;
    const tiny = new Float32Array(4);
    expect(() => addon.gemm(false, false, big, big, big, 1, tiny, tiny, 0, tiny)).toThrow(/^gemm: m·k = 4294967296·4294967296 is larger than any array$/);
    expect(() => addon.gemm(true, true, 1, big, big, 1, tiny, tiny, 0, tiny)).toThrow(/^gemm: k·n = .* is larger than any array$/);
    for (const fn of ['addRowVector', 'sumRows', 'softmax', 'softmaxBackward', 'softmaxCrossEntropy']) {
      const args = SIGNATURES[fn]!.map((p) => p.value());
      args[0] = big;
      args[1] = big;
      expect(() => call(fn, args), fn).toThrow(new RegExp(`^${fn}: rows·cols = .* is larger than any array$`));
    }
  });

  it('validates configure(threads, isa) and keeps the configuration on failure', () => {
    const before = addon.info();
    const configure = (...args: unknown[]) => (addon.configure as unknown as (...a: unknown[]) => void)(...args);
    const kind = (args: unknown[]): string => {
      try {
        configure(...args);
        return 'ok';
      } catch (error) {
        expect((error as Error).message.startsWith('configure: '), (error as Error).message).toBe(true);
        return (error as Error).constructor.name;
      }
    };
    try {
      for (const count of [0, 1, 3]) expect(kind([1, null, null].slice(0, count)), `${count} arguments`).toBe('TypeError');
      for (const bad of ['2', true, null, undefined, {}, new Float32Array(1), 2n]) expect(kind([bad, null]), label(bad)).toBe('TypeError');
      for (const bad of [0, -1, 1.5, NaN, Infinity, 257, 2 ** 53]) expect(kind([bad, null]), label(bad)).toBe('RangeError');
      for (const bad of [1, true, {}, new Float32Array(1), Symbol('avx2')]) expect(kind([1, bad]), label(bad)).toBe('TypeError');
      for (const bad of ['', 'AVX2', 'avx2 ', 'avx2\0junk', 'sse', 'x'.repeat(100)]) expect(kind([1, bad]), JSON.stringify(bad)).toBe('RangeError');
      for (const isa of ['generic', 'avx2', 'avx512']) expect(kind([1, isa]), isa).toBe(before.isas.includes(isa) ? 'ok' : 'RangeError');
      // A refused call leaves the last good configuration in place.
      configure(1, 'generic');
      expect(kind([0, 'avx2'])).toBe('RangeError');
      expect(kind([3, 'avx2\0'])).toBe('RangeError');
      expect(addon.info()).toMatchObject({ isa: 'generic', threads: 1 });
    } finally {
      configure(before.threads, null);
    }
    expect(addon.info()).toEqual(before);
  });

  it('names the argument in its messages', () => {
    expect(() => addon.gemm(false, false, 2, 2, 3, 1, new Float64Array(6) as never, new Float32Array(6), 0, new Float32Array(4))).toThrow(
      /^gemm: a must be a Float32Array \(got a Float64Array\)$/,
    );
    expect(() => addon.gemm(false, false, 2, 2, 3, 1, new Float32Array(6), new Float32Array(5), 0, new Float32Array(4))).toThrow(
      /^gemm: b has 5 elements but needs 6 \(k·n\)$/,
    );
    expect(() => addon.add(-1, new Float32Array(1), new Float32Array(1), new Float32Array(1))).toThrow(/^add: n must be a non-negative integer \(got -1\)$/);
    expect(() => addon.activation('swish' as never, 1, new Float32Array(1), new Float32Array(1), 0)).toThrow(/^activation: kind must be one of 'linear'/);
    expect(() => addon.adamStep(1, ...[0, 0, 0, 0].map(() => new Float32Array(1)) as [Float32Array, Float32Array, Float32Array, Float32Array], 0.1, 0.9, 0.999, 1e-8, 0, false, 0)).toThrow(
      /^adamStep: step must be an integer ≥ 1/,
    );
  });
});

export type { NativeAddon };
