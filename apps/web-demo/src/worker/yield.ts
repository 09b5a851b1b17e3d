/**
 * Yield to the worker's event loop so that queued messages (pause, new hyper-parameters) are
 * handled between epochs. A MessageChannel round trip is not clamped to 4 ms like nested
 * setTimeout calls, so short epochs still run back to back.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
