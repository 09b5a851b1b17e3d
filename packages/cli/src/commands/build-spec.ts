/**
 * The network a `train` run builds from its flags: hidden Dense layers (with optional
 * dropout after each) and an output Dense layer whose size and activation fit the data and
 * the loss.
 */
import type { ActivationName, LayerSpec, LossName, ModelSpec } from '@backprop/core';
import { UsageError } from '../errors.js';
import type { TrainOptions } from './train-options.js';

/** The loss to use when --loss is not given. */
export function defaultLoss(task: 'classification' | 'regression'): LossName {
  return task === 'classification' ? 'cross-entropy' : 'mse';
}

/** The output activation to use when --output-activation is not given. */
export function defaultOutputActivation(loss: LossName, task: 'classification' | 'regression'): ActivationName {
  if (loss === 'cross-entropy') return 'softmax';
  if (loss === 'binary-cross-entropy') return 'sigmoid';
  return task === 'classification' ? 'sigmoid' : 'linear';
}

export function buildMlpSpec(
  options: Pick<TrainOptions, 'layers' | 'activation' | 'dropout'>,
  loss: LossName,
  outputActivation: ActivationName,
  inputSize: number,
  outputSize: number,
  command = 'train',
): ModelSpec {
  if (loss === 'cross-entropy' && outputActivation !== 'softmax') {
    throw new UsageError(`--loss cross-entropy needs --output-activation softmax (got ${outputActivation}); use --loss mse or binary-cross-entropy with ${outputActivation}.`, command);
  }
  if (loss !== 'cross-entropy' && outputActivation === 'softmax') {
    throw new UsageError(`--output-activation softmax goes with --loss cross-entropy (got --loss ${loss}).`, command);
  }
  const layers: LayerSpec[] = [];
  for (const units of options.layers) {
    layers.push({ type: 'dense', units, activation: options.activation });
    if (options.dropout > 0) layers.push({ type: 'dropout', rate: options.dropout });
  }
  layers.push({ type: 'dense', units: outputSize, activation: outputActivation });
  return { inputSize, layers, loss };
}

/**
 * A recurrent network: one rnn/lstm/gru layer over the sequence (sequence-to-one: its last
 * hidden state), then a dense output layer. `seqLen` steps of inputSize / seqLen features.
 */
export function buildRecurrentSpec(
  kind: 'rnn' | 'lstm' | 'gru',
  hidden: number,
  seqLen: number,
  loss: LossName,
  outputActivation: ActivationName,
  inputSize: number,
  outputSize: number,
): ModelSpec {
  if (inputSize % seqLen !== 0) {
    throw new UsageError(`--seq-len ${seqLen} does not divide the ${inputSize} input values of each row into whole steps.`, 'train');
  }
  const layers: LayerSpec[] = [
    { type: kind, units: hidden, seqLen, features: inputSize / seqLen },
    { type: 'dense', units: outputSize, activation: outputActivation },
  ];
  return { inputSize, layers, loss };
}
