/**
 * The backend registry: backends by name and priority, loaded on request (`getBackend`) or at
 * registration (`eager`), and the synchronous default that models use when they are given no
 * backend.
 *
 * The default is the highest-priority registered backend that has loaded. The TS backend is
 * registered here (priority 0, always loaded), so the default is `ts` until a package such as
 * `@backprop/node-native` registers an eager backend above it and that backend loads, as
 * importing tfjs-node switches TensorFlow.js. A backend that fails to load never becomes the
 * default: the default (like `auto`) falls through to the next one and says so once.
 */
import type { Backend } from './backend.js';
import { tsBackend } from './ts/index.js';

/**
 * A backend factory registered under a name. `load` may throw (a native addon that is
 * not built): `auto` then falls through to the next backend by priority.
 */
export interface BackendRegistration {
  /** The name `getBackend` takes, e.g. 'native'. Registering a name again replaces it. */
  readonly name: string;
  /** Higher wins under `auto` and for the default backend. The TS backend has priority 0. */
  readonly priority: number;
  /** Create (or return the shared) backend; may throw or reject when it cannot load. */
  load(): Backend | Promise<Backend>;
  /**
   * Load at registration instead of on first request (a synchronous `load` loads before
   * `registerBackend` returns), so that the backend is the default from the next line on if
   * its priority is the highest. A failure is kept and reported as for a lazy backend.
   * Default false.
   */
  readonly eager?: boolean;
}

/** A backend name for `getBackend`: a registered name, or `'auto'` for the best that loads. */
export type BackendName = 'auto' | 'ts' | 'native' | (string & {});

const registrations = new Map<string, BackendRegistration>();
const loaded = new Map<string, Backend>();
const pending = new Map<string, Promise<Backend>>();
const failures = new Map<string, Error>();
let warnedFallback = false;
let warn: (message: string) => void = (message) => {
  console.warn(message);
};

const asError = (cause: unknown): Error => (cause instanceof Error ? cause : new Error(String(cause)));
const isThenable = (value: unknown): value is PromiseLike<Backend> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** Run `registration.load()` and record the outcome while `registration` is still the one registered. */
function startLoad(registration: BackendRegistration): Backend | Promise<Backend> {
  const { name } = registration;
  const current = () => registrations.get(name) === registration;
  const fail = (cause: unknown): never => {
    const error = asError(cause);
    if (current()) failures.set(name, error);
    throw error;
  };
  let result: Backend | PromiseLike<Backend>;
  try {
    result = registration.load();
  } catch (cause) {
    return fail(cause);
  }
  if (!isThenable(result)) {
    loaded.set(name, result);
    return result;
  }
  const promise = Promise.resolve(result).then(
    (backend) => {
      if (current()) loaded.set(name, backend);
      return backend;
    },
    fail,
  ).finally(() => {
    if (pending.get(name) === promise) pending.delete(name);
  });
  pending.set(name, promise);
  return promise;
}

/**
 * Register (or replace) a backend. Packages that provide a backend call this when imported.
 * @param registration its name, priority, loader and whether to load it now
 */
export function registerBackend(registration: BackendRegistration): void {
  registrations.set(registration.name, registration);
  loaded.delete(registration.name);
  pending.delete(registration.name);
  failures.delete(registration.name);
  if (registration.eager) {
    try {
      const result = startLoad(registration);
      // Kept in `failures` for getBackend and the default; no unhandled rejection here.
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // Recorded in `failures` by startLoad.
    }
  }
}

/** Names of the registered backends, highest priority first. */
export function listBackends(): string[] {
  return [...registrations.values()].sort((a, b) => b.priority - a.priority).map((r) => r.name);
}

/**
 * Send the one-time fallback warning (a backend failed to load, so `auto` or the default used
 * the next one) to `handler` instead of `console.warn`.
 * @param handler receives the warning's text
 */
export function setBackendWarningHandler(handler: (message: string) => void): void {
  warn = handler;
}

/**
 * Why a registered backend failed to load, if it did (e.g. the native addon is not built).
 * @param name a registered backend name
 * @returns the load error, or undefined when the backend loaded, was not tried yet, or is unknown
 */
export function backendLoadError(name: string): Error | undefined {
  return failures.get(name);
}

function warnFallback(chosen: Backend, skipped: readonly string[]): void {
  if (skipped.length > 0 && !warnedFallback) {
    warnedFallback = true;
    warn(`backprop: using the '${chosen.info.name}' backend because ${skipped.join('; ')}`);
  }
}

async function loadOne(name: string): Promise<Backend> {
  const cached = loaded.get(name);
  if (cached) return cached;
  const failure = failures.get(name);
  if (failure) throw failure;
  const inFlight = pending.get(name);
  if (inFlight) return inFlight;
  const registration = registrations.get(name);
  if (!registration) {
    const known = listBackends().join(', ');
    throw new Error(
      name === 'native'
        ? `backend 'native' is not registered: import '@backprop/node-native' first (registered: ${known})`
        : `unknown backend '${name}' (registered: ${known}, or 'auto')`,
    );
  }
  return startLoad(registration);
}

/**
 * The backend called `name`, or under `'auto'` the highest-priority registered backend
 * that loads. `auto` never throws for a failing backend: it falls through to the next and
 * says so once (what failed). A backend that loads here becomes the default backend if no
 * loaded backend has a higher priority.
 * @param name a registered backend name, or `'auto'` (the default)
 * @throws the backend's load error when a backend asked for by name fails to load; an Error
 *   naming the registered backends when `name` is not one of them
 */
export async function getBackend(name: BackendName = 'auto'): Promise<Backend> {
  if (name !== 'auto') return loadOne(name);
  const skipped: string[] = [];
  for (const candidate of listBackends()) {
    try {
      const backend = await loadOne(candidate);
      warnFallback(backend, skipped);
      return backend;
    } catch (error) {
      skipped.push(`'${candidate}' failed to load: ${(error as Error).message}`);
    }
  }
  throw new Error(`no backend could be loaded: ${skipped.join('; ')}`);
}

/**
 * The backend a model runs on when it is given none (`Model.create`, `deserializeModel`,
 * `loadModel`): the highest-priority registered backend that has loaded, so `native` once
 * `@backprop/node-native` is imported and its addon loads, else `ts`. Backends that failed to
 * load are passed over with the same one-time warning as `auto`.
 * @param dtype the element type the model will use: for 'float64' only backends that accept
 *   Float64Array qualify (the TS backend does). Default 'float32'.
 */
export function defaultBackend(dtype: 'float32' | 'float64' = 'float32'): Backend {
  const skipped: string[] = [];
  for (const name of listBackends()) {
    const backend = loaded.get(name);
    if (backend && (dtype === 'float32' || backend.info.float64)) {
      warnFallback(backend, skipped);
      return backend;
    }
    const failure = failures.get(name);
    if (failure) skipped.push(`'${name}' failed to load: ${failure.message}`);
  }
  // Only when 'ts' itself was replaced by a registration that has not loaded (yet).
  warnFallback(tsBackend, skipped);
  return tsBackend;
}

registerBackend({ name: 'ts', priority: 0, load: () => tsBackend, eager: true });
