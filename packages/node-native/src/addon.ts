import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '@backprop/core';

/**
 * The raw N-API functions of `backprop.node`: every op of core's Backend with the same
 * signature (the op list is kept in one place), plus info() and configure(). Each validates
 * its arguments (count, types — Float32Array only: a Float64Array is typed as accepted but
 * rejected at run time; max pooling's argmax is an Int32Array —, sizes, window geometry,
 * lengths, overlaps, argmax and row-id ranges) and throws a TypeError or RangeError that names
 * the argument; none of them can crash the process.
 */
export interface NativeAddon extends Omit<Backend, 'info'> {
  /** What GEMM dispatches to now, the CPUs this process may use, and the ISAs this CPU runs. */
  info(): { isa: string; threads: number; cpus: number; isas: string[] };
  /** Sets GEMM's thread count (1–256) and ISA (null: the best supported), process-wide. */
  configure(threads: number, isa: string | null): void;
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
