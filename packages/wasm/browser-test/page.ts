/**
 * The page the browser test opens: core's conformance suite and the fuzz cases of the native
 * binding, run in Chromium against the wasm backend with the given thread count and SIMD flavour. A minimal
 * describe/it collects the cases (the suites take any such API); `window.runSuites` runs them
 * and answers counts and the first failures.
 */
import { runBackendConformance, runBackendFuzz, type ConformanceTestApi } from '@backprop/core/testing';
import { createWasmBackend, relaxedSimdSupported } from '@backprop/wasm';

interface Case {
  readonly name: string;
  readonly fn: () => unknown;
}

export interface SuiteReport {
  readonly description: string;
  readonly relaxedSimdSupported: boolean;
  readonly crossOriginIsolated: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
}

async function runSuites(threads: number, relaxedSimd: boolean): Promise<SuiteReport> {
  const cases: Case[] = [];
  const path: string[] = [];
  const api: ConformanceTestApi = {
    describe(name, fn) {
      path.push(name);
      try {
        fn();
      } finally {
        path.pop();
      }
    },
    it(name, fn) {
      cases.push({ name: [...path, name].join(' > '), fn });
    },
  };
  const backend = await createWasmBackend({ threads, relaxedSimd });
  runBackendConformance(api, backend);
  runBackendFuzz(api, backend);
  let passed = 0;
  const failures: string[] = [];
  for (const c of cases) {
    try {
      await c.fn();
      passed++;
    } catch (error) {
      failures.push(`${c.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { description: backend.info.description, relaxedSimdSupported: relaxedSimdSupported(), crossOriginIsolated, passed, failed: failures.length, failures: failures.slice(0, 20) };
}

(globalThis as unknown as { runSuites: typeof runSuites }).runSuites = runSuites;
document.getElementById('status')!.textContent = 'ready';
