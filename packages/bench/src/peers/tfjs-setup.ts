/**
 * Loads TensorFlow.js with the CPU or WebAssembly backend. The wasm backend reads its .wasm
 * binary from node_modules (no network). TF.js's console banner about tfjs-node is silenced:
 * that package cannot be installed here (its install script downloads libtensorflow).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export type TfBackend = 'cpu' | 'wasm';

export async function loadTf(backend: TfBackend): Promise<typeof tf> {
  const log = console.log;
  const warn = console.warn;
  console.log = (): void => undefined;
  console.warn = (): void => undefined;
  try {
    if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend '${backend}' failed to initialise`);
    await tf.ready();
    tf.env().set('PROD', true);
  } finally {
    console.log = log;
    console.warn = warn;
  }
  return tf;
}
