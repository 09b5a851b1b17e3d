/**
 * flatten and reshape: a row's values are unchanged (NCHW rows are already flat), only the shape
 * the next layer reads changes; forward and backward are the identity.
 */
import type { FloatArray } from '../../backend/backend.js';
import type { FlattenSpec, LayerSpec, ReshapeSpec } from '../types.js';
import type { Layer, LayerContext, Param } from './layer.js';
import { checkSpecKeys } from './spec-keys.js';

export class Reshape implements Layer {
  readonly outputSize: number;

  constructor(
    readonly type: 'flatten' | 'reshape',
    readonly inputSize: number,
    readonly outputShape: readonly number[],
  ) {
    this.outputSize = inputSize;
  }

  params(): readonly Param[] {
    return [];
  }

  forward(input: FloatArray): FloatArray {
    return input;
  }

  backward(gradOutput: FloatArray, _rows: number, needInputGrad = true): FloatArray | null {
    return needInputGrad ? gradOutput : null;
  }

  toSpec(): FlattenSpec | ReshapeSpec {
    return this.type === 'flatten' ? { type: 'flatten' } : { type: 'reshape', shape: this.outputShape };
  }
}

export function createFlatten(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, [], `layer ${context.index + 1} (flatten)`);
  return new Reshape('flatten', inputSize, [inputSize]);
}

export function createReshape(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  const where = `layer ${context.index + 1} (reshape)`;
  checkSpecKeys(spec, ['shape'], where);
  const shape = (spec as ReshapeSpec).shape;
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new Error(`${where}: shape must be a list of positive integers, got ${JSON.stringify(shape)}`);
  }
  const size = shape.reduce((a: number, d: number) => a * d, 1);
  if (size !== inputSize) {
    throw new Error(`${where}: shape [${shape.join(', ')}] holds ${size} values but its input row holds ${inputSize}; the product of the shape must be ${inputSize}`);
  }
  return new Reshape('reshape', inputSize, [...(shape as number[])]);
}
