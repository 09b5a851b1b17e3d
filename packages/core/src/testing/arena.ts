/**
 * Test arrays for the conformance suite. Every array handed to a backend is made here, so
 * that each case can check afterwards that the backend touched exactly what it may:
 * inputs not at all, outputs only in their first `n` elements. In the `offset` layout each
 * array is a `subarray` view that starts at an odd element offset inside a bigger buffer,
 * with guard cells before it, slack cells inside the view after the `n` elements the sizes
 * cover, and guard cells after it; all of those must keep their sentinel value.
 */
import type { FloatArray } from '../backend/backend.js';
import type { Rng } from '../util/rng.js';

/** Element type a conformance case runs in. */
export type DType = 'float32' | 'float64';

/** `plain`: exactly sized arrays of their own; `offset`: views into bigger guarded buffers. */
export type Layout = 'plain' | 'offset';

/** A value no backend would plausibly write by accident (exact in float32). */
const SENTINEL = -7777.25;

/** The typed arrays an arena makes: the float arrays of a call, and Int32Array indices (max pooling's argmax). */
type TrackedArray = FloatArray | Int32Array;

interface Tracked {
  name: string;
  view: TrackedArray;
  buffer: TrackedArray;
  /** Element offset of the view inside the buffer. */
  start: number;
  /** Elements the op may write (0 for inputs). */
  writable: number;
  /** Copy of the whole buffer at creation (for inputs) or of its guards (for outputs). */
  before: TrackedArray;
}

export class Arena {
  private readonly tracked: Tracked[] = [];
  private counter = 0;

  constructor(
    readonly dtype: DType,
    readonly layout: Layout,
    readonly rng: Rng,
  ) {}

  /** A fresh array of this arena's type. */
  alloc(n: number): FloatArray {
    return this.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  }

  private make(name: string, n: number, fill: (i: number) => number, writable: boolean): FloatArray {
    return this.track(name, n, fill, writable, (len) => this.alloc(len));
  }

  private track<T extends TrackedArray>(name: string, n: number, fill: (i: number) => number, writable: boolean, alloc: (n: number) => T): T {
    let buffer: T;
    let start = 0;
    let viewLen = n;
    if (this.layout === 'offset') {
      // Odd offsets (1, 3, 5 or 7 elements) defeat any accidental alignment assumption.
      start = 1 + 2 * this.rng.int(4);
      const slack = 1 + this.rng.int(5);
      const after = 2 + this.rng.int(3);
      viewLen = n + slack;
      buffer = alloc(start + viewLen + after);
      buffer.fill(SENTINEL);
    } else {
      buffer = alloc(n);
    }
    const view = (this.layout === 'offset' ? buffer.subarray(start, start + viewLen) : buffer) as T;
    for (let i = 0; i < n; i++) view[i] = fill(i);
    this.tracked.push({
      name: name || `array#${this.counter++}`,
      view,
      buffer,
      start,
      writable: writable ? n : 0,
      before: buffer.slice(),
    });
    return view;
  }

  /** An input holding fill(i); the backend must not change any of it. */
  input(name: string, n: number, fill: (i: number) => number): FloatArray {
    return this.make(name, n, fill, false);
  }

  /** An input of uniform random values in [lo, hi). */
  uniform(name: string, n: number, lo = -1, hi = 1): FloatArray {
    return this.make(name, n, () => this.rng.uniform(lo, hi), false);
  }

  /** An array the backend writes in its first n elements (initially fill(i), NaN by default). */
  output(name: string, n: number, fill: (i: number) => number = () => Number.NaN): FloatArray {
    return this.make(name, n, fill, true);
  }

  /** An output that starts with uniform random values (read-modify-write arrays, in-place ops). */
  uniformOutput(name: string, n: number, lo = -1, hi = 1): FloatArray {
    return this.make(name, n, () => this.rng.uniform(lo, hi), true);
  }

  /** An Int32Array input holding fill(i) (indices such as max pooling's argmax); it must not change. */
  intInput(name: string, n: number, fill: (i: number) => number): Int32Array {
    return this.track(name, n, fill, false, (len) => new Int32Array(len));
  }

  /** An Int32Array the backend writes in its first n elements (initially −1). */
  intOutput(name: string, n: number): Int32Array {
    return this.track(name, n, () => -1, true, (len) => new Int32Array(len));
  }

  /** Throws if any input changed or any output was written outside its first n elements. */
  verifyUntouched(): void {
    const problems: string[] = [];
    for (const t of this.tracked) {
      const { buffer, before, start, writable } = t;
      for (let i = 0; i < buffer.length; i++) {
        if (writable > 0 && i >= start && i < start + writable) continue;
        if (!Object.is(buffer[i], before[i])) {
          const where = i < start ? `guard cell ${i - start}` : i >= start + t.view.length ? `guard cell +${i - start - t.view.length}` : `element ${i - start}`;
          const role = writable > 0 ? 'output, outside the elements it may write' : 'input, must not change';
          problems.push(`${t.name} (${role}): ${where} changed from ${before[i]} to ${buffer[i]}`);
          break;
        }
      }
    }
    if (problems.length > 0) throw new Error(`backend wrote where it must not:\n  ${problems.join('\n  ')}`);
  }
}

/** A copy of the first n elements as float64 numbers (the reference's view of an array). */
export function snapshot(x: ArrayLike<number>, n = x.length): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i]!;
  return out;
}
