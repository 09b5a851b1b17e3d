/**
 * Starting the pool workers of the threaded module. Each gets the compiled module, the shared
 * memory and a stack of its own (allocated on the module's heap), and answers when it has
 * entered the pool; a worker that does not answer within the time limit is left out (the pool
 * runs with those that did). Under Node the workers are unref'd: they never keep a process alive.
 */
import type { KernelExports } from './module.js';
import type { WorkerReport, WorkerStart } from './worker.js';

/** Stack of each pool worker: the kernels' frames are small (a GEMM tile, a few pointers). */
const WORKER_STACK_BYTES = 256 * 1024;
/** How long a worker may take to start (instantiate the module and enter the pool). */
const START_TIMEOUT_MS = 10_000;

interface PoolWorker {
  postMessage(message: WorkerStart): void;
  onReport(listener: (report: WorkerReport) => void): void;
  onError(listener: (error: unknown) => void): void;
  terminate(): void;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

async function createWorker(): Promise<PoolWorker> {
  if (isNode) {
    const name = 'node:worker_threads';
    const { Worker } = (await import(/* @vite-ignore */ name)) as typeof import('node:worker_threads');
    // None of the process's execArgv: the worker script needs no loader or condition, `--input-type`
    // (of `node -e`) refuses a worker file, and V8 flags (process-wide anyway) are refused per worker.
    const worker = new Worker(new URL('./worker.js', import.meta.url), { execArgv: [] });
    return {
      postMessage: (message) => worker.postMessage(message),
      // unref after each listener: adding a listener refs the worker's port again.
      onReport: (listener) => worker.on('message', listener).unref(),
      onError: (listener) => worker.on('error', listener).unref(),
      terminate: () => void worker.terminate(),
    };
  }
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  return {
    postMessage: (message) => worker.postMessage(message),
    onReport: (listener) => worker.addEventListener('message', (event: MessageEvent<WorkerReport>) => listener(event.data)),
    onError: (listener) => worker.addEventListener('error', listener),
    terminate: () => worker.terminate(),
  };
}

/** Messages of workers that trapped after starting, for backend.info and errors. */
export const workerProblems: string[] = [];

async function startOne(module: WebAssembly.Module, memory: WebAssembly.Memory, exports: KernelExports, slot: number): Promise<boolean> {
  const stack = exports.bp_malloc(WORKER_STACK_BYTES);
  if (stack === 0) return false;
  let worker: PoolWorker;
  try {
    worker = await createWorker();
  } catch (error) {
    exports.bp_free(stack);
    workerProblems.push(`pool worker ${slot} could not be created: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      worker.terminate();
      resolve(false);
    }, START_TIMEOUT_MS);
    worker.onReport((report) => {
      if ('ready' in report) {
        clearTimeout(timer);
        resolve(true);
      } else {
        workerProblems.push(`pool worker ${report.trapped} trapped: ${report.message}`);
      }
    });
    worker.onError((error) => {
      clearTimeout(timer);
      workerProblems.push(`pool worker ${slot} failed to start: ${error instanceof Error ? error.message : String(error)}`);
      resolve(false);
    });
    // The stack grows down from its top; 16-byte aligned as the C ABI wants.
    worker.postMessage({ module, memory, stackTop: (stack + WORKER_STACK_BYTES) & ~15, slot });
  });
}

/** Starts up to `count` workers (slots 1..count) and resolves with how many entered the pool. */
export async function startWorkers(module: WebAssembly.Module, memory: WebAssembly.Memory, exports: KernelExports, count: number): Promise<number> {
  const started = await Promise.all(Array.from({ length: count }, (_, i) => startOne(module, memory, exports, i + 1)));
  return started.filter(Boolean).length;
}
