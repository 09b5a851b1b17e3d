/**
 * The flags of `backprop train`. Outside tools rely on these exact names (issues 2, 4, 5, 6).
 * Every flag can also be given as the same key in a --config JSON file; flags win.
 */
import type { ActivationName, LossName, OptimizerName } from '@backprop/core';
import { backendOption, outputOptions, seedOption, type BackendChoice } from '../options/common-options.js';
import type { OptionDef } from '../options/option-table.js';
import {
  parseChoice,
  parseFraction,
  parseInteger,
  parseLayers,
  parseNumber,
  parseSchedule,
  type ScheduleOption,
} from '../options/parse-values.js';

export const ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'linear', 'softmax'];
export const LOSSES: readonly LossName[] = ['cross-entropy', 'mse', 'binary-cross-entropy'];
export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw'];
export const MODEL_KINDS = ['mlp', 'rnn', 'lstm', 'gru', 'rbp'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const NORMALIZE_KINDS = ['standardize', 'minmax', 'none'] as const;
export type NormalizeKind = (typeof NORMALIZE_KINDS)[number];

/** The resolved options of a training run (after flags > config > defaults). */
export interface TrainOptions {
  data: string;
  target?: string;
  model: ModelKind;
  layers: number[];
  hidden?: number;
  seqLen?: number;
  activation: ActivationName;
  outputActivation?: ActivationName;
  loss?: LossName;
  optimizer: OptimizerName;
  lr?: number;
  momentum?: number;
  weightDecay?: number;
  l1?: number;
  dropout: number;
  schedule: ScheduleOption;
  epochs: number;
  batchSize: number;
  testSplit: number;
  validationSplit: number;
  earlyStopping?: number;
  clipNorm?: number;
  normalize?: NormalizeKind;
  standardize?: boolean;
  scale?: boolean;
  seed: number;
  backend: BackendChoice;
  save?: string;
  checkpointEvery?: number;
  checkpoint?: string;
  resume?: string;
  plot?: string;
  config?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export const TRAIN_OPTIONS: readonly OptionDef[] = [
  { flags: '--config <file.json>', description: 'read options from a JSON file (same keys as the flags; flags win)', cliOnly: true },
  {
    flags: '--data <set>',
    description: 'data set: iris, mnist, mnist-idx:<dir>, sine, adding, text, xor, pattern-completion, or a CSV file (with --target)',
    parse: (raw) => String(raw),
    defaultValue: 'iris',
  },
  { flags: '--target <column>', description: 'CSV: the target column (name or 0-based index; default: the last)', parse: (raw) => String(raw) },
  {
    flags: '--model <kind>',
    description: `network kind: ${MODEL_KINDS.join(', ')} (rbp = fixed-point network, Almeida–Pineda)`,
    parse: (raw) => parseChoice(raw, MODEL_KINDS),
    defaultValue: 'mlp',
  },
  { flags: '--layers <sizes>', description: 'hidden layer sizes, comma separated (e.g. 8 or 256,128)', parse: parseLayers, defaultValue: [8] },
  { flags: '--hidden <n>', description: 'rnn/lstm/gru/rbp: hidden units', parse: (raw) => parseInteger(raw, 1), defaultDescription: '32; 3 for rbp' },
  {
    flags: '--seq-len <n>',
    description: 'rnn/lstm/gru: time steps per row (each row is split into seq-len steps)',
    parse: (raw) => parseInteger(raw, 1),
    defaultDescription: '50 for sine and adding, 32 for text, else one value per step',
  },
  {
    flags: '--activation <name>',
    description: `hidden activation: ${ACTIVATIONS.filter((a) => a !== 'softmax').join(', ')}`,
    parse: (raw) => parseChoice(raw, ACTIVATIONS.filter((a) => a !== 'softmax')),
    defaultValue: 'relu',
  },
  {
    flags: '--output-activation <name>',
    description: `output activation: ${ACTIVATIONS.join(', ')}`,
    parse: (raw) => parseChoice(raw, ACTIVATIONS),
    defaultDescription: 'softmax for cross-entropy, sigmoid for binary-cross-entropy and for mse on classes, else linear',
  },
  {
    flags: '--loss <name>',
    description: `loss: ${LOSSES.join(', ')}`,
    parse: (raw) => parseChoice(raw, LOSSES),
    defaultDescription: 'cross-entropy for classes, mse otherwise',
  },
  {
    flags: '--optimizer <name>',
    description: `optimizer: ${OPTIMIZERS.join(', ')}`,
    parse: (raw) => parseChoice(raw, OPTIMIZERS),
    defaultDescription: 'sgd; adam for rnn/lstm/gru',
  },
  {
    flags: '--lr <rate>',
    description: 'learning rate',
    parse: (raw) => parseNumber(raw, { min: 0, minExclusive: true }),
    defaultDescription: '0.1 for sgd/momentum/nesterov (with loss mse 0.1 ÷ rows per batch: mse is summed over the batch), 0.001 for adam/adamw (0.005 on rnn/lstm/gru), 0.5 for rbp',
  },
  { flags: '--momentum <mu>', description: 'momentum μ for momentum/nesterov', parse: parseFraction, defaultDescription: '0.9' },
  { flags: '--weight-decay <lambda>', description: 'L2 weight decay (decoupled for adamw)', parse: (raw) => parseNumber(raw, { min: 0 }), defaultValue: 0 },
  {
    flags: '--l1 <lambda>',
    description: 'L1 regularisation rate: adds λ·sign(w) to the gradient of every weight matrix (not biases), driving unneeded weights to 0',
    parse: (raw) => parseNumber(raw, { min: 0 }),
    defaultValue: 0,
  },
  { flags: '--dropout <rate>', description: 'dropout rate after each hidden layer', parse: parseFraction, defaultValue: 0 },
  {
    flags: '--schedule <spec>',
    description: 'learning-rate schedule: constant, step:<every>:<gamma>, exponential:<gamma>, cosine[:<minLr>]',
    parse: parseSchedule,
    defaultValue: { type: 'constant' },
    defaultDescription: 'constant',
  },
  { flags: '--epochs <n>', description: 'training epochs', parse: (raw) => parseInteger(raw, 1), defaultDescription: '100; 30 for rnn/lstm/gru; 2000 for rbp' },
  { flags: '--batch-size <n>', description: 'rows per batch; 0 = full batch', parse: (raw) => parseInteger(raw, 0), defaultValue: 32 },
  { flags: '--test-split <fraction>', description: 'fraction held out for the test (stratified for classes)', parse: parseFraction, defaultValue: 0.2 },
  { flags: '--validation-split <fraction>', description: 'fraction of the training rows held out for validation', parse: parseFraction, defaultValue: 0 },
  { flags: '--early-stopping <patience>', description: 'stop after this many epochs without a better validation loss; restores the best weights', parse: (raw) => parseInteger(raw, 1) },
  {
    flags: '--clip-norm <value>',
    description: 'clip the global gradient norm',
    parse: (raw) => parseNumber(raw, { min: 0, minExclusive: true }),
    defaultDescription: 'none; 1 for rnn/lstm/gru',
  },
  {
    flags: '--normalize <kind>',
    description: `input preprocessing fitted on the training rows: ${NORMALIZE_KINDS.join(', ')}`,
    parse: (raw) => parseChoice(raw, NORMALIZE_KINDS),
    defaultDescription: 'standardize for iris and CSV, none for mnist (already in [0,1])',
  },
  { flags: '--standardize', description: 'same as --normalize standardize' },
  { flags: '--scale', description: 'same as --normalize minmax (scale each feature to [0,1])' },
  seedOption,
  backendOption,
  { flags: '--save <file.bpm>', description: 'save the trained model (atomic write)', parse: (raw) => String(raw) },
  { flags: '--checkpoint-every <n>', description: 'write a checkpoint every n epochs', parse: (raw) => parseInteger(raw, 1) },
  { flags: '--checkpoint <file.bpm>', description: 'checkpoint file', parse: (raw) => String(raw), defaultDescription: '<save>.checkpoint.bpm or checkpoint.bpm' },
  { flags: '--resume <file.bpm>', description: 'continue training from a checkpoint exactly where it stopped', parse: (raw) => String(raw) },
  { flags: '--plot <file.svg|file.png>', description: 'write the loss and accuracy curves', parse: (raw) => String(raw) },
  ...outputOptions,
];
