/**
 * The page's side of the worker: starts it as a module worker, forwards its messages to
 * listeners, and turns request/reply messages into promises.
 */
import type { FromWorker, ToWorker } from './protocol.js';

type Listener = (msg: FromWorker) => void;
type Request = ToWorker & { readonly id: number };
/** A request message without its id (the client numbers requests). */
export type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class TrainerClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'backprop-trainer' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.dispatch(event.data);
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(`worker error: ${event.message || 'failed to start'}`);
    };
    this.worker.onmessageerror = () => this.fail('worker error: a message from the trainer could not be read');
  }

  /**
   * A failure outside any request's reply (the worker failed to start or threw): every
   * listener hears it, and every request still waiting is rejected with it, since no reply
   * will come (a Load or Save button would otherwise wait forever, showing nothing).
   */
  private fail(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    this.dispatch({ type: 'error', message });
  }

  private dispatch(msg: FromWorker): void {
    if (msg.type === 'reply') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.error));
      return;
    }
    for (const l of this.listeners) l(msg);
  }

  /** Subscribe to streamed messages (snapshots, progress, errors); returns the unsubscribe function. */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(msg: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(msg, transfer);
  }

  /** Send a request and wait for its reply. */
  request<T>(body: RequestBody, transfer: Transferable[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id } as ToWorker, transfer);
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('worker terminated'));
    this.pending.clear();
  }
}
