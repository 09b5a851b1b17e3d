/**
 * The playground network as a core model, and the snapshot the page draws: losses, every
 * dense layer's weights, and every layer's output over the heatmap grid. All of it is
 * computed by @backprop/core (Model.fit / evaluate / activations); this file only arranges it.
 */
import { Model, type Dataset, type DenseSpec, type FitOptions, type ModelSpec } from '@backprop/core';
import type { LayerWeights, PlaygroundHyper, PlaygroundSetup, PlaygroundSnapshot, PointSet } from './protocol.js';

/** Classification: one sigmoid unit read as P(class 1), binary cross-entropy. Regression: one linear unit, MSE. */
export function playgroundSpec(setup: Pick<PlaygroundSetup, 'problem' | 'inputSize' | 'hidden' | 'activation'>): ModelSpec {
  const classification = setup.problem === 'classification';
  const layers: DenseSpec[] = setup.hidden.map((units) => ({ type: 'dense', units, activation: setup.activation }));
  layers.push({ type: 'dense', units: 1, activation: classification ? 'sigmoid' : 'linear' });
  return { inputSize: setup.inputSize, layers, loss: classification ? 'binary-cross-entropy' : 'mse' };
}

export function pointsToDataset(points: PointSet, inputSize: number): Dataset {
  return { x: points.features, y: points.labels, n: points.n, inputSize, outputSize: 1 };
}

/**
 * One epoch's fit options from the playground's hyper-parameters: plain SGD (as in
 * Playground), L2 as core's weight decay on the kernels (the gradient of ½·λ·‖W‖²) and L1 as
 * core's `l1` (the subgradient λ·sign(W) of λ·Σ|W|, also kernels only).
 */
export function epochOptions(hyper: PlaygroundHyper): FitOptions {
  const weightDecay = hyper.regularization === 'l2' ? hyper.regRate : 0;
  const l1 = hyper.regularization === 'l1' ? hyper.regRate : 0;
  return {
    epochs: 1,
    batchSize: hyper.batchSize,
    shuffle: true,
    optimizer: { name: 'sgd', lr: hyper.lr, weightDecay, l1 },
  };
}

export class PlaygroundModel {
  readonly model: Model;
  readonly train: Dataset;
  readonly test: Dataset;
  epoch = 0;

  constructor(readonly setup: PlaygroundSetup) {
    this.model = Model.create(playgroundSpec(setup), { seed: setup.seed });
    this.train = pointsToDataset(setup.train, setup.inputSize);
    this.test = pointsToDataset(setup.test, setup.inputSize);
  }

  /** Train one epoch (one pass over the training points in minibatches). */
  async trainEpoch(hyper: PlaygroundHyper): Promise<void> {
    const initialEpoch = this.model.epoch;
    await this.model.fit(this.train, { ...epochOptions(hyper), epochs: initialEpoch + 1, initialEpoch });
    this.epoch++;
  }

  /** Set one kernel weight (`index` row-major in inputSize × units), through core's setWeights checks. */
  setWeight(layer: number, index: number, value: number): void {
    const params = this.model.parameters();
    const weights = this.model.getWeights();
    const k = params.findIndex((p, i) => p.name === 'kernel' && params.slice(0, i).filter((q) => q.name === 'kernel').length === layer);
    const kernel = weights[k];
    if (!kernel || !(Number.isInteger(index) && index >= 0 && index < kernel.length)) throw new Error(`layer ${layer + 1} has no weight ${index + 1}`);
    kernel[index] = value;
    this.model.setWeights(weights);
  }

  weights(): LayerWeights[] {
    return this.model.layers.map((layer) => {
      const params = layer.params();
      const kernel = params.find((p) => p.name === 'kernel');
      const bias = params.find((p) => p.name === 'bias');
      if (!kernel) throw new Error(`layer ${layer.type} has no kernel`);
      return {
        inputSize: layer.inputSize,
        units: layer.outputSize,
        kernel: Float32Array.from(kernel.value),
        bias: bias ? Float32Array.from(bias.value) : new Float32Array(layer.outputSize),
      };
    });
  }

  snapshot(running: boolean): PlaygroundSnapshot {
    const { setup } = this;
    const rows = setup.gridSize * setup.gridSize;
    return {
      epoch: this.epoch,
      trainLoss: this.model.evaluate(this.train).loss,
      testLoss: this.test.n > 0 ? this.model.evaluate(this.test).loss : Number.NaN,
      weights: this.weights(),
      layerOutputs: this.model.activations(setup.grid, rows).map((a) => a.data),
      running,
    };
  }
}
