/**
 * Save and load an Almeida–Pineda network. The feed-forward model format describes layer
 * stacks, and this network is not one, so it has its own small, versioned JSON document:
 *   { "format": "backprop-almeida-pineda", "version": 1,
 *     "inputs", "hidden", "outputs", "activation", "tolerance", "maxIterations",
 *     "weights": { "inputKernel": number[], "recurrentKernel": number[], "bias": number[] } }
 * Weights are stored as JSON numbers (float32 values round-trip exactly). Unknown formats or
 * versions, missing fields, sizes that disagree with the weight arrays (checked before anything
 * is allocated), and weights that are not finite float32 values are refused with an error naming
 * the problem.
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
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('almeida-pineda file: not a JSON object');
  const doc = json as Partial<Record<keyof FixedPointJSON, unknown>>;
  if (doc.format !== FIXED_POINT_FORMAT) throw new Error(`almeida-pineda file: format is '${String(doc.format)}', expected '${FIXED_POINT_FORMAT}'`);
  if (doc.version !== FIXED_POINT_VERSION) {
    throw new Error(`almeida-pineda file: version ${String(doc.version)} is not supported (this library reads version ${FIXED_POINT_VERSION})`);
  }
  // The writer stores every option: a missing (or null) one would otherwise load as the
  // constructor's default (a tanh network read back as sigmoid), not the network that was saved.
  for (const key of ['inputs', 'hidden', 'outputs', 'activation', 'tolerance', 'maxIterations', 'weights'] as const) {
    if (doc[key] === undefined || doc[key] === null) throw new Error(`almeida-pineda file: ${key} is missing`);
  }
  const count = (key: 'inputs' | 'hidden' | 'outputs', min: number): number => {
    const v = doc[key];
    if (!Number.isSafeInteger(v) || (v as number) < min) throw new Error(`almeida-pineda file: ${key} must be an integer ≥ ${min}, got ${String(v)}`);
    return v as number;
  };
  const inputs = count('inputs', 1);
  const free = count('hidden', 0) + count('outputs', 1);
  // JSON.parse reads 1e400 as Infinity, which the constructor's "> 0" would take.
  if (typeof doc.tolerance !== 'number' || !Number.isFinite(doc.tolerance) || doc.tolerance <= 0) {
    throw new Error(`almeida-pineda file: tolerance must be a finite number > 0, got ${String(doc.tolerance)}`);
  }
  const weights = doc.weights;
  if (weights === null || typeof weights !== 'object' || Array.isArray(weights)) throw new Error('almeida-pineda file: weights is not an object');
  // Check the arrays against the sizes before the network allocates anything: the sizes are
  // numbers in the file, and 20,000 hidden units would ask for 1.6 GB before any check ran.
  const shapes: Record<string, [number, number]> = { inputKernel: [free, inputs], recurrentKernel: [free, free], bias: [free, 1] };
  for (const [name, [rows, cols]] of Object.entries(shapes)) {
    const w = (weights as Record<string, unknown>)[name];
    const size = `${rows * cols}${cols === 1 ? '' : ` (${rows}×${cols})`}`;
    if (!Array.isArray(w) || w.length !== rows * cols) {
      const held = Array.isArray(w) ? `holds ${w.length}` : w === undefined ? 'has none' : `holds ${typeof w === 'object' ? 'an object' : `a ${typeof w}`}`;
      throw new Error(`almeida-pineda file: weights.${name} must be ${size} finite numbers, the file ${held}`);
    }
    w.forEach((v: unknown, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`almeida-pineda file: weights.${name}[${i}] is ${JSON.stringify(v) ?? String(v)}, not a finite number`);
      // A float32 network would hold Infinity there.
      if (dtype === 'float32' && !Number.isFinite(Math.fround(v))) throw new Error(`almeida-pineda file: weights.${name}[${i}] is ${v}, beyond float32's range`);
    });
  }
  const net = new AlmeidaPinedaNetwork(backend, {
    inputs,
    hidden: doc.hidden as number,
    outputs: doc.outputs as number,
    activation: doc.activation as FixedPointActivation,
    tolerance: doc.tolerance,
    maxIterations: doc.maxIterations as number,
    dtype,
  });
  for (const p of net.params()) p.value.set((weights as Record<string, number[]>)[p.name] as number[]);
  return net;
}
