// A loss that explodes while staying finite is told once through onWarning, with the divergence
// error's advice; normal runs (each built-in set at its defaults) are never told anything.
import { describe, expect, it } from 'vitest';
import { DivergenceError, LossExplosionWarning, train } from '../index.js';

describe('train: exploding loss', () => {
  it('Adam at lr 1e6 on Iris: one warning naming the learning rate, training goes on', async () => {
    const warnings: LossExplosionWarning[] = [];
    const run = await train({ epochs: 50, optimizer: { name: 'adam', lr: 1e6 }, backend: 'ts' }, { onWarning: (w) => warnings.push(w) });
    expect(run.history.epochs).toHaveLength(50);
    expect(warnings).toHaveLength(1);
    const [w] = warnings;
    expect(w!.epoch).toBe(1);
    expect(w!.loss).toBe(run.history.epochs[0]!.loss);
    expect(w!.loss).toBeGreaterThan(100 * w!.initialLoss);
    expect(w!.keys).toEqual(['optimizer.lr', 'normalize', 'clipNorm']);
    expect(w!.format((k) => `--${k}`)).toMatch(/^the loss is exploding: .* at epoch 1, over 100 times its value before training \(.*\)\. Try a lower learning rate \(--optimizer\.lr; it was 1000000\)/);
  });

  it.each([
    ['iris', {}],
    ['xor', {}],
    ['sine', { epochs: 3 }],
    ['iris', { optimizer: { name: 'adam' as const } }],
  ])('%s at its defaults %j: no warning', async (data, extra) => {
    const warnings: LossExplosionWarning[] = [];
    await train({ data, backend: 'ts', ...extra }, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
  });

  it('applies() compares with the first batch, never below a floor of 0.01', () => {
    expect(LossExplosionWarning.applies(101, 1)).toBe(true);
    expect(LossExplosionWarning.applies(99, 1)).toBe(false);
    expect(LossExplosionWarning.applies(0.5, 1e-6)).toBe(false);
    expect(LossExplosionWarning.applies(1.01, 1e-6)).toBe(true);
    expect(LossExplosionWarning.applies(Infinity, 1)).toBe(false);
  });
});

describe('train: divergence with a large weight decay', () => {
  it('names the weight decay beside the learning rate', async () => {
    const error = await train({ epochs: 50, optimizer: { name: 'sgd', lr: 0.1, weightDecay: 1e6 }, backend: 'ts' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DivergenceError);
    expect((error as DivergenceError).keys).toEqual(['optimizer.lr', 'optimizer.weightDecay', 'normalize', 'clipNorm']);
    expect((error as DivergenceError).message).toMatch(/a much smaller weight decay \(optimizer\.weightDecay; it was 1000000\)/);
  });

  it('does not name a usual weight decay', async () => {
    const error = await train({ epochs: 5, optimizer: { name: 'sgd', lr: 1e9, weightDecay: 1e-4 }, backend: 'ts' }).catch((e: unknown) => e);
    expect((error as DivergenceError).keys).toEqual(['optimizer.lr', 'normalize', 'clipNorm']);
  });
});
