/**
 * What a model file says of the run that made it, read back for the page: the hyper-parameters
 * for the job form (from `training.config`, the layout the CLI and this demo both write) and the
 * per-epoch losses (`training.history`, written by this demo only). Files from other tools lack
 * some keys: each missing or malformed value keeps the form's current one.
 */
import type { ModelMetadata } from '@backprop/core';
import type { HiddenActivation } from '../playground/state.js';
import type { EpochPoint, FormOptimizer } from '../worker/protocol.js';
import type { JobFormValues } from './JobForm.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const ACTIVATIONS: readonly HiddenActivation[] = ['relu', 'tanh', 'sigmoid', 'linear'];
const OPTIMIZERS: readonly FormOptimizer[] = ['sgd', 'momentum', 'adam'];

function trainingConfig(metadata: ModelMetadata): Obj {
  const training = isObj(metadata.training) ? metadata.training : {};
  return isObj(training['config']) ? training['config'] : {};
}

/** A layer entry as the form writes it: units as a number, core's tokens (conv:8:5:p2) as they are. */
function layerText(entry: unknown): string | undefined {
  if (typeof entry === 'number' || typeof entry === 'string') return String(entry);
  return undefined;
}

/** The form as the file's run had it; `current` supplies whatever the file does not say. */
export function formValuesOf(metadata: ModelMetadata, current: JobFormValues): JobFormValues {
  const c = trainingConfig(metadata);
  const layers = Array.isArray(c['layers']) ? c['layers'].map(layerText) : typeof c['layers'] === 'string' ? [c['layers']] : undefined;
  const activation = ACTIVATIONS.find((a) => a === c['activation']);
  const opt = c['optimizer'];
  const optName = isObj(opt) ? opt['name'] : opt;
  const optimizer = OPTIMIZERS.find((o) => o === optName);
  const lr = isObj(opt) ? num(opt['lr']) : undefined;
  const epochs = num(c['epochs']);
  const batchSize = num(c['batchSize']);
  const seed = num(c['seed']);
  const network = c['model'] === 'cnn' ? 'cnn' : c['model'] === 'mlp' || layers ? 'mlp' : undefined;
  return {
    ...current,
    ...(layers && layers.every((l) => l !== undefined) ? { layers: layers.join(', ') } : {}),
    ...(activation ? { activation } : {}),
    ...(optimizer ? { optimizer } : {}),
    ...(lr !== undefined ? { lr } : {}),
    ...(epochs !== undefined ? { epochs } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(network && current.network !== undefined ? { network } : {}),
  };
}

/** The per-epoch losses saved with the model, or null when the file has none. */
export function historyOf(metadata: ModelMetadata): EpochPoint[] | null {
  const training = isObj(metadata.training) ? metadata.training : {};
  const h = training['history'];
  if (!Array.isArray(h) || h.length === 0) return null;
  const points: EpochPoint[] = [];
  for (const p of h) {
    if (!isObj(p)) return null;
    const epoch = num(p['epoch']);
    const loss = num(p['loss']);
    if (epoch === undefined || loss === undefined) return null;
    // A missing test loss (no test split) was written as null: NaN leaves a gap in the chart.
    const accuracy = num(p['testAccuracy']);
    points.push({ epoch, loss, testLoss: num(p['testLoss']) ?? Number.NaN, ...(accuracy !== undefined ? { testAccuracy: accuracy } : {}) });
  }
  return points;
}
