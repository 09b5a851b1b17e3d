import { describe, it } from 'vitest';
import { runBackendConformance } from '@backprop/core/testing';
import { createWasmBackend } from '../dist/index.js';

// Runs the built package (dist/: the .wasm modules and the worker script live there).
// The suite every backend passes, unchanged, on the single-thread module and on the threaded one
// with two threads (pool workers on shared memory). Float32 only: info.float64 is false, which
// also checks that every op rejects Float64Array with a TypeError.
runBackendConformance({ describe, it }, await createWasmBackend({ threads: 1 }), { label: 'wasm, 1 thread' });
runBackendConformance({ describe, it }, await createWasmBackend({ threads: 2 }), { label: 'wasm, 2 threads' });
