/**
 * The shape of a row after each hidden layer of a feed-forward network, worked out from the
 * specs before anything is built: resolveConfig refuses a network whose shapes cannot work
 * (a 5×5 kernel on 4×4 images, a convolution after a dense layer, image layers on flat rows)
 * naming the `layers` entry at fault, and the memory estimate counts parameters and values.
 *
 * A window (convolution, pooling) maps an axis to windowOutputSize positions (the Backend's
 * rule, as PyTorch's).
 * Images are [channels, height, width]; dense layers read rows flat, so a flatten before one is
 * implied.
 */
import { windowOutputSize } from '../backend/backend.js';
import type { Conv2dSpec, LayerSpec, Pool2dSpec, Size2d } from '../model/types.js';
import { ConfigError } from '../util/config-error.js';
import { describeLayerEntry, layerSpecOf, type LayerEntry } from './layer-tokens.js';

/** The layers that read a row as an image [C, H, W]: the data must say its image shape. */
export const IMAGE_LAYER_TYPES: readonly string[] = ['conv2d', 'maxpool2d', 'avgpool2d', 'globalavgpool2d'];

/** The layer types `layers` may hold (the recurrent kinds are `model` kinds of their own). */
const FEED_FORWARD_TYPES = ['dense', 'dropout', 'flatten', 'reshape', 'batchnorm', 'layernorm', 'embedding', ...IMAGE_LAYER_TYPES];

/** One hidden layer's output and cost. */
export interface LayerShape {
  /** One output row's shape: [C, H, W] for images, [n] for flat rows. */
  readonly shape: readonly number[];
  /** Trainable values. */
  readonly parameters: number;
  /** Values per row the layer keeps for backward besides its output (a convolution's im2col patches). */
  readonly scratch: number;
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Each hidden layer's output shape, parameters and scratch values.
 * @param entries the checked `layers` entries
 * @param inputShape one input row: [C, H, W] for image data, else [inputSize]
 * @param dataName the data as errors name it
 * @throws ConfigError naming `layers` (and `data` for image layers on flat rows)
 */
export function layerShapes(entries: readonly LayerEntry[], inputShape: readonly number[], dataName = 'the data'): LayerShape[] {
  let shape = inputShape;
  return entries.map((e, i) => {
    const spec = layerSpecOf(e);
    const field = spec as unknown as Readonly<Record<string, unknown>>;
    const entry = describeLayerEntry(e);
    const fail = (problem: string, keys: readonly string[] = ['layers']): never => {
      throw new ConfigError(`{layers} ${entry} (entry ${i + 1}) ${problem}`, keys);
    };
    const count = (key: string, min = 1): number => {
      const v = field[key];
      return typeof v === 'number' && Number.isInteger(v) && v >= min ? v : fail(`needs ${key} to be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
    };
    const pair = (key: string, fallback: Size2d, min: number): [number, number] => {
      const v = field[key] ?? fallback;
      const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min;
      if (ok(v)) return [v, v];
      if (Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1])) return [v[0], v[1]];
      return fail(`needs ${key} to be an integer ≥ ${min} or [height, width] of them, got ${JSON.stringify(field[key])}`);
    };
    if (!FEED_FORWARD_TYPES.includes(spec.type)) {
      const advice = ['rnn', 'lstm', 'gru', 'fixed-point'].includes(spec.type) ? `: a ${spec.type} network is {model} ${spec.type}` : '';
      fail(`is a '${spec.type}' layer; {layers} holds ${FEED_FORWARD_TYPES.join(', ')}${advice}`);
    }
    const inputs = product(shape);
    let out: readonly number[] = shape;
    let parameters = 0;
    let scratch = 0;
    if (IMAGE_LAYER_TYPES.includes(spec.type) && shape.length !== 3) {
      if (inputShape.length !== 3) fail(`needs image rows [channels, height, width], and {data} ${dataName} has flat rows of ${inputs} values: use numbers (dense layers), or image data such as mnist`, ['layers', 'data']);
      fail(`needs image rows [channels, height, width], and the layers before it leave flat rows of ${inputs} values: put the image layers first`);
    }
    switch (spec.type) {
      case 'dense': {
        const units = count('units');
        out = [units];
        parameters = inputs * units + (field['useBias'] === false ? 0 : units);
        break;
      }
      case 'conv2d':
      case 'maxpool2d':
      case 'avgpool2d': {
        const conv = spec.type === 'conv2d';
        const [channels, height, width] = shape as [number, number, number];
        const kernel = pair('kernelSize', 0, 1);
        const stride = pair('stride', conv ? 1 : ((spec as Pool2dSpec).kernelSize ?? 1), 1);
        const dilation = conv ? pair('dilation', 1, 1) : ([1, 1] as [number, number]);
        const span = [dilation[0] * (kernel[0] - 1) + 1, dilation[1] * (kernel[1] - 1) + 1];
        let padding: [number, number];
        if ((spec as Conv2dSpec).padding === 'same' && conv) {
          if (stride[0] !== 1 || stride[1] !== 1 || span[0]! % 2 === 0 || span[1]! % 2 === 0) fail("has padding 'same', which needs stride 1 and an odd kernel (with its dilation)");
          padding = [(span[0]! - 1) / 2, (span[1]! - 1) / 2];
        } else {
          padding = (spec as Conv2dSpec).padding === 'valid' && conv ? [0, 0] : pair('padding', 0, 0);
        }
        if (!conv && (padding[0] > Math.floor(kernel[0] / 2) || padding[1] > Math.floor(kernel[1] / 2))) fail('has padding over half its window');
        const outH = windowOutputSize(height, kernel[0], stride[0], padding[0], dilation[0]);
        const outW = windowOutputSize(width, kernel[1], stride[1], padding[1], dilation[1]);
        if (outH < 1 || outW < 1) {
          fail(`gets images of ${height}×${width} pixels (${channels} channels), smaller than its ${span[0]}×${span[1]} window${padding[0] || padding[1] ? ' with its padding' : ''}: pad (:p<n> or :same on a convolution) or pool less before it`);
        }
        const filters = conv ? count('filters') : channels;
        out = [filters, outH, outW];
        if (conv) {
          parameters = filters * channels * kernel[0] * kernel[1] + (field['useBias'] === false ? 0 : filters);
          scratch = outH * outW * channels * kernel[0] * kernel[1];
        }
        break;
      }
      case 'globalavgpool2d':
        out = [shape[0] as number];
        break;
      case 'flatten':
        out = [inputs];
        break;
      case 'reshape': {
        const target = field['shape'];
        if (!Array.isArray(target) || target.length === 0 || !target.every((n) => Number.isInteger(n) && n >= 1) || product(target) !== inputs) {
          fail(`needs shape to be a list of positive integers whose product is ${inputs} (the values it gets), got ${JSON.stringify(target)}`);
        }
        out = target as number[];
        break;
      }
      case 'batchnorm':
        parameters = 2 * (shape.length === 3 ? (shape[0] as number) : inputs);
        break;
      case 'layernorm':
        parameters = 2 * inputs;
        break;
      case 'dropout': {
        const rate = field['rate'];
        if (!(typeof rate === 'number' && rate >= 0 && rate < 1)) fail(`needs rate to be a fraction in [0, 1), got ${JSON.stringify(rate)}`);
        break;
      }
      case 'embedding': {
        const dim = count('dim');
        parameters = count('vocabSize') * dim;
        out = [inputs, dim];
        break;
      }
    }
    shape = out;
    return { shape: out, parameters, scratch };
  });
}

/** Whether a network of these layers reads its rows as images. */
export function readsImages(entries: readonly LayerEntry[]): boolean {
  return entries.some((e) => IMAGE_LAYER_TYPES.includes(layerSpecOf(e).type));
}
