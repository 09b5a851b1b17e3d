/**
 * Every TrainConfig key with the kind of value it takes, one line of help and its default in
 * words. resolveConfig checks values against this table, the CLI makes its `train` flags from
 * it (flag = the key's last segment in kebab case: `optimizer.lr` → `--lr`, `optimizer.name` →
 * `--optimizer`), and `--config` files are read with it.
 */
import { ACTIVATION_NAMES } from '../model/activations.js';
import { LOSS_NAMES } from '../model/losses/index.js';
import { OPTIMIZER_NAMES } from '../model/optimizers/index.js';
import { CNN_PRESET } from './cnn-preset.js';
import { LAYER_TOKEN_FORMS } from './layer-tokens.js';

/** The values a config key takes. */
export type ConfigValueType =
  | { readonly type: 'string' }
  | { readonly type: 'integer'; readonly min: number; readonly max?: number }
  | { readonly type: 'number'; readonly min: number; readonly exclusiveMin?: boolean }
  | { readonly type: 'fraction' }
  | { readonly type: 'boolean' }
  | { readonly type: 'choice'; readonly choices: readonly string[] }
  | { readonly type: 'layers' }
  | { readonly type: 'schedule' }
  | { readonly type: 'early-stopping' }
  | { readonly type: 'data' };

/** One row of the table. */
export interface ConfigKey {
  /** The key path, e.g. 'batchSize' or 'optimizer.lr'. */
  readonly key: string;
  readonly value: ConfigValueType;
  /** One line of help. */
  readonly description: string;
  /** The default, in words. */
  readonly defaultText?: string;
}

/** The network kinds, as `model` takes them. */
export const MODEL_KINDS = ['mlp', 'cnn', 'rnn', 'lstm', 'gru', 'fixed-point'] as const;
/** The preprocessing kinds, as `normalize` takes them. */
export const NORMALIZE_KINDS = ['standardize', 'minmax', 'none'] as const;

/** The table of TrainConfig keys, in the order help lists them. */
export const TRAIN_CONFIG_KEYS: readonly ConfigKey[] = [
  {
    key: 'data',
    value: { type: 'data' },
    description: 'data set: a built-in name (iris, mnist, sine, adding, text, xor, pattern-completion), mnist-idx:<dir>, or a CSV file',
    defaultText: 'iris',
  },
  { key: 'target', value: { type: 'string' }, description: 'CSV: the target column (name or 0-based index)', defaultText: 'the last column' },
  {
    key: 'model',
    value: { type: 'choice', choices: MODEL_KINDS },
    description:
      'network kind (mlp: feed-forward, dense or convolutional as layers lists them; cnn: a small convolutional network for image data, its defaults given with layers, optimizer, lr, batch size and epochs; fixed-point: a recurrent network trained by Almeida–Pineda recurrent backpropagation)',
    defaultText: 'mlp',
  },
  {
    key: 'layers',
    value: { type: 'layers' },
    description: `mlp/cnn: the hidden layers, comma separated: ${LAYER_TOKEN_FORMS}; e.g. 256,128 or conv:6:5:p2,pool:2,conv:16:5,pool:2,120,84 (image layers need image data; a config file may also give layer objects)`,
    defaultText: `8; cnn: ${CNN_PRESET.layers.join(',')}`,
  },
  { key: 'units', value: { type: 'integer', min: 1, max: 1 << 20 }, description: 'rnn/lstm/gru/fixed-point: hidden units', defaultText: '32; 3 for fixed-point' },
  {
    key: 'seqLen',
    value: { type: 'integer', min: 1, max: 1 << 20 },
    description: 'rnn/lstm/gru: time steps per row (each row is split into seq-len steps)',
    defaultText: '50 for sine and adding, 32 for text, else one value per step',
  },
  {
    key: 'embedding',
    value: { type: 'integer', min: 1, max: 1 << 20 },
    description:
      'rnn/lstm/gru on text: feed each character as its token id, looked up in a learned table of vectors of this size (an embedding layer before the recurrent one), instead of as a one-hot row',
    defaultText: 'off (one-hot rows)',
  },
  {
    key: 'activation',
    value: { type: 'choice', choices: ACTIVATION_NAMES.filter((a) => a !== 'softmax') },
    description: 'hidden activation (fixed-point: sigmoid or tanh)',
    defaultText: 'relu; sigmoid for fixed-point',
  },
  {
    key: 'outputActivation',
    value: { type: 'choice', choices: ACTIVATION_NAMES },
    description: 'output activation',
    defaultText: 'softmax for cross-entropy, sigmoid for binary-cross-entropy and for mse on classes, else linear',
  },
  {
    key: 'loss',
    value: { type: 'choice', choices: LOSS_NAMES },
    description: 'loss',
    defaultText: 'cross-entropy for classes (binary-cross-entropy for one output), mse otherwise and for fixed-point',
  },
  { key: 'huberDelta', value: { type: 'number', min: 0, exclusiveMin: true }, description: 'huber: where the loss turns from quadratic to linear (δ)', defaultText: '1' },
  { key: 'labelSmoothing', value: { type: 'fraction' }, description: 'cross-entropy: mix the targets with the uniform distribution by this much (ε < 1)', defaultText: '0' },
  { key: 'optimizer.name', value: { type: 'choice', choices: OPTIMIZER_NAMES }, description: 'optimizer', defaultText: `sgd; ${CNN_PRESET.optimizer} for cnn; adam for rnn/lstm/gru; momentum for fixed-point` },
  {
    key: 'optimizer.lr',
    value: { type: 'number', min: 0, exclusiveMin: true },
    description: 'learning rate',
    defaultText:
      `0.1 for sgd/momentum/nesterov (with loss mse 0.1 ÷ rows per batch: mse is summed over the batch), 0.001 for adam/adamw (0.005 on rnn/lstm/gru), 0.01 for rmsprop/adagrad, 0.002 for adamax/nadam; fixed-point 0.3 ÷ rows per batch; cnn with ${CNN_PRESET.optimizer} ${CNN_PRESET.lr}`,
  },
  { key: 'optimizer.momentum', value: { type: 'fraction' }, description: 'momentum μ for sgd, momentum, nesterov and rmsprop', defaultText: '0.9 for momentum and nesterov, 0 for sgd and rmsprop' },
  { key: 'optimizer.weightDecay', value: { type: 'number', min: 0 }, description: 'L2 weight decay (decoupled for adamw)', defaultText: '0; 0.01 for adamw' },
  {
    key: 'optimizer.l1',
    value: { type: 'number', min: 0 },
    description: 'L1 regularisation rate: adds λ·sign(w) to the gradient of every weight matrix (not biases), driving unneeded weights to 0',
    defaultText: '0',
  },
  { key: 'optimizer.beta1', value: { type: 'fraction' }, description: 'adam/adamw/adamax/nadam: decay of the first moment β1', defaultText: '0.9' },
  { key: 'optimizer.beta2', value: { type: 'fraction' }, description: 'adam/adamw/adamax/nadam: decay of the second moment (adamax: infinity norm) β2', defaultText: '0.999' },
  { key: 'optimizer.eps', value: { type: 'number', min: 0, exclusiveMin: true }, description: 'ε added to the denominator (adam, adamw, rmsprop, adagrad, adamax, nadam)', defaultText: '1e-8; 1e-10 for adagrad' },
  { key: 'optimizer.alpha', value: { type: 'fraction' }, description: 'rmsprop: smoothing constant α of the squared-gradient average', defaultText: '0.99' },
  { key: 'optimizer.centered', value: { type: 'boolean' }, description: 'rmsprop: normalise by the variance estimate (centred RMSprop)', defaultText: 'false' },
  { key: 'optimizer.lrDecay', value: { type: 'number', min: 0 }, description: 'adagrad: learning-rate decay, lr / (1 + (t−1)·lrDecay)', defaultText: '0' },
  { key: 'optimizer.initialAccumulatorValue', value: { type: 'number', min: 0 }, description: 'adagrad: starting value of the squared-gradient sum', defaultText: '0' },
  { key: 'optimizer.momentumDecay', value: { type: 'number', min: 0 }, description: 'nadam: momentum decay ψ of μ_t = β1·(1 − ½·0.96^(t·ψ))', defaultText: '0.004' },
  { key: 'dropout', value: { type: 'fraction' }, description: 'mlp/cnn: dropout rate after each hidden dense layer', defaultText: '0' },
  {
    key: 'schedule',
    value: { type: 'schedule' },
    description: 'learning-rate schedule: constant, step:<every>:<gamma>, exponential:<gamma>, cosine[:<minLr>]',
    defaultText: 'constant',
  },
  { key: 'epochs', value: { type: 'integer', min: 1, max: 1e9 }, description: 'training epochs', defaultText: `100; ${CNN_PRESET.epochs} for cnn; 30 for rnn/lstm/gru; 1500 for fixed-point` },
  { key: 'batchSize', value: { type: 'integer', min: 0, max: 1e9 }, description: 'rows per batch; 0 = full batch', defaultText: `32; ${CNN_PRESET.batchSize} for cnn` },
  { key: 'testSplit', value: { type: 'fraction' }, description: 'fraction held out for the test (stratified for classes)', defaultText: '0.2; 0 for sets of under 20 rows' },
  { key: 'validationSplit', value: { type: 'fraction' }, description: 'fraction of the training rows held out for validation', defaultText: '0; 0.1 with early stopping' },
  {
    key: 'earlyStopping',
    value: { type: 'early-stopping' },
    description: 'stop after this many epochs without a better validation loss; restores the best weights',
  },
  { key: 'clipNorm', value: { type: 'number', min: 0 }, description: 'clip the global gradient norm (0: off)', defaultText: 'off; 1 for rnn/lstm/gru' },
  {
    key: 'normalize',
    value: { type: 'choice', choices: NORMALIZE_KINDS },
    description: 'input preprocessing fitted on the training rows (token ids, with embedding, are never normalised)',
    defaultText: 'standardize for tables (iris, CSV), none for images and sequences',
  },
  { key: 'seed', value: { type: 'integer', min: 0, max: 0xffffffff }, description: 'seed for every random choice (split, init, shuffle): same seed, same result', defaultText: '42' },
  { key: 'backend', value: { type: 'string' }, description: 'compute backend: auto, ts, native (auto = the fastest that loads)', defaultText: 'auto' },
  { key: 'checkpointEvery', value: { type: 'integer', min: 1, max: 1e9 }, description: 'write a checkpoint every n epochs' },
];
