import { describe, it } from 'vitest';
import { runBackendConformance } from '@backprop/core/testing';
import { loadNativeBackend } from './index.js';

// The same suite the TS backend passes, unchanged. Float32 only (info.float64 is false),
// which also checks that every op rejects Float64Array with a TypeError.
runBackendConformance({ describe, it }, loadNativeBackend());
