/**
 * Shared by the file-format fuzz tests (model files, fixed-point JSON): JSON paths to mutate, and
 * a trap on huge typed-array allocations, so that "a few-kB file claiming gigabytes is refused
 * before that memory is asked for" is something a test can fail.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Elements: far more than any model in the fuzzed files holds (a few hundred values). */
export const ALLOC_LIMIT = 1 << 22;
/** Marker in the error the trap throws; tests look for it in whatever error reaches them. */
export const HUGE = 'fuzz: huge allocation';

/** Replaces Float32Array/Float64Array with versions that throw beyond ALLOC_LIMIT elements; returns the undo. */
export function trapHugeTypedArrays(): () => void {
  const originals = { Float32Array: globalThis.Float32Array, Float64Array: globalThis.Float64Array };
  const trap = <T extends object>(ctor: T): T =>
    new Proxy(ctor, {
      construct(target, args, newTarget) {
        if (typeof args[0] === 'number' && args[0] > ALLOC_LIMIT) throw new Error(`${HUGE} of ${args[0]} elements`);
        return Reflect.construct(target as unknown as new (...a: unknown[]) => object, args, newTarget) as object;
      },
    });
  globalThis.Float32Array = trap(originals.Float32Array);
  globalThis.Float64Array = trap(originals.Float64Array);
  return () => {
    globalThis.Float32Array = originals.Float32Array;
    globalThis.Float64Array = originals.Float64Array;
  };
}

/** Every path to a value inside a JSON document (the root's is []). */
export function jsonPaths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((c, i) => jsonPaths(c, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) jsonPaths(v[k] as Json, [...at, k], out);
  return out;
}

/** A copy with the value at `path` replaced (`undefined`: removed). Values may be non-JSON (NaN). */
export function setAt(root: Json, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}
