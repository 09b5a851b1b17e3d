import type { EpochLog } from '@backprop/core';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatEpochLine, PlainProgress } from './plain-progress.js';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

const log = (epoch: number, epochs: number, extra: Partial<EpochLog> = {}): EpochLog => ({
  epoch,
  epochs,
  loss: 0.0712,
  accuracy: 0.981,
  lr: 0.1,
  seconds: 0.01,
  samplesPerSecond: 9500,
  ...extra,
});

describe('plain progress lines', () => {
  it('format an epoch as the README shows', () => {
    expect(formatEpochLine(log(100, 1000))).toBe('epoch 100/1000 | loss 0.0712 | train acc 0.981 | 9.5k samples/s');
    expect(formatEpochLine(log(3, 10, { valLoss: 0.08, valAccuracy: 0.9 }))).toBe(
      'epoch 3/10 | loss 0.0712 | train acc 0.981 | val loss 0.0800 | val acc 0.900 | 9.5k samples/s',
    );
  });

  it('print the first epoch, every tenth of the run and the last', () => {
    const out = sink();
    let t = 0;
    const progress = new PlainProgress(out.stream, 10, () => t);
    progress.start({ epochs: 1000, startEpoch: 0, samples: 105 });
    for (let e = 1; e <= 1000; e++) progress.epoch(log(e, 1000));
    const epochs = out.text().trim().split('\n').map((l) => Number(/^epoch (\d+)\//.exec(l)![1]));
    expect(epochs).toEqual([1, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });

  it('print at least every minSeconds on slow runs', () => {
    const out = sink();
    let t = 0;
    const progress = new PlainProgress(out.stream, 10, () => t);
    progress.start({ epochs: 100, startEpoch: 0, samples: 10 });
    for (let e = 1; e <= 15; e++) {
      t += 4;
      progress.epoch(log(e, 100));
    }
    const epochs = out.text().trim().split('\n').map((l) => Number(/^epoch (\d+)\//.exec(l)![1]));
    expect(epochs).toEqual([1, 4, 7, 10, 13]);
  });
});
