/**
 * The plumbing shared by the conformance suite's case files: how a case is registered with
 * the test runner, which backend and element type it runs on, its seeded random stream,
 * and the arena that checks what the backend wrote.
 */
import type { Backend } from '../backend/backend.js';
import { Rng } from '../util/rng.js';
import { Arena, type DType, type Layout } from './arena.js';
import { tolerances } from './compare.js';

/**
 * The two functions of a test runner the suite needs. vitest's (and node:test's)
 * `describe` and `it` fit as they are.
 */
export interface ConformanceTestApi {
  /** Group cases under `name`. */
  describe: (name: string, fn: () => void) => unknown;
  /** Register one case; it fails when `fn` throws. */
  it: (name: string, fn: () => unknown) => unknown;
}

/** What one case body receives. */
export interface CaseEnv {
  backend: Backend;
  dtype: DType;
  layout: Layout;
  arena: Arena;
  rng: Rng;
  tol: ReturnType<typeof tolerances>;
}

export interface SuiteContext {
  dtype: DType;
  /** Registers a case once per layout; the arena's write checks run after the body. */
  test(name: string, body: (env: CaseEnv) => void | Promise<void>, layouts?: readonly Layout[]): void;
  /** Registers a case that needs only the backend (no arena, no layouts). */
  plain(name: string, body: (backend: Backend) => void | Promise<void>): void;
  api: ConformanceTestApi;
}

/**
 * A suite's backend argument, a backend or a function returning it (or a Promise of it):
 * `known` when it is there as the suite is defined (for its label and options), and `resolve`
 * for the tests. The getter is called once, now; a rejected Promise fails each test that awaits it.
 */
export function backendSource(backend: Backend | (() => Backend | Promise<Backend>)): {
  known: Backend | undefined;
  resolve: () => Promise<Backend>;
} {
  let known: Backend | undefined;
  let pending: Promise<Backend> | undefined;
  if (typeof backend === 'function') {
    const got = backend();
    if (got instanceof Promise) pending = got;
    else known = got;
  } else known = backend;
  if (pending) pending.catch(() => undefined); // reported by each test that awaits it
  return { known, resolve: () => (known ? Promise.resolve(known) : pending!) };
}

/** FNV-1a of a string: per-case seeds that do not depend on test order. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const ALL_LAYOUTS: readonly Layout[] = ['plain', 'offset'];

export function makeSuiteContext(
  api: ConformanceTestApi,
  resolveBackend: () => Promise<Backend>,
  dtype: DType,
  seed: number,
): SuiteContext {
  return {
    dtype,
    api,
    test(name, body, layouts = ALL_LAYOUTS) {
      for (const layout of layouts) {
        api.it(layouts.length > 1 ? `${name} [${layout}]` : name, async () => {
          const backend = await resolveBackend();
          const rng = new Rng((seed ^ hash(`${dtype}|${layout}|${name}`)) >>> 0);
          const arena = new Arena(dtype, layout, rng);
          await body({ backend, dtype, layout, arena, rng, tol: tolerances(dtype) });
          arena.verifyUntouched();
        });
      }
    },
    plain(name, body) {
      api.it(name, async () => {
        await body(await resolveBackend());
      });
    },
  };
}

/** Throws unless fn throws; `pattern` must match the error's message and `type` its class. */
export function assertThrows(
  what: string,
  fn: () => unknown,
  pattern?: RegExp,
  type?: new (...args: never[]) => Error,
): void {
  let caught: unknown;
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    caught = e;
  }
  if (!threw) throw new Error(`${what}: expected an error, but the call returned normally`);
  if (!(caught instanceof Error)) throw new Error(`${what}: expected an Error, got ${String(caught)}`);
  const { name, message } = caught;
  if (type && !(caught instanceof type)) throw new Error(`${what}: expected a ${type.name}, got ${name}: ${message}`);
  if (pattern && !pattern.test(message)) throw new Error(`${what}: error message '${message}' does not match ${pattern}`);
}
