/**
 * exportOnnx: a backprop Model as an ONNX model (opset 17) that computes what `predict` computes
 * on the same raw rows, with the model file's stored preprocessing in front.
 *
 * Graph: input `input` [batch, inputSize] float32 → preprocessing (x − shift)·mult → one group of
 * nodes per layer → output `output` [batch, outputSize]. backprop rows are flat; image layers
 * (conv2d, pooling, batchnorm after a conv) need NCHW, so the exporter tracks the shape the
 * current ONNX tensor has per row and inserts a Reshape to [N, C, H, W] or a Flatten to [N, D]
 * only where the next op needs the other one. flatten and reshape layers change no values, so
 * they emit nothing of their own; dropout is the identity at inference.
 *
 * The output layer's activation is written as the layer declares it: with a fused loss head the
 * layer emits logits and predict applies softmax/sigmoid to them, which is the same function.
 */
import type { Layer, Param } from '../../model/layers/layer.js';
import type { Model } from '../../model/model.js';
import type { ModelMetadata } from '../../model/serialize.js';
import type { BatchNormSpec, Conv2dSpec, LayerNormSpec, Pool2dSpec } from '../../model/types.js';
import { size2d } from '../../model/layers/image-geometry.js';
import { encodeModel } from './onnx-proto.js';
import { OnnxGraphBuilder } from './graph-builder.js';
import { emitActivation } from './activations.js';
import { emitPreprocess } from './preprocess.js';
import { emitRecurrent, RECURRENT_TYPES } from './recurrent.js';

/** The ONNX opset written (LayerNormalization needs 17). */
export const ONNX_OPSET = 17;
/** The IR version of ONNX 1.12, the release that introduced opset 17. */
export const ONNX_IR_VERSION = 8;

/**
 * Writes the model as an ONNX ModelProto (opset 17) whose graph takes the raw rows `backprop
 * predict` takes — the stored preprocessing (`metadata.preprocess`: standardize, minmax or scale)
 * runs first — and returns what `model.predict` returns. Input `input` is [batch, inputSize]
 * float32, output `output` is [batch, outputSize]. Supported layers: dense, dropout, conv2d,
 * maxpool2d, avgpool2d, globalavgpool2d, flatten, reshape, batchnorm, layernorm, rnn, lstm, gru and
 * time-distributed-dense,
 * with every element-wise activation and softmax. Runs in browsers (no Node built-ins).
 * @param model the model to export (its current weights; batchnorm's running statistics)
 * @param metadata the model file's metadata: `preprocess` goes in front of the graph, class and
 *   feature names go into the ONNX model's metadata_props
 * @returns the bytes of a .onnx file
 * @throws naming the layer, for a layer type ONNX export does not support (embedding, fixed-point,
 *   a layer of your own), and for a `preprocess` entry it cannot read
 */
export function exportOnnx(model: Model, metadata?: ModelMetadata): Uint8Array {
  const g = new OnnxGraphBuilder('input', [model.inputSize]);
  if (metadata?.preprocess !== undefined && metadata.preprocess !== null) emitPreprocess(g, metadata.preprocess, model.inputSize);
  let shape: readonly number[] = model.spec.inputShape ?? [model.inputSize];
  model.layers.forEach((layer, index) => {
    emitLayer(g, layer, index, shape);
    shape = layer.outputShape ?? [layer.outputSize];
  });
  g.toFlat();
  const output = g.finish('output');
  const meta: [string, string][] = [];
  if (metadata?.classNames) meta.push(['classNames', JSON.stringify(metadata.classNames)]);
  if (metadata?.featureNames) meta.push(['featureNames', JSON.stringify(metadata.featureNames)]);
  return encodeModel({
    irVersion: ONNX_IR_VERSION,
    opset: ONNX_OPSET,
    producerName: 'backprop',
    producerVersion: '0.1.0',
    metadata: meta,
    graph: {
      name: 'backprop',
      nodes: g.nodes,
      initializers: g.initializers,
      inputs: [{ name: 'input', dims: ['batch', model.inputSize] }],
      outputs: [{ name: output, dims: ['batch', model.outputSize] }],
    },
  });
}

/** The layer's parameter called `name` (a missing one is a bug in the layer, not in the input). */
function param(layer: Layer, name: string, index: number): Param {
  const p = layer.params().find((q) => q.name === name);
  if (!p) throw new Error(`exportOnnx: layer ${index + 1} (${layer.type}) has no parameter '${name}'`);
  return p;
}

/** alpha as the layer resolved it (leaky-relu's slope, elu's α); absent for other activations. */
function alphaOf(layer: Layer): number | undefined {
  const a = (layer.toSpec() as { alpha?: unknown }).alpha;
  return typeof a === 'number' ? a : undefined;
}

/** ε of a batchnorm or layernorm layer, as its resolved spec holds it. */
function epsOf(layer: Layer): number {
  return (layer.toSpec() as BatchNormSpec | LayerNormSpec).eps ?? 1e-5;
}

function emitLayer(g: OnnxGraphBuilder, layer: Layer, index: number, inShape: readonly number[]): void {
  const name = `${layer.type}_${index + 1}`;
  const where = `layer ${index + 1} (${layer.type})`;
  switch (layer.type) {
    case 'dense': {
      g.toFlat();
      const kernel = param(layer, 'kernel', index);
      const bias = layer.params().find((p) => p.name === 'bias');
      const inputs = [g.current, g.constant(`${name}.kernel`, kernel.shape, kernel.value)];
      if (bias) inputs.push(g.constant(`${name}.bias`, bias.shape, bias.value));
      g.apply('Gemm', name, inputs, [], [layer.outputSize]);
      emitActivation(g, layer.activation ?? 'linear', alphaOf(layer), name);
      return;
    }
    case 'time-distributed-dense': {
      // Rows [N, T·F] as [N, T, F]: MatMul applies the kernel [F, U] to every step.
      const kernel = param(layer, 'kernel', index);
      const [f, units] = kernel.shape as [number, number];
      const steps = layer.inputSize / f;
      g.toImage([steps, f]);
      g.apply('MatMul', name, [g.current, g.constant(`${name}.kernel`, kernel.shape, kernel.value)], [], [steps, units]);
      const bias = layer.params().find((p) => p.name === 'bias');
      if (bias) g.apply('Add', name, [g.current, g.constant(`${name}.bias`, bias.shape, bias.value)]);
      emitActivation(g, layer.activation ?? 'linear', alphaOf(layer), name);
      return;
    }
    case 'fixed-point':
      throw new Error(
        `exportOnnx: ${where} cannot be exported to ONNX: its output is the fixed point of an iteration run until it converges, which no fixed ONNX graph computes`,
      );
    case 'dropout':
    case 'flatten':
    case 'reshape':
      return;
    case 'conv2d': {
      g.toImage(inShape);
      const spec = layer.toSpec() as Conv2dSpec;
      const kernel = param(layer, 'kernel', index);
      const [kh, kw] = [kernel.shape[2] as number, kernel.shape[3] as number];
      const stride = size2d(spec.stride, 'stride', where, [1, 1]);
      const dilation = size2d(spec.dilation, 'dilation', where, [1, 1]);
      const pad =
        spec.padding === 'same'
          ? [(dilation[0] * (kh - 1)) / 2, (dilation[1] * (kw - 1)) / 2]
          : spec.padding === 'valid'
            ? [0, 0]
            : size2d(spec.padding, 'padding', where, [0, 0], 0);
      const bias = layer.params().find((p) => p.name === 'bias');
      const inputs = [g.current, g.constant(`${name}.kernel`, kernel.shape, kernel.value)];
      if (bias) inputs.push(g.constant(`${name}.bias`, bias.shape, bias.value));
      g.apply(
        'Conv',
        name,
        inputs,
        [
          { name: 'kernel_shape', ints: [kh, kw] },
          { name: 'strides', ints: stride },
          { name: 'dilations', ints: dilation },
          { name: 'pads', ints: [pad[0] as number, pad[1] as number, pad[0] as number, pad[1] as number] },
        ],
        layer.outputShape as readonly number[],
      );
      emitActivation(g, layer.activation ?? 'linear', alphaOf(layer), name);
      return;
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      g.toImage(inShape);
      const spec = layer.toSpec() as Pool2dSpec;
      const kernel = size2d(spec.kernelSize, 'kernelSize', where, [1, 1]);
      const stride = size2d(spec.stride, 'stride', where, kernel);
      const pad = size2d(spec.padding, 'padding', where, [0, 0], 0);
      const attributes = [
        { name: 'kernel_shape', ints: kernel },
        { name: 'strides', ints: stride },
        { name: 'pads', ints: [pad[0], pad[1], pad[0], pad[1]] },
        ...(layer.type === 'avgpool2d' ? [{ name: 'count_include_pad', i: 1 }] : []),
      ];
      g.apply(layer.type === 'maxpool2d' ? 'MaxPool' : 'AveragePool', name, [g.current], attributes, layer.outputShape as readonly number[]);
      return;
    }
    case 'globalavgpool2d':
      g.toImage(inShape);
      g.apply('GlobalAveragePool', name, [g.current], [], [inShape[0] as number, 1, 1]);
      g.toFlat();
      return;
    case 'batchnorm': {
      if (inShape.length === 3) g.toImage(inShape);
      else g.toFlat();
      const eps = epsOf(layer);
      const inputs = [g.current, ...['weight', 'bias', 'runningMean', 'runningVar'].map((p) => {
        const q = param(layer, p, index);
        return g.constant(`${name}.${p}`, q.shape, q.value);
      })];
      g.apply('BatchNormalization', name, inputs, [{ name: 'epsilon', f: eps }], g.shape);
      return;
    }
    case 'layernorm': {
      g.toFlat();
      const eps = epsOf(layer);
      const weight = param(layer, 'weight', index);
      const bias = param(layer, 'bias', index);
      const d = layer.outputSize;
      g.apply(
        'LayerNormalization',
        name,
        [g.current, g.constant(`${name}.weight`, [d], weight.value), g.constant(`${name}.bias`, [d], bias.value)],
        [
          { name: 'axis', i: -1 },
          { name: 'epsilon', f: eps },
        ],
        [d],
      );
      return;
    }
    default:
      if (RECURRENT_TYPES.includes(layer.type)) {
        emitRecurrent(g, layer, index);
        return;
      }
      throw new Error(
        `exportOnnx: ${where} cannot be exported to ONNX (supported: dense, dropout, conv2d, maxpool2d, avgpool2d, globalavgpool2d, flatten, reshape, batchnorm, layernorm, time-distributed-dense, ${RECURRENT_TYPES.join(', ')})`,
      );
  }
}
