/**
 * `backprop gradcheck`: verify backpropagation on a chosen architecture. Builds the network in
 * float64 on the TS backend, runs it on random inputs and targets, and compares every
 * parameter's backprop gradient with central differences (core's gradcheck); prints the max
 * relative error per layer and parameter, and fails (exit 1) above the threshold.
 */
import {
  ConfigError,
  gradcheck,
  modelSpecOf,
  resolveConfig,
  Rng,
  TRAIN_CONFIG_KEYS,
  type ActivationName,
  type GradcheckParameterResult,
  type LossName,
  type ModelSpec,
} from '@backprop/core';
import { Command, Option } from 'commander';
import { CliError, UsageError } from '../errors.js';
import { outputOptions, seedOption } from '../options/common-options.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseChoice, parseFraction, parseInteger, parseLayers, parseNumber } from '../options/parse-values.js';
import { count } from '../output/count.js';
import { Output } from '../output/output.js';
import type { CliIo } from '../io.js';
import { flagOf } from '../options/config-flags.js';

/** The choices of train's --output-activation and --loss (core's key table). */
function choicesOf(key: string): readonly string[] {
  const row = TRAIN_CONFIG_KEYS.find((k) => k.key === key)?.value;
  return row?.type === 'choice' ? row.choices : [];
}
const ACTIVATIONS = choicesOf('outputActivation') as readonly ActivationName[];
const LOSSES = choicesOf('loss') as readonly LossName[];

const GRADCHECK_OPTIONS: readonly OptionDef[] = [
  { flags: '--input-size <n>', description: 'input features', parse: (raw) => parseInteger(raw, 1, 1 << 16), defaultValue: 4 },
  { flags: '--layers <sizes>', description: 'hidden layer sizes, comma separated', parse: parseLayers, defaultValue: [8] },
  { flags: '--output-size <n>', description: 'output units', parse: (raw) => parseInteger(raw, 1, 1 << 16), defaultValue: 3 },
  {
    flags: '--activation <name>',
    description: 'hidden activation',
    parse: (raw) => parseChoice(raw, ACTIVATIONS.filter((a) => a !== 'softmax')),
    defaultValue: 'tanh',
  },
  { flags: '--output-activation <name>', description: 'output activation', parse: (raw) => parseChoice(raw, ACTIVATIONS), defaultDescription: 'as for train' },
  { flags: '--loss <name>', description: `loss: ${LOSSES.join(', ')}`, parse: (raw) => parseChoice(raw, LOSSES), defaultValue: 'cross-entropy' },
  { flags: '--dropout <rate>', description: 'dropout after each hidden layer (checked with a frozen mask)', parse: parseFraction, defaultValue: 0 },
  { flags: '--rows <n>', description: 'random input rows', parse: (raw) => parseInteger(raw, 1), defaultValue: 5 },
  { flags: '--threshold <value>', description: 'largest max relative error that passes', parse: (raw) => parseNumber(raw, { min: 0, minExclusive: true }), defaultValue: 1e-6 },
  seedOption,
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop gradcheck
  $ backprop gradcheck --input-size 6 --layers 16,8 --activation sigmoid --output-size 2 --loss binary-cross-entropy
  $ backprop gradcheck --layers 5 --activation leaky-relu --loss mse --output-activation linear --dropout 0.3 --json`;

interface GradcheckCliOptions {
  inputSize: number;
  layers: number[];
  outputSize: number;
  activation: ActivationName;
  outputActivation?: ActivationName;
  loss: LossName;
  dropout: number;
  rows: number;
  threshold: number;
  seed: number;
  json?: boolean;
  quiet?: boolean;
}

export function gradcheckCommand(io: CliIo): Command {
  const command = new Command('gradcheck').description('check backprop gradients against float64 central differences, per layer');
  addOptions(command, GRADCHECK_OPTIONS);
  // Their older names, kept for outside tools (one name per concept: inputSize, outputSize).
  command.addOption(new Option('--inputs <n>').hideHelp().argParser((raw: string) => parseInteger(raw, 1, 1 << 16)));
  command.addOption(new Option('--outputs <n>').hideHelp().argParser((raw: string) => parseInteger(raw, 1, 1 << 16)));
  command.addHelpText('after', EXAMPLES);
  command.action((_opts: unknown, cmd: Command) => {
    const given = cmd.opts<Record<string, unknown>>();
    const aliased = { ...given, inputSize: given['inputSize'] ?? given['inputs'], outputSize: given['outputSize'] ?? given['outputs'] };
    const o = resolveOptions('gradcheck', GRADCHECK_OPTIONS, aliased, undefined) as unknown as GradcheckCliOptions;
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    const { spec, outputActivation } = networkOf(o);
    const { x, y } = randomData(o);
    const result = gradcheck(spec, { x, y, n: o.rows }, { seed: o.seed, training: o.dropout > 0 });

    const shapes = [o.inputSize, ...o.layers, o.outputSize].join('-');
    out.line(`gradcheck of a ${shapes} network (${o.activation} hidden, ${outputActivation} output, ${o.loss}) on ${count(o.rows, 'random row')}, float64`);
    const rows = result.parameters.map((p) => {
      const layer = layerName(p);
      const parameter = p.layer < 0 ? '∂L/∂x' : p.name.slice(layer.length + 1);
      return [layer, parameter, String(p.checked), p.maxRelativeError.toExponential(2), p.maxAbsoluteError.toExponential(2)];
    });
    const header = ['layer', 'parameter', 'checked', 'max rel err', 'max abs err'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    for (const r of [header, ...rows]) out.line(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    const passed = Number.isFinite(result.maxRelativeError) && result.maxRelativeError <= o.threshold;
    out.line(`max relative error ${result.maxRelativeError.toExponential(2)}: ${passed ? 'PASS' : 'FAIL'} (threshold ${o.threshold})`);
    out.summary({
      passed,
      maxRelativeError: result.maxRelativeError,
      threshold: o.threshold,
      layers: perLayer(result.parameters),
      parameters: result.parameters,
    });
    if (!passed) throw new CliError(`gradients disagree with finite differences: max relative error ${result.maxRelativeError} > ${o.threshold}.`);
  });
  return command;
}

/** The network to check, as train would build it (core decides the output activation and refuses bad pairings). */
function networkOf(o: GradcheckCliOptions): { spec: ModelSpec; outputActivation: ActivationName } {
  try {
    const config = resolveConfig(
      { layers: o.layers, activation: o.activation, loss: o.loss, dropout: o.dropout, ...(o.outputActivation ? { outputActivation: o.outputActivation } : {}) },
      { name: 'random rows', task: 'classification', n: o.rows, inputSize: o.inputSize, outputSize: o.outputSize, normalize: 'none' },
    );
    return { spec: modelSpecOf(config, o.inputSize, o.outputSize), outputActivation: config.outputActivation ?? 'linear' };
  } catch (error) {
    if (error instanceof ConfigError) {
      const flag = (key: string): string => (key === 'data' ? '--output-size' : flagOf(key));
      throw new UsageError(`${error.format(flag).replace("--output-size 'random rows' has 1", '--output-size is 1')}.`, 'gradcheck');
    }
    throw error;
  }
}

/**
 * The layer a checked parameter belongs to, by core's naming: `<type>_<1-based index>.<param>`
 * (as Model.activations names layers), and 'input' for ∂L/∂x (layer −1).
 */
function layerName(p: GradcheckParameterResult): string {
  return p.layer < 0 ? 'input' : p.name.slice(0, p.name.indexOf('.'));
}

/**
 * The largest relative error per layer, keyed as the parameters are: `layer` the 0-based index
 * into the model's layers (−1 for the input), `name` e.g. 'dense_1'. NaN counts as Infinity.
 */
function perLayer(parameters: readonly GradcheckParameterResult[]): { layer: number; name: string; maxRelativeError: number }[] {
  const layers: { layer: number; name: string; maxRelativeError: number }[] = [];
  for (const p of parameters) {
    const error = Number.isNaN(p.maxRelativeError) ? Infinity : p.maxRelativeError;
    const entry = layers.find((l) => l.layer === p.layer);
    if (entry) entry.maxRelativeError = Math.max(entry.maxRelativeError, error);
    else layers.push({ layer: p.layer, name: layerName(p), maxRelativeError: error });
  }
  return layers;
}

/** Seeded random inputs, and targets that fit the loss (one-hot classes, probability rows, or values in (0, 1)). */
function randomData(o: GradcheckCliOptions): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(o.seed + 1);
  const x = Float64Array.from({ length: o.rows * o.inputSize }, () => rng.normal());
  const y = new Float64Array(o.rows * o.outputSize);
  for (let r = 0; r < o.rows; r++) {
    if (o.loss === 'cross-entropy' || o.loss === 'hinge') y[r * o.outputSize + rng.int(o.outputSize)] = 1;
    else for (let c = 0; c < o.outputSize; c++) y[r * o.outputSize + c] = rng.uniform(0.05, 0.95);
    if (o.loss === 'kl-divergence') {
      // Target distributions: rows summing to 1.
      let sum = 0;
      for (let c = 0; c < o.outputSize; c++) sum += y[r * o.outputSize + c]!;
      for (let c = 0; c < o.outputSize; c++) y[r * o.outputSize + c]! /= sum;
    }
  }
  return { x, y };
}
