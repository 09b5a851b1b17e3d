/**
 * Model files, format version 1 (documented in docs/model-format.md): one file holding
 *
 *   offset 0   8 bytes  magic  89 42 50 4D 0D 0A 1A 0A  ("\x89BPM\r\n\x1a\n")
 *   offset 8   uint32   format version (1), little-endian
 *   offset 12  uint32   header length H in bytes
 *   offset 16  H bytes  header: UTF-8 JSON, space-padded so that the data starts 8-byte aligned
 *   16 + H     D bytes  tensor data: float32 little-endian, at the offsets the header gives
 *   end − 4    uint32   CRC-32 of every byte before it
 *
 * Browser-safe: Uint8Array/DataView/TextEncoder only. Node's atomic save lives in
 * `@backprop/core/node`.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import { jsonDepth, MAX_JSON_DEPTH } from '../util/json-depth.js';
import { crc32 } from './crc32.js';
import type { EarlyStoppingState } from './early-stopping.js';
import { loadFixedPointJson, looksLikeJson } from './fixed-point-json.js';
import { ModelFormatError, type ModelFormatProblem } from './format-error.js';
import { Model } from './model.js';
import type { ResolvedOptimizerConfig } from './optimizers/index.js';
import type { OptimizerName } from './types.js';
import type { TrainingState } from './training-state.js';
import type { ModelSpec } from './types.js';

/**
 * Any JSON value. Arrays and objects are readonly so that a caller's readonly data (a Dataset's
 * `classNames`, a frozen config) can be stored without copying; mutable ones are accepted too.
 */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * What a model file carries besides topology and weights. All fields optional; a field set to
 * `undefined` (e.g. `classNames: data.classNames` of a regression set) is left out of the file,
 * so callers need no conditional spreads, also under `exactOptionalPropertyTypes`.
 */
export interface ModelMetadata {
  /** Class names in output order, for classifiers. */
  classNames?: readonly string[] | undefined;
  /** Input column names. */
  featureNames?: readonly string[] | undefined;
  /** The fitted preprocessor's JSON (e.g. a standardizer's mean/std), applied before predict. */
  preprocess?: JsonValue | undefined;
  /** The training configuration (optimizer, epochs, batch size, ...), as the caller records it. */
  training?: JsonValue | undefined;
  /** Where the training data came from. */
  dataset?: JsonValue | undefined;
  /** ISO-8601 time of saving; filled in by serializeModel when absent. */
  createdAt?: string | undefined;
  [key: string]: JsonValue | undefined;
}

/** Options of `serializeModel` (and the Node `saveModel`). */
export interface SerializeOptions {
  /**
   * Also store a training state (optimizer moments and step, PRNG state, epoch, early-stopping
   * progress): a checkpoint from which `fit({ initialEpoch })` continues exactly. `true` stores
   * the model's current `getTrainingState()`, which is refused after a fit aborted part-way through
   * an epoch; an object stores that state (e.g. a snapshot taken in onEpochEnd, the last completed
   * epoch). Default false.
   */
  readonly trainingState?: boolean | TrainingState;
}

/** Options of `deserializeModel` (and the Node `loadModel`). */
export interface DeserializeOptions {
  /** Backend of the loaded model (default: the default backend, as for `Model.create`). */
  readonly backend?: Backend;
}

/**
 * What `deserializeModel` (and the Node `loadModel`) returns: the model, its metadata and, for
 * checkpoints, the training state.
 */
export interface LoadedModel {
  readonly model: Model;
  readonly metadata: ModelMetadata;
  /** Present for checkpoints; already applied to `model`. */
  readonly trainingState?: TrainingState;
}

export { ModelFormatError, type ModelFormatProblem } from './format-error.js';

export const MODEL_FORMAT_VERSION = 1;
export const MODEL_MAGIC: Uint8Array = Uint8Array.of(0x89, 0x42, 0x50, 0x4d, 0x0d, 0x0a, 0x1a, 0x0a);
const PREFIX = 16;
const TRAILER = 4;

interface TensorEntry {
  name: string;
  shape: number[];
  /** Byte offset from the start of the data section (a multiple of 4). */
  offset: number;
  /** Element count. */
  length: number;
}

interface HeaderTrainingState {
  epoch: number;
  rng: (number | null)[];
  optimizer?: {
    config: ResolvedOptimizerConfig;
    step: number;
    slots: { param: number; slot: string; tensor: string }[];
  };
  earlyStopping?: { best: number | null; bestEpoch: number; wait: number; bestWeights?: string[] };
}

interface Header {
  format: 'backprop-model';
  version: number;
  dtype: 'float32';
  byteOrder: 'little-endian';
  seed: number;
  spec: ModelSpec;
  tensors: TensorEntry[];
  dataBytes: number;
  metadata: ModelMetadata;
  trainingState?: HeaderTrainingState;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The file bytes of a model (and, with `trainingState`, a resumable checkpoint).
 * @param model the model to save
 * @param metadata free JSON stored beside it (class names, feature names, preprocessing, …)
 * @param options whether to store a training state
 * @returns the bytes of a model file (docs/model-format.md)
 * @throws when `trainingState: true` follows a fit aborted part-way through an epoch
 */
export function serializeModel(model: Model, metadata: ModelMetadata = {}, options: SerializeOptions = {}): Uint8Array {
  const tensors: TensorEntry[] = [];
  const arrays: FloatArray[] = [];
  let dataBytes = 0;
  const add = (name: string, shape: number[], data: FloatArray): string => {
    tensors.push({ name, shape, offset: dataBytes, length: data.length });
    arrays.push(data);
    dataBytes += data.length * 4;
    return name;
  };
  const paramNames: string[] = [];
  /** Names of the trainable parameters: optimizer slots index these. */
  const trainableNames: string[] = [];
  model.layers.forEach((layer, i) =>
    layer.params().forEach((p) => {
      const name = add(`${layer.type}_${i + 1}.${p.name}`, [...p.shape], p.value);
      paramNames.push(name);
      if (p.trainable !== false) trainableNames.push(name);
    }),
  );

  let trainingState: HeaderTrainingState | undefined;
  if (options.trainingState) {
    const state = options.trainingState === true ? model.getTrainingState() : options.trainingState;
    trainingState = { epoch: state.epoch, rng: state.rng.map(finiteOrNull) };
    if (state.optimizer) {
      const { config, state: opt } = state.optimizer;
      trainingState.optimizer = {
        config,
        step: opt.step,
        slots: opt.slots.map((s) => ({
          param: s.param,
          slot: s.slot,
          tensor: add(`optimizer.${trainableNames[s.param] ?? s.param}.${s.slot}`, [s.data.length], s.data),
        })),
      };
    }
    if (state.earlyStopping) {
      const es = state.earlyStopping;
      trainingState.earlyStopping = {
        best: finiteOrNull(es.best),
        bestEpoch: es.bestEpoch,
        wait: es.wait,
        ...(es.bestWeights ? { bestWeights: es.bestWeights.map((w, i) => add(`earlyStopping.best.${paramNames[i] ?? i}`, [w.length], w)) } : {}),
      };
    }
  }

  const header: Header = {
    format: 'backprop-model',
    version: MODEL_FORMAT_VERSION,
    dtype: 'float32',
    byteOrder: 'little-endian',
    seed: model.seed,
    spec: model.spec,
    tensors,
    dataBytes,
    metadata: { ...metadata, createdAt: metadata.createdAt ?? new Date().toISOString() },
    ...(trainingState ? { trainingState } : {}),
  };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil((PREFIX + json.length) / 8) * 8 - PREFIX;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const dataStart = PREFIX + json.length;
  const total = dataStart + dataBytes + TRAILER;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(MODEL_MAGIC, 0);
  view.setUint32(8, MODEL_FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, PREFIX);
  tensors.forEach((t, k) => {
    const src = arrays[k] as FloatArray;
    const at = dataStart + t.offset;
    if (LITTLE_ENDIAN) new Float32Array(bytes.buffer, at, src.length).set(src);
    else for (let i = 0; i < src.length; i++) view.setFloat32(at + 4 * i, src[i] as number, true);
  });
  view.setUint32(total - TRAILER, crc32(bytes.subarray(0, total - TRAILER)), true);
  return bytes;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function fail(problem: ModelFormatProblem, message: string): never {
  throw new ModelFormatError(problem, message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The longest header read (64 MiB). Headers hold the topology, the tensor table and metadata (class
 * and feature names, preprocessing); the weights are in the data section, whose size has no such limit.
 */
export const MAX_HEADER_BYTES = 64 * 2 ** 20;

/**
 * Read the header without trusting it yet (null if it is not parseable JSON). Nesting deeper than
 * MAX_JSON_DEPTH is refused before parsing: later walks of the value would overflow the stack.
 */
function tryHeader(bytes: Uint8Array, headerLength: number): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + headerLength));
  } catch {
    return null;
  }
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) fail('corrupt', `corrupt model file: the header nests ${depth} levels deep, over the ${MAX_JSON_DEPTH}-level limit`);
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The fields a version-1 header may have; anything else is a renamed or invented field. */
/** Parameter values a topology may need before its size is checked against the file's (64 MB of float32). */
const MIN_PARAMETER_BUDGET = 1 << 24;

const HEADER_KEYS = new Set(['format', 'version', 'dtype', 'byteOrder', 'seed', 'spec', 'tensors', 'dataBytes', 'metadata', 'trainingState']);

function checkHeader(h: unknown): Header {
  if (!isObject(h)) fail('corrupt', 'corrupt model file: the header is not a JSON object');
  // A renamed "metadata" or "trainingState" key would otherwise drop that part without a word.
  const unknown = Object.keys(h).filter((k) => !HEADER_KEYS.has(k));
  if (unknown.length > 0) fail('corrupt', `corrupt model file: unknown header field ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
  if (h.format !== 'backprop-model') fail('corrupt', `corrupt model file: header format is ${JSON.stringify(h.format)}, expected "backprop-model"`);
  if (h.version !== MODEL_FORMAT_VERSION) {
    fail('corrupt', `corrupt model file: the header says version ${JSON.stringify(h.version)} but the file prefix says ${MODEL_FORMAT_VERSION}`);
  }
  if (h.dtype !== 'float32') fail('corrupt', `unsupported weight dtype ${JSON.stringify(h.dtype)} (version 1 stores float32)`);
  if (h.byteOrder !== 'little-endian') fail('corrupt', `unsupported byte order ${JSON.stringify(h.byteOrder)}`);
  if (!isObject(h.spec)) fail('corrupt', 'corrupt model file: the header has no topology (spec)');
  if (!Array.isArray(h.tensors)) fail('corrupt', 'corrupt model file: the header has no tensor table');
  if (!Number.isInteger(h.dataBytes) || (h.dataBytes as number) < 0) fail('corrupt', 'corrupt model file: invalid dataBytes');
  if (typeof h.seed !== 'number' || !Number.isFinite(h.seed)) fail('corrupt', 'corrupt model file: invalid seed');
  const dataBytes = h.dataBytes as number;
  for (const t of h.tensors as unknown[]) {
    if (!isObject(t) || typeof t.name !== 'string' || !Array.isArray(t.shape) || !Number.isInteger(t.offset) || !Number.isInteger(t.length)) {
      fail('corrupt', `corrupt model file: malformed tensor entry ${JSON.stringify(t)}`);
    }
    const shape = t.shape as unknown[];
    const length = t.length as number;
    const offset = t.offset as number;
    if (!shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) fail('corrupt', `corrupt model file: tensor ${t.name} has an invalid shape`);
    const size = shape.reduce<number>((a, d) => a * (d as number), 1);
    if (size !== length) {
      fail('shape-mismatch', `tensor ${t.name}: shape [${shape.join(', ')}] holds ${size} values but the table says ${length}`);
    }
    if (offset < 0 || offset % 4 !== 0 || offset + 4 * length > dataBytes) {
      fail('corrupt', `corrupt model file: tensor ${t.name} (offset ${offset}, ${length} values) lies outside the ${dataBytes}-byte data section`);
    }
  }
  checkTiling(h.tensors as TensorEntry[], dataBytes);
  if (h.metadata !== undefined && !isObject(h.metadata)) fail('corrupt', 'corrupt model file: metadata is not an object');
  if (h.trainingState !== undefined) {
    // A falsy or scalar state would otherwise be skipped, and the checkpoint read as a plain model.
    const ts = h.trainingState;
    if (!isObject(ts)) fail('corrupt', `corrupt model file: the training state is ${JSON.stringify(ts)}, not an object`);
    for (const key of ['optimizer', 'earlyStopping'] as const) {
      if (ts[key] !== undefined && !isObject(ts[key])) fail('corrupt', `corrupt model file: training state ${key} is ${JSON.stringify(ts[key])}, not an object`);
    }
  }
  return h as unknown as Header;
}

/**
 * The writer lays the tensors end to end: each byte of the data section belongs to exactly one
 * tensor. Overlapping tensors, gaps and repeated names can only come from an edit or corruption
 * behind a recomputed checksum, and would make the reader take some bytes twice or skip others.
 */
function checkTiling(tensors: readonly TensorEntry[], dataBytes: number): void {
  const names = new Set<string>();
  for (const t of tensors) {
    if (names.has(t.name)) fail('corrupt', `corrupt model file: the tensor table lists ${t.name} twice`);
    names.add(t.name);
  }
  let end = 0;
  for (const t of [...tensors].sort((a, b) => a.offset - b.offset)) {
    if (t.offset !== end) {
      const what = t.offset < end ? 'overlaps the tensor before it' : `leaves bytes ${end}–${t.offset - 1} unused`;
      fail('corrupt', `corrupt model file: tensor ${t.name} at offset ${t.offset} ${what} in the data section`);
    }
    end += 4 * t.length;
  }
  if (end !== dataBytes) fail('corrupt', `corrupt model file: the tensors fill ${end} of the ${dataBytes} bytes of the data section`);
}

/**
 * Rebuild a model from file bytes. Refuses, with a ModelFormatError naming the problem: bad
 * magic, an unknown version, a truncated file, a checksum mismatch, a tensor whose shape or size
 * does not match the topology, an unknown layer type. Bytes holding a fixed-point network's JSON
 * document (format "backprop-almeida-pineda", see fixed-point-json.ts) give the model with one
 * 'fixed-point' layer and loss 'mse' that the document describes, or are refused likewise.
 * @param bytes the whole file
 * @param options the backend of the loaded model (default: the default backend)
 * @returns the model, its metadata and, for a checkpoint, the training state (already applied)
 * @throws ModelFormatError naming the problem; TypeError when `bytes` is not a Uint8Array
 */
export function deserializeModel(bytes: Uint8Array, options: DeserializeOptions = {}): LoadedModel {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('deserializeModel: expected a Uint8Array');
  // A fixed-point network's JSON document (see fixed-point-json.ts) is read as the model it describes.
  if (looksLikeJson(bytes)) return { model: loadFixedPointJson(bytes, options.backend), metadata: {} };
  // Shorter than the magic but agreeing with it as far as it goes (an empty file included):
  // a model file cut short, not some other file.
  if (bytes.length < MODEL_MAGIC.length && bytes.every((b, i) => b === MODEL_MAGIC[i])) {
    fail('truncated', `truncated model file: ${bytes.length} bytes is shorter than the ${PREFIX + TRAILER}-byte minimum`);
  }
  if (bytes.length < MODEL_MAGIC.length || MODEL_MAGIC.some((b, i) => bytes[i] !== b)) {
    fail('bad-magic', 'not a backprop model file (bad magic bytes)');
  }
  if (bytes.length < PREFIX + TRAILER) fail('truncated', `truncated model file: ${bytes.length} bytes is shorter than the ${PREFIX + TRAILER}-byte minimum`);
  // Copy if misaligned (e.g. a Node Buffer from the shared pool), so float32 views are possible.
  const buf = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const version = view.getUint32(8, true);
  if (version !== MODEL_FORMAT_VERSION) {
    fail('unsupported-version', `unsupported model format version ${version} (this build reads version ${MODEL_FORMAT_VERSION})`);
  }
  const headerLength = view.getUint32(12, true);
  if (PREFIX + headerLength + TRAILER > buf.length) {
    fail('truncated', `truncated model file: the header alone needs ${PREFIX + headerLength + TRAILER} bytes, the file has ${buf.length}`);
  }
  if (headerLength > MAX_HEADER_BYTES) {
    fail('corrupt', `corrupt model file: a header of ${headerLength} bytes is over the ${MAX_HEADER_BYTES}-byte limit`);
  }
  const raw = tryHeader(buf, headerLength);
  const expected = isObject(raw) && Number.isInteger(raw.dataBytes) ? PREFIX + headerLength + (raw.dataBytes as number) + TRAILER : null;
  if (expected !== null && buf.length < expected) fail('truncated', `truncated model file: expected ${expected} bytes, got ${buf.length}`);
  const stored = view.getUint32(buf.length - TRAILER, true);
  const actual = crc32(buf.subarray(0, buf.length - TRAILER));
  if (stored !== actual) {
    fail('checksum', `corrupt model file: checksum mismatch (stored ${hex(stored)}, computed ${hex(actual)})`);
  }
  if (raw === null) fail('corrupt', 'corrupt model file: the header is not valid UTF-8 JSON');
  const header = checkHeader(raw);
  if (expected !== buf.length) fail('corrupt', `corrupt model file: expected ${expected} bytes, got ${buf.length}`);

  let model: Model;
  try {
    // The weights are among the float32 values the file stores, so a topology needing far more is
    // refused before its layers allocate (a few-kB file must not cost gigabytes to reject). Up to
    // MIN_PARAMETER_BUDGET values it is built, so that small mismatches get the exact tensor-by-tensor
    // shape error below.
    const maxParameters = Math.max(header.dataBytes / 4, MIN_PARAMETER_BUDGET);
    model = Model.create(header.spec, { seed: header.seed, maxParameters, ...(options.backend ? { backend: options.backend } : {}) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const problem = /unknown layer type/.test(message) ? 'unknown-layer' : /maxParameters/.test(message) ? 'shape-mismatch' : 'corrupt';
    fail(problem, `model file topology: ${problem === 'shape-mismatch' ? `${message}: the file stores ${header.dataBytes / 4} values in all` : message}`);
  }
  const dataStart = PREFIX + headerLength;
  const byName = new Map(header.tensors.map((t) => [t.name, t]));
  // Every tensor must be read: one that nothing reads means the topology or training state lost
  // what the writer stored for it (e.g. a removed layer, a training state key renamed).
  const unread = new Set(byName.keys());
  const read = (name: string): Float32Array => {
    const t = byName.get(name);
    if (!t) fail('corrupt', `corrupt model file: tensor ${name} is missing`);
    unread.delete(name);
    const at = dataStart + t.offset;
    if (LITTLE_ENDIAN) return new Float32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + 4 * t.length));
    const out = new Float32Array(t.length);
    for (let i = 0; i < t.length; i++) out[i] = view.getFloat32(at + 4 * i, true);
    return out;
  };

  const weights: Float32Array[] = [];
  const paramNames: string[] = [];
  model.layers.forEach((layer, i) =>
    layer.params().forEach((p) => {
      const name = `${layer.type}_${i + 1}.${p.name}`;
      const t = byName.get(name);
      if (!t) fail('shape-mismatch', `model file has no tensor ${name}, which the topology needs (shape [${p.shape.join(', ')}])`);
      if (t.shape.length !== p.shape.length || t.shape.some((d, k) => d !== p.shape[k])) {
        fail('shape-mismatch', `tensor ${name} has shape [${t.shape.join(', ')}] but the topology needs [${p.shape.join(', ')}]`);
      }
      paramNames.push(name);
      weights.push(read(name));
    }),
  );
  try {
    model.setWeights(weights);
  } catch (e) {
    fail('corrupt', `model file weights: ${e instanceof Error ? e.message : String(e)}`);
  }

  // Training-state tensors (optimizer slots, early stopping's best weights) are written flat, as
  // [length]; another shape is not a file this writer made.
  const readFlat = (name: string): Float32Array => {
    const t = byName.get(name);
    if (t && t.shape.length !== 1) fail('shape-mismatch', `tensor ${name}: training-state tensors are stored flat, as [${t.length}], not [${t.shape.join(', ')}]`);
    return read(name);
  };
  let trainingState: TrainingState | undefined;
  const ts = header.trainingState;
  if (ts) {
    try {
      trainingState = {
        epoch: ts.epoch,
        rng: ts.rng.map((v) => (v === null ? Number.NaN : v)),
        ...(ts.optimizer
          ? {
              optimizer: {
                config: ts.optimizer.config,
                state: {
                  name: ts.optimizer.config.name as OptimizerName,
                  step: ts.optimizer.step,
                  slots: ts.optimizer.slots.map((s) => ({ param: s.param, slot: s.slot, data: readFlat(s.tensor) })),
                },
              },
            }
          : {}),
        ...(ts.earlyStopping ? { earlyStopping: readEarlyStopping(ts.earlyStopping, readFlat) } : {}),
      };
      model.setTrainingState(trainingState);
    } catch (e) {
      if (e instanceof ModelFormatError) throw e;
      fail('corrupt', `model file training state: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (unread.size > 0) {
    fail('corrupt', `corrupt model file: the topology and training state use no tensor ${[...unread].join(', ')}, which the table lists`);
  }
  const metadata = header.metadata ?? {};
  if ('createdAt' in metadata && typeof metadata['createdAt'] !== 'string') {
    fail('corrupt', `model file metadata: createdAt must be an ISO-8601 date string, got ${JSON.stringify(metadata['createdAt'])}`);
  }
  return trainingState ? { model, metadata, trainingState } : { model, metadata };
}

function readEarlyStopping(
  es: NonNullable<HeaderTrainingState['earlyStopping']>,
  read: (name: string) => Float32Array,
): EarlyStoppingState {
  const base = { best: es.best === null ? Infinity : es.best, bestEpoch: es.bestEpoch, wait: es.wait };
  return es.bestWeights ? { ...base, bestWeights: es.bestWeights.map(read) } : base;
}

function hex(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}
