import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FloatArray } from '@backprop/core';

/**
 * The raw N-API functions of `backprop.node`. Each validates its arguments (count, types —
 * Float32Array only: a Float64Array is typed as accepted here but rejected at run time —, sizes, lengths, overlaps) and throws a TypeError or RangeError that
 * names the argument; none of them can crash the process.
 */
export interface NativeAddon {
  info(): { isa: string; threads: number; cpus: number; isas: string[] };
  configure(threads: number, isa: string | null): void;
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: FloatArray,
    b: FloatArray,
    beta: number,
    c: FloatArray,
  ): void;
  addRowVector(rows: number, cols: number, x: FloatArray, v: FloatArray): void;
  sumRows(rows: number, cols: number, x: FloatArray, beta: number, out: FloatArray): void;
  activation(kind: string, n: number, x: FloatArray, y: FloatArray, alpha: number): void;
  activationBackward(kind: string, n: number, y: FloatArray, dy: FloatArray, dx: FloatArray, alpha: number): void;
  softmax(rows: number, cols: number, x: FloatArray, y: FloatArray): void;
  softmaxBackward(rows: number, cols: number, y: FloatArray, dy: FloatArray, dx: FloatArray): void;
  softmaxCrossEntropy(
    rows: number,
    cols: number,
    logits: FloatArray,
    targets: FloatArray,
    gradScale: number,
    grad: FloatArray,
  ): number;
  mse(n: number, pred: FloatArray, target: FloatArray, gradScale: number, grad: FloatArray): number;
  sigmoidBinaryCrossEntropy(n: number, logits: FloatArray, targets: FloatArray, gradScale: number, grad: FloatArray): number;
  add(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void;
  sub(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void;
  mul(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void;
  mulAdd(n: number, a: FloatArray, b: FloatArray, c: FloatArray): void;
  axpy(n: number, alpha: number, x: FloatArray, y: FloatArray): void;
  scale(n: number, alpha: number, x: FloatArray): void;
  sumSquares(n: number, x: FloatArray): number;
  l1Gradient(n: number, lambda: number, w: FloatArray, g: FloatArray): void;
  sgdStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    velocity: FloatArray | null,
    lr: number,
    momentum: number,
    nesterov: boolean,
    weightDecay: number,
  ): void;
  adamStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    m: FloatArray,
    v: FloatArray,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    decoupled: boolean,
    step: number,
  ): void;
}

/** The command that builds the addon, quoted in every load error. */
export const BUILD_COMMAND = 'pnpm --filter @backprop/node-native build';

/** Where cmake-js puts the addon: <package>/build/Release/backprop.node. */
export function addonPath(): string {
  const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
  return join(packageRoot, 'build', 'Release', 'backprop.node');
}

let cached: NativeAddon | undefined;

/**
 * Loads `backprop.node` (Node cannot `import` a .node file from ESM, hence createRequire).
 * Throws an Error saying what failed and how to build the addon.
 */
export function loadAddon(): NativeAddon {
  cached ??= loadAddonFrom(addonPath());
  return cached;
}

/** Loads the addon at `path`; the errors name the path, the cause and the build command. */
export function loadAddonFrom(path: string): NativeAddon {
  if (!existsSync(path)) {
    throw new Error(`the native addon is not built (${path} is missing); build it with: ${BUILD_COMMAND}`);
  }
  try {
    return createRequire(import.meta.url)(path) as NativeAddon;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new Error(`the native addon ${path} failed to load (${reason}); rebuild it with: ${BUILD_COMMAND}`, { cause });
  }
}
