/** Seeded models and rows for the ONNX tests. */
import { Model } from '../../../model/model.js';
import type { LayerSpec, ModelSpec } from '../../../model/types.js';
import { Rng } from '../../../util/rng.js';

/** A model whose every parameter (biases and batchnorm statistics included) is seeded noise. */
export function randomModel(spec: ModelSpec, seed = 7): Model {
  const model = Model.create(spec, { seed });
  const rng = new Rng(seed + 1);
  model.setWeights(
    model.parameters().map((p) =>
      Float32Array.from(p.value, (v) => (p.name === 'runningVar' ? 0.5 + rng.next() : p.name === 'runningMean' ? rng.next() - 0.5 : v + 0.2 * (rng.next() - 0.5))),
    ),
  );
  return model;
}

/** n values uniform in offset ± scale. */
export function randomRows(n: number, seed: number, scale = 2, offset = 0): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => offset + scale * (rng.next() - 0.5) * 2);
}

/** The largest |a − b| over the two arrays (which must be as long). */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

/**
 * A LeNet-style CNN on [2, 10, 10] images: conv2d (padding, stride, dilation), batchnorm, max and
 * average pooling (padded), then flatten, `tail` and a softmax dense head.
 */
export function lenetLike(secondConv: Record<string, unknown>, tail: LayerSpec[] = []): ModelSpec {
  return {
    inputSize: 2 * 10 * 10,
    inputShape: [2, 10, 10],
    layers: [
      { type: 'conv2d', filters: 4, kernelSize: 3, padding: 1, activation: 'relu' },
      { type: 'batchnorm' },
      { type: 'maxpool2d', kernelSize: 2 },
      { type: 'conv2d', filters: 3, kernelSize: [3, 2], stride: [1, 2], dilation: [2, 1], padding: [2, 1], ...secondConv } as LayerSpec,
      { type: 'avgpool2d', kernelSize: 3, stride: 2, padding: 1 },
      { type: 'flatten' },
      ...tail,
      { type: 'dense', units: 5, activation: 'softmax' },
    ],
    loss: 'cross-entropy',
  };
}
