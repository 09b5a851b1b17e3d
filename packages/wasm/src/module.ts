/**
 * Loading the compiled kernels: fetch or read the `.wasm`, instantiate it on a memory this side
 * creates, and (where shared memory is allowed) start the pool workers that GEMM and the
 * parallel loops run on. Runs in Node and in browsers (a page or a worker); Node's modules are
 * imported only when running under Node, so a bundler never has to resolve them.
 */
import { startWorkers, workerProblems } from './workers.js';

/** The module's exports this package calls (the ops are looked up by name, `bp_<op>`). */
export interface KernelExports {
  readonly __wasm_call_ctors: () => void;
  readonly bp_set_stack_pointer: (top: number) => void;
  readonly bp_stack_pointer: () => number;
  readonly bp_malloc: (bytes: number) => number;
  readonly bp_free: (address: number) => void;
  readonly bp_set_threads: (threads: number) => number;
  readonly bp_threads: () => number;
  readonly bp_worker_main: (slot: number) => void;
  readonly [name: string]: unknown;
}

/** A ready instance: its exports, its memory, and how many threads it may use. */
export interface KernelInstance {
  readonly exports: KernelExports;
  readonly memory: WebAssembly.Memory;
  /** The value of the stack pointer between calls (restored after a trap, which leaves it lowered). */
  readonly stackTop: number;
  /** Threads the kernels may use, the caller included (1 without shared memory). */
  readonly threads: number;
  /** Why there is one thread only, when more were asked for; empty otherwise. */
  readonly singleThreadReason: string;
  /** Whether the module uses relaxed SIMD (GEMM's multiply-adds fused). */
  readonly relaxedSimd: boolean;
}

export interface LoadOptions {
  /** Threads to use, the caller included (default: the CPUs there are; 1 where memory cannot be shared). */
  readonly threads?: number;
  /** Use the relaxed-SIMD modules (default: when this engine validates relaxed SIMD; false forces plain SIMD128). */
  readonly relaxedSimd?: boolean;
}

/** The command that builds the modules, quoted in load errors. */
export const BUILD_COMMAND = 'pnpm --filter @backprop/wasm build';

/** 64 KiB pages: the memory starts small and grows; 2 GiB at most (the modules are linked with that maximum). */
const INITIAL_PAGES = 64;
const MAXIMUM_PAGES = 32768;

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** A Node built-in, imported only under Node; the name is a variable so bundlers leave it alone. */
async function nodeModule<T>(name: string): Promise<T> {
  return (await import(/* @vite-ignore */ name)) as T;
}

async function readBytes(url: URL): Promise<BufferSource> {
  if (url.protocol === 'file:') {
    const fs = await nodeModule<typeof import('node:fs/promises')>('node:fs/promises');
    try {
      return await fs.readFile(url);
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      const why = code === 'ENOENT' ? 'is missing' : `cannot be read (${(cause as Error).message})`;
      throw new Error(`the WebAssembly kernels are not built (${decodeURI(url.pathname)} ${why}); build them with: ${BUILD_COMMAND}`, {
        cause,
      });
    }
  }
  // A network failure rejects with only 'Failed to fetch' in browsers: name what was fetched.
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new Error(`the WebAssembly kernels could not be fetched from ${url.href} (${(cause as Error).message})`, { cause });
  }
  if (!response.ok) throw new Error(`the WebAssembly kernels could not be fetched from ${url.href} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

/** Whether this environment lets a WebAssembly.Memory be shared with workers, and why not. */
function sharedMemoryBlocker(): string {
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is unavailable here';
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (isolated === false) return 'the page is not cross-origin isolated (COOP/COEP headers)';
  return '';
}

/** CPUs to use by default: Node's available parallelism, or the browser's hardwareConcurrency. */
async function defaultThreads(): Promise<number> {
  if (isNode) {
    const os = await nodeModule<typeof import('node:os')>('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}

/**
 * The smallest module using a relaxed-SIMD instruction (f32x4.relaxed_madd on three zero vectors):
 * an engine that validates it runs the relaxed modules. Chromium does; Node 20 only with
 * --experimental-wasm-relaxed-simd.
 */
const RELAXED_PROBE = (() => {
  const zero = new Array<number>(16).fill(0);
  const body = [0x00, ...[0, 1, 2].flatMap(() => [0xfd, 0x0c, ...zero]), 0xfd, 0x85, 0x02, 0x0b];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00, 0x0a, body.length + 2, 0x01, body.length, ...body]);
})();

/** Whether this engine runs relaxed SIMD. */
export function relaxedSimdSupported(): boolean {
  try {
    return WebAssembly.validate(RELAXED_PROBE);
  } catch {
    return false;
  }
}

/** The module for a thread mode and SIMD flavour (each URL written out, so that bundlers see every asset). */
function moduleUrl(threaded: boolean, relaxed: boolean): URL {
  if (relaxed) {
    return threaded ? new URL('./backprop-threads-relaxed.wasm', import.meta.url) : new URL('./backprop-relaxed.wasm', import.meta.url);
  }
  return threaded ? new URL('./backprop-threads.wasm', import.meta.url) : new URL('./backprop.wasm', import.meta.url);
}

function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}

/**
 * Loads the kernels: the threaded module on shared memory when more than one thread is asked for
 * and shared memory is allowed, else the single-thread module. Rejects with an Error that says
 * what failed (not built, not fetched, no WebAssembly SIMD) and what to do.
 */
export async function loadKernels(options: LoadOptions = {}): Promise<KernelInstance> {
  if (typeof WebAssembly !== 'object') throw new Error('this JavaScript engine has no WebAssembly');
  const wanted = options.threads ?? (await defaultThreads());
  const blocker = wanted > 1 ? sharedMemoryBlocker() : '';
  const threaded = wanted > 1 && blocker === '';
  const relaxedSimd = options.relaxedSimd ?? relaxedSimdSupported();
  const url = moduleUrl(threaded, relaxedSimd);
  const bytes = await readBytes(url);
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes);
  } catch (cause) {
    throw new Error(`the WebAssembly kernels did not compile here (${(cause as Error).message}); they need WebAssembly SIMD (Node 16.4+, Chrome 91+, Firefox 89+, Safari 16.4+)`, { cause });
  }
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: threaded });
  const exports = instantiate(module, memory);
  exports.__wasm_call_ctors();
  const stackTop = exports.bp_stack_pointer();
  let threads = 1;
  if (threaded) {
    const started = await startWorkers(module, memory, exports, wanted - 1);
    threads = exports.bp_set_threads(started + 1);
  }
  const singleThreadReason = wanted > 1 && threads === 1 ? blocker || workerProblems[0] || 'no pool worker could be started' : '';
  return { exports, memory, stackTop, threads, singleThreadReason, relaxedSimd };
}
