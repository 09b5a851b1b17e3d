/**
 * Layer registry keyed by spec `type`. Built-in layers are registered here; recurrent layers
 * (and any user layer) call `registerLayer` from their own module.
 */
import type { LayerSpec } from '../types.js';
import { createDense } from './dense.js';
import { createDropout } from './dropout.js';
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
