/**
 * A pool worker (a Web Worker, or a worker_thread under Node): instantiates the kernels on the
 * shared memory it is sent, moves its stack to the one allocated for it, says it is ready, and
 * serves parallel sections until the page or process ends (bp_worker_main never returns). If a
 * task traps, the worker leaves the pool, so that the op in flight fails with an error instead of
 * waiting for it, and reports the trap.
 */
export interface WorkerStart {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly stackTop: number;
  readonly slot: number;
}

export type WorkerReport = { readonly ready: number } | { readonly trapped: number; readonly message: string };

function serve(start: WorkerStart, post: (report: WorkerReport) => void): void {
  const instance = new WebAssembly.Instance(start.module, { env: { memory: start.memory } });
  const exports = instance.exports as Record<string, (...args: number[]) => number>;
  exports['bp_set_stack_pointer']!(start.stackTop);
  post({ ready: start.slot });
  try {
    exports['bp_worker_main']!(start.slot);
  } catch (error) {
    exports['bp_worker_trapped']!();
    post({ trapped: start.slot, message: error instanceof Error ? error.message : String(error) });
  }
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
if (isNode) {
  const name = 'node:worker_threads';
  const { parentPort } = (await import(/* @vite-ignore */ name)) as typeof import('node:worker_threads');
  parentPort?.once('message', (start: WorkerStart) => serve(start, (report) => parentPort.postMessage(report)));
} else {
  const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<WorkerStart>) => void) | null; postMessage(report: WorkerReport): void };
  scope.onmessage = (event) => {
    scope.onmessage = null;
    serve(event.data, (report) => scope.postMessage(report));
  };
}
