import { describe, it } from 'vitest';
import { runRecurrentBackendChecks } from '@backprop/core/testing';
import { loadNativeBackend } from './index.js';

// Issue 6 asks the recurrent checks to pass on both backends: the same backend-parameterised
// checks the TS backend runs (RNN/LSTM/GRU forward and BPTT, full and truncated, against the
// float64 TS reference; the Almeida–Pineda relaxations), plus the sine and XOR learning tests.
runRecurrentBackendChecks({ describe, it }, loadNativeBackend(), { learning: true });
