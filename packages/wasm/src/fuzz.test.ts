import { describe, it } from 'vitest';
import { runBackendFuzz } from '@backprop/core/testing';
import { createWasmBackend } from '../dist/index.js';

// Runs the built package (dist/: the .wasm modules and the worker script live there). The fuzz
// suite the native addon passes: core's argument checks must refuse every bad call before a
// kernel runs, with the same error classes and messages, on one thread and on the pool's two.
runBackendFuzz({ describe, it }, await createWasmBackend({ threads: 1 }), { label: 'wasm, 1 thread' });
runBackendFuzz({ describe, it }, await createWasmBackend({ threads: 2 }), { label: 'wasm, 2 threads' });
