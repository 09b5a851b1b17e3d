import { describe, it } from 'vitest';
import { runBackendConformance } from '../../testing/index.js';
import { tsBackend } from './index.js';

// The TS backend accepts Float64Array, so the suite runs in float32 and float64.
runBackendConformance({ describe, it }, tsBackend);
