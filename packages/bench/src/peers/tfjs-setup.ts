/**
 * Loads TensorFlow.js with the CPU or WebAssembly backend. The wasm backend reads its .wasm
 * binary from node_modules (no network) and runs on one thread: under Node it finds no threaded
 * support anyway, and pinning it keeps one-thread comparisons (W1's wasm table) one thread a side.
 * TF.js's console banner about tfjs-node is silenced: that package cannot be installed here (its
 * install script downloads libtensorflow).
 */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

export type TfBackend = 'cpu' | 'wasm';

/** Runs `fn` with console.log/warn silenced (TF.js prints advice that is noise in a benchmark table). */
export async function quietly<T>(fn: () => T | Promise<T>): Promise<T> {
  const log = console.log;
  const warn = console.warn;
  console.log = (): void => undefined;
  console.warn = (): void => undefined;
  try {
    return await fn();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

export async function loadTf(backend: TfBackend): Promise<typeof tf> {
  await quietly(async () => {
    if (backend === 'wasm') setThreadsCount(1);
    if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend '${backend}' failed to initialise`);
    await tf.ready();
    tf.env().set('PROD', true);
  });
  return tf;
}
