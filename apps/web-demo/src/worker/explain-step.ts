/**
 * One training step laid open for the backprop explainer. Every number comes from core: the
 * forward values from `Model.activations`, the gradients from `Model.lossAndGradients` (the
 * backward pass that `fit` runs), and the updated weights from a one-example `Model.fit` with
 * plain SGD. Nothing here does the arithmetic of backprop itself; it copies and arranges.
 *
 * The step runs on a float64 copy of the network (same weights), so that the gradients shown
 * are the double-precision ones that core's gradcheck verifies; the trained model is untouched.
 */
import { Model, type FitOptions } from '@backprop/core';
import type { ExplainLayer, ExplainStep } from './protocol.js';

/** A float64 copy of `model` holding the same weights. */
function float64Copy(model: Model): Model {
  const copy = Model.create(model.spec, { dtype: 'float64' });
  copy.setWeights(model.getWeights());
  return copy;
}

function denseParams(model: Model): { kernel: Float64Array; bias: Float64Array; kernelGrad: Float64Array; biasGrad: Float64Array }[] {
  return model.layers.map((layer, i) => {
    const params = layer.params();
    const kernel = params.find((p) => p.name === 'kernel');
    const bias = params.find((p) => p.name === 'bias');
    if (layer.type !== 'dense' || !kernel || !bias) throw new Error(`the explainer shows dense layers with biases; layer ${i + 1} is ${layer.type}`);
    return { kernel: Float64Array.from(kernel.value), bias: Float64Array.from(bias.value), kernelGrad: Float64Array.from(kernel.grad), biasGrad: Float64Array.from(bias.grad) };
  });
}

/**
 * Explain one SGD step of `model` on one example.
 * @param x the example's input row, as the network sees it (after any preprocessing)
 * @param y its target row
 * @param optimizer plain SGD's settings for the update (learning rate, weight decay, L1)
 */
export async function explainStep(model: Model, x: Float32Array, y: Float32Array, optimizer: { lr: number; weightDecay?: number; l1?: number }): Promise<ExplainStep> {
  const net = float64Copy(model);
  const activations = net.activations(x, 1);
  const pass = net.lossAndGradients(Float64Array.from(x), Float64Array.from(y), 1, false, false);
  const before = denseParams(net);
  const options: FitOptions = { epochs: 1, batchSize: 1, shuffle: false, optimizer: { name: 'sgd', lr: optimizer.lr, weightDecay: optimizer.weightDecay ?? 0, l1: optimizer.l1 ?? 0 } };
  await net.fit({ x, y, n: 1, inputSize: net.inputSize, outputSize: net.outputSize }, options);
  const after = denseParams(net);
  const layers: ExplainLayer[] = before.map((p, i) => {
    const layer = model.layers[i] as Model['layers'][number];
    return {
      inputSize: layer.inputSize,
      units: layer.outputSize,
      activation: layer.activation ?? 'linear',
      output: Float64Array.from((activations[i] as (typeof activations)[number]).data),
      kernel: p.kernel,
      bias: p.bias,
      kernelGrad: p.kernelGrad,
      delta: p.biasGrad,
      kernelAfter: (after[i] as (typeof after)[number]).kernel,
      biasAfter: (after[i] as (typeof after)[number]).bias,
    };
  });
  return {
    input: Float64Array.from(x),
    target: Float64Array.from(y),
    loss: pass.loss,
    lossName: model.spec.loss,
    lr: optimizer.lr,
    weightDecay: optimizer.weightDecay ?? 0,
    l1: optimizer.l1 ?? 0,
    layers,
  };
}
