import { describe, expect, it } from 'vitest';
import '../../recurrent/register.js';
import { Rng } from '../../util/rng.js';
import { gradcheck } from '../gradcheck.js';
import type { LayerSpec, ModelSpec } from '../types.js';

/** Inputs N(0,1), one-hot targets over `classes`. */
function data(rows: number, inputSize: number, classes: number, seed = 3): { x: Float64Array; y: Float64Array; n: number } {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: rows * inputSize }, () => rng.normal());
  const y = new Float64Array(rows * classes);
  for (let i = 0; i < rows; i++) y[i * classes + rng.int(classes)] = 1;
  return { x, y, n: rows };
}

/** A classifier over [C, H, W] rows: the given layers, then dense 3 + softmax + cross-entropy. */
function imageModel(shape: [number, number, number], layers: LayerSpec[]): ModelSpec {
  return {
    inputSize: shape[0] * shape[1] * shape[2],
    inputShape: shape,
    layers: [...layers, { type: 'dense', units: 3, activation: 'softmax' }],
    loss: 'cross-entropy',
  };
}

const LIMIT = 1e-6;

describe('gradcheck of the image and normalisation layers (float64 five-point differences, ts backend)', () => {
  const cases: { name: string; shape: [number, number, number]; layers: LayerSpec[]; training?: boolean }[] = [
    { name: 'conv2d 3×3, tanh', shape: [2, 5, 6], layers: [{ type: 'conv2d', filters: 3, kernelSize: 3, activation: 'tanh' }] },
    {
      name: 'conv2d stride 2, padding 1, dilation 2, non-square kernel, gelu',
      shape: [2, 7, 6],
      layers: [{ type: 'conv2d', filters: 2, kernelSize: [3, 2], stride: 2, padding: 1, dilation: [2, 1], activation: 'gelu' }],
    },
    { name: "conv2d padding 'same', no bias, sigmoid", shape: [1, 5, 5], layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same', useBias: false, activation: 'sigmoid' }] },
    { name: 'conv2d → conv2d, elu', shape: [1, 6, 6], layers: [{ type: 'conv2d', filters: 3, kernelSize: 2, activation: 'elu' }, { type: 'conv2d', filters: 2, kernelSize: 3, stride: [1, 2], activation: 'elu' }] },
    // Receptive fields over 32 values go through im2col + GEMM, the others through the direct ops.
    { name: 'conv2d through im2col (4×3×3 field), stride 2, padding 1, tanh', shape: [4, 6, 7], layers: [{ type: 'conv2d', filters: 3, kernelSize: 3, stride: 2, padding: 1, activation: 'tanh' }] },
    {
      name: 'conv2d through im2col (3×4×3 field), dilation [1, 2], no bias → conv2d direct',
      shape: [3, 7, 8],
      layers: [{ type: 'conv2d', filters: 2, kernelSize: [4, 3], dilation: [1, 2], useBias: false, activation: 'silu' }, { type: 'conv2d', filters: 2, kernelSize: 2, activation: 'tanh' }],
    },
    { name: 'conv2d → maxpool2d 2', shape: [1, 6, 6], layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, padding: 1, activation: 'tanh' }, { type: 'maxpool2d', kernelSize: 2 }] },
    { name: 'maxpool2d 3 stride 2 padding 1', shape: [2, 7, 5], layers: [{ type: 'maxpool2d', kernelSize: 3, stride: 2, padding: 1 }] },
    { name: 'conv2d → avgpool2d [2, 3] padding [1, 1]', shape: [1, 6, 7], layers: [{ type: 'conv2d', filters: 2, kernelSize: 2, activation: 'silu' }, { type: 'avgpool2d', kernelSize: [2, 3], padding: [1, 1] }] },
    { name: 'conv2d → globalavgpool2d', shape: [2, 4, 5], layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, activation: 'softplus' }, { type: 'globalavgpool2d' }] },
    { name: 'flatten and reshape', shape: [1, 4, 6], layers: [{ type: 'reshape', shape: [2, 3, 4] }, { type: 'conv2d', filters: 2, kernelSize: 2, activation: 'tanh' }, { type: 'flatten' }] },
    { name: 'conv2d → batchnorm (training: batch statistics)', shape: [2, 4, 4], training: true, layers: [{ type: 'conv2d', filters: 3, kernelSize: 3, activation: 'tanh' }, { type: 'batchnorm' }] },
    { name: 'conv2d → batchnorm (inference: running statistics)', shape: [2, 4, 4], layers: [{ type: 'conv2d', filters: 3, kernelSize: 3, activation: 'tanh' }, { type: 'batchnorm' }] },
    { name: 'dense → batchnorm → tanh dense (training)', shape: [1, 2, 3], training: true, layers: [{ type: 'dense', units: 5 }, { type: 'batchnorm', eps: 1e-3 }, { type: 'dense', units: 4, activation: 'tanh' }] },
    { name: 'dense → layernorm (training)', shape: [1, 2, 3], training: true, layers: [{ type: 'dense', units: 5 }, { type: 'layernorm' }] },
    { name: 'conv2d → layernorm over [C, H, W]', shape: [1, 4, 4], layers: [{ type: 'conv2d', filters: 2, kernelSize: 2, activation: 'mish' }, { type: 'layernorm' }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const spec = imageModel(c.shape, c.layers);
      // Max pooling is piecewise: a stencil reaching ±2ε may move a window's maximum to another
      // pixel (a wrong "gradient" of 1e-1 with ε = 1e-3 on some data); ε = 1e-5 stays on one piece.
      const max = c.layers.some((l) => l.type === 'maxpool2d');
      const r = gradcheck(spec, data(4, spec.inputSize, 3), { ...(c.training ? { training: true } : {}), ...(max ? { epsilon: 1e-5 } : {}) });
      expect(r.parameters.length).toBeGreaterThan(0);
      for (const p of r.parameters) expect(p.maxRelativeError, p.name).toBeLessThan(LIMIT);
    });
  }

  it('embedding → lstm: the table gradient (ids are not differentiable)', () => {
    const rows = 3;
    const seqLen = 4;
    const rng = new Rng(9);
    const x = Float64Array.from({ length: rows * seqLen }, () => rng.int(6));
    const y = Float64Array.from({ length: rows * 2 }, () => rng.normal());
    const spec: ModelSpec = {
      inputSize: seqLen,
      layers: [{ type: 'embedding', vocabSize: 6, dim: 3 }, { type: 'lstm', units: 4, features: 3 }, { type: 'dense', units: 2 }],
      loss: 'mse',
    };
    const r = gradcheck(spec, { x, y, n: rows }, { checkInput: false });
    expect(r.parameters[0]?.name).toBe('embedding_1.weight');
    for (const p of r.parameters) expect(p.maxRelativeError, p.name).toBeLessThan(LIMIT);
  });
});
