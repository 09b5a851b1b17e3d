/**
 * The backend fuzz suite: every op called with wrong arguments thousands of times, mutating one
 * argument at a time from a valid call, then random multi-argument mutations. The process must
 * survive, every refusal must be a TypeError (wrong type, missing argument) or a RangeError (bad
 * size, NaN or ±Infinity scalar, short or detached array, partial overlap, window geometry, index
 * out of range) whose message starts with the op's name, and the backend must still compute
 * correctly afterwards.
 */
import type { Backend } from '../backend/backend.js';
import { createOpChecks } from '../backend/op-checks.js';
import { Rng } from '../util/rng.js';
import { assertIs, assertSameValues, fuzzEnv, outcome, type FuzzCase, type FuzzEnv } from './fuzz-call.js';
import { registerTargetedFuzzCases } from './fuzz-cases.js';
import { SIGNATURES, badValues, detached, detachedInt32, label, validArgs, wrongTypes } from './fuzz-signatures.js';
import { backendSource, type ConformanceTestApi } from './suite-context.js';

/** Options of {@link runBackendFuzz}. */
export interface FuzzOptions {
  /** Name shown in the top-level describe (default: the backend's info.name, or 'backend'). */
  label?: string;
  /** Trials of the random multi-argument mutations (default 5000). */
  iterations?: number;
}

/**
 * Registers the fuzz suite for one backend with the caller's test runner: every op with each
 * argument replaced by values of the wrong type (a TypeError) or out of range (a RangeError),
 * missing arguments, partial overlaps, bad window geometry, argmax and row ids, size products
 * that overflow, zero sizes on empty and detached arrays, SharedArrayBuffer and resizable buffers,
 * then random multi-argument mutations after which the backend must still compute correctly.
 * Every refusal must be a TypeError or RangeError whose message starts with `op: `.
 * The wording checked is the native binding's; the suite is for Float32-only backends
 * (`info.float64` false): a Float64Array is among the values of the wrong type.
 *
 * @param api `describe` and `it` of the test runner (vitest's or node:test's fit as they are)
 * @param backend the backend, or a function returning it (or a Promise of it), called inside the tests
 * @param options a label and the number of random mutation trials
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { runBackendFuzz } from '@backprop/core/testing';
 * import { tsBackend } from '@backprop/core';
 * runBackendFuzz({ describe, it }, tsBackend);
 * ```
 */
export function runBackendFuzz(
  api: ConformanceTestApi,
  backend: Backend | (() => Backend | Promise<Backend>),
  options: FuzzOptions = {},
): void {
  const { known, resolve } = backendSource(backend);
  const label = options.label ?? known?.info.name ?? 'backend';
  const iterations = options.iterations ?? 5000;

  const test: FuzzCase = (name, body) =>
    api.it(name, async () => {
      await body(fuzzEnv(await resolve()));
    });

  api.describe(`backend fuzz: ${label}: every op with wrong arguments`, () => {
    registerMutationCases(test, iterations);
    registerTargetedFuzzCases(test);
  });
}

/** The cases that mutate the valid calls of the signature table. */
function registerMutationCases(test: FuzzCase, iterations: number): void {
  const ops = Object.keys(SIGNATURES);

  test('has a signature for every Backend op', ({ backend }) => {
    const want = Object.keys(createOpChecks({ float64: false })).sort();
    assertIs('ops of the signature table', JSON.stringify([...ops].sort()), JSON.stringify(want));
    for (const op of ops) assertIs(`typeof backend.${op}`, typeof (backend as unknown as Record<string, unknown>)[op], 'function');
  });

  test('accepts the valid calls', ({ expectOutcome }) => {
    for (const op of ops) expectOutcome(op, validArgs(op), 'ok');
  });

  test('throws TypeError for missing arguments', ({ expectOutcome }) => {
    for (const op of ops) {
      const valid = validArgs(op);
      for (const count of [0, 1, valid.length - 1]) expectOutcome(op, valid.slice(0, count), 'TypeError', `${op} with ${count} arguments`);
    }
  });

  /** Each argument of each op replaced by each of `values(kind)`: every call must end as `want`. */
  const mutateEach = (env: FuzzEnv, values: typeof wrongTypes, want: 'TypeError' | 'RangeError'): number => {
    let calls = 0;
    for (const op of ops) {
      SIGNATURES[op]!.forEach((param, index) => {
        for (const bad of values(param.kind)) {
          const args = validArgs(op);
          args[index] = bad;
          env.expectOutcome(op, args, want, `${op} argument ${index} = ${label(bad)}`);
          calls++;
        }
      });
    }
    return calls;
  };

  test('throws TypeError for each argument of the wrong type, naming it', (env) => {
    const calls = mutateEach(env, wrongTypes, 'TypeError');
    if (calls <= 1000) throw new Error(`only ${calls} wrong-type calls`);
  });

  test('throws RangeError for bad sizes, non-finite scalars, short or detached arrays and unknown kinds', (env) => {
    const calls = mutateEach(env, badValues, 'RangeError');
    if (calls <= 300) throw new Error(`only ${calls} out-of-range calls`);
  });

  test(`survives ${iterations} random multi-argument mutations and still computes correctly`, ({ backend }) => {
    const rng = new Rng(2024);
    const counts = { ok: 0, TypeError: 0, RangeError: 0 };
    for (let trial = 0; trial < iterations; trial++) {
      const op = ops[rng.int(ops.length)]!;
      const params = SIGNATURES[op]!;
      const args = validArgs(op);
      const mutations = 1 + rng.int(3);
      for (let j = 0; j < mutations; j++) {
        const index = rng.int(params.length);
        const pool = [...wrongTypes(params[index]!.kind), ...badValues(params[index]!.kind), 0, -1, NaN, 2 ** 40, 7];
        args[index] = pool[rng.int(pool.length)];
      }
      if (rng.next() < 0.1) args.length = rng.int(args.length + 3);
      counts[outcome(backend, op, args)]++;
    }
    // Most mutations are refused: at least a fifth of the trials with a TypeError and 6% with a RangeError.
    if (counts.TypeError <= iterations * 0.2 || counts.RangeError <= iterations * 0.06) {
      throw new Error(`too few refusals: ${JSON.stringify(counts)} in ${iterations} trials`);
    }
    // The backend still works after all that.
    const a = Float32Array.of(1, 2, 3, 4, 5, 6);
    const b = Float32Array.of(1, 0, 0, 1, 1, 1);
    const c = new Float32Array(4).fill(NaN);
    backend.gemm(false, false, 2, 2, 3, 1, a, b, 0, c);
    assertSameValues('gemm after the fuzzing', c, [4, 5, 10, 11]);
  });

  test('accepts zero sizes with empty or detached arrays (no data pointer at all)', ({ backend, call, expectOutcome }) => {
    // A zero-length or detached array has no memory behind it: with every size 0 each op must
    // return without touching it, and the loss/norm ops return 0.
    for (const [empty, emptyInt32] of [
      [() => new Float32Array(0), () => new Int32Array(0)],
      [detached, detachedInt32],
    ] as const) {
      for (const op of ops) {
        const args = SIGNATURES[op]!.map((p) =>
          p.kind === 'size' ? 0 : p.kind === 'floats' || p.kind === 'floats?' ? empty() : p.kind === 'int32' ? emptyInt32() : p.value(),
        );
        expectOutcome(op, args, 'ok', `${op} with zero sizes`);
        const result = call(op, args);
        if (result !== undefined) assertIs(`${op} with zero sizes returns`, result, 0);
      }
    }
    // gemm with k = 0 reads neither A nor B (which may be empty) and only scales C.
    const c = Float32Array.of(1, 2, 3, 4);
    backend.gemm(false, true, 2, 2, 0, 1, new Float32Array(0), detached(), 0.5, c);
    assertSameValues('gemm with k = 0', c, [0.5, 1, 1.5, 2]);
  });

  test('gives the same results on SharedArrayBuffer and length-tracking resizable buffers', ({ call }) => {
    type Make = (n: number) => Float32Array;
    const shared: Make = (n) => new Float32Array(new SharedArrayBuffer(4 * n));
    const ResizableBuffer = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer;
    const resizable: Make = (n) => new Float32Array(new ResizableBuffer(4 * n, { maxByteLength: 8 * n + 8 }));
    for (const make of [shared, resizable]) {
      for (const op of ops) {
        const plain = validArgs(op);
        const other = plain.map((v) => {
          if (!(v instanceof Float32Array)) return v;
          const copy = make(v.length);
          copy.set(v);
          return copy;
        });
        const want = call(op, plain);
        const got = call(op, other);
        assertIs(`${op} returns`, got, want);
        plain.forEach((v, i) => v instanceof Float32Array && assertSameValues(`${op} argument ${i}`, other[i] as Float32Array, v));
      }
    }
  });
}
