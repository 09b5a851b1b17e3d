/**
 * Models to and from safetensors files with PyTorch `state_dict` names (see state-dict.ts for the
 * mapping). An exported file also carries, in `__metadata__`, everything needed to rebuild the
 * model without anything else:
 *   backprop.spec      the ModelSpec (JSON)
 *   backprop.metadata  the model file's metadata (JSON: class names, preprocessing, …)
 *   backprop.seed      the model's seed
 *   format             "pt", as PyTorch's own safetensors writer marks its files
 */
import type { Backend } from '../../backend/backend.js';
import { Model } from '../../model/model.js';
import type { ModelMetadata } from '../../model/serialize.js';
import type { ModelSpec } from '../../model/types.js';
import { jsonDepth, MAX_JSON_DEPTH } from '../../util/json-depth.js';
import { readSafetensors, SafetensorsError, writeSafetensors } from './format.js';
import { modelStateDict, weightsFromStateDict } from './state-dict.js';

const SPEC_KEY = 'backprop.spec';
const METADATA_KEY = 'backprop.metadata';
const SEED_KEY = 'backprop.seed';

/** Parameter values a topology may need before its size is compared with the file's (as for model files). */
const MIN_PARAMETER_BUDGET = 1 << 24;

/** Options of {@link importSafetensors}. */
export interface ImportSafetensorsOptions {
  /** Backend of the imported model (default: the default backend, as for `Model.create`). */
  readonly backend?: Backend;
}

/** What {@link importSafetensors} returns: the model with the file's weights and the metadata stored with it. */
export interface ImportedModel {
  readonly model: Model;
  /** The backprop metadata the file carries (`{}` for a file written by PyTorch). */
  readonly metadata: ModelMetadata;
}

/**
 * The safetensors bytes of a model: its weights under PyTorch `state_dict` names and layouts (dense
 * `<k>.weight` [out, in] and `<k>.bias`, conv2d `[outC, inC, kh, kw]`, batchnorm running statistics,
 * rnn/lstm/gru `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0` in PyTorch's gate order),
 * where k is the module's index in the equivalent `nn.Sequential` (activation modules counted), and
 * the spec, seed and metadata in `__metadata__` so that the file alone rebuilds the model.
 * @param model the model to export
 * @param metadata stored beside it (class names, preprocessing, …), as in a model file
 * @returns the bytes of a .safetensors file
 * @throws SafetensorsError for a layer with no PyTorch equivalent (fixed-point)
 */
export function exportSafetensors(model: Model, metadata: ModelMetadata = {}): Uint8Array {
  const tensors = modelStateDict(model);
  return writeSafetensors(tensors, {
    format: 'pt',
    [SPEC_KEY]: JSON.stringify(model.spec),
    [SEED_KEY]: String(model.seed),
    [METADATA_KEY]: JSON.stringify(metadata),
  });
}

/**
 * Rebuild a model from safetensors bytes: a file written by {@link exportSafetensors}, or the
 * `state_dict` of a plain PyTorch `nn.Sequential` (Linear, Conv2d, BatchNorm, LayerNorm, Embedding,
 * and RNN/LSTM/GRU modules with one layer and one direction) given the `spec` of the same network.
 * The file's modules are matched by order with the layers that hold weights. F32 and F64 tensors
 * are read (F64 rounded to float32); `num_batches_tracked` is ignored.
 * @param bytes the whole file
 * @param spec the network's topology; needed only when the file holds no `backprop.spec`
 * @param options the backend of the imported model
 * @returns the model and the metadata the file carries
 * @throws SafetensorsError naming the problem: a truncated or corrupt file, an unsupported dtype,
 *   a missing, extra or mis-shaped tensor, or no spec
 */
export function importSafetensors(bytes: Uint8Array, spec?: ModelSpec, options: ImportSafetensorsOptions = {}): ImportedModel {
  const { tensors, metadata: raw } = readSafetensors(bytes);
  const stored = raw[SPEC_KEY];
  const topology = spec ?? (stored === undefined ? undefined : parseJson<ModelSpec>(stored, SPEC_KEY));
  if (topology === undefined) {
    throw new SafetensorsError(`the file holds no backprop spec (__metadata__ "${SPEC_KEY}"): give the ModelSpec of the network it holds`);
  }
  const metadata = raw[METADATA_KEY] === undefined ? {} : parseJson<ModelMetadata>(raw[METADATA_KEY], METADATA_KEY);
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new SafetensorsError(`__metadata__ "${METADATA_KEY}" is not a JSON object`);
  }
  const seedText = raw[SEED_KEY];
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new SafetensorsError(`__metadata__ "${SEED_KEY}" is ${JSON.stringify(seedText)}, not a seed (an integer in [0, 4294967295])`);
  }
  let values = 0;
  for (const t of tensors.values()) values += t.data.length;
  let model: Model;
  try {
    // As for model files: a topology needing far more values than the file stores is refused before it allocates.
    model = Model.create(topology, {
      maxParameters: Math.max(values, MIN_PARAMETER_BUDGET),
      ...(seed !== undefined ? { seed } : {}),
      ...(options.backend ? { backend: options.backend } : {}),
    });
  } catch (e) {
    throw new SafetensorsError(`the spec does not build a model: ${e instanceof Error ? e.message : String(e)}`);
  }
  model.setWeights(weightsFromStateDict(model, tensors));
  return { model, metadata };
}

function parseJson<T>(text: string, key: string): T {
  // Later walks of the value (building the model, saving it) recurse: refuse deep nesting first.
  if (jsonDepth(text, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH) throw new SafetensorsError(`__metadata__ "${key}" nests over ${MAX_JSON_DEPTH} levels deep`);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new SafetensorsError(`__metadata__ "${key}" is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}
