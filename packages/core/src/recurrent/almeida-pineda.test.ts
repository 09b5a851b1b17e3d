/**
 * Almeida–Pineda: the adjoint-relaxation gradient against central differences of the relaxed
 * network's loss (float64, tight tolerances), the convergence error, save/load, and learning
 * XOR and pattern completion.
 */
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../backend/index.js';
import { patternCompletion } from '../data/sequences/pattern-completion.js';
import { xorDataset } from '../data/sequences/xor.js';
import { Rng } from '../util/rng.js';
import { maxFdError } from './__tests__/gradcheck-helpers.js';
import { AlmeidaPinedaNetwork, RelaxationError } from './almeida-pineda.js';
import { evaluateFixedPoint, fitFixedPoint } from './almeida-pineda-fit.js';
import { fixedPointFromJSON, fixedPointToJSON } from './almeida-pineda-io.js';

describe('Almeida–Pineda gradient', () => {
  it.each(['sigmoid', 'tanh'] as const)('matches finite differences of the relaxed network (%s)', (activation) => {
    const net = new AlmeidaPinedaNetwork(tsBackend, {
      inputs: 3,
      hidden: 4,
      outputs: 2,
      activation,
      dtype: 'float64',
      tolerance: 1e-14,
      maxIterations: 5000,
      initScale: activation === 'sigmoid' ? 2.5 : 0.9,
      seed: 7,
    });
    const rng = new Rng(3);
    for (let i = 0; i < net.bias.value.length; i++) net.bias.value[i] = rng.uniform(-0.5, 0.5);
    const P = 5;
    const x = new Float64Array(P * 3).map(() => rng.uniform(-1, 1));
    const t = new Float64Array(P * 2).map(() => rng.uniform(0.1, 0.9));
    const g = net.gradient(x, t, P);
    // The relaxation took real iterations: the recurrent weights matter.
    expect(g.forwardIterations).toBeGreaterThan(5);
    const grads = net.params().map((p) => Float64Array.from(p.grad));
    net.params().forEach((p, i) => {
      const err = maxFdError(p.value, grads[i], () => net.loss(x, t, P), 1e-5);
      expect(err, p.name).toBeLessThan(1e-5);
    });
  });

  it('throws a RelaxationError naming the change when there is no stable fixed point', () => {
    const net = new AlmeidaPinedaNetwork(tsBackend, { inputs: 1, hidden: 0, outputs: 2, activation: 'tanh', maxIterations: 50 });
    // x ← tanh(W x) with W a strong rotation-and-flip: oscillates instead of settling.
    net.recurrentKernel.value.set([0, -3, 3, 0]);
    net.inputKernel.value.set([1, 0]);
    expect(() => net.relax(new Float32Array([1]), 1)).toThrow(RelaxationError);
    expect(() => net.relax(new Float32Array([1]), 1)).toThrow(/forward relaxation did not converge in 50 iterations/);
  });

  it('stops at once with an error naming NaN inputs or weights instead of sweeping maxIterations times', () => {
    const net = new AlmeidaPinedaNetwork(tsBackend, { inputs: 2, hidden: 2, outputs: 1, seed: 5 });
    const caught = (f: () => unknown): RelaxationError => {
      try {
        f();
      } catch (e) {
        return e as RelaxationError;
      }
      throw new Error('expected a RelaxationError');
    };
    const bad = caught(() => net.relax(new Float32Array([0.5, Number.NaN]), 1));
    expect(bad).toBeInstanceOf(RelaxationError);
    expect(bad.phase).toBe('forward');
    expect(bad.iterations).toBe(1);
    expect(bad.message).toMatch(/forward relaxation gave non-finite values .* an input or weight is NaN or infinite/);
    const adj = caught(() => net.gradient(new Float32Array([0.5, 1]), new Float32Array([Number.NaN]), 1));
    expect(adj.phase).toBe('adjoint');
    expect(adj.iterations).toBe(1);
    net.recurrentKernel.value[0] = Number.POSITIVE_INFINITY;
    expect(caught(() => net.relax(new Float32Array([0.5, 1]), 1)).iterations).toBeLessThan(3);
    // No patterns is a usage error, not a NaN state.
    expect(() => net.relax(new Float32Array(0), 0)).toThrow(/rows \(patterns\) must be a positive integer, got 0/);
  });

  it("evaluateFixedPoint's mse is the model's MSE: the mean over every output value (3 outputs)", () => {
    const net = new AlmeidaPinedaNetwork(tsBackend, { inputs: 2, hidden: 2, outputs: 3, seed: 4 });
    const rng = new Rng(8);
    const n = 5;
    const data = {
      x: new Float32Array(n * 2).map(() => rng.uniform(-1, 1)),
      y: new Float32Array(n * 3).map(() => rng.uniform(0.1, 0.9)),
      n,
      inputSize: 2,
      outputSize: 3,
    };
    const out = net.predict(data.x, n);
    let sq = 0;
    for (let i = 0; i < n * 3; i++) sq += (out[i] - data.y[i]) ** 2;
    const score = evaluateFixedPoint(net, data);
    expect(score.loss).toBeCloseTo((0.5 * sq) / n, 6);
    expect(score.mse).toBeCloseTo(sq / (n * 3), 6);
  });

  it('saves and loads, and refuses unknown versions', () => {
    const net = new AlmeidaPinedaNetwork(tsBackend, { inputs: 2, hidden: 2, outputs: 1, seed: 5 });
    const json = JSON.parse(JSON.stringify(fixedPointToJSON(net))) as unknown;
    const back = fixedPointFromJSON(json, tsBackend);
    const x = new Float32Array([0, 1, 1, 1]);
    expect(Array.from(back.predict(x, 2))).toEqual(Array.from(net.predict(x, 2)));
    expect(() => fixedPointFromJSON({ ...(json as object), version: 99 }, tsBackend)).toThrow(/version 99 is not supported/);
    expect(() => fixedPointFromJSON({ ...(json as object), weights: { bias: [1] } }, tsBackend)).toThrow(/inputKernel must be 6/);
  });
});

describe('Almeida–Pineda learning', () => {
  it('refuses bad training options with an error naming the option', () => {
    const net = new AlmeidaPinedaNetwork(tsBackend, { inputs: 2, hidden: 3, outputs: 1, seed: 1 });
    const data = xorDataset();
    expect(() => fitFixedPoint(net, data, { epochs: 1, lr: 0.5, momentum: 1 })).toThrow(/momentum must be in \[0, 1\), got 1/);
    expect(() => fitFixedPoint(net, data, { epochs: 1, lr: 0.5, batchSize: -2 })).toThrow(/batchSize must be a non-negative integer .* got -2/);
    expect(() => fitFixedPoint(net, data, { epochs: 1, lr: 0.5, weightDecay: Number.NaN })).toThrow(/weightDecay must be a finite number ≥ 0, got NaN/);
    expect(() => fitFixedPoint(net, data, { epochs: 1, lr: Number.POSITIVE_INFINITY })).toThrow(/lr must be a finite number > 0, got Infinity/);
  });

  it('learns XOR', () => {
    const data = xorDataset();
    const net = new AlmeidaPinedaNetwork(tsBackend, { inputs: 2, hidden: 3, outputs: 1, seed: 1 });
    const history = fitFixedPoint(net, data, { epochs: 3000, lr: 0.5, momentum: 0.9, targetLoss: 0.005 });
    const out = net.predict(data.x, 4);
    const last = history.epochs[history.epochs.length - 1];
    expect(last.loss).toBeLessThan(0.01);
    for (let i = 0; i < 4; i++) expect(Math.abs(out[i] - data.y[i])).toBeLessThan(0.2);
    const score = evaluateFixedPoint(net, data);
    expect(score.accuracy).toBe(1);
    expect(score.mse).toBeCloseTo(2 * score.loss, 12);
    let sq = 0;
    for (let i = 0; i < 4; i++) sq += (out[i] - data.y[i]) ** 2;
    expect(score.mse).toBeCloseTo(sq / 4, 6);
  });

  it('completes erased bits of stored patterns (associative memory)', () => {
    const data = patternCompletion({ patterns: 4, width: 8, erase: 2, seed: 3 });
    const net = new AlmeidaPinedaNetwork(tsBackend, { inputs: 8, hidden: 8, outputs: 8, seed: 2 });
    fitFixedPoint(net, data, { epochs: 600, lr: 0.5, momentum: 0.9, batchSize: 16, targetLoss: 0.01 });
    const out = net.predict(data.x, data.n);
    let wrongBits = 0;
    let erasedWrong = 0;
    for (let i = 0; i < data.n * 8; i++) {
      const bit = out[i] > 0.5 ? 1 : 0;
      if (bit !== data.y[i]) {
        wrongBits++;
        if (data.x[i] === 0.5) erasedWrong++;
      }
    }
    // Every erased bit restored (the memory part), and no known bit corrupted.
    expect(erasedWrong).toBe(0);
    expect(wrongBits).toBe(0);
  });
});
