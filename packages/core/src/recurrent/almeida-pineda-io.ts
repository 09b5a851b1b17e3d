/**
 * Save and load an Almeida–Pineda network. The feed-forward model format describes layer
 * stacks, and this network is not one, so it has its own small, versioned JSON document:
 *   { "format": "backprop-almeida-pineda", "version": 1,
 *     "inputs", "hidden", "outputs", "activation", "tolerance", "maxIterations",
 *     "weights": { "inputKernel": number[], "recurrentKernel": number[], "bias": number[] } }
 * Weights are stored as JSON numbers (float32 values round-trip exactly). Unknown formats or
 * versions and arrays of the wrong length are refused with an error naming the problem.
 */
import type { Backend } from '../backend/backend.js';
import type { DType } from '../model/types.js';
import { AlmeidaPinedaNetwork, type FixedPointActivation } from './almeida-pineda.js';

export const FIXED_POINT_FORMAT = 'backprop-almeida-pineda';
export const FIXED_POINT_VERSION = 1;

export interface FixedPointJSON {
  readonly format: typeof FIXED_POINT_FORMAT;
  readonly version: number;
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  readonly activation: FixedPointActivation;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly weights: { readonly inputKernel: number[]; readonly recurrentKernel: number[]; readonly bias: number[] };
}

export function fixedPointToJSON(net: AlmeidaPinedaNetwork): FixedPointJSON {
  return {
    format: FIXED_POINT_FORMAT,
    version: FIXED_POINT_VERSION,
    inputs: net.inputs,
    hidden: net.hidden,
    outputs: net.outputs,
    activation: net.activation,
    tolerance: net.tolerance,
    maxIterations: net.maxIterations,
    weights: {
      inputKernel: Array.from(net.inputKernel.value),
      recurrentKernel: Array.from(net.recurrentKernel.value),
      bias: Array.from(net.bias.value),
    },
  };
}

export function fixedPointFromJSON(json: unknown, backend: Backend, dtype: DType = 'float32'): AlmeidaPinedaNetwork {
  if (json === null || typeof json !== 'object') throw new Error('almeida-pineda file: not a JSON object');
  const doc = json as Partial<FixedPointJSON>;
  if (doc.format !== FIXED_POINT_FORMAT) throw new Error(`almeida-pineda file: format is '${String(doc.format)}', expected '${FIXED_POINT_FORMAT}'`);
  if (doc.version !== FIXED_POINT_VERSION) {
    throw new Error(`almeida-pineda file: version ${String(doc.version)} is not supported (this library reads version ${FIXED_POINT_VERSION})`);
  }
  const net = new AlmeidaPinedaNetwork(backend, {
    inputs: doc.inputs as number,
    hidden: doc.hidden as number,
    outputs: doc.outputs as number,
    activation: doc.activation as FixedPointActivation,
    tolerance: doc.tolerance as number,
    maxIterations: doc.maxIterations as number,
    dtype,
  });
  const weights = doc.weights as Record<string, unknown> | undefined;
  if (!weights || typeof weights !== 'object') throw new Error('almeida-pineda file: missing weights');
  for (const p of net.params()) {
    const w = weights[p.name];
    if (!Array.isArray(w) || w.length !== p.value.length || !w.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new Error(`almeida-pineda file: weights.${p.name} must be ${p.value.length} finite numbers`);
    }
    p.value.set(w as number[]);
  }
  return net;
}
