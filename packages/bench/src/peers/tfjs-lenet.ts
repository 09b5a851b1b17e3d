/**
 * TensorFlow.js on W5: LeNet-5 built from tf.layers as a TF.js user writes it — conv2d (6@5×5,
 * 'same' padding, i.e. 2 pixels for a 5×5 kernel) + ReLU, maxPooling2d 2, conv2d (16@5×5, 'valid')
 * + ReLU, maxPooling2d 2, flatten, dense 120 ReLU, dense 84 ReLU, dense 10 softmax — compiled with
 * categorical cross-entropy and plain SGD (lr 0.05), trained with trainOnBatch on batches of 64
 * gathered in JS (as in W2's peer). Images are NHWC ([64, 28, 28, 1]), TF.js's native layout: with
 * one input channel that is the same buffer as NCHW. Kernels He-normal, the output layer's
 * Glorot-uniform, biases zero (backprop's defaults). The result carries the model's parameter
 * count (LeNet-5: 61,706) and the process's peak RSS.
 */
import type { Dataset } from '@backprop/core';
import { peakRssBytes, type SystemResult } from '../backprop-fit.js';
import { gatherRows } from '../gather-rows.js';
import { median, startClock, timeUnits } from '../stats.js';
import { W5 } from '../w5-spec.js';
import { loadTf } from './tfjs-setup.js';

/**
 * One warm-up unit, then `units` timed units of `batchesPerUnit` batches each; every unit walks a
 * fresh shuffle of `data` (so batchesPerUnit·64 ≤ data.n: a unit may be a fraction of an epoch).
 */
export async function measureTfjsLenet(data: Dataset, batchesPerUnit: number, units: number): Promise<SystemResult> {
  const tf = await loadTf('cpu');
  const [channels, height, width] = W5.inputShape;
  const relu = { activation: 'relu' as const, kernelInitializer: 'heNormal' as const };
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [height, width, channels], filters: 6, kernelSize: 5, padding: 'same', ...relu }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', ...relu }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 120, ...relu }),
      tf.layers.dense({ units: 84, ...relu }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'glorotUniform' }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(W5.lr), loss: 'categoricalCrossentropy' });
  const batch = W5.batch;
  const xBatch = new Float32Array(batch * data.inputSize);
  const yBatch = new Float32Array(batch * data.outputSize);
  /** One unit; returns [samples/s, samples per CPU-second]. */
  const runUnit = async (): Promise<[number, number]> => {
    const order = Int32Array.from(tf.util.createShuffledIndices(data.n));
    const clock = startClock();
    for (let b = 0; b < batchesPerUnit; b++) {
      const rows = order.subarray(b * batch, (b + 1) * batch);
      gatherRows(data.x, data.inputSize, rows, xBatch);
      gatherRows(data.y, data.outputSize, rows, yBatch);
      const xb = tf.tensor4d(xBatch, [batch, height, width, channels]);
      const yb = tf.tensor2d(yBatch, [batch, data.outputSize]);
      await model.trainOnBatch(xb, yb);
      tf.dispose([xb, yb]);
    }
    return clock.rates(batchesPerUnit * batch);
  };
  const { perUnit, cpuPerUnit } = await timeUnits(units, runUnit);
  return {
    system: 'tfjs cpu',
    samplesPerSecond: median(perUnit),
    perUnit,
    cpuSamplesPerSecond: median(cpuPerUnit),
    unitSamples: batchesPerUnit * batch,
    detail: `TensorFlow.js ${tf.version.tfjs} ${tf.getBackend()} tf.layers`,
    parameters: model.countParams(),
    peakRssBytes: peakRssBytes(),
  };
}
