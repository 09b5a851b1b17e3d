import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrainerClient } from './client.js';
import type { FromWorker } from './protocol.js';

/** Stands in for the browser's Worker: records what the page posts and lets a test fire events. */
class FakeWorker {
  static last: FakeWorker | null = null;
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly posted: unknown[] = [];
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(msg: unknown): void {
    this.posted.push(msg);
  }
  terminate(): void {}
}

const realWorker = (globalThis as { Worker?: unknown }).Worker;
beforeEach(() => {
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
});
afterEach(() => {
  (globalThis as { Worker?: unknown }).Worker = realWorker;
});

describe('TrainerClient', () => {
  it('answers requests from their replies', async () => {
    const client = new TrainerClient();
    const worker = FakeWorker.last!;
    const answer = client.request<number>({ type: 'save' });
    const id = (worker.posted[0] as { id: number }).id;
    worker.onmessage!({ data: { type: 'reply', id, ok: true, value: 42 } });
    await expect(answer).resolves.toBe(42);
    const refused = client.request({ type: 'first-layer' });
    const id2 = (worker.posted[1] as { id: number }).id;
    worker.onmessage!({ data: { type: 'reply', id: id2, ok: false, error: 'no model yet' } });
    await expect(refused).rejects.toThrow('no model yet');
  });

  it('a worker error rejects every waiting request and reaches the listeners', async () => {
    const client = new TrainerClient();
    const worker = FakeWorker.last!;
    const heard: FromWorker[] = [];
    client.on((msg) => heard.push(msg));
    const load = client.request({ type: 'load', bytes: new Uint8Array(4) });
    const save = client.request({ type: 'save' });
    worker.onerror!({ message: 'out of memory', preventDefault() {} });
    await expect(load).rejects.toThrow('worker error: out of memory');
    await expect(save).rejects.toThrow('worker error: out of memory');
    expect(heard).toEqual([{ type: 'error', message: 'worker error: out of memory' }]);
    worker.onmessageerror!();
    expect(heard[1]).toEqual({ type: 'error', message: 'worker error: a message from the trainer could not be read' });
  });
});
