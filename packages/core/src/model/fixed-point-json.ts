/**
 * Fixed-point network JSON documents, read by `deserializeModel` as models with one
 * 'fixed-point' layer and loss 'mse':
 *   { "format": "backprop-almeida-pineda", "version": 1,
 *     "inputs", "hidden", "outputs", "activation", "tolerance", "maxIterations",
 *     "weights": { "inputKernel": number[], "recurrentKernel": number[], "bias": number[] } }
 * becomes
 *   { inputSize: inputs, layers: [{ type: 'fixed-point', units: hidden, outputSize: outputs,
 *     activation, tolerance, maxIterations }], loss: 'mse' }
 * with the three weight arrays as the layer's inputKernel [Nf, Nin], recurrentKernel [Nf, Nf] and
 * bias [Nf] (Nf = hidden + outputs), row-major, as the document stores them.
 *
 * Every field must map onto that model: another version, an unknown or missing field, sizes that
 * disagree with the weight arrays (checked before anything is allocated: the sizes are numbers in
 * the file, and 20,000 hidden units would ask for 1.6 GB) and weights that are not finite float32
 * values are refused with a ModelFormatError naming the format. The 'fixed-point' layer itself is
 * registered by the recurrent module (importing `@backprop/core` does it); without it the document
 * is refused as 'unknown-layer', as a .bpm file holding that layer would be.
 */
import type { Backend } from '../backend/backend.js';
import { jsonDepth, MAX_JSON_DEPTH } from '../util/json-depth.js';
import { ModelFormatError, type ModelFormatProblem } from './format-error.js';
import { Model } from './model.js';
import type { ModelSpec } from './types.js';

export const FIXED_POINT_JSON_FORMAT = 'backprop-almeida-pineda';
export const FIXED_POINT_JSON_VERSION = 1;

const WHERE = `fixed-point JSON ("${FIXED_POINT_JSON_FORMAT}")`;
const KEYS = ['format', 'version', 'inputs', 'hidden', 'outputs', 'activation', 'tolerance', 'maxIterations', 'weights'] as const;
const WEIGHT_KEYS = ['inputKernel', 'recurrentKernel', 'bias'] as const;

function fail(problem: ModelFormatProblem, message: string): never {
  throw new ModelFormatError(problem, `${WHERE}: ${message}`);
}

/** Whether the bytes start (after an optional UTF-8 byte-order mark and white space) with '{'. */
export function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x7b;
}

/**
 * The model spec and weights (in `Model.parameters()` order) of a fixed-point JSON document, or
 * a ModelFormatError: 'bad-magic' for bytes that are not such a document (not UTF-8 JSON, or
 * another format), 'unsupported-version', 'shape-mismatch' for weight arrays of the wrong size,
 * 'corrupt' for the rest.
 */
export function readFixedPointJson(bytes: Uint8Array): { spec: ModelSpec; weights: Float32Array[] } {
  let doc: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // Measured before parsing: later walks of a value nested thousands deep overflow the stack.
    const depth = jsonDepth(text);
    if (depth > MAX_JSON_DEPTH) {
      throw new ModelFormatError('corrupt', `corrupt ${WHERE} document: it nests ${depth} levels deep, over the ${MAX_JSON_DEPTH}-level limit`);
    }
    doc = JSON.parse(text);
  } catch (e) {
    if (e instanceof ModelFormatError) throw e;
    throw new ModelFormatError(
      'bad-magic',
      `not a backprop model file: no .bpm magic bytes, and not a ${WHERE} document either (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || (doc as Record<string, unknown>).format !== FIXED_POINT_JSON_FORMAT) {
    const format = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>).format : undefined;
    throw new ModelFormatError(
      'bad-magic',
      `not a backprop model file: a JSON document${format === undefined ? '' : ` of format ${JSON.stringify(format)}`}, not .bpm and not ${WHERE}`,
    );
  }
  const d = doc as Record<string, unknown>;
  if (d.version !== FIXED_POINT_JSON_VERSION) {
    fail('unsupported-version', `version ${JSON.stringify(d.version) ?? 'missing'} is not supported (this build reads version ${FIXED_POINT_JSON_VERSION})`);
  }
  for (const key of Object.keys(d)) {
    if (!(KEYS as readonly string[]).includes(key)) fail('corrupt', `field ${JSON.stringify(key)} has no counterpart in a fixed-point model (expected ${KEYS.join(', ')})`);
  }
  // Every option is stored: a missing (or null) one would otherwise load as the layer's default
  // (a tanh network read back as sigmoid), not the network that was saved.
  for (const key of KEYS) if (d[key] === undefined || d[key] === null) fail('corrupt', `${key} is missing`);
  const count = (key: 'inputs' | 'hidden' | 'outputs' | 'maxIterations', min: number): number => {
    const v = d[key];
    if (!Number.isSafeInteger(v) || (v as number) < min) fail('corrupt', `${key} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const inputs = count('inputs', 1);
  const hidden = count('hidden', 0);
  const outputs = count('outputs', 1);
  const maxIterations = count('maxIterations', 1);
  const activation = d.activation;
  if (activation !== 'sigmoid' && activation !== 'tanh') fail('corrupt', `activation must be "sigmoid" or "tanh", got ${JSON.stringify(activation)}`);
  // JSON.parse reads 1e400 as Infinity: a tolerance every relaxation would meet at once.
  const tolerance = d.tolerance;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance <= 0) {
    fail('corrupt', `tolerance must be a finite number > 0, got ${JSON.stringify(tolerance)}`);
  }
  const w = d.weights;
  if (typeof w !== 'object' || w === null || Array.isArray(w)) fail('corrupt', 'weights is not an object');
  for (const key of Object.keys(w)) {
    if (!(WEIGHT_KEYS as readonly string[]).includes(key)) fail('corrupt', `weights.${key} has no counterpart in a fixed-point model (expected ${WEIGHT_KEYS.join(', ')})`);
  }
  const free = hidden + outputs;
  const shapes: Record<(typeof WEIGHT_KEYS)[number], [number, number]> = { inputKernel: [free, inputs], recurrentKernel: [free, free], bias: [free, 1] };
  const weights = WEIGHT_KEYS.map((name) => {
    const [rows, cols] = shapes[name];
    const values = (w as Record<string, unknown>)[name];
    const size = `${rows * cols}${cols === 1 ? '' : ` (${rows}×${cols})`}`;
    if (!Array.isArray(values) || values.length !== rows * cols) {
      const held = Array.isArray(values) ? `holds ${values.length}` : values === undefined ? 'has none' : `holds ${typeof values === 'object' ? 'an object' : `a ${typeof values}`}`;
      fail(Array.isArray(values) ? 'shape-mismatch' : 'corrupt', `weights.${name} must be ${size} finite numbers, the file ${held}`);
    }
    const out = new Float32Array(values.length);
    values.forEach((v: unknown, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) fail('corrupt', `weights.${name}[${i}] is ${JSON.stringify(v) ?? String(v)}, not a finite number`);
      // The model keeps and saves float32 weights.
      if (!Number.isFinite(Math.fround(v))) fail('corrupt', `weights.${name}[${i}] is ${v}, beyond float32's range`);
      out[i] = v;
    });
    return out;
  });
  const spec: ModelSpec = {
    inputSize: inputs,
    layers: [{ type: 'fixed-point', units: hidden, outputSize: outputs, activation, tolerance, maxIterations }],
    loss: 'mse',
  };
  return { spec, weights };
}

/** The model a fixed-point JSON document describes (seed 42, the default), or a ModelFormatError. */
export function loadFixedPointJson(bytes: Uint8Array, backend?: Backend): Model {
  const { spec, weights } = readFixedPointJson(bytes);
  let model: Model;
  try {
    // The weights were checked against the sizes, so the topology needs exactly the values read.
    const maxParameters = weights.reduce((n, w) => n + w.length, 0);
    model = Model.create(spec, { maxParameters, ...(backend ? { backend } : {}) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    fail(/unknown layer type/.test(message) ? 'unknown-layer' : 'corrupt', message);
  }
  model.setWeights(weights);
  return model;
}
