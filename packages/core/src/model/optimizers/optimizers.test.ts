import { describe, expect, it } from 'vitest';
import { tsBackend } from '../../backend/ts/index.js';
import type { Param } from '../layers/layer.js';
import { createOptimizer, resolveOptimizerConfig } from './index.js';
import type { OptimizerConfig } from '../types.js';

/** A kernel w = [1, −2] with grad [0.5, 0.25], and a bias b = [1] with grad [0.5] (no decay). */
function params(): Param[] {
  return [
    { name: 'kernel', shape: [2], value: Float64Array.of(1, -2), grad: Float64Array.of(0.5, 0.25) },
    { name: 'bias', shape: [1], value: Float64Array.of(1), grad: Float64Array.of(0.5), decay: false },
  ];
}

function run(config: OptimizerConfig, steps: number): number[][] {
  const ps = params();
  const opt = createOptimizer(resolveOptimizerConfig(config), tsBackend, ps, 'float64');
  for (let s = 0; s < steps; s++) opt.step(ps, config.lr);
  return ps.map((p) => Array.from(p.value));
}

describe('optimizers against hand-computed steps', () => {
  it('sgd: w ← w − lr·g', () => {
    expect(run({ name: 'sgd', lr: 0.1 }, 1)).toEqual([[0.95, -2.025], [0.95]]);
  });

  it('sgd with L2 weight decay on kernels only: g ← g + wd·w', () => {
    const [k, b] = run({ name: 'sgd', lr: 0.1, weightDecay: 0.1 }, 1);
    expect(k![0]).toBeCloseTo(1 - 0.1 * (0.5 + 0.1 * 1), 15);
    expect(k![1]).toBeCloseTo(-2 - 0.1 * (0.25 + 0.1 * -2), 15);
    expect(b![0]).toBeCloseTo(0.95, 15);
  });

  it('momentum (μ 0.9 default): v1 = g, v2 = μ·v1 + g', () => {
    const [k] = run({ name: 'momentum', lr: 0.1 }, 2);
    // step 1: w = 1 − 0.1·0.5 = 0.95; step 2: v = 0.9·0.5 + 0.5 = 0.95, w = 0.95 − 0.095.
    expect(k![0]).toBeCloseTo(0.855, 15);
  });

  it('nesterov: w ← w − lr·(g + μ·v)', () => {
    const [k] = run({ name: 'nesterov', lr: 0.1 }, 1);
    expect(k![0]).toBeCloseTo(1 - 0.1 * (0.5 + 0.9 * 0.5), 15);
  });

  it('adam: the first step moves each weight by ≈ lr·sign(g)', () => {
    const [k, b] = run({ name: 'adam', lr: 0.1 }, 1);
    // m̂ = g, v̂ = g² ⇒ Δ = lr·g/(|g| + ε).
    expect(k![0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-8), 12);
    expect(k![1]).toBeCloseTo(-2 - (0.1 * 0.25) / (0.25 + 1e-8), 12);
    expect(b![0]).toBeCloseTo(0.9, 7);
  });

  it('adam, two steps, against the formula', () => {
    const [k] = run({ name: 'adam', lr: 0.01, beta1: 0.5, beta2: 0.75 }, 2);
    let w = 1;
    let m = 0;
    let v = 0;
    for (let t = 1; t <= 2; t++) {
      m = 0.5 * m + 0.5 * 0.5;
      v = 0.75 * v + 0.25 * 0.25;
      w -= (0.01 * (m / (1 - 0.5 ** t))) / (Math.sqrt(v / (1 - 0.75 ** t)) + 1e-8);
    }
    expect(k![0]).toBeCloseTo(w, 14);
  });

  it('adamw: decoupled decay w ← w − lr·wd·w before the Adam step (default wd 0.01)', () => {
    const [k, b] = run({ name: 'adamw', lr: 0.1, weightDecay: 0.1 }, 1);
    expect(k![0]).toBeCloseTo(1 - 0.1 * 0.1 * 1 - 0.1, 7);
    expect(b![0]).toBeCloseTo(0.9, 7);
    expect(resolveOptimizerConfig({ name: 'adamw', lr: 1 }).weightDecay).toBe(0.01);
  });

  it('state round trip continues identically', () => {
    const config = resolveOptimizerConfig({ name: 'adam', lr: 0.1 });
    const a = params();
    const oa = createOptimizer(config, tsBackend, a, 'float64');
    oa.step(a, 0.1);
    const b = params();
    b.forEach((p, i) => p.value.set(a[i]!.value));
    const ob = createOptimizer(config, tsBackend, b, 'float64');
    ob.setState(oa.getState());
    oa.step(a, 0.1);
    ob.step(b, 0.1);
    expect(b.map((p) => Array.from(p.value))).toEqual(a.map((p) => Array.from(p.value)));
    expect(() => ob.setState({ ...oa.getState(), name: 'sgd' })).toThrow(/state is for 'sgd', not 'adam'/);
  });
});
