/** The backend-parameterised recurrent checks, run on the TS backend in float32 (the native backend runs the same). */
import { describe, it } from 'vitest';
import { tsBackend } from '../backend/index.js';
import { runRecurrentBackendChecks } from './recurrent-checks.js';

runRecurrentBackendChecks({ describe, it }, tsBackend, { learning: false });
