/**
 * TensorFlow.js on W2: the same network (784-256-128-10, ReLU, softmax + cross-entropy, He-normal
 * init, zero biases), the same batch (64, reshuffled every epoch) and the same optimizer (plain
 * SGD, lr 0.05), written the way TF.js runs it fastest: fused matMul + bias + ReLU (what its
 * Dense layer uses), tf.losses.softmaxCrossEntropy (mean over the batch) and optimizer.minimize.
 */
import type { Dataset } from '@backprop/core';
import type { Scalar, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { SystemResult } from '../backprop-fit.js';
import { gatherRows } from '../gather-rows.js';
import { median, startClock, timeUnits } from '../stats.js';
import { W2_BATCH, W2_LR, W2_SIZES } from '../w2-spec.js';
import { loadTf, type TfBackend } from './tfjs-setup.js';

/**
 * One warm-up unit, then `units` timed units of `batchesPerUnit` batches each; every unit walks a
 * fresh shuffle of `data` (so batchesPerUnit·64 ≤ data.n: a unit may be a fraction of an epoch).
 */
export async function measureTfjsMlp(backend: TfBackend, data: Dataset, batchesPerUnit: number, units: number): Promise<SystemResult> {
  const tf = await loadTf(backend);
  const params: { w: Variable; b: Variable }[] = [];
  for (let l = 0; l + 1 < W2_SIZES.length; l++) {
    const fanIn = W2_SIZES[l] as number;
    const fanOut = W2_SIZES[l + 1] as number;
    params.push({
      w: tf.variable(tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), 'float32', 1 + l)),
      b: tf.variable(tf.zeros([fanOut])),
    });
  }
  const optimizer = tf.train.sgd(W2_LR);
  const loss = (xb: Tensor2D, yb: Tensor2D): Scalar => {
    let h = xb;
    params.forEach((p, l) => {
      const last = l === params.length - 1;
      h = tf.fused.matMul({ a: h, b: p.w as Tensor2D, bias: p.b, ...(last ? {} : { activation: 'relu' as const }) }) as Tensor2D;
    });
    return tf.losses.softmaxCrossEntropy(yb, h) as Scalar;
  };
  // Batches are gathered in JS and uploaded (tf.gather from a 10,000-row tensor is far slower here).
  const xBatch = new Float32Array(W2_BATCH * data.inputSize);
  const yBatch = new Float32Array(W2_BATCH * data.outputSize);
  /** One unit; returns [samples/s, samples per CPU-second]. */
  const runUnit = async (): Promise<[number, number]> => {
    const order = Int32Array.from(tf.util.createShuffledIndices(data.n));
    const clock = startClock();
    let last: Scalar | null = null;
    for (let b = 0; b < batchesPerUnit; b++) {
      const rows = order.subarray(b * W2_BATCH, (b + 1) * W2_BATCH);
      gatherRows(data.x, data.inputSize, rows, xBatch);
      gatherRows(data.y, data.outputSize, rows, yBatch);
      const xb = tf.tensor2d(xBatch, [W2_BATCH, data.inputSize]);
      const yb = tf.tensor2d(yBatch, [W2_BATCH, data.outputSize]);
      last?.dispose();
      last = optimizer.minimize(() => loss(xb, yb), true);
      tf.dispose([xb, yb]);
    }
    await last?.data(); // wait for the last step (no-op on synchronous backends)
    last?.dispose();
    return clock.rates(batchesPerUnit * W2_BATCH);
  };
  const { perUnit, cpuPerUnit } = await timeUnits(units, runUnit);
  return {
    system: `tfjs ${backend}`,
    samplesPerSecond: median(perUnit),
    perUnit,
    cpuSamplesPerSecond: median(cpuPerUnit),
    unitSamples: batchesPerUnit * W2_BATCH,
    detail: `TensorFlow.js ${tf.version.tfjs} ${tf.getBackend()}`,
  };
}
