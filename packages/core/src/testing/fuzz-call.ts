/**
 * How the fuzz suite calls a Backend op by name and judges what happened: every refusal must be a
 * TypeError or a RangeError whose message starts with the op's name; anything else fails the test.
 */
import type { Backend } from '../backend/backend.js';
import { assertThrows } from './suite-context.js';
import { label } from './fuzz-signatures.js';

export type Outcome = 'ok' | 'TypeError' | 'RangeError';

/** Calls `backend[op](...args)` (a method: `this` is the backend) and returns what it returns. */
export function callOp(backend: Backend, op: string, args: readonly unknown[]): unknown {
  const fn = (backend as unknown as Record<string, unknown>)[op];
  if (typeof fn !== 'function') throw new Error(`the backend has no op ${op}`);
  return (fn as (...a: unknown[]) => unknown).apply(backend, args as unknown[]);
}

/** Calls and returns the error class thrown, or 'ok'. Any other error, or a message not starting with `op: `, fails. */
export function outcome(backend: Backend, op: string, args: readonly unknown[]): Outcome {
  try {
    callOp(backend, op, args);
    return 'ok';
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) {
      if (!error.message.startsWith(`${op}: `)) throw new Error(`${op} threw a ${error.name} whose message does not start with '${op}: ': ${error.message}`);
      return error instanceof TypeError ? 'TypeError' : 'RangeError';
    }
    throw new Error(`${op} threw ${String(error)}, not a TypeError/RangeError`, { cause: error });
  }
}

/** Throws unless `got` is `want`. */
export function assertIs(what: string, got: unknown, want: unknown): void {
  if (!Object.is(got, want)) throw new Error(`${what}: expected ${label(want)}, got ${label(got)}`);
}

/** Throws unless the two arrays hold the same numbers (NaN equal to NaN). */
export function assertSameValues(what: string, got: ArrayLike<number>, want: ArrayLike<number>): void {
  const g = Array.from(got);
  const w = Array.from(want);
  if (g.length !== w.length || g.some((v, i) => !Object.is(v, w[i]))) throw new Error(`${what}: expected [${w.join(', ')}], got [${g.join(', ')}]`);
}

/** What a fuzz case body works with: the backend and the checks bound to it. */
export interface FuzzEnv {
  backend: Backend;
  call(op: string, args: readonly unknown[]): unknown;
  /** Throws unless the call ends as `want` ('ok' or the error class). */
  expectOutcome(op: string, args: readonly unknown[], want: Outcome, what?: string): void;
  /** Throws unless the call throws an error whose message matches `message`. */
  refuse(op: string, args: readonly unknown[], message: RegExp): void;
}

export function fuzzEnv(backend: Backend): FuzzEnv {
  return {
    backend,
    call: (op, args) => callOp(backend, op, args),
    expectOutcome: (op, args, want, what = op) => assertIs(what, outcome(backend, op, args), want),
    refuse: (op, args, message) => assertThrows(`${op}: ${message}`, () => callOp(backend, op, args), message),
  };
}

/** Registers one fuzz case: `body` gets the backend and the checks bound to it. */
export type FuzzCase = (name: string, body: (env: FuzzEnv) => void | Promise<void>) => void;
