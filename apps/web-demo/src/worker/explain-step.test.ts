import { gradcheck, Model, type ModelSpec } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { explainStep } from './explain-step.js';

const spec: ModelSpec = {
  inputSize: 2,
  layers: [
    { type: 'dense', units: 3, activation: 'tanh' },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ],
  loss: 'binary-cross-entropy',
};

describe('explainStep', () => {
  it('shows core\'s gradcheck-verified gradients, δ as ∂L/∂b, and the SGD update w − η·∂L/∂w', async () => {
    const model = Model.create(spec, { seed: 7 });
    const x = Float32Array.of(0.5, -1.25);
    const y = Float32Array.of(1);
    const step = await explainStep(model, x, y, { lr: 0.1 });
    const check = gradcheck(spec, { x: Float64Array.from(x), y: Float64Array.from(y), n: 1 }, { seed: 7 });
    expect(check.maxRelativeError).toBeLessThan(1e-6);
    const ref = Model.create(spec, { seed: 7, dtype: 'float64' });
    ref.lossAndGradients(Float64Array.from(x), Float64Array.from(y), 1, false, false);
    const grads = ref.parameters().map((p) => Array.from(p.grad));
    step.layers.forEach((l, i) => {
      Array.from(l.kernelGrad).forEach((g, j) => expect(g).toBeCloseTo(grads[2 * i]![j]!, 6));
      Array.from(l.delta).forEach((g, j) => expect(g).toBeCloseTo(grads[2 * i + 1]![j]!, 6));
      Array.from(l.kernelAfter).forEach((w, j) => expect(w).toBeCloseTo(l.kernel[j]! - 0.1 * l.kernelGrad[j]!, 6));
      Array.from(l.biasAfter).forEach((b, j) => expect(b).toBeCloseTo(l.bias[j]! - 0.1 * l.delta[j]!, 6));
    });
    // Fused sigmoid + binary cross-entropy: the output error is p − y.
    const out = step.layers[1]!;
    expect(out.delta[0]).toBeCloseTo(out.output[0]! - 1, 6);
    // The trained model itself is left as it was.
    expect(model.getWeights()[0]).toEqual(Model.create(spec, { seed: 7 }).getWeights()[0]);
  });

  it('applies core\'s L2 weight decay to kernels only, and says so in the step', async () => {
    const model = Model.create(spec, { seed: 7 });
    const step = await explainStep(model, Float32Array.of(0.5, -1.25), Float32Array.of(0), { lr: 0.1, weightDecay: 0.01 });
    expect(step.weightDecay).toBe(0.01);
    expect(step.l1).toBe(0);
    const first = step.layers[0]!;
    Array.from(first.kernelAfter).forEach((w, j) => expect(w).toBeCloseTo(first.kernel[j]! - 0.1 * (first.kernelGrad[j]! + 0.01 * first.kernel[j]!), 9));
    Array.from(first.biasAfter).forEach((b, j) => expect(b).toBeCloseTo(first.bias[j]! - 0.1 * first.delta[j]!, 9));
  });
});
