import type { Backend } from './backend.js';

/**
 * A backend factory registered under a name. `load` may throw (a native addon that is
 * not built): `auto` then falls through to the next backend by priority.
 */
export interface BackendRegistration {
  readonly name: string;
  /** Higher wins under `auto`. The TS backend has priority 0. */
  readonly priority: number;
  load(): Backend | Promise<Backend>;
}

export type BackendName = 'auto' | 'ts' | 'native' | (string & {});

const registrations = new Map<string, BackendRegistration>();
const loaded = new Map<string, Backend>();
const failures = new Map<string, Error>();
let warnedFallback = false;
let warn: (message: string) => void = (message) => {
  console.warn(message);
};

/** Register (or replace) a backend. Other packages call this on import. */
export function registerBackend(registration: BackendRegistration): void {
  registrations.set(registration.name, registration);
  loaded.delete(registration.name);
  failures.delete(registration.name);
}

/** Names of registered backends, highest priority first. */
export function listBackends(): string[] {
  return [...registrations.values()].sort((a, b) => b.priority - a.priority).map((r) => r.name);
}

/** Where the one-time fallback warning goes (default: console.warn). */
export function setBackendWarningHandler(handler: (message: string) => void): void {
  warn = handler;
}

/** Why a registered backend failed to load, if it did. */
export function backendLoadError(name: string): Error | undefined {
  return failures.get(name);
}

async function loadOne(name: string): Promise<Backend> {
  const cached = loaded.get(name);
  if (cached) return cached;
  const failure = failures.get(name);
  if (failure) throw failure;
  const registration = registrations.get(name);
  if (!registration) {
    const known = listBackends().join(', ');
    throw new Error(
      name === 'native'
        ? `backend 'native' is not registered: import '@backprop/node-native' first (registered: ${known})`
        : `unknown backend '${name}' (registered: ${known}, or 'auto')`,
    );
  }
  try {
    const backend = await registration.load();
    loaded.set(name, backend);
    return backend;
  } catch (cause) {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    failures.set(name, error);
    throw error;
  }
}

/**
 * The backend called `name`, or under `'auto'` the highest-priority registered backend
 * that loads. `auto` never throws for a failing backend: it falls through to the next and
 * says so once (what failed). Asking for a backend by name throws its load error.
 */
export async function getBackend(name: BackendName = 'auto'): Promise<Backend> {
  if (name !== 'auto') return loadOne(name);
  const skipped: string[] = [];
  for (const candidate of listBackends()) {
    try {
      const backend = await loadOne(candidate);
      if (skipped.length > 0 && !warnedFallback) {
        warnedFallback = true;
        warn(`backprop: using the '${backend.info.name}' backend because ${skipped.join('; ')}`);
      }
      return backend;
    } catch (error) {
      skipped.push(`'${candidate}' failed to load: ${(error as Error).message}`);
    }
  }
  throw new Error(`no backend could be loaded: ${skipped.join('; ')}`);
}
