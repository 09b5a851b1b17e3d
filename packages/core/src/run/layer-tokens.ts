/**
 * The hidden layers of a feed-forward network, written short. `TrainConfig.layers` (the
 * `--layers` flag, a config file's `layers`, a web job's) is a list of entries, each one of
 *   - a number: a dense layer of that many units;
 *   - a token (the grammar below);
 *   - a LayerSpec object, for what no token says (a dilation, a stride per axis, an init, its own
 *     activation).
 *
 * Tokens; a `--layers` value is a comma-separated list of them:
 *
 *   <units>                                              dense
 *   conv:<filters>:<kernel>[:s<stride>][:p<padding>|:same]  conv2d, square kernel; padding 0 unless
 *                                                        given (PyTorch's default); same: output as
 *                                                        large as the input (odd kernel, stride 1)
 *   pool:<size>[:s<stride>][:p<padding>]                 maxpool2d; stride = size unless given
 *   avgpool:<size>[:s<stride>][:p<padding>]              avgpool2d (padding counts in the mean)
 *   gap, or globalavgpool                                globalavgpool2d: [C, H, W] → [C]
 *   bn                                                   batchnorm (per channel after a convolution)
 *   ln                                                   layernorm
 *   dropout:<rate>                                       dropout, 0 ≤ rate < 1
 *   flatten                                              [C, H, W] → [C·H·W]; implied before a
 *                                                        dense layer, so never needed
 *
 * e.g. LeNet-5: `conv:6:5:p2,pool:2,conv:16:5,pool:2,120,84`. Tokens say no activation: the run's
 * hidden activation applies to its dense and conv2d layers (model-spec.ts).
 *
 * Every token reads to one LayerSpec, and each such spec writes back to one canonical token, so
 * a checked list (numbers, canonical tokens, the objects as given) reads back to itself.
 */
import type { Conv2dSpec, LayerSpec, Pool2dSpec } from '../model/types.js';
import { ConfigError } from '../util/config-error.js';

/** One entry of `TrainConfig.layers`: dense units, a layer token, or a layer spec. */
export type LayerEntry = number | string | LayerSpec;

/** Every token form, as help and error messages list them. */
export const LAYER_TOKEN_FORMS =
  '<units> (dense), conv:<filters>:<kernel>[:s<stride>][:p<padding>|:same], pool:<size>[:s<stride>][:p<padding>], avgpool:<size>[:s<stride>][:p<padding>], gap, bn, ln, dropout:<rate>, flatten';

/** The largest dense width or filter count a token takes (as the model's own limits). */
const MAX_UNITS = 1 << 24;
/** The largest kernel, stride or padding a token takes. */
const MAX_WINDOW = 1 << 16;

/** The form of each token with arguments, named in the error about it. */
const FORMS: Readonly<Record<string, string>> = {
  conv: 'conv:<filters>:<kernel>[:s<stride>][:p<padding>|:same], e.g. conv:6:5:p2',
  pool: 'pool:<size>[:s<stride>][:p<padding>], e.g. pool:2',
  avgpool: 'avgpool:<size>[:s<stride>][:p<padding>], e.g. avgpool:2',
  dropout: 'dropout:<rate> with 0 ≤ rate < 1, e.g. dropout:0.5',
};

/** The tokens without arguments, and the layer each one is. */
const BARE: Readonly<Record<string, LayerSpec>> = {
  gap: { type: 'globalavgpool2d' },
  globalavgpool: { type: 'globalavgpool2d' },
  bn: { type: 'batchnorm' },
  ln: { type: 'layernorm' },
  flatten: { type: 'flatten' },
};

function refuse(token: string, expected: string): never {
  throw new ConfigError(`{layers} entry '${token}' is not a layer: expected ${expected}`, ['layers']);
}

/** A whole number in [min, max] written in decimal digits, else the token's form in the error. */
function whole(text: string | undefined, min: number, max: number, token: string, form: string): number {
  if (text === undefined || !/^\d+$/.test(text)) refuse(token, form);
  const value = Number(text);
  if (value < min || value > max) throw new ConfigError(`{layers} entry '${token}': ${text} is out of range (${min} to ${max}); expected ${form}`, ['layers']);
  return value;
}

/** The `:s<stride>`, `:p<padding>` and (convolution) `:same` options of a window token. */
function windowOptions(options: readonly string[], token: string, form: string, same: boolean): { stride?: number; padding?: number | 'same' } {
  let stride: number | undefined;
  let padding: number | 'same' | undefined;
  for (const option of options) {
    if (option === 'same' && same && padding === undefined) padding = 'same';
    else if (/^s/.test(option) && stride === undefined) stride = whole(option.slice(1), 1, MAX_WINDOW, token, form);
    else if (/^p/.test(option) && padding === undefined) padding = whole(option.slice(1), 0, MAX_WINDOW, token, form);
    else refuse(token, form);
  }
  return { ...(stride !== undefined ? { stride } : {}), ...(padding !== undefined ? { padding } : {}) };
}

/**
 * The layer a token is.
 * @throws ConfigError naming `layers` and the token, with the form it should take
 */
export function parseLayerToken(raw: string): LayerSpec {
  const token = raw.trim();
  if (/^\d+$/.test(token)) return { type: 'dense', units: whole(token, 1, MAX_UNITS, token, 'a dense layer of 1 or more units') };
  const [head = '', ...args] = token.split(':');
  const bare = BARE[head];
  if (bare) return args.length === 0 ? { ...bare } : refuse(token, `'${head}' alone (it takes no arguments)`);
  const form = FORMS[head];
  switch (head) {
    case 'conv': {
      const filters = whole(args[0], 1, MAX_UNITS, token, form!);
      const kernelSize = whole(args[1], 1, MAX_WINDOW, token, form!);
      return { type: 'conv2d', filters, kernelSize, ...windowOptions(args.slice(2), token, form!, true) };
    }
    case 'pool':
    case 'avgpool': {
      const kernelSize = whole(args[0], 1, MAX_WINDOW, token, form!);
      const options = windowOptions(args.slice(1), token, form!, false) as { stride?: number; padding?: number };
      return { type: head === 'pool' ? 'maxpool2d' : 'avgpool2d', kernelSize, ...options };
    }
    case 'dropout': {
      const rate = args.length === 1 && /^(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(args[0]!) ? Number(args[0]) : Number.NaN;
      if (!(rate >= 0 && rate < 1)) refuse(token, form!);
      return { type: 'dropout', rate };
    }
  }
  return refuse(token, `one of ${LAYER_TOKEN_FORMS}`);
}

/** The canonical token of a spec that `parseLayerToken` made (defaults left out); a number for a dense layer. */
export function layerTokenOf(spec: LayerSpec): string | number {
  switch (spec.type) {
    case 'dense':
      return spec.units as number;
    case 'conv2d': {
      const { filters, kernelSize, stride, padding } = spec as Conv2dSpec;
      const pad = padding === 'same' ? ':same' : padding ? `:p${String(padding)}` : '';
      return `conv:${filters}:${String(kernelSize)}${stride && stride !== 1 ? `:s${String(stride)}` : ''}${pad}`;
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const { kernelSize, stride, padding } = spec as Pool2dSpec;
      const head = spec.type === 'maxpool2d' ? 'pool' : 'avgpool';
      return `${head}:${String(kernelSize)}${stride && stride !== kernelSize ? `:s${String(stride)}` : ''}${padding ? `:p${String(padding)}` : ''}`;
    }
    case 'dropout':
      return `dropout:${String(spec['rate'])}`;
  }
  const bare = Object.keys(BARE).find((name) => BARE[name]!.type === spec.type);
  if (!bare) throw new TypeError(`layerTokenOf: no token says a '${spec.type}' layer`);
  return bare;
}

/**
 * A `--layers` value as entries: numbers for dense layers, canonical tokens for the rest.
 * @param text comma-separated tokens, e.g. '256,128' or 'conv:6:5:p2,pool:2,120'
 * @throws ConfigError naming `layers` for an empty value or a token that is no layer
 */
export function parseLayerTokens(text: string): LayerEntry[] {
  // A model needs a hidden layer; an empty value is more often a shell variable left unset.
  if (text.trim() === '') throw new ConfigError(`{layers} is empty: expected a comma-separated list of ${LAYER_TOKEN_FORMS}`, ['layers']);
  return text.split(',').map((token) => layerTokenOf(parseLayerToken(token)));
}

/** An entry as a message shows it: the token, or the object as JSON. */
export function describeLayerEntry(entry: LayerEntry): string {
  return typeof entry === 'object' ? JSON.stringify(entry) : `'${entry}'`;
}

/**
 * A config's `layers` value checked and written canonically: a `--layers` string or a list of
 * entries (numbers, tokens, and layer objects, kept as given; their fields are checked with the
 * network's shapes, see layer-shapes.ts).
 * @throws ConfigError naming `layers`
 */
export function checkLayerEntries(value: unknown): LayerEntry[] {
  if (typeof value === 'string') return parseLayerTokens(value);
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError(`{layers} must be a non-empty list of layers (numbers, tokens such as 'conv:6:5' or layer objects), got ${JSON.stringify(value) ?? String(value)}`, ['layers']);
  }
  return value.map((entry: unknown): LayerEntry => {
    if (typeof entry === 'number') {
      if (!Number.isInteger(entry) || entry < 1 || entry > MAX_UNITS) throw new ConfigError(`{layers}: a dense layer's units must be an integer from 1 to ${MAX_UNITS}, got ${entry}`, ['layers']);
      return entry;
    }
    if (typeof entry === 'string') return layerTokenOf(parseLayerToken(entry));
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry) && typeof (entry as { type?: unknown }).type === 'string') return entry as LayerSpec;
    throw new ConfigError(`{layers}: each entry must be a number, a token such as 'conv:6:5' or a layer object { type, … }, got ${JSON.stringify(entry) ?? String(entry)}`, ['layers']);
  });
}

/** The layer an entry is (a dense layer for a number). */
export function layerSpecOf(entry: LayerEntry): LayerSpec {
  if (typeof entry === 'number') return { type: 'dense', units: entry };
  return typeof entry === 'string' ? parseLayerToken(entry) : entry;
}
