/**
 * Layer registry keyed by spec `type`. Built-in layers are registered here; recurrent layers
 * (and any user layer) call `registerLayer` from their own module.
 */
import type { LayerSpec } from '../types.js';
import { createBatchNorm } from './batchnorm.js';
import { createConv2d } from './conv2d.js';
import { createDense } from './dense.js';
import { createDropout } from './dropout.js';
import { createEmbedding } from './embedding.js';
import { createLayerNorm } from './layernorm.js';
import { createAvgPool2d, createGlobalAvgPool2d, createMaxPool2d } from './pool2d.js';
import { createFlatten, createReshape } from './reshape.js';
import type { Layer, LayerContext, LayerFactory } from './layer.js';

const factories = new Map<string, LayerFactory>();

/** Register (or replace) the factory for layer specs of this `type`. */
export function registerLayer(type: string, factory: LayerFactory): void {
  if (typeof type !== 'string' || type.length === 0) throw new TypeError('registerLayer: type must be a non-empty string');
  factories.set(type, factory);
}

/** The registered layer types, sorted. */
export function registeredLayerTypes(): string[] {
  return [...factories.keys()].sort();
}

/** Build a layer from its spec. Throws a clear error for an unknown type. */
export function createLayer(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  if (spec === null || typeof spec !== 'object' || typeof spec.type !== 'string') {
    throw new TypeError(`layer ${context.index + 1}: a layer spec needs a string 'type'`);
  }
  const factory = factories.get(spec.type);
  if (!factory) {
    throw new Error(
      `layer ${context.index + 1}: unknown layer type '${spec.type}' (registered: ${registeredLayerTypes().join(', ')})`,
    );
  }
  return factory(spec, inputSize, context);
}

registerLayer('dense', createDense);
registerLayer('dropout', createDropout);
registerLayer('conv2d', createConv2d);
registerLayer('maxpool2d', createMaxPool2d);
registerLayer('avgpool2d', createAvgPool2d);
registerLayer('globalavgpool2d', createGlobalAvgPool2d);
registerLayer('flatten', createFlatten);
registerLayer('reshape', createReshape);
registerLayer('batchnorm', createBatchNorm);
registerLayer('layernorm', createLayerNorm);
registerLayer('embedding', createEmbedding);
